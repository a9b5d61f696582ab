import { describe, expect, it } from "vitest";
import { answerQuestion } from "../../../src/core/answer/answer.ts";
import { precisePlace } from "../../../src/core/answer/place.ts";
import { openKnowledgeBase } from "../../../src/knowledge/open.ts";
import { doc, knowledgeFolder } from "../../helpers/knowledge-folder.ts";

describe("precisePlace", () => {
  const none = new Set<string>();

  it("finds a distance from a named place, or near / between / west of one", () => {
    expect(precisePlace("The patrol was about 30 kilometres west of Sevare when it was hit.", none)).toBe(
      true,
    );
    expect(precisePlace("Their convoy was ambushed between Ménaka and Ansongo.", none)).toBe(true);
    expect(precisePlace("The base near Douentza was attacked.", none)).toBe(true);
  });

  it("does not take a vague place, or the place the question named", () => {
    expect(precisePlace("Five peacekeepers were killed in central Mali on Sunday.", none)).toBe(false);
    expect(precisePlace("The base near Douentza was attacked.", new Set(["douentza"]))).toBe(false);
  });
});

describe("a 'where' question", async () => {
  const kb = await openKnowledgeBase(
    await knowledgeFolder({
      "2016-05-30-ambush.md": doc(
        { title: "Peacekeepers killed in an ambush", source: "UN News", date: "2016-05-30" },
        "Five peacekeepers from Togo were killed in an ambush on Sunday in central Mali. The patrol was about 30 kilometres west of Sevare when the peacekeepers were ambushed.",
      ),
    }),
  );

  it("is answered with the precise place of the next sentence when the best one is vague", () => {
    const answer = answerQuestion(kb, "Where were the five peacekeepers from Togo killed?");
    expect(answer.found).toBe(true);
    expect(answer.text).toContain("30 kilometres west of Sevare");
  });
});
