import { describe, expect, it } from "vitest";
import { answerQuestion } from "../../../src/core/answer/answer.ts";
import { TUNING } from "../../../src/core/answer/model.ts";
import { openKnowledgeBase } from "../../../src/knowledge/open.ts";
import { doc, knowledgeFolder } from "../../helpers/knowledge-folder.ts";

// More older attack stories than the passages scored, each saying "peacekeepers killed" louder than the one
// newest document that states the running total: the newest must still reach the ranking and win.
const files: Record<string, string> = {};
for (let i = 0; i < TUNING.passages + 2; i += 1) {
  const day = String(i + 1).padStart(2, "0");
  files[`2016-03-${day}-attack.md`] = doc(
    { title: `Peacekeepers killed in attack ${i + 1}`, source: "Wire", date: `2016-03-${day}` },
    `Peacekeepers killed: ${i + 2} peacekeepers were killed in an attack on a convoy, and the peacekeepers killed were from Chad. The killed peacekeepers were buried in Chad.`,
  );
}
files["2024-06-30-review.md"] = doc(
  { title: "A year after the mission", source: "Wire", date: "2024-06-30" },
  "The mission left Mali on 31 December after ten years, handing its camps to the national army and closing its headquarters in the capital after a difficult withdrawal across the northern regions. It lost 311 peacekeepers killed during its decade in the country, the most of any mission, according to the figures released by the organisation at the closing ceremony.",
);

describe("the newest statement of a figure", async () => {
  const kb = await openKnowledgeBase(await knowledgeFolder(files));

  it("reaches the ranking when older documents outrank it by their words, and wins", () => {
    const answer = answerQuestion(kb, "How many peacekeepers have been killed?");
    expect(answer.found).toBe(true);
    expect(answer.text).toContain("311 peacekeepers killed");
    expect(answer.citations[0]?.doc.id).toBe("2024-06-30-review");
  });
});
