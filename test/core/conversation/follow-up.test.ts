import { describe, expect, it } from "vitest";
import type { Turn } from "../../../src/core/answer/types.ts";
import { askedSpeaker, identifies, namesAgent, saidBy } from "../../../src/core/conversation/cues.ts";
import { givenNames, resolveFollowUp } from "../../../src/core/conversation/follow-up.ts";
import { buildGlossary } from "../../../src/core/search/glossary.ts";
import { parseQuery } from "../../../src/core/search/query.ts";
import { contentTerms } from "../../../src/core/search/terms.ts";
import { Vocabulary } from "../../../src/core/search/vocabulary.ts";

const words =
  "head mission el-ghassim wane predecessor attack camp aguelhok injured killed troop ceiling police behind who".split(
    " ",
  );
const terms = [...new Set(words.flatMap(contentTerms))];
const vocabulary = new Vocabulary(
  terms.map((term) => [term, 1] as const),
  terms.map((term) => [term, term] as const),
  10,
);
const glossary = buildGlossary([], []);
const parse = (text: string, weight = 1) => parseQuery(text, vocabulary, glossary, weight);
const resolve = (text: string, history: Turn[]) =>
  resolveFollowUp(text, parse(text), history, (f) => parse(f, 0.5));

const headTurn: Turn = {
  question: "who is the head of mission?",
  focus: ["head", "mission"],
  docs: ["2023-report"],
  found: true,
  passage: "2023-report#4",
  sentence: 1,
  people: ["El-Ghassim Wane"],
  places: [],
};
const attackTurn: Turn = {
  question: "attack on the camp in Aguelhok",
  focus: ["attack", "camp", "Aguelhok"],
  docs: ["2021-letter"],
  found: true,
  passage: "2021-letter#19",
  sentence: 0,
  people: [],
  places: ["Aguelhok"],
  period: "2021",
};

describe("follow-up resolution", () => {
  it("reads 'the camp' as the one the previous answer named", () => {
    const question = "who attacked the camp?";
    const named = new Set(contentTerms("The peacekeepers left their camps in Tessalit on Oct. 21."));
    const read = (previous: Set<string>) =>
      resolveFollowUp(question, parse(question), [attackTurn], (f) => parse(f, 0.5), undefined, previous);
    expect(read(named).followUp).toBe(true);
    expect(read(new Set(contentTerms("The mission closed its base."))).followUp).toBe(false);
  });

  it("reads 'by which X?' as asking which X the thread's event had", () => {
    const resolution = resolve("by which resolution?", [headTurn]);
    expect(resolution.followUp).toBe(true);
    expect(resolution.which).toBe("resolution");
    expect(resolution.concepts.map((c) => c.text)).toEqual(expect.arrayContaining(["head", "mission"]));
    expect(resolve("which operation?", [headTurn]).which).toBe("operation");
    expect(resolve("which operations were launched in Gao in 2021?", [headTurn]).which).toBeNull();
  });

  it("reads 'after that' in a thread as time against its event, and nothing without a thread", () => {
    expect(resolve("what happens after that?", [headTurn]).relative?.kind).toBe("after");
    expect(resolve("what happens after that?", []).relative).toBeNull();
  });

  it("reads a pronoun as the person the previous answer named", () => {
    const resolution = resolve("who was his predecessor?", [headTurn]);
    expect(resolution.followUp).toBe(true);
    expect(resolution.referents).toEqual([{ word: "his", to: "El-Ghassim Wane" }]);
    // "predecessor" names what is asked, not a word of the answer ("Mr. Wane succeeds …"): the biography cue
    // stands for it (biography.ts), the person's name and the thread's words are searched.
    expect(resolution.biography).toBe("predecessor");
    const concepts = resolution.concepts.map((c) => c.text);
    expect(concepts).toEqual(expect.arrayContaining(["head", "wane"]));
    expect(concepts).not.toContain("predecessor");
  });

  it("reads 'she' as the person the documents call a woman, when they say", () => {
    const appointment: Turn = { ...headTurn, people: ["António Guterres", "Awa Traoré"] };
    const gender = (person: string) =>
      person === "Awa Traoré" ? "she" : person === "António Guterres" ? "he" : null;
    const resolved = resolveFollowUp(
      "where did she study?",
      parse("where did she study?"),
      [appointment],
      (f) => parse(f, 0.5),
      undefined,
      undefined,
      gender,
    );
    expect(resolved.referents).toEqual([{ word: "she", to: "Awa Traoré", gender: "she" }]);
    expect(resolve("where did she study?", [appointment]).referents).toEqual([
      { word: "she", to: "António Guterres" },
    ]);
  });

  it("reads 'he' as the person the thread's question named, not the first one its answer named", () => {
    const appointment: Turn = {
      ...headTurn,
      question: "El-Ghassim Wane appointment",
      focus: ["el-ghassim", "wane", "appointment"],
      people: ["Secretary-General António Guterres", "El-Ghassim Wane"],
    };
    expect(resolve("what did he do before?", [appointment]).referents).toEqual([
      { word: "he", to: "El-Ghassim Wane" },
    ]);
  });

  it("keeps 'he' on the person the question named in full, not a namesake the answer named", () => {
    const appointed: Turn = {
      ...headTurn,
      question: "who is the prime minister?",
      focus: ["prime", "minister"],
      people: ["General Oumar Traore"],
    };
    const replaced: Turn = {
      ...headTurn,
      question: "who did he replace?",
      focus: ["general", "oumar", "traore", "replace"],
      people: ["Moussa Sidi Traore"],
    };
    expect(resolve("what job did he have before?", [appointed, replaced]).referents).toEqual([
      { word: "he", to: "General Oumar Traore" },
    ]);
  });

  it("never reads 'he' as an acronym, and 'they' only as a group the question named", () => {
    const mission: Turn = { ...headTurn, focus: ["head", "mission"], people: ["MINUSMA", "Annadif"] };
    expect(resolve("who was his predecessor?", [mission]).referents).toEqual([
      { word: "his", to: "Annadif" },
    ]);
    const injured: Turn = {
      ...attackTurn,
      focus: ["peacekeepers", "injured"],
      people: ["United Nations Interim Force"],
    };
    expect(resolve("where were they from?", [injured]).referents).toEqual([]);
  });

  it("reads 'when …?' as the thread's deed's date, unless it names a subject of its own", () => {
    expect(resolve("when was it attacked?", [attackTurn]).event).toBe("when");
    // "And when will Germany leave?" is the thread's question about Germany, not the thread's event's date.
    expect(resolve("and when will Germany leave?", [attackTurn]).event).toBeNull();
  });

  it("reads who did something, naming no event of its own, as about the thread's event", () => {
    expect(resolve("which group claimed responsibility?", [attackTurn]).followUp).toBe(true);
    // One naming its own event is not: "Aguelhok" is a name of its own.
    const own = "which group claimed responsibility for the attack on the camp in Aguelhok?";
    expect(resolve(own, [attackTurn]).followUp).toBe(false);
  });

  it("keeps the thread's place: its document, passage and sentence", () => {
    const resolution = resolve("how many were injured?", [attackTurn]);
    expect(resolution.followUp).toBe(true);
    expect(resolution.place).toEqual({ docs: ["2021-letter"], passage: "2021-letter#19", sentence: 0 });
    expect(resolution.period).toBe("2021");
    // The thread's event is searched for at half weight, the new word at full weight.
    const injured = resolution.concepts.find((c) => c.text === "injured");
    const attack = resolution.concepts.find((c) => c.text === "attack");
    expect(injured?.weight).toBe(1);
    expect(attack?.weight).toBe(0.5);
  });

  it("reads 'there' as the place the previous answer named", () => {
    const resolution = resolve("who was behind it there?", [attackTurn]);
    expect(resolution.referents).toContainEqual({ word: "there", to: "Aguelhok" });
  });

  it("adds nothing to a question that stands on its own, but keeps the thread's place for ties", () => {
    const resolution = resolve("troop ceiling police mission head", [headTurn]);
    expect(resolution.followUp).toBe(false);
    expect(resolution.concepts.every((c) => c.weight === 1)).toBe(true);
    expect(resolution.place?.docs).toEqual(["2023-report"]);
  });

  it("reads turns stored before the thread fields existed", () => {
    const old: Turn = { question: "troop ceiling", focus: ["troop", "ceiling"], docs: ["a"], found: true };
    const resolution = resolve("and for police?", [old]);
    expect(resolution.followUp).toBe(true);
    expect(resolution.place).toEqual({ docs: ["a"], passage: null, sentence: 0 });
  });
});

describe("what a thread already gave", () => {
  it("is the names of its answers and the capitalised words of its questions, folded", () => {
    const given = givenNames([
      { ...attackTurn, question: "Niger peacekeepers ambush", people: ["Mali"], places: ["Niger", "Ménaka"] },
    ]);
    expect(given).toEqual(expect.arrayContaining(["niger", "mali", "menaka"]));
    // The question's first word is capitalised anyway.
    expect(given).not.toContain("peacekeepers");
  });

  it("a doer named by what it is counts as naming who did it", () => {
    expect(namesAgent("an attack by extremist elements on a bus killed 32 civilians")).toBe(true);
    expect(namesAgent("the attack was blamed on armed men")).toBe(true);
    expect(namesAgent("the bus was travelling from Songho by night")).toBe(false);
  });
});

describe("which one a sentence names", () => {
  it("is the thing's word with a number or a name after it, or a name before it", () => {
    expect(identifies("Unanimously adopting resolution 2100 (2013), the Council decided", "resolution")).toBe(
      true,
    );
    expect(identifies("MINUSMA launched Operation Farrier in November", "operation")).toBe(true);
    expect(identifies("the French Barkhane operation ended", "operation")).toBe(true);
    expect(identifies("Requests a report on the implementation of this resolution", "resolution")).toBe(
      false,
    );
  });
});

describe("whose words a question asks for", () => {
  it("reads the speaker of 'what did X say?'", () => {
    expect(askedSpeaker("what did MINUSMA say about them?")).toBe("minusma");
    expect(askedSpeaker("what did the government say about it?")).toBe("government");
    expect(askedSpeaker("what did the UN do after Mali told the mission to go")).toBeNull();
  });

  it("is given by a sentence where the speaker stands before the verb of saying", () => {
    expect(
      saidBy('A MINUSMA spokesperson said the soldiers were "not part of the mission".', "minusma"),
    ).toBe(true);
    expect(saidBy("The Malian government has denied using Wagner mercenaries.", "government")).toBe(true);
    expect(
      saidBy("Ivory Coast said the soldiers were deployed for the U.N. mission, MINUSMA.", "minusma"),
    ).toBe(false);
  });
});
