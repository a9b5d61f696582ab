import { beforeAll, describe, expect, it } from "vitest";
import {
  deserializeKnowledgeBase,
  type KnowledgeBase,
  serializeKnowledgeBase,
} from "../../src/core/knowledge-base.ts";
import { unpackSome } from "../../src/core/search/mini-data.ts";
import { type IdleStep, IdleWork, warmUpSteps } from "../../src/knowledge/idle-warm-up.ts";
import { realKnowledgeBase } from "../helpers/slack-fakes.ts";

// What an answer worker does between questions: one slice at a time, in order (postings, role statements,
// the word list, then one collection), so a question waits for one slice at most and a worker at rest holds
// what it keeps.

/** A defer the test runs by hand: each call to `next()` runs one deferred slice. */
function manualDefer() {
  const queue: Array<() => void> = [];
  return {
    defer: (run: () => void) => queue.push(run),
    /** runs one slice and lets its promise settle */
    next: async () => {
      queue.shift()?.();
      await new Promise((resolve) => setImmediate(resolve));
    },
    get waiting() {
      return queue.length;
    },
  };
}

async function runAll(work: IdleWork, turns: ReturnType<typeof manualDefer>): Promise<number> {
  let slices = 0;
  while (work.busy && slices < 10_000) {
    await turns.next();
    slices += 1;
  }
  return slices;
}

describe("IdleWork", () => {
  it("runs each step a slice per turn, in order, until each says it is done", async () => {
    const turns = manualDefer();
    const work = new IdleWork(turns.defer);
    const log: string[] = [];
    let a = 0;
    const steps: IdleStep[] = [
      () => {
        log.push(`a${a}`);
        return ++a < 3;
      },
      () => {
        log.push("b");
        return false;
      },
    ];
    work.start(steps);
    expect(work.busy).toBe(true);
    expect(log).toEqual([]);
    await turns.next();
    // One slice per turn: a question handled between two turns waits for one slice at most.
    expect(log).toEqual(["a0"]);
    await runAll(work, turns);
    expect(log).toEqual(["a0", "a1", "a2", "b"]);
    expect(work.busy).toBe(false);
  });

  it("drops what was left of a run when started again (a new knowledge base)", async () => {
    const turns = manualDefer();
    const work = new IdleWork(turns.defer);
    const log: string[] = [];
    const step = (name: string, more: boolean) => () => {
      log.push(name);
      return more;
    };
    work.start([step("old", true)]);
    await turns.next();
    work.start([step("new", false)]);
    await runAll(work, turns);
    expect(log).toEqual(["old", "new"]);
    expect(work.busy).toBe(false);
  });

  it("goes on with the next step when one fails", async () => {
    const turns = manualDefer();
    const work = new IdleWork(turns.defer);
    const log: string[] = [];
    work.start([
      () => {
        throw new Error("no word list");
      },
      async () => {
        log.push("after");
        return false;
      },
    ]);
    await runAll(work, turns);
    expect(log).toEqual(["after"]);
  });
});

describe("warmUpSteps", () => {
  let loaded: KnowledgeBase;
  beforeAll(async () => {
    // As a worker holds it: read back from the persisted form, its postings packed until first used.
    loaded = deserializeKnowledgeBase(serializeKnowledgeBase(await realKnowledgeBase(), ""), "cache");
  });

  it("unpacks every term, then loads the word list, then collects once, last", async () => {
    expect(unpackSome(loaded.index.mini, 0)).toBe(true);
    const turns = manualDefer();
    const work = new IdleWork(turns.defer);
    const events: string[] = [];
    work.start(
      warmUpSteps(loaded, {
        warmWords: async () => {
          events.push(`words (terms left packed: ${unpackSome(loaded.index.mini, 0)})`);
        },
        settle: () => events.push("settle"),
      }),
    );
    const slices = await runAll(work, turns);
    expect(events).toEqual(["words (terms left packed: false)", "settle"]);
    expect(unpackSome(loaded.index.mini, 1)).toBe(false);
    // Many small slices, not one long block: the real knowledge base has thousands of terms and passages.
    expect(slices).toBeGreaterThan(10);
  });
});
