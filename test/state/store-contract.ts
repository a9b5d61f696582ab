import { afterEach, describe, expect, it } from "vitest";
import type { LedgerEntry } from "../../src/digest/ledger.ts";
import { STATE_BOUNDS, type StateStore } from "../../src/state/types.ts";

const turn = { question: "troop ceiling", focus: ["troop", "ceiling"], docs: ["doc-a"], found: true };
const T0 = Date.parse("2024-06-03T08:00:00Z");

function entry(day: string, fields: Partial<LedgerEntry> = {}): LedgerEntry {
  return {
    day,
    status: "posted",
    channel: "C0DIGEST",
    hashes: { "doc-a": "h1" },
    ts: `${day.replaceAll("-", "")}.000100`,
    turn,
    attempts: 1,
    updatedAt: `${day}T08:00:00.000Z`,
    error: null,
    owner: "host:1:abc",
    ...fields,
  };
}

/**
 * What every engine must do, run against each (SQLite on a real file, PostgreSQL on a real server): the
 * factory opens a fresh, empty store whose clock is `now`.
 */
export function describeStateStore(name: string, open: (now: () => number) => Promise<StateStore>): void {
  describe(`state store contract: ${name}`, () => {
    let clock = T0;
    const opened: StateStore[] = [];
    const fresh = async () => {
      clock = T0;
      const store = await open(() => clock);
      opened.push(store);
      return store;
    };
    afterEach(async () => {
      for (const store of opened.splice(0)) await store.close();
    });

    it("claims an event id once, and again only after its hour", async () => {
      const store = await fresh();
      expect(await store.events.claim("event:Ev1", "message:C1:1.1")).toBe(true);
      expect(await store.events.claim("event:Ev1", "message:C1:1.1")).toBe(false);
      // The mention's second event: another event id, the same message.
      expect(await store.events.claim("event:Ev2", "message:C1:1.1")).toBe(false);
      clock += STATE_BOUNDS.handledEventTtlMs;
      expect(await store.events.claim("event:Ev1", "message:C1:1.1")).toBe(true);
    });

    it("of many claims of one event at once, exactly one wins", async () => {
      const store = await fresh();
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => store.events.claim(`event:Ev${i}`, "message:C1:2.2")),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it("remembers a signature until its window ends", async () => {
      const store = await fresh();
      expect(await store.replays.claim("v0=abc", T0 + 1_000)).toBe(true);
      expect(await store.replays.claim("v0=abc", T0 + 1_000)).toBe(false);
      clock += 1_000;
      expect(await store.replays.claim("v0=abc", T0 + 2_000)).toBe(true);
    });

    it("remembers a thread's turns for 7 days after the last", async () => {
      const store = await fresh();
      expect(await store.threads.has("C1:1")).toBe(false);
      expect(await store.threads.history("C1:1")).toEqual([]);
      await store.threads.append("C1:1", turn);
      await store.threads.append("C1:1", { ...turn, question: "and for police?" });
      expect((await store.threads.history("C1:1")).map((t) => t.question)).toEqual([
        "troop ceiling",
        "and for police?",
      ]);
      clock += STATE_BOUNDS.threadTtlMs - 1;
      expect(await store.threads.has("C1:1")).toBe(true);
      clock += 1;
      expect(await store.threads.has("C1:1")).toBe(false);
      await store.threads.append("C1:1", turn);
      expect(await store.threads.history("C1:1")).toEqual([turn]);
    });

    it("lets a person ask perMinute questions in any minute, and says how long to wait", async () => {
      const store = await fresh();
      for (let i = 0; i < 3; i += 1) {
        expect(await store.questions.take("U1", 3)).toEqual({ allowed: true });
        clock += 10_000;
      }
      expect(await store.questions.take("U1", 3)).toEqual({ allowed: false, retryInSeconds: 30 });
      expect(await store.questions.take("U2", 3)).toEqual({ allowed: true });
      clock += 30_000;
      expect(await store.questions.take("U1", 3)).toEqual({ allowed: true });
    });

    it("counts questions asked at once exactly", async () => {
      const store = await fresh();
      const verdicts = await Promise.all(Array.from({ length: 12 }, () => store.questions.take("U9", 5)));
      expect(verdicts.filter((v) => v.allowed)).toHaveLength(5);
    });

    it("keeps one vote per person per answer, the latest last", async () => {
      const store = await fresh();
      const vote = {
        key: "C1:2:U1",
        at: "2024-06-03T08:00:00.000Z",
        user: "U1",
        channel: "C1",
        question: "troop ceiling",
        helpful: true,
        docs: ["doc-a"],
      };
      await store.feedback.add(vote);
      await store.feedback.add({ ...vote, key: "C1:3:U2", user: "U2" });
      await store.feedback.add({ ...vote, helpful: false });
      expect((await store.feedback.list()).map((r) => [r.key, r.helpful])).toEqual([
        ["C1:3:U2", true],
        ["C1:2:U1", false],
      ]);
    });

    it("keeps the digest's days, finds one by its message, and lets one holder post at a time", async () => {
      const store = await fresh();
      await store.digest.put(entry("2024-06-04"));
      await store.digest.put(entry("2024-06-03", { status: "posting", ts: null }));
      await store.digest.put(entry("2024-06-03"));
      expect((await store.digest.entries()).map((e) => [e.day, e.status])).toEqual([
        ["2024-06-03", "posted"],
        ["2024-06-04", "posted"],
      ]);
      expect(await store.digest.byMessage("C0DIGEST", "20240604.000100")).toEqual(entry("2024-06-04"));
      expect(await store.digest.byMessage("C0DIGEST", "1.1")).toBeNull();

      let inner: unknown;
      const outer = await store.digest.withLock(async () => {
        inner = await store.digest.withLock(async () => "inner ran");
        return "outer ran";
      });
      expect(outer).toEqual({ done: "outer ran" });
      expect(inner).toMatchObject({ busy: { owner: expect.any(String) } });
      expect(await store.digest.withLock(async () => "again")).toEqual({ done: "again" });
    });

    it("records the knowledge version", async () => {
      const store = await fresh();
      expect(await store.knowledge.version()).toBeNull();
      await store.knowledge.publish("v1");
      await store.knowledge.publish("v2");
      expect(await store.knowledge.version()).toBe("v2");
    });

    it("removes expired rows in a sweep, and keeps each table within its bound", async () => {
      const store = await fresh();
      await store.events.claim("event:old");
      await store.replays.claim("v0=old", T0 + 1_000);
      await store.threads.append("C1:old", turn);
      await store.questions.take("U1", 10);
      clock += STATE_BOUNDS.threadTtlMs;
      await store.threads.append("C1:new", turn);
      expect(await store.sweep()).toBe(4);
      expect(await store.threads.has("C1:new")).toBe(true);
      expect(await store.sweep()).toBe(0);
      for (let i = 0; i < STATE_BOUNDS.digestDays + 3; i += 1) {
        await store.digest.put(entry(new Date(T0 + i * 86_400_000).toISOString().slice(0, 10)));
      }
      expect(await store.sweep()).toBe(3);
      expect(await store.digest.entries()).toHaveLength(STATE_BOUNDS.digestDays);
    });
  });
}
