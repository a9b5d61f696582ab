import { describe, expect, it } from "vitest";
import { FeedbackLog, type FeedbackRecord } from "../../src/state/feedback.ts";

const vote = (key: string, helpful: boolean): FeedbackRecord => ({
  key,
  at: "2024-05-01T08:00:00.000Z",
  user: "U1",
  channel: "C1",
  question: "troop ceiling",
  helpful,
  docs: ["doc-a"],
});

describe("FeedbackLog", () => {
  it("keeps one vote per person per answer: a second click replaces the first", () => {
    const log = new FeedbackLog();
    log.add(vote("C1:1:U1", true));
    log.add(vote("C1:2:U1", true));
    log.add(vote("C1:1:U1", false));
    expect(log.list().map((r) => [r.key, r.helpful])).toEqual([
      ["C1:2:U1", true],
      ["C1:1:U1", false],
    ]);
  });

  it("keeps the most recent votes within its bound", () => {
    const log = new FeedbackLog({ max: 2 });
    for (const key of ["a", "b", "c"]) log.add(vote(key, true));
    expect(log.list().map((r) => r.key)).toEqual(["b", "c"]);
  });
});
