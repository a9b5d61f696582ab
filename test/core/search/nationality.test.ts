import { describe, expect, it } from "vitest";
import { buildGlossary } from "../../../src/core/search/glossary.ts";
import { capitalOf, nationalityGlossary, nationalityGroups } from "../../../src/core/search/nationality.ts";
import { parseQuery } from "../../../src/core/search/query.ts";
import { vocabularyOf } from "../../helpers/vocabulary.ts";

const TEXTS = [
  "Five peacekeepers from Togo were killed near Sevare.",
  "Mali detained 49 soldiers from Ivory Coast at the airport.",
  "Britain said it would withdraw its troops; the Russian Federation abstained.",
  "The Malian army and the Mali government met in Bamako.",
];
const vocabulary = vocabularyOf(TEXTS);
const empty = buildGlossary([], []);
const searched = (question: string, word: string) =>
  parseQuery(question, vocabulary, empty)
    .concepts.find((concept) => concept.text.toLowerCase() === word)
    ?.alternatives.map((terms) => terms.join(" "));

describe("nationalityGroups", () => {
  const groups = nationalityGroups(
    {
      locale: "en",
      countries: {
        TG: "Togo",
        FR: "France",
        GF: "French Guiana",
        CG: "Congo",
        CD: ["Democratic Republic of the Congo", "Congo"],
        BM: "Bermuda",
        US: ["United States", "US", "U.S."],
      },
    },
    {
      locale: "en",
      nationalities: {
        TG: "Togolese",
        FR: "French",
        GF: "French (French Guiana)",
        CG: "Congolese (Republic of the Congo)",
        CD: "Congolese (Democratic Republic of the Congo)",
        BM: "Bermuda",
        US: "American",
      },
    },
  );

  it("puts a nationality with its country's names", () => {
    expect(groups).toContainEqual(["Togolese", "Togo"]);
    expect(groups).toContainEqual(["American", "United States", "America"]);
  });

  it("keeps a territory's parenthesised nationality out of its mother country's group", () => {
    expect(groups).toContainEqual(["French", "France"]);
    expect(groups.flat()).not.toContain("French Guiana");
  });

  it("joins a nationality that only comes with a parenthesis to every country it names", () => {
    expect(groups).toContainEqual(["Congolese", "Congo", "Democratic Republic of the Congo"]);
  });

  it("has no group for a territory whose nationality is its name, and never takes 'us' for a country", () => {
    expect(groups.flat()).not.toContain("Bermuda");
    expect(groups.flat().map((name) => name.toLowerCase())).not.toContain("us");
  });
});

describe("a nationality in a question", () => {
  it("also searches its country's names the documents use", () => {
    expect(searched("togolese peacekeepers killed", "togolese")).toEqual(["togo"]);
    expect(searched("Ivorian soldiers detained", "ivorian")).toContain("ivori coast");
    expect(searched("why are the British leaving", "british")).toContain("britain");
  });

  it("lets a country's name find its other names but not the adjective", () => {
    expect(searched("what did Russia say", "russia")).toContain("russian feder");
    expect(searched("who governs Mali", "mali")).toEqual(["mali"]);
  });

  it("reads a country's one multi-word name whole, not as its adjective and a leftover word", () => {
    const vocab = vocabularyOf([
      "MINUSCA serves in the Central African Republic.",
      "Central African troops.",
    ]);
    const concepts = parseQuery("the Central African Republic mission", vocab, empty).concepts.map(
      (c) => c.text,
    );
    expect(concepts).toContain("central african republic");
    expect(concepts).not.toContain("republic");
  });

  it("leaves a word alone when the documents use none of its country's names", () => {
    expect(searched("Peruvian troops", "peruvian")).toEqual(["peruvian"]);
  });

  it("reads the packages' data for every country", () => {
    const glossary = nationalityGlossary();
    expect(glossary.groups.length).toBeGreaterThan(150);
    expect(
      glossary.groups.some((group) => group.names.includes("Chadian") && group.names.includes("Chad")),
    ).toBe(true);
  });
});

describe("capitalOf", () => {
  it("gives a country's capital by any of its names", () => {
    expect(capitalOf("Senegal")).toBe("Dakar");
    expect(capitalOf("Mali")).toBe("Bamako");
    expect(capitalOf("ivory coast")).toBe(capitalOf("Côte d'Ivoire"));
    expect(capitalOf("Britain")).toBe("London");
  });

  it("gives none for a name that is no country", () => {
    expect(capitalOf("MINUSMA")).toBeNull();
  });
});
