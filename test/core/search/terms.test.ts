import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { loadKnowledge } from "../../../src/core/knowledge/load.ts";
import { contentTerms, indexTerm, tokenize, undotAcronyms } from "../../../src/core/search/terms.ts";
import { LIBRARY_DOCS, STARTING_KNOWLEDGE } from "../../library/library.ts";

// The reading of text every index, question and answer shares. A plain ASCII text skips normalizing, and a
// token's content term is remembered: the tokens must be those of the whole pipeline, for any text.

/** The whole pipeline, every step on every text (what tokenize did before its shortcuts), before spellings. */
function pipeline(text: string): string[] {
  return undotAcronyms(text.normalize("NFKD").replace(/[\p{M}\u200B-\u200D\u2060\uFEFF\u00AD]/gu, ""))
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
        "U.N.",
        "A.U.'s",
        "p.m.",
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

describe("dotted acronyms", () => {
  it("are one term, the same as the acronym written without dots, in any text", () => {
    expect(tokenize("U.N. peacekeepers and the A.U.'s envoy met U.K. officials")).toEqual(
      tokenize("UN peacekeepers and the AU's envoy met UK officials"),
    );
    expect(tokenize("a U.N.-backed force")).toEqual(["a", "un", "backed", "force"]);
    expect(tokenize("the E.C.O.W.A.S summit")).toEqual(["the", "ecowas", "summit"]);
  });

  it("leave lower-case abbreviations, single initials and sentence ends alone", () => {
    expect(tokenize("at 3 p.m. on Friday")).toEqual(["at", "3", "p", "m", "on", "friday"]);
    expect(tokenize("George W. Bush")).toEqual(["george", "w", "bush"]);
    expect(tokenize("left Mali.The UN stayed")).toEqual(["left", "mali", "the", "un", "stayed"]);
  });

  it("keep their letters when the joined word would be a stop word", () => {
    // "I.T." joined is "it", which the index drops: its letters still say something.
    expect(undotAcronyms("I.T. staff")).toBe("I.T. staff");
    expect(undotAcronyms("U.S. troops")).toBe("US troops");
    expect(undotAcronyms("the U.N. force")).toBe("the UN force");
  });
});
