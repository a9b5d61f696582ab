import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import type { KnowledgeBase } from "../../../src/core/knowledge-base.ts";
import { parseQuery } from "../../../src/core/search/query.ts";
import { contentTerms, tokenize } from "../../../src/core/search/terms.ts";
import { realKnowledgeBase } from "../../helpers/slack-fakes.ts";

// Reading a question must never fail, whatever is typed: it is the first thing done with every message.

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await realKnowledgeBase();
});

/** Anything a person, a paste or a script can send: any Unicode, control characters, markup, regex syntax. */
const anyQuestion = fc.oneof(
  fc.string({ unit: "binary", maxLength: 300 }),
  fc.string({ unit: "grapheme", maxLength: 300 }),
  fc
    .array(
      fc.constantFrom(
        ".*",
        "(a+)+$",
        "[",
        "\\",
        "what",
        "is",
        "the",
        "troop",
        "ceiling",
        "\u200b",
        "\u202e",
        "ما",
        "😀",
        "&lt;",
        "<!here>",
        "'s",
        "’",
      ),
      {
        maxLength: 40,
      },
    )
    .map((parts) => parts.join(" ")),
);

describe("question parsing on arbitrary strings", () => {
  it("tokenizes into lower-case word tokens and index terms without throwing", () => {
    fc.assert(
      fc.property(anyQuestion, (text) => {
        for (const token of tokenize(text)) {
          expect(token).not.toBe("");
          expect(token).toBe(token.toLowerCase());
          expect(token).not.toMatch(/\s/u);
        }
        expect(() => contentTerms(text)).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });

  it("turns any string into weighted concepts, each with something to search for, without throwing", () => {
    fc.assert(
      fc.property(anyQuestion, (text) => {
        const parsed = parseQuery(text, kb.index.vocabulary, kb.glossary);
        for (const concept of parsed.concepts) {
          expect(concept.alternatives.length).toBeGreaterThan(0);
          expect(concept.specificity).toBeGreaterThanOrEqual(0.4);
        }
      }),
      { numRuns: 300 },
    );
  });
});
