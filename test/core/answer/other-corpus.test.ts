import { describe, expect, it } from "vitest";
import { answerQuestion } from "../../../src/core/answer/answer.ts";
import { openKnowledgeBase } from "../../../src/knowledge/open.ts";
import { doc, knowledgeFolder } from "../../helpers/knowledge-folder.ts";

// Documents written for this test, with their own dates, figures and names, and no glossary: the answer
// logic must not depend on the three briefing documents it was tuned on.
const files = {
  "2020-03-15-quarterly.md": doc(
    {
      title: "Quarterly report on the Lake Faguibine water project",
      source: "Project office",
      date: "2020-03-15",
    },
    [
      "## Water points",
      "The project rehabilitated 48 water points in the Goundam cercle during the quarter. Most of them serve herders moving south in the dry season.",
      "## Staffing",
      "The project team counted 37 engineers at the end of March. Recruitment of hydrologists remained difficult.",
    ].join("\n\n"),
  ),
  "2023-11-02-review.md": doc(
    {
      title: "Annual review of the Lake Faguibine water project",
      source: "Evaluation unit",
      date: "2023-11-02",
      url: "https://example.org/faguibine-review",
    },
    [
      "## Staffing",
      "The project team counted 52 engineers in October 2023, after a second recruitment round.",
      "## Flooding",
      "Heavy rains in August 2023 flooded the village of Tin Aicha. The evaluation unit recommended raising the dyke by two metres.",
    ].join("\n\n"),
  ),
  "2021-07-09-visit.md": doc(
    {
      title: "Notes from a field visit to Tonka",
      source: "Field office",
      date: "2021-07-09",
      approximate_date: true,
    },
    "The delegation was led by Aminata Traoré, the regional director. It visited the Tonka market, which reopened on 2 July after six months of closure.",
  ),
};

describe("answers over a knowledge folder the system was not tuned on", async () => {
  const kb = await openKnowledgeBase(await knowledgeFolder(files));

  it("answers figures, dates and names from the documents", () => {
    expect(answerQuestion(kb, "How many water points were rehabilitated?").text).toContain("48 water points");
    expect(answerQuestion(kb, "When did the Tonka market reopen?").text).toContain("2 July");
    expect(answerQuestion(kb, "Who led the delegation?").text).toContain("Aminata Traoré");
    expect(answerQuestion(kb, "what flooded tin aicha").text).toContain("Heavy rains in August 2023");
  });

  it("gives both figures, newest first with its date, when documents disagree", () => {
    const answer = answerQuestion(kb, "How many engineers are on the project team?");
    expect(answer.found).toBe(true);
    expect(answer.citations.map((c) => c.doc.date)).toEqual(["2023-11-02", "2020-03-15"]);
    expect(answer.text).toMatch(
      /^As of 2 Nov 2023: .*52 engineers.*\[1\] Earlier, as of 15 Mar 2020: .*37 engineers.*\[2\]$/u,
    );
    expect(answer.asOf).toEqual({ date: "2023-11-02", approximate: false });
  });

  it("cites the document and its link", () => {
    const answer = answerQuestion(kb, "dyke");
    expect(answer.citations[0]?.doc).toMatchObject({
      title: "Annual review of the Lake Faguibine water project",
      url: "https://example.org/faguibine-review",
    });
  });

  it("says it cannot find what the documents do not say", () => {
    expect(answerQuestion(kb, "What is the troop ceiling of MINUSMA?").found).toBe(false);
    expect(answerQuestion(kb, "Who won the football match?").found).toBe(false);
  });
});
