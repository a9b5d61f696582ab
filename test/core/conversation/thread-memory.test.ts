import { describe, expect, it } from "vitest";
import type { Turn } from "../../../src/core/answer/types.ts";
import {
  THREAD_MEMORY_DEFAULTS,
  ThreadMemory,
  threadKey,
  threadKeyOf,
} from "../../../src/core/conversation/thread-memory.ts";

const turn = (question: string): Turn => ({ question, focus: [question], docs: [], found: true });
const HOUR = 60 * 60 * 1000;

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe("thread keys", () => {
  it("are the channel and the thread's first ts", () => {
    expect(threadKey("C1", "111.1")).toBe("C1:111.1");
  });

  it("put a reply in its thread and a top-level message in its own", () => {
    expect(threadKeyOf({ channel: "C1", ts: "222.2", thread_ts: "111.1" })).toBe("C1:111.1");
    expect(threadKeyOf({ channel: "C1", ts: "222.2" })).toBe("C1:222.2");
  });
});

describe("ThreadMemory", () => {
  it("keeps a thread's turns oldest first", () => {
    const memory = new ThreadMemory();
    memory.append("C1:1", turn("troop ceiling"));
    memory.append("C1:1", turn("and for police?"));
    expect(memory.history("C1:1").map((t) => t.question)).toEqual(["troop ceiling", "and for police?"]);
    expect(memory.history("C1:2")).toEqual([]);
    expect(memory.has("C1:1")).toBe(true);
    expect(memory.has("C1:2")).toBe(false);
  });

  it("forgets a thread once its TTL has passed since the last answer, not since the first", () => {
    const time = clock();
    const memory = new ThreadMemory({ ttlMs: 10 * HOUR, now: time.now });
    memory.append("C1:1", turn("a"));
    time.advance(9 * HOUR);
    memory.append("C1:1", turn("b"));
    time.advance(9 * HOUR);
    expect(memory.history("C1:1")).toHaveLength(2);
    time.advance(1 * HOUR);
    expect(memory.has("C1:1")).toBe(false);
    expect(memory.history("C1:1")).toEqual([]);
  });

  it("documents a 7-day TTL, 2,000 threads and 10 turns, and uses them by default", () => {
    const memory = new ThreadMemory();
    expect(THREAD_MEMORY_DEFAULTS).toEqual({ ttlMs: 7 * 24 * HOUR, maxThreads: 2_000, maxTurns: 10 });
    expect([memory.ttlMs, memory.maxThreads, memory.maxTurns]).toEqual([7 * 24 * HOUR, 2_000, 10]);
  });

  it("evicts the least recently answered thread when full", () => {
    const time = clock();
    const memory = new ThreadMemory({ maxThreads: 2, now: time.now });
    memory.append("C1:1", turn("one"));
    time.advance(1);
    memory.append("C1:2", turn("two"));
    time.advance(1);
    memory.append("C1:1", turn("one again"));
    time.advance(1);
    memory.append("C1:3", turn("three"));
    expect(memory.has("C1:1")).toBe(true);
    expect(memory.has("C1:2")).toBe(false);
    expect(memory.has("C1:3")).toBe(true);
    expect(memory.size).toBe(2);
  });

  it("keeps only the last turns of a long thread", () => {
    const memory = new ThreadMemory({ maxTurns: 3 });
    for (const q of ["1", "2", "3", "4", "5"]) memory.append("C1:1", turn(q));
    expect(memory.history("C1:1").map((t) => t.question)).toEqual(["3", "4", "5"]);
  });

  it("survives a round trip through JSON, dropping what expired meanwhile", () => {
    const time = clock();
    const before = new ThreadMemory({ ttlMs: 10 * HOUR, now: time.now });
    before.append("C1:old", turn("old"));
    time.advance(5 * HOUR);
    before.append("C1:new", turn("troop ceiling"));
    const json = JSON.parse(JSON.stringify(before));

    time.advance(6 * HOUR);
    const after = new ThreadMemory({ ttlMs: 10 * HOUR, now: time.now });
    after.restore(json);
    expect(after.has("C1:old")).toBe(false);
    expect(after.history("C1:new")).toEqual([turn("troop ceiling")]);
  });

  it("calls onChange after every change, for the store to persist", () => {
    let changes = 0;
    const memory = new ThreadMemory({ onChange: () => (changes += 1) });
    memory.append("C1:1", turn("a"));
    memory.forget("C1:1");
    memory.forget("C1:1");
    expect(changes).toBe(2);
  });

  it("refuses bounds that would make it forget everything", () => {
    expect(() => new ThreadMemory({ maxThreads: 0 })).toThrow(/positive/u);
  });

  it("hands out copies, so a caller cannot change what it remembers", () => {
    const memory = new ThreadMemory();
    memory.append("C1:1", turn("a"));
    memory.history("C1:1").push(turn("b"));
    expect(memory.history("C1:1")).toHaveLength(1);
  });
});
