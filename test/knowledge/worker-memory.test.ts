import { getHeapStatistics } from "node:v8";
import { describe, expect, it } from "vitest";
import { type CollectorThread, fullCollection, IdleCollector } from "../../src/knowledge/worker-memory.ts";

// A thread returns its garbage once it falls quiet after questions, and only when a burst left enough of it
// to be worth a collection; a steady stream of questions is never interrupted by one.

const MB = 1024 * 1024;

/** A thread whose clock, timers and heap the test moves by hand. */
function fakeThread(used = 100 * MB) {
  const state = { now: 0, used, reserved: used + 30 * MB, collections: 0, scheduled: 0 };
  const timers: Array<{ at: number; run: () => void; cancelled: boolean }> = [];
  const thread: CollectorThread = {
    heap: () => ({ used: state.used, reserved: state.reserved }),
    collect: () => {
      state.collections += 1;
      state.used = 100 * MB;
      state.reserved = 130 * MB;
    },
    now: () => state.now,
    schedule: (run, ms) => {
      state.scheduled += 1;
      const timer = { at: state.now + ms, run, cancelled: false };
      timers.push(timer);
      return { cancel: () => (timer.cancelled = true) };
    },
  };
  /** moves the clock to `to`, running the timers due meanwhile in order */
  const advance = (to: number) => {
    for (;;) {
      const due = timers.filter((timer) => !timer.cancelled && timer.at <= to).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      timers.splice(timers.indexOf(due), 1);
      state.now = due.at;
      due.run();
    }
    state.now = to;
  };
  return { thread, state, advance };
}

describe("IdleCollector", () => {
  it("collects once the thread has been quiet long enough after a burst that grew its heap", () => {
    const { thread, state, advance } = fakeThread();
    const collector = new IdleCollector(thread, { quietMs: 1_000, growthBytes: 16 * MB });
    state.reserved += 40 * MB;
    collector.worked();
    expect(collector.pending).toBe(true);
    advance(999);
    expect(state.collections).toBe(0);
    advance(1_000);
    expect(state.collections).toBe(1);
    expect(collector.pending).toBe(false);
    expect(collector.liveBytes).toBe(100 * MB);
  });

  it("collects at the first quiet time what the thread's start left", () => {
    const { thread, state, advance } = fakeThread(30 * MB);
    const collector = new IdleCollector(thread, { quietMs: 1_000, growthBytes: 16 * MB });
    collector.worked();
    advance(1_000);
    expect(state.collections).toBe(1);
    expect(collector.liveBytes).toBe(100 * MB);
  });

  it("collects when V8's own collections kept the used heap low but the reserved heap grew", () => {
    const { thread, state, advance } = fakeThread();
    const collector = new IdleCollector(thread, { quietMs: 1_000, growthBytes: 16 * MB });
    collector.settle();
    state.reserved += 30 * MB;
    collector.worked();
    advance(1_000);
    expect(state.collections).toBe(2);
  });

  it("does not collect after a few questions that left less than the growth threshold", () => {
    const { thread, state, advance } = fakeThread();
    const collector = new IdleCollector(thread, { quietMs: 1_000, growthBytes: 16 * MB });
    collector.settle();
    state.reserved += 15 * MB;
    collector.worked();
    advance(5_000);
    expect(state.collections).toBe(1);
    expect(collector.pending).toBe(false);
  });

  it("waits for quiet after the last question: a steady stream is never interrupted, and costs one timer", () => {
    const { thread, state, advance } = fakeThread();
    const collector = new IdleCollector(thread, { quietMs: 1_000, growthBytes: 16 * MB });
    collector.settle();
    for (let t = 0; t <= 10_000; t += 5) {
      advance(t);
      state.reserved += MB / 10;
      collector.worked();
    }
    expect(state.collections).toBe(1);
    // The timer is re-armed for what is left of the quiet time, not once per answer.
    expect(state.scheduled).toBeLessThanOrEqual(11);
    advance(10_999);
    expect(state.collections).toBe(1);
    advance(11_000);
    expect(state.collections).toBe(2);
  });

  it("settle() collects at once and measures what the thread holds from there", () => {
    const { thread, state, advance } = fakeThread(180 * MB);
    const collector = new IdleCollector(thread, { quietMs: 1_000, growthBytes: 16 * MB });
    collector.worked();
    collector.settle();
    expect(state.collections).toBe(1);
    expect(collector.collections).toBe(1);
    expect(collector.liveBytes).toBe(100 * MB);
    expect(collector.pending).toBe(false);
    // The quiet timer it cancelled does not collect again.
    advance(5_000);
    expect(state.collections).toBe(1);
  });
});

describe("fullCollection", () => {
  it("compacts: the pages that held the garbage go back, though live objects were spread over them", () => {
    const collect = fullCollection();
    collect();
    const kept: Array<{ i: number }> = [];
    for (let round = 0; round < 30; round++) {
      const batch = Array.from({ length: 100_000 }, (_, i) => ({ i, s: `x${i}-${round}`, a: [i] }));
      for (let i = 0; i < batch.length; i += 20) kept.push(batch[i]!);
    }
    const grown = getHeapStatistics().total_heap_size;
    collect();
    const after = getHeapStatistics().total_heap_size;
    expect(kept).toHaveLength(150_000);
    expect(grown - after).toBeGreaterThan(40 * MB);
  });

  it("collects this thread's garbage without --expose-gc, and can be asked for again", () => {
    const collect = fullCollection();
    collect();
    const before = getHeapStatistics().used_heap_size;
    let garbage: number[][] | null = Array.from({ length: 200 }, () =>
      Array.from({ length: 20_000 }, (_, i) => i),
    );
    const grown = getHeapStatistics().used_heap_size;
    expect(garbage.length).toBe(200);
    garbage = null;
    fullCollection()();
    const after = getHeapStatistics().used_heap_size;
    expect(grown - before).toBeGreaterThan(20 * MB);
    expect(after).toBeLessThan(before + 10 * MB);
  });
});
