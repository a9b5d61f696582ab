import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { localDay } from "../../src/core/digest/day.ts";
import type { KnowledgeBase } from "../../src/core/knowledge-base.ts";
import type { LedgerEntry } from "../../src/digest/ledger.ts";
import { lockFile } from "../../src/digest/lock.ts";
import type { PostedDigest, PostFn } from "../../src/digest/poster.ts";
import {
  createDigestScheduler,
  type DigestLogger,
  type DigestSchedulerOptions,
  NO_DIGEST_CHANNEL_LOG,
  startDigestScheduler,
} from "../../src/digest/scheduler.ts";
import { digestMessage } from "../../src/slack/blocks/digest.ts";
import { SqliteStore } from "../../src/state/sqlite.ts";
import { captureLog } from "../helpers/slack-fakes.ts";
import { FakeClock } from "./helpers/fake-clock.ts";
import { ATTACK_DOC, CEILING_DOC, LATE_DOC, openKb, tempDir, writeDoc } from "./helpers/knowledge.ts";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const HOUR = 3_600_000;

interface Post {
  at: Date;
  text: string;
}

/**
 * A state folder, a knowledge folder, a fake clock and a recording `post`: one bot's world. `scheduler()`
 * starts a bot in it (call again for a restart or a second instance); each is stopped after the test.
 */
async function world(options: { start: string; time?: string; timeZone?: string }) {
  const state = await tempDir("sched-state");
  const knowledge = await tempDir("sched-kb");
  cleanups.push(state.remove, knowledge.remove);
  await writeDoc(knowledge.dir, CEILING_DOC);
  await writeDoc(knowledge.dir, ATTACK_DOC);
  const clock = new FakeClock(options.start);
  const posts: Post[] = [];
  const posted: PostedDigest[] = [];
  const logs: string[] = [];
  const log: DigestLogger = {
    info: (m) => logs.push(`info ${m}`),
    warn: (m) => logs.push(`warn ${m}`),
    error: (m) => logs.push(`error ${m}`),
  };
  let kb: KnowledgeBase = await openKb(knowledge.dir);
  // What the Slack layer would post: the digest as its message text.
  const post: PostFn = async (digest) => {
    posts.push({ at: clock.now(), text: digestMessage(digest).text });
    return { ts: `${clock.now().getTime() / 1000}.000100` };
  };
  const timeZone = options.timeZone ?? "Europe/Paris";

  /** A store on the state folder, as one bot process opens it. */
  async function openStore() {
    const store = await SqliteStore.open(state.dir, {
      log: captureLog().log,
      role: "tool",
      instanceId: `sched-${Math.random().toString(36).slice(2, 8)}`,
    });
    cleanups.push(() => store.close());
    return store;
  }

  async function scheduler(overrides: Partial<DigestSchedulerOptions> = {}) {
    const instance = createDigestScheduler({
      channel: "C0DIGEST",
      time: options.time ?? "08:00",
      timeZone,
      store: await openStore(),
      getKnowledgeBase: () => kb,
      post,
      clock,
      log,
      onPosted: (p) => posted.push(p),
      ...overrides,
    });
    instance.start();
    cleanups.push(() => instance.stop());
    return instance;
  }

  return {
    stateDir: state.dir,
    knowledgeDir: knowledge.dir,
    clock,
    posts,
    posted,
    logs,
    post,
    scheduler,
    /** the local day of each post, in order */
    postDays: () => posts.map((p) => localDay(p.at, timeZone)),
    /** the digest's record, as the next start would read it */
    entries: async (): Promise<LedgerEntry[]> => (await openStore()).digest.entries(),
    reload: async () => {
      kb = await openKb(knowledge.dir);
    },
  };
}

describe("digest scheduler", () => {
  it("posts once, at the set local time", async () => {
    const w = await world({ start: "2024-06-03T05:00:00Z" }); // 07:00 in Paris
    await w.scheduler();
    await w.clock.advanceTo("2024-06-03T05:59:59Z");
    expect(w.posts).toEqual([]);
    await w.clock.advanceTo("2024-06-03T06:00:00Z");
    expect(w.posts.map((p) => p.at.toISOString())).toEqual(["2024-06-03T06:00:00.000Z"]);
    await w.clock.advanceTo("2024-06-04T05:59:00Z");
    expect(w.posts).toHaveLength(1);
    await w.clock.advanceTo("2024-06-04T06:00:00Z");
    expect(w.postDays()).toEqual(["2024-06-03", "2024-06-04"]);
    expect((await w.entries()).map((e) => [e.day, e.status])).toEqual([
      ["2024-06-03", "posted"],
      ["2024-06-04", "posted"],
    ]);
  });

  it("does not post again the same day after a restart", async () => {
    const w = await world({ start: "2024-06-03T05:00:00Z" });
    const first = await w.scheduler();
    await w.clock.advanceTo("2024-06-03T07:00:00Z");
    await first.stop();
    await w.scheduler();
    await w.clock.advanceTo("2024-06-03T21:00:00Z");
    expect(w.posts).toHaveLength(1);
    expect(w.logs.some((l) => l.includes("the digest for 2024-06-03 was already posted"))).toBe(true);
  });

  it("posts a missed digest once when it comes back the same day, never a backlog of days", async () => {
    const w = await world({ start: "2024-05-30T05:00:00Z" });
    const before = await w.scheduler();
    await w.clock.advanceTo("2024-05-30T07:00:00Z");
    await before.stop();
    expect(w.postDays()).toEqual(["2024-05-30"]);

    // Down from 31 May to 3 June 10:00 local: three scheduled digests missed.
    await w.clock.advanceTo("2024-06-03T08:00:00Z");
    const after = await w.scheduler();
    await w.clock.advance(1000);
    expect(w.postDays()).toEqual(["2024-05-30", "2024-06-03"]);
    await w.clock.advanceTo("2024-06-03T21:00:00Z");
    await after.stop();
    await w.scheduler();
    await w.clock.advanceTo("2024-06-03T21:30:00Z");
    expect(w.postDays()).toEqual(["2024-05-30", "2024-06-03"]);
  });

  it("does not post yesterday's missed digest when it comes back before today's time", async () => {
    const w = await world({ start: "2024-06-04T04:00:00Z" }); // 06:00 in Paris; 3 June was missed
    await w.scheduler();
    await w.clock.advanceTo("2024-06-04T05:59:00Z");
    expect(w.posts).toEqual([]);
    await w.clock.advanceTo("2024-06-04T06:00:00Z");
    expect(w.postDays()).toEqual(["2024-06-04"]);
  });

  it("posts exactly once on a spring-forward day, even at a time the day skips", async () => {
    // Paris, 31 March 2024: 02:00 jumps to 03:00, so 02:30 never happens that day.
    const w = await world({ start: "2024-03-30T00:00:00Z", time: "02:30" }); // 01:00 in Paris
    await w.scheduler();
    await w.clock.advanceTo("2024-04-01T12:00:00Z");
    expect(w.postDays()).toEqual(["2024-03-30", "2024-03-31", "2024-04-01"]);
    expect(w.posts.map((p) => p.at.toISOString())).toEqual([
      "2024-03-30T01:30:00.000Z", // 02:30 CET
      "2024-03-31T01:30:00.000Z", // 03:30 CEST: the first moment after the gap
      "2024-04-01T00:30:00.000Z", // 02:30 CEST
    ]);
  });

  it("posts exactly once on a fall-back day, when the set time happens twice", async () => {
    // Paris, 27 October 2024: 03:00 goes back to 02:00, so 02:30 happens twice (00:30Z and 01:30Z).
    const w = await world({ start: "2024-10-26T00:00:00Z", time: "02:30" });
    await w.scheduler();
    await w.clock.advanceTo("2024-10-28T12:00:00Z");
    expect(w.postDays()).toEqual(["2024-10-26", "2024-10-27", "2024-10-28"]);
    const onTheDay = w.posts.filter((p) => localDay(p.at, "Europe/Paris") === "2024-10-27");
    expect(onTheDay).toHaveLength(1);
    expect(["2024-10-27T00:30:00.000Z", "2024-10-27T01:30:00.000Z"]).toContain(onTheDay[0]!.at.toISOString());
  });

  it("posts exactly once on both DST days in New York", async () => {
    const spring = await world({ start: "2024-03-09T12:00:00Z", timeZone: "America/New_York" }); // 07:00 EST
    await spring.scheduler();
    await spring.clock.advanceTo("2024-03-11T20:00:00Z");
    expect(spring.posts.map((p) => p.at.toISOString())).toEqual([
      "2024-03-09T13:00:00.000Z", // 08:00 EST
      "2024-03-10T12:00:00.000Z", // 08:00 EDT, the day the clocks went forward
      "2024-03-11T12:00:00.000Z",
    ]);

    // 01:30 happens twice on 3 November 2024 (EDT, then EST).
    const fall = await world({ start: "2024-11-02T04:00:00Z", timeZone: "America/New_York", time: "01:30" });
    await fall.scheduler();
    await fall.clock.advanceTo("2024-11-04T12:00:00Z");
    expect(fall.postDays()).toEqual(["2024-11-02", "2024-11-03", "2024-11-04"]);
    expect(fall.posts.map((p) => p.at.toISOString())).toEqual([
      "2024-11-02T05:30:00.000Z",
      expect.stringMatching(/^2024-11-03T0[56]:30:00\.000Z$/u),
      "2024-11-04T06:30:00.000Z",
    ]);
  });

  it("still posts the key figures on a day with nothing new, and says nothing is new", async () => {
    const w = await world({ start: "2024-06-03T05:00:00Z" });
    await w.scheduler();
    await w.clock.advanceTo("2024-06-04T07:00:00Z");
    expect(w.posts).toHaveLength(2);
    const second = w.posts[1]!.text;
    expect(second).toContain(
      "Nothing new since the last digest (Monday 3 June 2024): I checked 2 documents.",
    );
    expect(second).toContain("Key figures:");
    expect(second).toContain("13,289");
    expect(w.posted[1]!.digest.figures.length).toBeGreaterThan(0);
  });

  it("lists a document added after yesterday's digest today, and not tomorrow", async () => {
    const w = await world({ start: "2024-06-03T05:00:00Z" });
    await w.scheduler();
    await w.clock.advanceTo("2024-06-03T12:00:00Z");
    await writeDoc(w.knowledgeDir, LATE_DOC);
    await w.reload();
    await w.clock.advanceTo("2024-06-05T12:00:00Z");
    const items = w.posted.map((p) => p.digest.items.map((i) => i.doc.id));
    expect(items[1]).toEqual(["ied-2023"]);
    expect(items[2]).toEqual([]);
    expect(w.posts[1]!.text).toContain("New since the last digest (Monday 3 June 2024): 1 document.");
    expect(w.posts[2]!.text).toContain(
      "Nothing new since the last digest (Tuesday 4 June 2024): I checked 3 documents.",
    );
  });

  it("posts once when two instances run on the same state folder", async () => {
    const w = await world({ start: "2024-06-03T05:00:00Z" });
    // A post that lasts until the other instance has found it posting, so the two attempts surely overlap.
    const sawOther = () =>
      w.logs.some((l) => l.includes("another instance") && l.includes("is posting the digest"));
    const slowPost: PostFn = async (digest, day) => {
      while (!sawOther()) await new Promise((resolve) => setImmediate(resolve));
      return w.post(digest, day);
    };
    await w.scheduler({ post: slowPost });
    await w.scheduler({ post: slowPost });
    await w.clock.advanceTo("2024-06-03T21:00:00Z");
    expect(w.posts).toHaveLength(1);
    expect(w.logs.some((l) => l.includes("another instance") && l.includes("is posting the digest"))).toBe(
      true,
    );
  });

  it("does not post twice after a crash between 'posting' and 'posted'", async () => {
    const w = await world({ start: "2024-06-03T07:00:00Z" });
    const sent = path.join(w.stateDir, "sent.txt");
    const crash = promisify(execFile)(
      process.execPath,
      [
        "--import",
        "tsx",
        "test/digest/helpers/crash-mid-post.ts",
        w.stateDir,
        w.knowledgeDir,
        "2024-06-03",
        "2024-06-03T06:00:00Z",
        sent,
      ],
      { cwd: process.cwd() },
    );
    await expect(crash).rejects.toMatchObject({ signal: "SIGKILL" });
    expect(await readFile(sent, "utf8")).toBe("2024-06-03\n");
    expect(await w.entries()).toEqual([expect.objectContaining({ day: "2024-06-03", status: "posting" })]);
    // The dead process's lock is still there; the restarted bot must see through it.
    expect(JSON.parse(await readFile(lockFile(w.stateDir), "utf8")).pid).not.toBe(process.pid);

    await w.scheduler();
    await w.clock.advanceTo("2024-06-03T21:00:00Z");
    expect(w.posts).toEqual([]);
    expect(w.logs.some((l) => l.includes("was being posted when a run stopped"))).toBe(true);
    // The next day is posted as usual, measured against what the interrupted digest covered.
    await w.clock.advanceTo("2024-06-04T07:00:00Z");
    expect(w.postDays()).toEqual(["2024-06-04"]);
    expect(w.posts[0]!.text).toContain("Nothing new since the last digest (Monday 3 June 2024)");
  });

  it("retries a failed post later and records it once when it goes through", async () => {
    const w = await world({ start: "2024-06-03T05:00:00Z" });
    let calls = 0;
    const flaky: PostFn = async (digest, day) => {
      calls++;
      if (calls <= 2) throw new Error("An API error occurred: ratelimited");
      return w.post(digest, day);
    };
    await w.scheduler({ post: flaky, retryFirstMs: 60_000 });
    await w.clock.advanceTo("2024-06-03T06:00:00Z");
    expect(calls).toBe(1);
    expect(await w.entries()).toEqual([
      expect.objectContaining({ status: "failed", error: "An API error occurred: ratelimited" }),
    ]);
    await w.clock.advanceTo("2024-06-03T06:01:00Z");
    expect(calls).toBe(2);
    await w.clock.advanceTo("2024-06-03T06:02:59Z");
    expect(calls).toBe(2); // the second wait is twice the first
    await w.clock.advanceTo("2024-06-03T06:03:00Z");
    expect(calls).toBe(3);
    await w.clock.advanceTo("2024-06-03T21:00:00Z");
    expect(calls).toBe(3);
    expect(w.posts.map((p) => p.at.toISOString())).toEqual(["2024-06-03T06:03:00.000Z"]);
    expect(w.posted).toHaveLength(1);
    expect(await w.entries()).toEqual([
      expect.objectContaining({ day: "2024-06-03", status: "posted", attempts: 3, error: null }),
    ]);
    expect(w.logs.filter((l) => l.startsWith("warn digest: Slack did not take the digest"))).toHaveLength(2);
  });

  it("stops retrying a failed day when the day is over, and posts the new day at its time", async () => {
    const w = await world({ start: "2024-06-03T05:00:00Z" });
    let failing = true;
    const post: PostFn = async (digest, day) => {
      if (failing) throw new Error("An HTTP protocol error occurred: statusCode = 503");
      return w.post(digest, day);
    };
    await w.scheduler({ post, retryFirstMs: HOUR, retryMaxMs: 4 * HOUR });
    await w.clock.advanceTo("2024-06-03T21:59:00Z"); // 23:59 in Paris
    failing = false;
    await w.clock.advanceTo("2024-06-04T05:59:00Z");
    expect(w.posts).toEqual([]);
    await w.clock.advanceTo("2024-06-04T06:00:00Z");
    expect(w.postDays()).toEqual(["2024-06-04"]);
  });
});

describe("startDigestScheduler", () => {
  it("does not start without a channel, and says so in one log line", () => {
    const logs: string[] = [];
    const log: DigestLogger = {
      info: (m) => logs.push(m),
      warn: (m) => logs.push(m),
      error: (m) => logs.push(m),
    };
    const scheduler = startDigestScheduler({
      channel: undefined,
      time: "08:00",
      timeZone: "UTC",
      store: SqliteStore.inMemory({ log: captureLog().log }),
      getKnowledgeBase: () => {
        throw new Error("the knowledge base is not needed without a channel");
      },
      post: async () => {
        throw new Error("nothing is posted without a channel");
      },
      log,
    });
    expect(scheduler).toBeNull();
    expect(logs).toEqual([NO_DIGEST_CHANNEL_LOG]);
  });
});
