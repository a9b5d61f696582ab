import { describe, expect, it } from "vitest";
import { threadKey } from "../../src/core/conversation/thread-memory.ts";
import { attachDigest, rememberDigestThreads } from "../../src/digest/attach.ts";
import type { LedgerEntry } from "../../src/digest/ledger.ts";
import { SqliteStore } from "../../src/state/sqlite.ts";
import { captureLog } from "../helpers/slack-fakes.ts";

function entry(day: string, status: LedgerEntry["status"], ts: string | null): LedgerEntry {
  return {
    day,
    status,
    channel: "C0DIGEST",
    hashes: {},
    ts,
    turn: ts ? { question: `digest ${day}`, focus: ["troop ceiling"], docs: ["doc-a"], found: true } : null,
    attempts: 1,
    updatedAt: `${day}T06:00:00.000Z`,
    error: null,
    owner: "test",
  };
}

describe("rememberDigestThreads", () => {
  it("puts back the threads of posted digests that the thread memory lost", async () => {
    const store = SqliteStore.inMemory({ log: captureLog().log });
    await store.digest.put(entry("2024-06-01", "posted", "1717221600.000100"));
    await store.digest.put(entry("2024-06-02", "failed", null));
    await store.digest.put(entry("2024-06-03", "posting", "1717394400.000100"));

    expect(await rememberDigestThreads(store)).toBe(1);
    expect(await store.threads.history(threadKey("C0DIGEST", "1717221600.000100"))).toEqual([
      { question: "digest 2024-06-01", focus: ["troop ceiling"], docs: ["doc-a"], found: true },
    ]);
    // A digest whose post was never confirmed has no thread to follow.
    expect(await store.threads.has(threadKey("C0DIGEST", "1717394400.000100"))).toBe(false);
    // Run again (another restart): nothing is added twice.
    expect(await rememberDigestThreads(store)).toBe(0);
  });
});

describe("attachDigest", () => {
  it("says once that there is no digest without a channel, and starts nothing", async () => {
    const lines: string[] = [];
    const log = {
      info: (m: string) => lines.push(m),
      warn: (m: string) => lines.push(m),
      error: (m: string) => lines.push(m),
    };
    const scheduler = await attachDigest(
      { DIGEST_CHANNEL: undefined, DIGEST_TIME: "08:00", DIGEST_TZ: "UTC" },
      {
        post: async () => ({ ts: "1" }),
        store: SqliteStore.inMemory({ log: captureLog().log }),
        getKnowledgeBase: () => {
          throw new Error("not called without a channel");
        },
        log,
      },
    );
    expect(scheduler).toBeNull();
    expect(lines).toEqual([expect.stringMatching(/^digest: DIGEST_CHANNEL is not set/u)]);
  });
});
