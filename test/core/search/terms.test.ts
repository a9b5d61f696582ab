import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { loadKnowledge } from "../../../src/core/knowledge/load.ts";
import { contentTerms, indexTerm, tokenize } from "../../../src/core/search/terms.ts";
import { LIBRARY_DOCS, STARTING_KNOWLEDGE } from "../../library/library.ts";

// The reading of text every index, question and answer shares. A plain ASCII text skips normalizing, and a
// token's content term is remembered: the tokens must be those of the whole pipeline, for any text.

/** The whole pipeline, every step on every text (what tokenize did before its shortcuts), before spellings. */
function pipeline(text: string): string[] {
  return text
    .normalize("NFKD")
    .replace(/[\p{M}\u200B-\u200D\u2060\uFEFF\u00AD]/gu, "")
    .toLowerCase()
    .replace(/(\d)[,.](?=\d{3}\b)/gu, "$1")
    .replace(/['’]s\b/gu, "")
    .split(/[^\p{L}\p{N}'’]+/u)
    .map((token) => token.replace(/^['’]+|['’]+$/gu, ""))
    .filter((token) => token !== "");
}

let texts: string[];
beforeAll(async () => {
  const folders = await Promise.all([loadKnowledge(LIBRARY_DOCS), loadKnowledge(STARTING_KNOWLEDGE)]);
  texts = folders.flatMap((folder) => folder.documents.map((doc) => doc.body));
});

const anyText = fc.oneof(
  fc.string({ unit: "binary", maxLength: 200 }),
  fc.string({ unit: "grapheme", maxLength: 200 }),
  fc
    .array(
      fc.constantFrom(
        "Sévaré",
        "13,289",
        "1.920",
        "Mission’s",
        "'quoted'",
        "tr\u200Boop",
        "centre",
        "Ⅻ",
        "ﬁre",
        "x",
      ),
      { maxLength: 30 },
    )
    .map((parts) => parts.join(" ")),
);

describe("tokenize and contentTerms", () => {
  it("read the documents' text as the whole pipeline does", () => {
    for (const text of texts) {
      const tokens = tokenize(text);
      expect(tokens).toEqual(pipeline(text).map((token) => tokenize(token)[0] ?? token));
      expect(contentTerms(text)).toEqual(tokens.map(indexTerm).filter((term) => term !== null));
    }
  });

  it("read any text as the whole pipeline does, accents, ligatures, quotes and invisible characters included", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const plain = pipeline(text);
        // Spellings are folded per token: the pipeline's tokens, folded, are tokenize's.
        expect(tokenize(text)).toEqual(plain.map((token) => tokenize(token)[0] ?? token));
        expect(contentTerms(text)).toEqual(
          tokenize(text)
            .map(indexTerm)
            .filter((term) => term !== null),
        );
      }),
      { numRuns: 500 },
    );
  });

  it("folds accents, keeps numbers whole, drops possessives and folds British spellings", () => {
    expect(tokenize("Sévaré’s centre holds 13,289 troops")).toEqual([
      "sevare",
      "center",
      "holds",
      "13289",
      "troops",
    ]);
    expect(contentTerms("The Mission’s defence of Kidal")).toEqual(["mission", "defens", "kidal"]);
  });
});
