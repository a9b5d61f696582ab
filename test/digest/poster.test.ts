import { readdir } from "node:fs/promises";
import { afterEach, describe, expect, it } from "vitest";
import { type PostFn, postDigestOnce, previewDigest } from "../../src/digest/poster.ts";
import { SqliteStore } from "../../src/state/sqlite.ts";
import { captureLog } from "../helpers/slack-fakes.ts";
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
  const store = await SqliteStore.open(state.dir, {
    log: captureLog().log,
    role: "tool",
    instanceId: "poster-test",
  });
  cleanups.unshift(() => store.close());
  return { stateDir: state.dir, store, kb: await openKb(knowledge.dir) };
}

const now = new Date("2024-06-03T06:00:00Z");

describe("postDigestOnce", () => {
  it("records 'posting' before the post and 'posted' with the message ts after it", async () => {
    const { store, kb } = await setup();
    const seen: string[] = [];
    const post: PostFn = async (digest, day) => {
      const entries = await store.digest.entries();
      seen.push(entries[0]?.status ?? "none");
      expect(day).toBe("2024-06-03");
      expect(digest.header).toBe("MINUSMA briefing — Monday 3 June 2024");
      return { ts: "1717394400.000100" };
    };
    const outcome = await postDigestOnce({ store, channel: "C0DIGEST", day: "2024-06-03", now, kb, post });
    expect(seen).toEqual(["posting"]);
    expect(outcome).toMatchObject({ status: "posted", ts: "1717394400.000100", channel: "C0DIGEST" });
    const [entry] = await store.digest.entries();
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
    const { store, kb } = await setup();
    let posts = 0;
    const post: PostFn = async () => ({ ts: `1717394400.00010${++posts}` });
    const options = { store, channel: "C0DIGEST", day: "2024-06-03", now, kb, post };
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
    expect(await store.digest.entries()).toEqual([
      expect.objectContaining({ status: "posted", ts: "1717394400.000102" }),
    ]);
  });

  it("looks in the channel first: a day already there (its record lost) is recorded, not posted again", async () => {
    const { store, kb } = await setup();
    let posts = 0;
    const post: PostFn = async () => ({ ts: `1717394400.00010${++posts}` });
    const looked: string[] = [];
    const outcome = await postDigestOnce({
      store,
      channel: "C0DIGEST",
      day: "2024-06-03",
      now,
      kb,
      post,
      find: async (day) => {
        looked.push(day);
        return { ts: "1717390000.000100" };
      },
    });
    expect(looked).toEqual(["2024-06-03"]);
    expect(posts).toBe(0);
    expect(outcome).toMatchObject({ status: "found", ts: "1717390000.000100" });
    expect(await store.digest.entries()).toEqual([
      expect.objectContaining({ day: "2024-06-03", status: "posted", ts: "1717390000.000100" }),
    ]);
  });

  it("a day left 'posting' by a crash is posted when the channel does not have it, and not when it does", async () => {
    const { store, kb } = await setup();
    const left = {
      day: "2024-06-03",
      status: "posting" as const,
      channel: "C0DIGEST",
      hashes: {},
      ts: null,
      turn: null,
      attempts: 1,
      updatedAt: now.toISOString(),
      error: null,
      owner: "crashed:1:abc",
    };
    await store.digest.put(left);
    let posts = 0;
    const post: PostFn = async () => ({ ts: `1717394400.00010${++posts}` });
    const options = { store, channel: "C0DIGEST", day: "2024-06-03", now, kb, post };
    // Without a way to look, the day counts as posted: a missing digest is better than a duplicate.
    expect(await postDigestOnce(options)).toMatchObject({ status: "already" });
    expect(await postDigestOnce({ ...options, find: async () => null })).toMatchObject({
      status: "posted",
      ts: "1717394400.000101",
    });
    await store.digest.put({ ...left, day: "2024-06-04" });
    expect(
      await postDigestOnce({
        ...options,
        day: "2024-06-04",
        find: async () => ({ ts: "1717480000.000100" }),
      }),
    ).toMatchObject({ status: "found", ts: "1717480000.000100" });
    expect(posts).toBe(1);
  });

  it("posts once when two callers race on one state folder", async () => {
    const { store, kb } = await setup();
    let posts = 0;
    // The post is held until the test lets it go, so the two callers surely overlap.
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const post: PostFn = async () => {
      posts++;
      await held;
      return { ts: "1717394400.000100" };
    };
    const options = { store, channel: "C0DIGEST", day: "2024-06-03", now, kb, post };
    const calls = [postDigestOnce(options), postDigestOnce(options)];
    // The caller that finds the other one posting comes back while that post is still held.
    expect((await Promise.race(calls)).status).toBe("busy");
    release();
    const outcomes = await Promise.all(calls);
    expect(posts).toBe(1);
    expect(outcomes.map((o) => o.status).sort()).toEqual(["busy", "posted"]);
  });
});

describe("previewDigest", () => {
  it("builds the day's digest without writing anything", async () => {
    const { stateDir, store, kb } = await setup();
    const before = store.writes;
    const digest = await previewDigest(store, kb, "2024-06-03");
    expect(digest.kind).toBe("first");
    expect(store.writes).toBe(before);
    expect(await store.digest.entries()).toEqual([]);
    expect((await readdir(stateDir)).filter((f) => f.endsWith(".lock"))).toEqual([]);
  });
});
