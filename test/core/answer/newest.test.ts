import { describe, expect, it } from "vitest";
import { answerQuestion } from "../../../src/core/answer/answer.ts";
import { type Explanation, explanationText } from "../../../src/core/answer/explain.ts";
import { openKnowledgeBase } from "../../../src/knowledge/open.ts";
import { doc, knowledgeFolder } from "../../helpers/knowledge-folder.ts";

// Figures that change over time, and a role that changes hands: the newest document that states them wins.
const files = {
  "2019-06-01-wire.md": doc(
    { title: "Mali mission most dangerous", source: "Wire", date: "2019-06-01" },
    "The mission is the most dangerous UN mission, with 125 peacekeepers killed in attacks since deployment in 2013. The head of the mission, Mahamat Saleh Annadif, called for more helicopters.",
  ),
  "2023-08-14-news.md": doc(
    { title: "Peacekeepers leave northern camp", source: "UN News", date: "2023-08-14" },
    "More than 300 peacekeepers have been killed since 2013, making it the deadliest mission. The head of the mission, El-Ghassim Wane, thanked the troops as they left the camp.",
  ),
  "2024-01-20-review.md": doc(
    { title: "A year of withdrawal", source: "Review", date: "2024-01-20" },
    "In 2023, 14 peacekeepers were killed in attacks on convoys. The withdrawal ended on 31 December 2023.",
  ),
};

describe("time in answers", async () => {
  const kb = await openKnowledgeBase(await knowledgeFolder(files));

  it("gives the newest figure first, with the older one and its date", () => {
    const answer = answerQuestion(kb, "How many peacekeepers have been killed since deployment?");
    expect(answer.found).toBe(true);
    expect(answer.text).toMatch(
      /^As of 14 Aug 2023: More than 300 peacekeepers.*Earlier, as of 1 Jun 2019: .*125 peacekeepers/u,
    );
    expect(answer.asOf?.date).toBe("2023-08-14");
  });

  it("answers a year with the figure for that year, never a cumulative one", () => {
    const answer = answerQuestion(kb, "How many peacekeepers were killed in 2023?");
    expect(answer.text).toContain("14 peacekeepers");
    expect(answer.text).not.toContain("300");
  });

  it("says not found when nothing is dated in the year asked", () => {
    expect(answerQuestion(kb, "How many peacekeepers were killed in 2016?").found).toBe(false);
  });

  it("names the newest holder of a role", () => {
    const answer = answerQuestion(kb, "Who is the head of the mission?");
    expect(answer.text).toContain("El-Ghassim Wane");
    expect(answer.text).not.toContain("Annadif");
  });

  it("explains how the question was read and why the answer was chosen", () => {
    const explanation: Explanation = {};
    answerQuestion(kb, "How many peacekeepers were killed in 2023?", [], explanation);
    const text = explanationText(explanation);
    expect(text).toContain("answer type: number");
    expect(text).toContain("period: 2023");
    expect(text).toMatch(/not about 2023: .*since 2013/u);
    expect(text).toMatch(/Decision: answered/u);
  });
});
