import { describe, expect, it } from "vitest";
import { buildGlossary } from "../../../src/core/search/glossary.ts";
import { parseQuery } from "../../../src/core/search/query.ts";
import { contentTerms, indexTerm } from "../../../src/core/search/terms.ts";
import { nameSkeleton, nameVariantGroups, Vocabulary } from "../../../src/core/search/vocabulary.ts";
import { vocabularyOf } from "../../helpers/vocabulary.ts";

const TEXTS = [
  "Ten Chadian peacekeepers were killed in the attack on the camp at Aguelhok, in the Kidal region.",
  "The convoy left Aguel'hoc for Tessalit before dawn, the Mission said.",
  "Peacekeepers left Timbuktu and Ménaka in December; Keïta and Goïta were named in the report.",
  "The troop ceiling was kept; a later report described the latter option and the hope of peace.",
];
const glossary = buildGlossary([], []);

describe("nameSkeleton", () => {
  it("gives spellings of one name the same skeleton", () => {
    for (const [a, b] of [
      ["Aguelhok", "Aguel'hoc"],
      ["Tessalit", "Tessalite"],
      ["Kidal", "Kidall"],
      ["Timbuktu", "Timbuctoo"],
      ["Douentza", "Douentsa"],
      ["Ménaka", "Menaka"],
      ["Keïta", "Keita"],
      ["Goïta", "Goita"],
    ]) {
      expect(nameSkeleton(a!), `${a} / ${b}`).toBe(nameSkeleton(b!));
    }
  });

  it("keeps different names apart", () => {
    expect(nameSkeleton("Kidal")).not.toBe(nameSkeleton("Kita"));
    expect(nameSkeleton("Gao")).not.toBe(nameSkeleton("Mopti"));
  });
});

describe("nameVariantGroups", () => {
  it("groups the spellings of a name the documents use, and never English words", () => {
    const vocabulary = vocabularyOf(TEXTS);
    const groups = nameVariantGroups(vocabulary.words);
    expect(groups).toContainEqual(expect.arrayContaining(["aguelhok", "aguel'hoc"]));
    // "later" / "latter" and "hope" / "hop" would share a skeleton, but they are words, not names.
    expect(groups.flat()).not.toContain(indexTerm("later"));
    expect(groups.flat()).not.toContain(indexTerm("hope"));
  });
});

describe("a name spelt another way in the question", () => {
  const vocabulary = vocabularyOf(TEXTS);
  const alternatives = (question: string) =>
    parseQuery(question, vocabulary, glossary).concepts.flatMap((concept) => concept.alternatives.flat());

  it("meets every spelling the documents use", () => {
    expect(alternatives("aguel'hoc")).toEqual(expect.arrayContaining(["aguel'hoc", "aguelhok"]));
    expect(alternatives("Aguelhok")).toEqual(expect.arrayContaining(["aguel'hoc", "aguelhok"]));
    expect(alternatives("aguelhoc")).toEqual(expect.arrayContaining(["aguel'hoc", "aguelhok"]));
  });

  it("meets a name by its diacritics folded, by its skeleton or a small edit away", () => {
    expect(alternatives("Menaka")).toContain(contentTerms("Ménaka")[0]);
    expect(alternatives("Keita Goita")).toEqual(
      expect.arrayContaining([contentTerms("Keïta")[0], contentTerms("Goïta")[0]]),
    );
    expect(alternatives("Tessalite")).toContain(contentTerms("Tessalit")[0]);
    expect(alternatives("Kidall")).toContain(contentTerms("Kidal")[0]);
    expect(alternatives("Timbuctoo")).toContain(contentTerms("Timbuktu")[0]);
    expect(alternatives("Tesalitt")).toContain(contentTerms("Tessalit")[0]);
  });

  it("does not correct a real English word into a name", () => {
    const concept = parseQuery("hop", vocabulary, glossary).concepts[0]!;
    expect(concept.alternatives).toEqual([[indexTerm("hop")]]);
    expect(concept.known).toBe(false);
    // "leave" meets only its own past form ("left", lexicon.ts), never a name
    expect(parseQuery("leave", vocabulary, glossary).concepts[0]!.alternatives).toEqual([
      [indexTerm("left")],
    ]);
  });
});

describe("Vocabulary persistence", () => {
  it("keeps the name groups through toJSON, so a restart need not find them again", () => {
    const built = vocabularyOf(TEXTS);
    const json = built.toJSON();
    const restored = new Vocabulary(json.terms, json.words, json.passageCount, json.variants);
    expect(restored.withVariants("aguelhok")).toEqual(built.withVariants("aguelhok"));
    expect(restored.withVariants("aguelhok")).toEqual([["aguelhok"], ["aguel'hoc"]]);
  });
});
