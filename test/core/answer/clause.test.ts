import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  answerClause,
  clauseScorer,
  cutSentence,
  LONG_SENTENCE_CHARS,
  splitClauses,
} from "../../../src/core/answer/clause.ts";
import { contentTerms } from "../../../src/core/search/terms.ts";
import { concept } from "../../helpers/concept.ts";

// A resolution's operative sentence as press releases quote it: 590 characters, the figures in the middle.
const LONG =
  "Adopting resolution 2640 (2022) by 13 votes in favour to none against, with 2 abstentions (China, Russian Federation), " +
  "the Council decided that MINUSMA would continue to comprise a maximum of 13,289 military personnel and 1,920 police personnel, " +
  "requested the Secretary-General to continue to take all appropriate steps to ensure the full implementation of the Mission's mandate, " +
  "and called on the Malian transitional authorities to fulfil their commitment to a return to constitutional order by March 2024, " +
  "in line with the timetable agreed with the Economic Community of West African States.";

/** A concept of the question's words, as the index stems them. */
const wordsConcept = (words: string) => concept(words, [contentTerms(words)]);

/** The cut's own words, without the ellipses, must be a piece of the sentence. */
function isPieceOf(cut: string, sentence: string): boolean {
  return sentence.includes(cut.replace(/^…/u, "").replace(/…$/u, ""));
}

describe("cutSentence", () => {
  it("gives a sentence within the limit as it is", () => {
    const short = "The Council decided that MINUSMA would comprise up to 13,289 military personnel.";
    expect(cutSentence(short, () => 1)).toBe(short);
  });

  it("cuts a long sentence to the clauses around the one that answers, marked with ellipses", () => {
    expect(LONG.length).toBeGreaterThan(LONG_SENTENCE_CHARS * 1.9);
    const cut = cutSentence(LONG, (clause) => (clause.includes("police") ? 1 : 0));
    expect(cut).toContain("a maximum of 13,289 military personnel and 1,920 police personnel");
    expect(cut.length).toBeLessThanOrEqual(LONG_SENTENCE_CHARS + 2);
    expect(cut.endsWith("…")).toBe(true);
    expect(isPieceOf(cut, LONG)).toBe(true);
  });

  it("keeps the end of the sentence, full stop and all, when the answer is there", () => {
    const cut = cutSentence(LONG, (clause) => (clause.includes("West African") ? 1 : 0));
    expect(cut.startsWith("…")).toBe(true);
    expect(cut.endsWith("Economic Community of West African States.")).toBe(true);
  });

  it("cuts a long run with no punctuation at a word boundary", () => {
    const run = `${"peacekeepers patrolled the road between Gao and Ansongo ".repeat(12)}daily.`;
    const cut = cutSentence(run, () => 0);
    expect(cut.length).toBeLessThanOrEqual(LONG_SENTENCE_CHARS + 2);
    expect(cut.endsWith("…")).toBe(true);
    expect(isPieceOf(cut, run)).toBe(true);
  });

  it("always returns a piece of the sentence within the limit", () => {
    const words = fc.constantFrom(
      "the",
      "Mission",
      "13,289",
      "police,",
      "and",
      "Gao;",
      "—",
      "which",
      "troops:",
    );
    fc.assert(
      fc.property(fc.array(words, { minLength: 1, maxLength: 200 }), fc.nat(), (parts, seed) => {
        const sentence = `${parts.join(" ")}.`;
        const cut = cutSentence(sentence, (clause) => (clause.length * (seed + 7)) % 5);
        expect(cut.length).toBeLessThanOrEqual(Math.max(sentence.length, LONG_SENTENCE_CHARS + 2));
        expect(isPieceOf(cut, sentence)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe("splitClauses", () => {
  it("splits at commas, semicolons and dashes and keeps the comma with its clause", () => {
    const sentence =
      "The camp was attacked, two peacekeepers were killed; the Mission — in Kidal — responded.";
    const clauses = splitClauses(sentence).map((c) => sentence.slice(c.start, c.end));
    expect(clauses).toEqual([
      "The camp was attacked,",
      "two peacekeepers were killed;",
      "the Mission",
      "in Kidal",
      "responded.",
    ]);
  });
});

describe("answerClause", () => {
  it("cuts to the clause that holds the asked words and the kind of answer asked for", () => {
    const query = { concepts: [wordsConcept("police")], answerType: "number" as const };
    const cut = answerClause(LONG, query, new Set(["how", "many", "police"]));
    expect(cut).toContain("1,920 police personnel");
    expect(cut.length).toBeLessThanOrEqual(LONG_SENTENCE_CHARS + 2);
  });

  it("follows the question: a question about the return to constitutional order gets that clause", () => {
    const query = { concepts: [wordsConcept("constitutional order")], answerType: "date" as const };
    const cut = answerClause(LONG, query, new Set(["when", "constitutional", "order"]));
    expect(cut).toContain("a return to constitutional order by March 2024");
  });

  it("scores a clause on the question's concepts and on the answer type", () => {
    const score = clauseScorer(
      { concepts: [wordsConcept("troop ceiling")], answerType: "number" },
      new Set(),
    );
    expect(score("the troop ceiling of 13,289")).toBeGreaterThan(score("the troop ceiling was kept"));
    expect(score("the troop ceiling was kept")).toBeGreaterThan(score("elections were held"));
  });
});

describe("answerClause for a why question", () => {
  it("keeps the clause that gives the reason", () => {
    const sentence =
      "An additional limitation for MINUSMA police is the incomplete deployment of the second formed police unit based in Mopti: since March 2020 only the 20-member advance team has been present in the Mission, with the deployment of the rest of the team held up as a result of its equipment having been grounded in Dakar owing to a financial dispute between the contractor and the subcontractor.";
    const query = {
      text: "why is the rest of the Mopti police unit stuck",
      concepts: [wordsConcept("Mopti"), wordsConcept("police"), wordsConcept("unit")],
      answerType: "any" as const,
    };
    const cut = answerClause(sentence, query, new Set());
    expect(cut).toContain("owing to a financial dispute");
    expect(cut.length).toBeLessThanOrEqual(LONG_SENTENCE_CHARS + 2);
  });
});
