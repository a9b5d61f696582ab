import { describe, expect, it } from "vitest";
import { parseGlossary } from "../../../src/core/search/glossary-file.ts";
import { detectAnswerType, parseQuery } from "../../../src/core/search/query.ts";
import { searchPassages } from "../../../src/core/search/search.ts";
import { contentTerms, tokenize } from "../../../src/core/search/terms.ts";
import { openKnowledgeBase } from "../../../src/knowledge/open.ts";

const kb = await openKnowledgeBase("knowledge");
const parse = (text: string) => parseQuery(text, kb.index.vocabulary, kb.glossary);
const firstAlternatives = (text: string) => parse(text).concepts.map((c) => c.alternatives[0]?.join(" "));

describe("tokenize and contentTerms", () => {
  it("folds accents, possessives, British spellings and thousands separators", () => {
    expect(tokenize("Sévaré’s centre, 13,289 armoured")).toEqual(["sevare", "center", "13289", "armored"]);
  });

  it("drops stop words and question phrasing and stems the rest", () => {
    expect(contentTerms("How many peacekeepers have been killed?")).toEqual(["peacekeep", "kill"]);
  });
});

describe("parseQuery", () => {
  it("keeps only what a question is about", () => {
    expect(firstAlternatives("How many peacekeepers have been killed?")).toEqual(["peacekeep", "kill"]);
    expect(firstAlternatives("Can you please tell me what the troop ceiling is?")).toEqual(["troop", "ceil"]);
  });

  it("drops a light verb, which says nothing of its own", () => {
    expect(firstAlternatives("how much bigger did the council make the force")).not.toContain("make");
    expect(parse("who became the head of the mission").concepts.map((c) => c.text)).toEqual([
      "head",
      "mission",
    ]);
  });

  it("reads the kind of answer from the question words", () => {
    expect(detectAnswerType("How many peacekeepers have been killed?")).toBe("number");
    expect(detectAnswerType("When is the council vote?")).toBe("date");
    expect(detectAnswerType("What happened when the rotations slipped?")).toBe("any");
    expect(detectAnswerType("how long was the patrol?")).toBe("duration");
    expect(detectAnswerType("Who is behind the bilateral partners?")).toBe("who");
    expect(detectAnswerType("Where did Operation Buffalo take place?")).toBe("place");
    expect(detectAnswerType("wagner")).toBe("any");
    // "the population of" a place is a number; protecting "the population" is not
    expect(detectAnswerType("what is the population of gao")).toBe("number");
    expect(detectAnswerType("how does the mission protect the population")).toBe("any");
  });

  it("reads a yes/no question asking whether there were many as asking how many", () => {
    expect(detectAnswerType("has the Mali mission cost a lot of UN soldiers their lives")).toBe("number");
    expect(detectAnswerType("were many civilians displaced?")).toBe("number");
    expect(detectAnswerType("did the council renew the mandate?")).toBe("any");
    expect(detectAnswerType("what did many countries say?")).toBe("any");
  });

  it("reads an idiom for dying as the plain verb", () => {
    const read = parse("has the Mali mission cost a lot of UN soldiers their lives");
    expect(read.concepts.map((c) => c.text)).toContain("killed");
    expect(read.concepts.map((c) => c.text)).not.toContain("lives");
  });

  it("searches an irregular verb's other forms the documents use", () => {
    // knowledge/ says "take" and "held", never "took" or "hold"
    const took = parse("who took command").concepts.find((c) => c.text === "took")!;
    expect(took.known).toBe(true);
    expect(took.alternatives).toContainEqual(["take"]);
    const hold = parse("when did they hold the vote").concepts.find((c) => c.text === "hold")!;
    expect(hold.alternatives).toContainEqual(["held"]);
  });

  it("corrects misspellings into words the documents use", () => {
    expect(firstAlternatives("troop cieling")).toEqual(["troop", "ceil"]);
    expect(firstAlternatives("operaton meerkat")).toEqual(["oper", "meerkat"]);
  });

  it("does not turn an English word the documents lack into one they have", () => {
    const leave = parse("leave").concepts[0];
    expect(leave?.known).toBe(false);
  });

  it("expands acronyms and synonyms from the glossary", () => {
    const ied = parse("IED attacks").concepts[0];
    expect(ied?.alternatives).toContainEqual(contentTerms("improvised explosive device"));
    const blue = parse("blue helmets killed").concepts[0];
    expect(blue?.alternatives).toContainEqual(["peacekeep"]);
  });

  it("flags a name no document knows, and that is no English word, as foreign", () => {
    const concepts = parse("UNIFIL troop ceiling").concepts;
    expect(concepts[0]).toMatchObject({ text: "unifil", known: false, foreign: true });
  });

  it("matches a word still being typed as a prefix", () => {
    const [partial] = contentTerms("peacekee");
    expect(parse("peacekee").concepts[0]).toMatchObject({ known: true, prefixes: [partial] });
    expect(searchPassages(kb.index, parse("peacekee").concepts, 1)[0]?.passage.text).toMatch(/peacekeep/u);
  });
});

describe("parseGlossary", () => {
  it("builds groups and keeps a one-word name with a stop word for recognition only", () => {
    const glossary = parseGlossary(
      "synonyms:\n  - [set up, established, created]\nexamples: [troop ceiling]\n",
    );
    expect(glossary.groups[0]?.terms).toEqual([null, ["establish"], ["creat"]]);
    expect(glossary.examples).toEqual(["troop ceiling"]);
  });

  it("says which file and entry is wrong", () => {
    expect(() => parseGlossary("synonyms:\n  - [lonely]\n", "g.yml")).toThrow(
      "glossary: g.yml: synonyms.0: a synonym group needs two names or more",
    );
    expect(() => parseGlossary("synonyms: [", "g.yml")).toThrow(/^glossary: g.yml is not valid YAML/u);
  });
});

describe("searchPassages", () => {
  it("ranks the passage with the number of peacekeepers killed first", () => {
    const hits = searchPassages(kb.index, parse("How many peacekeepers have been killed?").concepts, 3);
    expect(hits[0]?.passage.text).toContain("125 peacekeepers killed");
  });

  it("still finds the ceiling with a typo", () => {
    const hits = searchPassages(kb.index, parse("troop cieling").concepts, 3);
    expect(hits[0]?.passage.text).toContain("13,289");
  });

  it("returns nothing for words no document has", () => {
    expect(searchPassages(kb.index, parse("asdf qwerty").concepts)).toEqual([]);
  });
});

describe("tokens that are names of JavaScript's own properties", () => {
  it("are ordinary words", () => {
    expect(tokenize("constructor toString __proto__ hasOwnProperty")).toEqual([
      "constructor",
      "tostring",
      "proto",
      "hasownproperty",
    ]);
    expect(() => parse("constructor of the prototype")).not.toThrow();
  });
});

describe("invisible characters", () => {
  it("do not split a word", () => {
    expect(tokenize("tr\u200Boop cei\u00ADling")).toEqual(["troop", "ceiling"]);
  });
});
