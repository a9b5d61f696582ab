import { describe, expect, it } from "vitest";
import { answerQuestion } from "../../../src/core/answer/answer.ts";
import {
  documentSubjects,
  namedSubjects,
  questionScope,
  subjectCatalog,
} from "../../../src/core/answer/subject.ts";
import { openKnowledgeBase } from "../../../src/knowledge/open.ts";
import { doc, knowledgeFolder } from "../../helpers/knowledge-folder.ts";

const glossary = `synonyms:
  - [ceiling, maximum]
subject:
  home: [MINUSMA]
  missions:
    - names: [MINUSMA, UN mission in Mali]
      country: Mali
    - names: [MONUSCO]
      country: DR Congo
    - names: [UNIFIL]
      country: Lebanon
  countries:
    - [Mali, Malian]
    - [DR Congo, Democratic Republic of the Congo, DRC]
    - [Lebanon]
    - [Niger]
`;

const files = {
  "glossary.yml": glossary,
  "2019-mali.md": doc(
    { title: "Council renews the mission in Mali", source: "UN", date: "2019-06-28" },
    "The Security Council renewed MINUSMA for a year. MINUSMA keeps a troop ceiling of 13,289 military personnel.\n\nMali's government welcomed the decision. Some 60,000 Malian refugees live in Niger, the agency said.",
  ),
  "2020-congo.md": doc(
    { title: "Council renews the mission in the Congo", source: "UN", date: "2020-12-18" },
    "The Security Council renewed MONUSCO for a year. MONUSCO keeps a troop ceiling of 14,000 military personnel.\n\nThe DR Congo government asked for a gradual withdrawal. MONUSCO was established in 2010.",
  ),
};

describe("subjects", async () => {
  const kb = await openKnowledgeBase(await knowledgeFolder(files));
  const catalog = subjectCatalog(kb.glossary)!;

  it("reads the home subject and its country from the glossary", () => {
    expect([...catalog.home].sort()).toEqual(["MINUSMA", "Mali"]);
  });

  it("finds the missions and countries a question names, longest name first", () => {
    expect(
      namedSubjects(catalog, "what is the Democratic Republic of the Congo's ceiling").map((s) => s.key),
    ).toEqual(["DR Congo"]);
    expect(namedSubjects(catalog, "monusco troop ceiling").map((s) => s.key)).toEqual(["MONUSCO"]);
    expect(namedSubjects(catalog, "troop ceiling")).toEqual([]);
    // A name the glossary writes in capitals is one only in capitals.
    expect(namedSubjects(catalog, "peacekeepers killed in DRC").map((s) => s.key)).toEqual(["DR Congo"]);
    expect(namedSubjects(catalog, "drc")).toEqual([]);
  });

  it("infers each document's subjects from its text, with a mission's country", () => {
    const subjects = documentSubjects(kb.index, catalog);
    // A one-passage note names Niger as often as Mali: both; a mission it does not name, never.
    expect([...subjects.get("2019-mali")!]).toEqual(expect.arrayContaining(["MINUSMA", "Mali"]));
    expect(subjects.get("2019-mali")!.has("MONUSCO")).toBe(false);
    expect([...subjects.get("2020-congo")!].sort()).toEqual(["DR Congo", "MONUSCO"]);
  });

  it("takes a document's subjects from its front matter when it states them", async () => {
    const dir = await knowledgeFolder({
      "glossary.yml": glossary,
      "note.md":
        "---\ntitle: Note\nsource: UN\ndate: 2021-03-01\nsubjects: [MONUSCO]\n---\n\nThe note covers Mali and MINUSMA.\n",
    });
    const base = await openKnowledgeBase(dir);
    const subjects = documentSubjects(base.index, subjectCatalog(base.glossary)!);
    expect([...subjects.get("note")!].sort()).toEqual(["DR Congo", "MONUSCO"]);
  });

  it("refuses a front matter whose subjects are not a list of names", async () => {
    const dir = await knowledgeFolder({
      "bad.md": "---\ntitle: Note\nsource: UN\ndate: 2021-03-01\nsubjects: []\n---\n\nText.\n",
    });
    const base = await openKnowledgeBase(dir);
    expect(base.skipped[0]?.reason).toContain("subjects must name at least one mission or country");
  });

  it("answers a question that names no mission from the home subject's documents only", () => {
    const answer = answerQuestion(kb, "troop ceiling");
    expect(answer.text).toContain("13,289");
    expect(answer.text).not.toContain("14,000");
  });

  it("answers a question that names another mission from that mission's documents only", () => {
    expect(answerQuestion(kb, "MONUSCO troop ceiling").text).toContain("14,000");
    expect(answerQuestion(kb, "When was MONUSCO established?").text).toContain("2010");
  });

  it("refuses a question about a mission no document covers", () => {
    const answer = answerQuestion(kb, "What is the troop ceiling of UNIFIL?");
    expect(answer.found).toBe(false);
  });

  it("lets a home document answer about another country only in a sentence that names it", () => {
    const scope = questionScope(catalog, documentSubjects(kb.index, catalog), "refugees in Niger", (t) =>
      kb.index.vocabulary.has(t),
    );
    expect(scope.allows("2019-mali")).toBe(true);
    expect(answerQuestion(kb, "How many Malian refugees are in Niger?").text).toContain("60,000");
  });

  it("keeps a thread on another mission until a question names another", () => {
    const first = answerQuestion(kb, "MONUSCO troop ceiling");
    expect(answerQuestion(kb, "what is the troop ceiling now", [first.turn]).text).toContain("14,000");
    expect(answerQuestion(kb, "MINUSMA troop ceiling", [first.turn]).text).toContain("13,289");
  });

  it("keeps the thread's subject for a follow-up that names none", () => {
    const first = answerQuestion(kb, "MONUSCO troop ceiling");
    const next = answerQuestion(kb, "and when was it established?", [first.turn]);
    expect(next.text).toContain("2010");
    expect(first.turn.subjects).toEqual(["MONUSCO"]);
  });
});
