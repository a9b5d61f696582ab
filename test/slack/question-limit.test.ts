import { describe, expect, it } from "vitest";
import { QuestionLimiter } from "../../src/slack/question-limit.ts";
import { SqliteStore } from "../../src/state/sqlite.ts";
import { captureLog } from "../helpers/slack-fakes.ts";

/** A limiter counting in a state store on a clock the test moves by hand. */
function limiter(perMinute: number) {
  let now = 1_000_000;
  const store = SqliteStore.inMemory({ log: captureLog().log, now: () => now });
  const questions = new QuestionLimiter({ perMinute, store: store.questions });
  return {
    questions,
    store,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe("QuestionLimiter", () => {
  it("answers perMinute questions in a minute, then says how long until the oldest leaves the minute", async () => {
    const { questions, advance } = limiter(3);
    expect(await questions.take("U1")).toEqual({ allowed: true });
    advance(10_000);
    expect(await questions.take("U1")).toEqual({ allowed: true });
    advance(10_000);
    expect(await questions.take("U1")).toEqual({ allowed: true });
    advance(5_000);
    expect(await questions.take("U1")).toEqual({ allowed: false, retryInSeconds: 35 });
  });

  it("does not count refused questions, so waiting as told is always enough", async () => {
    const { questions, advance } = limiter(2);
    await questions.take("U1");
    await questions.take("U1");
    for (let i = 0; i < 20; i += 1) expect((await questions.take("U1")).allowed).toBe(false);
    advance(60_000);
    expect(await questions.take("U1")).toEqual({ allowed: true });
  });

  it("slides: a question leaves the count exactly a minute after it was asked", async () => {
    const { questions, advance } = limiter(2);
    await questions.take("U1");
    advance(30_000);
    await questions.take("U1");
    advance(29_999);
    expect(await questions.take("U1")).toEqual({ allowed: false, retryInSeconds: 1 });
    advance(1);
    expect(await questions.take("U1")).toEqual({ allowed: true });
    expect(await questions.take("U1")).toEqual({ allowed: false, retryInSeconds: 30 });
  });

  it("counts each person apart", async () => {
    const { questions } = limiter(1);
    expect((await questions.take("U1")).allowed).toBe(true);
    expect((await questions.take("U2")).allowed).toBe(true);
    expect((await questions.take("U1")).allowed).toBe(false);
  });

  it("limits nobody when set to 0, and then writes nothing", async () => {
    const { questions, store } = limiter(0);
    for (let i = 0; i < 1_000; i += 1) expect((await questions.take("U1")).allowed).toBe(true);
    expect(store.writes).toBe(0);
  });

  it("forgets people whose minute is over in the store's sweep", async () => {
    const { questions, store, advance } = limiter(10);
    for (let i = 0; i < 200; i += 1) await questions.take(`U${i}`);
    advance(60_000);
    expect(await store.sweep()).toBe(200);
    expect((await questions.take("U1")).allowed).toBe(true);
  });
});
