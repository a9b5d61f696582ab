import type { KnownBlock } from "@slack/web-api";
import type { Day } from "../core/digest/day.ts";
import type { FindFn, PostFn } from "../digest/poster.ts";
import { digestMessage } from "./blocks/digest.ts";

// The digest's Slack adapter: src/digest/ decides what to post and when, and is given this to post it.

/** The minimal part of a WebClient the poster uses, so a stand-in is easy to give in tests. */
export interface ChatClient {
  chat: {
    postMessage(args: {
      channel: string;
      blocks: KnownBlock[];
      text: string;
      unfurl_links: boolean;
      unfurl_media: boolean;
      metadata?: { event_type: string; event_payload: Record<string, string> };
    }): Promise<{ ok?: boolean; ts?: string; error?: string }>;
  };
}

/** The metadata every digest message carries: what finds it again in the channel. */
export const DIGEST_EVENT_TYPE = "minusma_digest";

export function digestMetadata(day: Day): { event_type: string; event_payload: Record<string, string> } {
  return { event_type: DIGEST_EVENT_TYPE, event_payload: { day } };
}

/**
 * A PostFn that posts to `channel` with a Web API client (Bolt's `app.client` or a WebClient). Link
 * previews are off: the digest cites several documents and one unfurl would crowd out the rest.
 */
export function chatPoster(client: ChatClient, channel: string): PostFn {
  return async (digest, day) => {
    const { blocks, text } = digestMessage(digest);
    const result = await client.chat.postMessage({
      channel,
      blocks,
      text,
      unfurl_links: false,
      unfurl_media: false,
      metadata: digestMetadata(day),
    });
    if (!result.ts) {
      throw new Error(
        `digest: chat.postMessage returned no message ts (${result.error ?? "no error given"})`,
      );
    }
    return { ts: result.ts };
  };
}

/** The minimal part of a WebClient the digest's finder uses. */
export interface HistoryClient {
  conversations: {
    history(args: {
      channel: string;
      include_all_metadata: boolean;
      limit: number;
      cursor?: string;
    }): Promise<{
      messages?: Array<{
        ts?: string;
        metadata?: { event_type?: string; event_payload?: Record<string, unknown> };
      }>;
      response_metadata?: { next_cursor?: string };
    }>;
  };
}

/** How many pages of the channel (200 messages each, newest first) are read for the day's digest. */
const FIND_PAGES = 3;

/**
 * A FindFn that reads the channel's recent history, with metadata, for the digest the bot posted for a day:
 * what keeps a lost record, or a post whose answer timed out, from becoming a second digest.
 */
export function chatFinder(client: HistoryClient, channel: string): FindFn {
  return async (day) => {
    let cursor: string | undefined;
    for (let page = 0; page < FIND_PAGES; page += 1) {
      const result = await client.conversations.history({
        channel,
        include_all_metadata: true,
        limit: 200,
        ...(cursor ? { cursor } : {}),
      });
      const found = (result.messages ?? []).find(
        (message) =>
          message.metadata?.event_type === DIGEST_EVENT_TYPE && message.metadata.event_payload?.day === day,
      );
      if (found?.ts) return { ts: found.ts };
      cursor = result.response_metadata?.next_cursor || undefined;
      if (!cursor) return null;
    }
    return null;
  };
}
