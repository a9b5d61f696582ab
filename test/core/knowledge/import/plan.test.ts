import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  contentHash,
  type KnownDocument,
  planImport,
  slugify,
} from "../../../../src/core/knowledge/import/plan.ts";
import { frontMatterSchema } from "../../../../src/core/knowledge/schema.ts";

const letter: KnownDocument = {
  id: "2021-06-01-s-2021-520-letter",
  file: "2021-06-01-s-2021-520-letter.md",
  title: "Letter dated 1 June 2021",
  symbol: "S/2021/520",
  url: "https://undocs.org/en/S/2021/520",
  contentHash: contentHash("The letter's text."),
};
const article: KnownDocument = {
  id: "guterres-warns",
  file: "news/guterres-warns.md",
  title: "Guterres warns",
  symbol: null,
  url: "https://example.org/guterres",
  contentHash: contentHash("The article's text."),
};

describe("planImport", () => {
  const fresh = {
    date: "2024-02-07",
    title: "Letter on the withdrawal",
    contentHash: contentHash("New text."),
  };

  it("skips a document whose cleaned text is already there, whatever its metadata", () => {
    expect(planImport([letter], { ...fresh, contentHash: contentHash("The letter's text.\n") })).toEqual({
      action: "skip",
      duplicateOf: letter,
    });
  });

  it("replaces the document with the same symbol, or else the same link, in its own file", () => {
    expect(planImport([letter, article], { ...fresh, symbol: "S/2021/520" })).toEqual({
      action: "replace",
      file: letter.file,
      replaces: letter,
      match: "symbol",
    });
    expect(planImport([letter, article], { ...fresh, url: "https://example.org/guterres" })).toEqual({
      action: "replace",
      file: "news/guterres-warns.md",
      replaces: article,
      match: "url",
    });
  });

  it("adds a new document as <date>-<slug>.md, with the symbol leading the slug", () => {
    expect(planImport([letter], fresh)).toEqual({
      action: "add",
      file: "2024-02-07-letter-on-the-withdrawal.md",
    });
    expect(planImport([letter], { ...fresh, symbol: "S/2024/118" })).toEqual({
      action: "add",
      file: "2024-02-07-s-2024-118-letter-on-the-withdrawal.md",
    });
  });

  it("never takes the name of another document's file", () => {
    const taken = { ...article, file: "2024-02-07-letter-on-the-withdrawal.md", url: null };
    const second = { ...taken, file: "2024-02-07-letter-on-the-withdrawal-2.md" };
    expect(planImport([taken, second], fresh)).toEqual({
      action: "add",
      file: "2024-02-07-letter-on-the-withdrawal-3.md",
    });
  });
});

describe("slugify", () => {
  it("drops accents and punctuation and cuts at a word boundary", () => {
    expect(slugify("Réunion à Tombouctou : l'état des lieux")).toBe("reunion-a-tombouctou-l-etat-des-lieux");
    expect(
      slugify(
        "Letter dated 1 June 2021 from the Secretary-General addressed to the President of the Security Council",
      ),
    ).toBe("letter-dated-1-june-2021-from-the-secretary-general");
  });

  it("always gives a short name the loader accepts as an id", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (title) => {
        const slug = slugify(title);
        expect(slug.length).toBeLessThanOrEqual(60);
        expect(frontMatterSchema.shape.id.safeParse(`2024-01-01-${slug || "document"}`).success).toBe(true);
        expect(slug).not.toMatch(/^-|-$|--/u);
      }),
      { numRuns: 300 },
    );
  });
});
