import { describe, expect, it } from "vitest";
import { answerQuestion } from "../../../src/core/answer/answer.ts";
import { asksWhy, givesReason } from "../../../src/core/answer/reason.ts";
import { openKnowledgeBase } from "../../../src/knowledge/open.ts";
import { doc, knowledgeFolder } from "../../helpers/knowledge-folder.ts";

describe("asksWhy and givesReason", () => {
  it("tells a question asking for a reason", () => {
    expect(asksWhy("why did the peacekeepers leave Ber ahead of schedule")).toBe(true);
    expect(asksWhy("What was the reason for the withdrawal?")).toBe(true);
    expect(asksWhy("When did the peacekeepers leave Ber?")).toBe(false);
  });

  it("finds a reason clause in a sentence", () => {
    expect(
      givesReason("They left Ber earlier than planned, because of a deteriorating security situation."),
    ).toBe(true);
    expect(givesReason("Britain will withdraw its troops, blaming the junta.")).toBe(true);
    expect(givesReason("The peacekeepers left their base in Ber on Sunday.")).toBe(false);
  });
});

describe("a 'why' question", async () => {
  const kb = await openKnowledgeBase(
    await knowledgeFolder({
      "2023-08-14-ber.md": doc(
        { title: "Peacekeepers leave Ber", source: "AFP", date: "2023-08-14" },
        "Peacekeepers left their base in Ber ahead of schedule on Sunday, the mission said. The peacekeepers left Ber ahead of schedule because of a deteriorating security situation, it added.",
      ),
    }),
  );

  it("is answered by the sentence giving a reason", () => {
    const answer = answerQuestion(kb, "why did the peacekeepers leave Ber ahead of schedule");
    expect(answer.found).toBe(true);
    expect(answer.text).toContain("because of a deteriorating security situation");
  });
});
