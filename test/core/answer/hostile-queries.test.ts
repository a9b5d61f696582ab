import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { answerQuestion } from "../../../src/core/answer/answer.ts";
import { EMPTY_QUESTION_TEXT, NOT_FOUND_TEXT } from "../../../src/core/answer/types.ts";
import type { KnowledgeBase } from "../../../src/core/knowledge-base.ts";
import { HOSTILE_QUERIES } from "../../helpers/hostile-queries.ts";
import { realKnowledgeBase } from "../../helpers/slack-fakes.ts";

// Whatever is asked, the answer path returns an answer: a quote with its sources, or a polite "not found"
// with questions that work. The Slack layer's own tests check the same through the listeners.

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await realKnowledgeBase();
});

describe("answerQuestion on hostile questions", () => {
  it.each(Object.entries(HOSTILE_QUERIES))("%s: a polite answer, never an exception", (_name, question) => {
    const answer = answerQuestion(kb, question);
    expect(answer.text.trim()).not.toBe("");
    if (!answer.found) {
      expect([NOT_FOUND_TEXT, EMPTY_QUESTION_TEXT]).toContain(answer.text);
      expect(answer.suggestions.length).toBeGreaterThan(0);
    } else {
      expect(answer.citations.length).toBeGreaterThan(0);
    }
  });

  it("answers any string without throwing, with a non-empty text and sources only when found", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: "binary", maxLength: 200 }),
          fc.string({ unit: "grapheme", maxLength: 200 }),
          fc.lorem({ maxCount: 12 }),
        ),
        (question) => {
          const answer = answerQuestion(kb, question);
          expect(answer.text.trim()).not.toBe("");
          expect(answer.found).toBe(answer.citations.length > 0);
        },
      ),
      { numRuns: 150 },
    );
  });
});
