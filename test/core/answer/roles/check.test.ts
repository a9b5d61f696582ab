import { describe, expect, it } from "vitest";
import { answerQuestion } from "../../../../src/core/answer/answer.ts";
import { type Explanation, explanationText } from "../../../../src/core/answer/explain.ts";
import { openKnowledgeBase } from "../../../../src/knowledge/open.ts";
import { doc, knowledgeFolder } from "../../../helpers/knowledge-folder.ts";

describe("a newer ranked sentence the reader misses", async () => {
  const kb = await openKnowledgeBase(
    await knowledgeFolder({
      "2014-03-01-report.md": doc(
        { title: "Report on the mission", source: "UN", date: "2014-03-01" },
        "The head of the mission, Bert Koenders, visited Kidal.",
      ),
      "2022-05-01-news.md": doc(
        { title: "New mission chief", source: "UN News", date: "2022-05-01" },
        "Jane Roe, a Kenyan diplomat, is now in charge of the UN operation in Mali.",
      ),
    }),
  );

  it("answers with the newer sentence rather than the stale statement", () => {
    const explanation: Explanation = {};
    const answer = answerQuestion(kb, "Who is in charge of the UN mission?", [], explanation);
    expect(answer.text).toContain("Jane Roe");
    expect(answer.text).not.toContain("Bert Koenders");
    expect(explanationText(explanation)).toMatch(/set aside: a newer ranked sentence/u);
  });
});
