import { describe, expect, it } from "vitest";
import { buildDigest } from "../../src/core/digest/digest.ts";
import { digestMessage } from "../../src/slack/blocks/digest.ts";
import { type ChatClient, chatPoster } from "../../src/slack/digest-poster.ts";
import { realKnowledgeBase } from "../helpers/slack-fakes.ts";

describe("chatPoster", () => {
  it("posts to the channel with link previews off and returns the ts", async () => {
    const calls: unknown[] = [];
    const client: ChatClient = {
      chat: {
        postMessage: async (args) => {
          calls.push(args);
          return { ok: true, ts: "1717394400.000100" };
        },
      },
    };
    const digest = buildDigest(await realKnowledgeBase(), { day: "2024-06-03", previous: null });
    expect(await chatPoster(client, "C0DIGEST")(digest, "2024-06-03")).toEqual({
      ts: "1717394400.000100",
    });
    // The digest goes out as its Block Kit message, marked with its day.
    const { blocks, text } = digestMessage(digest);
    expect(calls).toEqual([
      {
        channel: "C0DIGEST",
        blocks,
        text,
        unfurl_links: false,
        unfurl_media: false,
        metadata: { event_type: "minusma_digest", event_payload: { day: "2024-06-03" } },
      },
    ]);
  });

  it("fails when Slack gives no message ts, so the post is retried rather than recorded", async () => {
    const client: ChatClient = {
      chat: { postMessage: async () => ({ ok: false, error: "channel_not_found" }) },
    };
    const digest = buildDigest(await realKnowledgeBase(), { day: "2024-06-03", previous: null });
    await expect(chatPoster(client, "C0DIGEST")(digest, "2024-06-03")).rejects.toThrow(
      "digest: chat.postMessage returned no message ts (channel_not_found)",
    );
  });
});
