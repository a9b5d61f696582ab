import { describe, expect, it } from "vitest";
import { answerQuestion } from "../../../src/core/answer/answer.ts";
import { buildGlossary } from "../../../src/core/search/glossary.ts";
import { firstSenseSynonyms, paraphrases, phrasalCompound } from "../../../src/core/search/paraphrase.ts";
import { parseQuery } from "../../../src/core/search/query.ts";
import { openKnowledgeBase } from "../../../src/knowledge/open.ts";
import { doc, knowledgeFolder } from "../../helpers/knowledge-folder.ts";
import { vocabularyOf } from "../../helpers/vocabulary.ts";

describe("firstSenseSynonyms", () => {
  it("gives the other words of a verb's most frequent sense, from any of its forms", () => {
    expect(firstSenseSynonyms("shut")).toContain("close");
    expect(firstSenseSynonyms("shutting")).toContain("close");
  });

  it("reads a phrasal verb as one, an irregular past too", () => {
    expect(firstSenseSynonyms("stepped", "down")).toContain("resign");
    expect(firstSenseSynonyms("took", "over")).toContain("seize");
  });

  it("reads a phrasal verb whose sense has only other phrases as its more general verb", () => {
    expect(firstSenseSynonyms("pulled", "out")).toContain("leave");
  });

  it("gives nothing for a word WordNet has no verb for", () => {
    expect(firstSenseSynonyms("football")).toEqual([]);
    expect(firstSenseSynonyms("zorbak")).toEqual([]);
  });
});

describe("paraphrases", () => {
  it("keeps only the synonyms the documents use, a phrase only when every word is a content word", () => {
    const vocabulary = vocabularyOf(["The shops were closed and the mayor resigned from his office."]);
    const has = (term: string) => vocabulary.has(term);
    expect(paraphrases("shut", has)).toEqual([["close"]]);
    expect(paraphrases("stepped", has, "down")).toEqual([["resign"]]);
  });

  it("meets a synonym's other forms: an irregular past, a noun", () => {
    const vocabulary = vocabularyOf(["The troops left Velmar after the closure of the base."]);
    const has = (term: string) => vocabulary.has(term);
    expect(paraphrases("pulled", has, "out")).toEqual([["left"]]);
    expect(paraphrases("shut", has)).toEqual([["closur"]]);
  });
});

describe("phrasalCompound", () => {
  it("reads a noun written as a phrasal verb in one word as the verb and its particle", () => {
    expect(phrasalCompound("pullout")).toEqual(["pull", "out"]);
    expect(phrasalCompound("shutdowns")).toEqual(["shut", "down"]);
    expect(phrasalCompound("takeover")).toEqual(["take", "over"]);
  });

  it("reads no word that only ends like a particle", () => {
    expect(phrasalCompound("margin")).toBeNull();
    expect(phrasalCompound("moreover")).toBeNull();
  });
});

describe("a question in everyday words", () => {
  // The sentences that only share the other words are the newer ones: without the paraphrase they would win.
  const texts = [
    "Forty shops were closed in Velmar after the flood, the mayor said.",
    "The governor of Tarsa resigned on Friday after the protests.",
    "Forty boats reached Velmar on Monday.",
    "Twelve shops reopened in Velmar on Sunday.",
    "The governor of Tarsa visited the port on Monday.",
  ];
  const glossary = buildGlossary([], []);

  it("searches a verb the documents lack by its first sense's words, after the typed word", () => {
    const concepts = parseQuery("how many shops are shut", vocabularyOf(texts), glossary).concepts;
    expect(concepts.find((c) => c.text === "shut")?.alternatives).toEqual([["shut"], ["close"]]);
  });

  it("searches a one-word phrasal noun the documents lack as its verb and the phrase's sense", () => {
    const concepts = parseQuery(
      "pullout from Velmar",
      vocabularyOf(["The troops left Velmar."]),
      glossary,
    ).concepts;
    expect(concepts[0]?.alternatives).toContainEqual(["left"]);
    expect(concepts[0]?.alternatives[0]).toEqual(["pullout"]);
  });

  it("does not expand a verb the documents use, nor a noun", () => {
    const vocabulary = vocabularyOf([...texts, "The gate was shut."]);
    expect(parseQuery("shops shut", vocabulary, glossary).concepts[1]?.alternatives).toEqual([["shut"]]);
    const weather = parseQuery("weather in Velmar", vocabularyOf(texts), glossary).concepts[0];
    expect(weather?.known).toBe(false);
  });

  it("is answered from the sentence the documents wrote", async () => {
    const kb = await openKnowledgeBase(
      await knowledgeFolder(
        Object.fromEntries(
          texts.map((text, i) => [
            `2031-0${i + 1}-01-n${i}.md`,
            doc({ title: `Note ${i}`, source: "UN", date: `2031-0${i + 1}-01` }, text),
          ]),
        ),
      ),
    );
    const shut = answerQuestion(kb, "how many were shut in Velmar?");
    expect(shut.found).toBe(true);
    expect(shut.text).toMatch(/^Forty shops were closed/u);
    const stepped = answerQuestion(kb, "when did the Tarsa governor step down?");
    expect(stepped.found).toBe(true);
    expect(stepped.text).toMatch(/^The governor of Tarsa resigned/u);
  });
});
