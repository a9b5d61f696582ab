import { describe, expect, it } from "vitest";
import { derivedForms } from "../../../src/core/search/derivation.ts";
import { buildGlossary } from "../../../src/core/search/glossary.ts";
import { parseQuery } from "../../../src/core/search/query.ts";
import { indexTerm, tokenize } from "../../../src/core/search/terms.ts";
import { Vocabulary } from "../../../src/core/search/vocabulary.ts";

describe("derivedForms", () => {
  it("gives a verb's noun and a noun's verb whose stems differ", () => {
    expect(derivedForms("abstained")).toContain("abstention");
    expect(derivedForms("abstentions")).toContain("abstain");
    expect(derivedForms("detained")).toContain("detention");
    expect(derivedForms("decided")).toContain("decision");
    expect(derivedForms("expelled")).toContain("expulsion");
    expect(derivedForms("closed")).toContain("closure");
    expect(derivedForms("exploded")).toContain("explosion");
    expect(derivedForms("departure")).toContain("depart");
  });

  it("gives nothing for a short word or one with no such pattern", () => {
    expect(derivedForms("led")).toEqual([]);
    expect(derivedForms("established")).toEqual([]);
  });
});

describe("a question word with a derived form the documents use", () => {
  const texts = ["The resolution was adopted with 2 abstentions (China, Russian Federation)."];
  const frequencies = new Map<string, number>();
  const surface = new Map<string, string>();
  for (const token of tokenize(texts.join(" "))) {
    const term = indexTerm(token);
    if (term === null) continue;
    frequencies.set(term, 1);
    surface.set(token, term);
  }
  const vocabulary = new Vocabulary(frequencies, [...surface.entries()], 1);

  it("also searches that form", () => {
    const concept = parseQuery(
      "Who abstained on the resolution?",
      vocabulary,
      buildGlossary([], []),
    ).concepts.find((c) => c.text === "abstained");
    expect(concept?.known).toBe(true);
    expect(concept?.alternatives.map((terms) => terms.join(" "))).toContain(indexTerm("abstentions"));
  });
});
