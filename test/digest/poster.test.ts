import { readdir } from "node:fs/promises";
import type { KnownBlock } from "@slack/web-api";
import { afterEach, describe, expect, it } from "vitest";
import { readLedger } from "../../src/digest/ledger.ts";
import {
  type ChatClient,
  chatPoster,
  type PostFn,
  postDigestOnce,
  previewDigest,
} from "../../src/digest/poster.ts";
import { ATTACK_DOC, CEILING_DOC, openKb, tempDir, writeDoc } from "./helpers/knowledge.ts";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function setup() {
  const state = await tempDir("poster-state");
  const knowledge = await tempDir("poster-kb");
  cleanups.push(state.remove, knowledge.remove);
  await writeDoc(knowledge.dir, CEILING_DOC);
  await writeDoc(knowledge.dir, ATTACK_DOC);
  return { stateDir: state.dir, kb: await openKb(knowledge.dir) };
}

const now = new Date("2024-06-03T06:00:00Z");

describe("postDigestOnce", () => {
  it("records 'posting' before the post and 'posted' with the message ts after it", async () => {
    const { stateDir, kb } = await setup();
    const seen: string[] = [];
    const post: PostFn = async (blocks, text) => {
      const ledger = await readLedger(stateDir);
      seen.push(ledger.entries[0]?.status ?? "none");
      expect(blocks[0]).toMatchObject({ type: "header" });
      expect(text).toContain("MINUSMA briefing — Monday 3 June 2024");
      return { ts: "1717394400.000100" };
    };
    const outcome = await postDigestOnce({ stateDir, channel: "C0DIGEST", day: "2024-06-03", now, kb, post });
    expect(seen).toEqual(["posting"]);
    expect(outcome).toMatchObject({ status: "posted", ts: "1717394400.000100", channel: "C0DIGEST" });
    const [entry] = (await readLedger(stateDir)).entries;
    expect(entry).toMatchObject({
      day: "2024-06-03",
      status: "posted",
      ts: "1717394400.000100",
      attempts: 1,
    });
    expect(entry!.hashes).toEqual(kb.hashes);
    expect(entry!.turn?.docs).toEqual(expect.arrayContaining(["ceiling-2019", "attack-2021"]));
  });

  it("does not post a day already recorded unless forced, and a failed forced post keeps the record", async () => {
    const { stateDir, kb } = await setup();
    let posts = 0;
    const post: PostFn = async () => ({ ts: `1717394400.00010${++posts}` });
    const options = { stateDir, channel: "C0DIGEST", day: "2024-06-03", now, kb, post };
    await postDigestOnce(options);
    expect(await postDigestOnce(options)).toMatchObject({
      status: "already",
      entry: { ts: "1717394400.000101" },
    });
    expect(posts).toBe(1);
    expect(await postDigestOnce({ ...options, force: true })).toMatchObject({
      status: "posted",
      ts: "1717394400.000102",
    });
    const refused: PostFn = async () => {
      throw new Error("An API error occurred: ratelimited");
    };
    expect(await postDigestOnce({ ...options, post: refused, force: true })).toMatchObject({
      status: "failed",
    });
    expect((await readLedger(stateDir)).entries).toEqual([
      expect.objectContaining({ status: "posted", ts: "1717394400.000102" }),
    ]);
  });

  it("posts once when two callers race on one state folder", async () => {
    const { stateDir, kb } = await setup();
    let posts = 0;
    const post: PostFn = async () => {
      posts++;
      await new Promise((resolve) => setTimeout(resolve, 30));
      return { ts: "1717394400.000100" };
    };
    const options = { stateDir, channel: "C0DIGEST", day: "2024-06-03", now, kb, post };
    const outcomes = await Promise.all([postDigestOnce(options), postDigestOnce(options)]);
    expect(posts).toBe(1);
    expect(outcomes.map((o) => o.status).sort()).toEqual(["busy", "posted"]);
  });
});

describe("previewDigest", () => {
  it("builds the day's digest without writing anything", async () => {
    const { stateDir, kb } = await setup();
    const digest = await previewDigest(stateDir, kb, "2024-06-03");
    expect(digest.kind).toBe("first");
    expect(await readdir(stateDir)).toEqual([]);
  });
});

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
    const blocks: KnownBlock[] = [{ type: "divider" }];
    expect(await chatPoster(client, "C0DIGEST")(blocks, "text")).toEqual({ ts: "1717394400.000100" });
    expect(calls).toEqual([
      { channel: "C0DIGEST", blocks, text: "text", unfurl_links: false, unfurl_media: false },
    ]);
  });

  it("fails when Slack gives no message ts, so the post is retried rather than recorded", async () => {
    const client: ChatClient = {
      chat: { postMessage: async () => ({ ok: false, error: "channel_not_found" }) },
    };
    await expect(chatPoster(client, "C0DIGEST")([], "text")).rejects.toThrow(
      "digest: chat.postMessage returned no message ts (channel_not_found)",
    );
  });
});
