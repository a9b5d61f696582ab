import { describe, expect, it } from "vitest";
import { answerQuestion } from "../../../src/core/answer/answer.ts";
import { impliedSubjects } from "../../../src/core/answer/implied.ts";
import { documentSubjects, questionScope, subjectCatalog } from "../../../src/core/answer/subject.ts";
import { parseQuery } from "../../../src/core/search/query.ts";
import { openKnowledgeBase } from "../../../src/knowledge/open.ts";
import { doc, knowledgeFolder } from "../../helpers/knowledge-folder.ts";

const glossary = `synonyms:
  - [attack, attacked]
subject:
  home: [MINUSMA]
  missions:
    - names: [MINUSMA, UN mission in Mali]
      country: Mali
    - names: [MONUSCO]
      country: DR Congo
  countries:
    - [Mali, Malian]
    - [DR Congo, Democratic Republic of the Congo, DRC]
`;

const files = {
  "glossary.yml": glossary,
  "2021-mali.md": doc(
    { title: "Convoy attacked in Mali", source: "UN", date: "2021-02-01" },
    "A MINUSMA convoy was attacked near Gao in Mali; two peacekeepers were injured.\n\nMINUSMA said its convoy had reached Gao.",
  ),
  "2023-congo.md": doc(
    { title: "Attack near Beni in DR Congo", source: "UN", date: "2023-05-01" },
    "The ADF attacked a MONUSCO convoy near Beni in the DR Congo with explosive devices; MONUSCO said three civilians were killed.\n\nMONUSCO keeps a base at Beni in the DR Congo.",
  ),
};

describe("a name only another subject's documents use", async () => {
  const kb = await openKnowledgeBase(await knowledgeFolder(files));
  const catalog = subjectCatalog(kb.glossary)!;
  const docs = documentSubjects(kb.index, catalog);
  const known = (term: string) => kb.index.vocabulary.has(term);
  const implied = (question: string) =>
    impliedSubjects(
      kb.index,
      parseQuery(question, kb.index.vocabulary, kb.glossary),
      questionScope(catalog, docs, question, known),
      docs,
    );

  it("names that subject", () => {
    expect(implied("ADF convoy attack Beni").sort()).toEqual(["DR Congo", "MONUSCO"]);
  });

  it("changes nothing for a name the home documents use, or a question naming its subject", () => {
    expect(implied("Gao convoy attack")).toEqual([]);
    expect(implied("MONUSCO convoy attack Beni")).toEqual([]);
  });

  it("lets the question be answered from that subject's document", () => {
    const answer = answerQuestion(kb, "ADF convoy attack Beni");
    expect(answer.found).toBe(true);
    expect(answer.citations[0]?.doc.id).toContain("congo");
  });
});
