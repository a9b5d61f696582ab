import { describe, expect, it } from "vitest";
import { QuestionLimiter } from "../../src/slack/question-limit.ts";

/** A limiter on a clock the test moves by hand. */
function limiter(perMinute: number) {
  let now = 1_000_000;
  const questions = new QuestionLimiter({ perMinute, now: () => now });
  return {
    questions,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe("QuestionLimiter", () => {
  it("answers perMinute questions in a minute, then says how long until the oldest leaves the minute", () => {
    const { questions, advance } = limiter(3);
    expect(questions.take("U1")).toEqual({ allowed: true });
    advance(10_000);
    expect(questions.take("U1")).toEqual({ allowed: true });
    advance(10_000);
    expect(questions.take("U1")).toEqual({ allowed: true });
    advance(5_000);
    expect(questions.take("U1")).toEqual({ allowed: false, retryInSeconds: 35 });
  });

  it("does not count refused questions, so waiting as told is always enough", () => {
    const { questions, advance } = limiter(2);
    questions.take("U1");
    questions.take("U1");
    for (let i = 0; i < 20; i += 1) expect(questions.take("U1").allowed).toBe(false);
    advance(60_000);
    expect(questions.take("U1")).toEqual({ allowed: true });
  });

  it("slides: a question leaves the count exactly a minute after it was asked", () => {
    const { questions, advance } = limiter(2);
    questions.take("U1");
    advance(30_000);
    questions.take("U1");
    advance(29_999);
    expect(questions.take("U1")).toEqual({ allowed: false, retryInSeconds: 1 });
    advance(1);
    expect(questions.take("U1")).toEqual({ allowed: true });
    expect(questions.take("U1")).toEqual({ allowed: false, retryInSeconds: 30 });
  });

  it("counts each person apart", () => {
    const { questions } = limiter(1);
    expect(questions.take("U1").allowed).toBe(true);
    expect(questions.take("U2").allowed).toBe(true);
    expect(questions.take("U1").allowed).toBe(false);
  });

  it("limits nobody when set to 0", () => {
    const { questions } = limiter(0);
    for (let i = 0; i < 1_000; i += 1) expect(questions.take("U1").allowed).toBe(true);
    expect(questions.size).toBe(0);
  });

  it("forgets people whose minute is over, so a large workspace costs little memory", () => {
    const { questions, advance } = limiter(10);
    for (let i = 0; i < 2_000; i += 1) questions.take(`U${i}`);
    expect(questions.size).toBe(2_000);
    advance(60_000);
    for (let i = 0; i < 2_000; i += 1) questions.take(`V${i}`);
    expect(questions.size).toBeLessThanOrEqual(2_000);
    expect(questions.take("U1").allowed).toBe(true);
  });
});
