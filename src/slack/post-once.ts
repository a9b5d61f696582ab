import type { ChatPostMessageArguments, ChatPostMessageResponse, WebClient } from "@slack/web-api";
import type { AppLogger } from "../log.ts";
import { describeError } from "./errors.ts";

/**
 * The metadata every message the bot posts carries (Slack message metadata): what it is and what it answers.
 * It is what finds the message again when Slack took a post but its answer never came back.
 */
export const MESSAGE_EVENTS = {
  /** an answer in a thread; payload `question`: the asking message's `channel:ts` */
  answer: "minusma_answer",
  /** an apology where an answer should have been; payload `question` as for an answer */
  apology: "minusma_apology",
  /** an answer shared in a channel; payload `share`: the private answer's `channel:ts` */
  share: "minusma_share",
  /** the daily digest; payload `day` (src/digest/poster.ts) */
  digest: "minusma_digest",
} as const;

export interface MessageMetadata {
  event_type: string;
  event_payload: Record<string, string>;
}

export function messageMetadata(
  type: keyof typeof MESSAGE_EVENTS,
  payload: Record<string, string>,
): MessageMetadata {
  return { event_type: MESSAGE_EVENTS[type], event_payload: payload };
}

/** How many waits a rate-limited post honours before it is given up. */
const RATE_LIMIT_WAITS = 3;
/** The pause before a post is tried again after an unclear failure, doubling each time. */
const RETRY_FIRST_MS = 500;
/** How far back in a channel the bot looks for its own message: the post was made seconds ago. */
const LOOK_BACK_MESSAGES = 100;

export interface ExactlyOnceOptions {
  /** posts one message with no retry of its own (a WebClient with retries 0 and rateLimitedCalls rejected) */
  post: (args: ChatPostMessageArguments) => Promise<ChatPostMessageResponse>;
  /** how many times a post that failed without saying whether it was taken is tried again (after looking) */
  retries: number;
  log: AppLogger;
  sleep?: (ms: number) => Promise<void>;
}

type Failure = { code?: string; retryAfter?: number };

/**
 * Posts a message at most once. A post that times out or fails on the way (a network error, a 5xx) may still
 * have been taken by Slack, so it is never simply sent again: the bot first looks for its own message with the
 * same metadata in the thread (`conversations.replies`) or the channel (`conversations.history`), and sends
 * it again only when it is not there. A message without metadata cannot be looked for, so it is not sent
 * again. A 429 is Slack saying it did not take the post: it is sent again after the wait Slack asks for.
 * `reader` is the client whose methods read the channel (with their usual retries: reading twice is harmless).
 */
export function exactlyOnce(options: ExactlyOnceOptions) {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  return async (reader: WebClient, args: ChatPostMessageArguments): Promise<ChatPostMessageResponse> => {
    let unclear = 0;
    let limited = 0;
    for (;;) {
      try {
        return await options.post(args);
      } catch (error) {
        const failure = error as Failure;
        if (failure.code === "slack_webapi_rate_limited_error" && limited < RATE_LIMIT_WAITS) {
          limited += 1;
          options.log.info(
            `slack: rate limited posting in ${args.channel}; posting again in ${failure.retryAfter ?? 1} s, as Slack asks`,
          );
          await sleep((failure.retryAfter ?? 1) * 1000);
          continue;
        }
        const mayHavePosted =
          failure.code === "slack_webapi_request_error" || failure.code === "slack_webapi_http_error";
        const metadata = (args as { metadata?: MessageMetadata }).metadata;
        if (!mayHavePosted || !metadata || unclear >= options.retries) throw error;
        unclear += 1;
        const found = await findOwnMessage(reader, args, metadata).catch((lookError: unknown) => {
          options.log.warn(
            `slack: a post in ${args.channel} failed (${describeError(error)}) and the channel could not be ` +
              `read to see whether Slack took it (${describeError(lookError)}); not posting it again`,
          );
          return "unknown" as const;
        });
        if (found === "unknown") throw error;
        if (found) {
          options.log.info(
            `slack: a post in ${args.channel} failed (${describeError(error)}) but Slack had taken it ` +
              `(ts ${found.ts}); not posting it again`,
          );
          return { ok: true, channel: args.channel, ts: found.ts, message: found } as ChatPostMessageResponse;
        }
        options.log.info(
          `slack: a post in ${args.channel} failed (${describeError(error)}) and is not in the channel; ` +
            "posting it again",
        );
        await sleep(RETRY_FIRST_MS * 2 ** (unclear - 1));
      }
    }
  };
}

interface FoundMessage {
  ts: string;
  metadata?: { event_type?: string; event_payload?: Record<string, unknown> };
  [key: string]: unknown;
}

/** The bot's message with this metadata in the post's thread or channel, or null when it is not there. */
export async function findOwnMessage(
  reader: WebClient,
  args: { channel: string; thread_ts?: string | undefined },
  metadata: MessageMetadata,
): Promise<FoundMessage | null> {
  const result = args.thread_ts
    ? await reader.conversations.replies({
        channel: args.channel,
        ts: args.thread_ts,
        include_all_metadata: true,
        limit: LOOK_BACK_MESSAGES,
      })
    : await reader.conversations.history({
        channel: args.channel,
        include_all_metadata: true,
        limit: LOOK_BACK_MESSAGES,
      });
  const messages = (result.messages ?? []) as FoundMessage[];
  return messages.find((message) => sameMetadata(message.metadata, metadata)) ?? null;
}

function sameMetadata(found: FoundMessage["metadata"], wanted: MessageMetadata): boolean {
  if (!found || found.event_type !== wanted.event_type) return false;
  const payload = found.event_payload ?? {};
  return Object.entries(wanted.event_payload).every(([key, value]) => payload[key] === value);
}
