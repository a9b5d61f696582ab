import { describe, expect, it } from "vitest";
import { answerQuestion } from "../../../src/core/answer/answer.ts";
import { namesByDescription } from "../../../src/core/answer/coref.ts";
import { openKnowledgeBase } from "../../../src/knowledge/open.ts";
import { doc, knowledgeFolder } from "../../helpers/knowledge-folder.ts";

const NAMED =
  "The soldiers said they had formed the National Committee for the Salvation of the People (CNSP) to lead the country.";

describe("namesByDescription", () => {
  it("finds a word of the full name, with 'the', in the next sentence", () => {
    expect(
      namesByDescription("Colonel Goita presented himself as the leader of the committee.", NAMED, "CNSP"),
    ).toBe(true);
  });

  it("does not take a word the full name lacks, or a name given without its full form", () => {
    expect(
      namesByDescription("Colonel Goita presented himself as the leader of the junta.", NAMED, "CNSP"),
    ).toBe(false);
    expect(namesByDescription("He led the committee.", "The CNSP took power.", "CNSP")).toBe(false);
  });
});

describe("a sentence calling a name by its head noun", async () => {
  const kb = await openKnowledgeBase(
    await knowledgeFolder({
      "2020-08-19-coup.md": doc(
        { title: "Keita resigns after mutiny", source: "Reuters", date: "2020-08-19" },
        `${NAMED} Colonel Assimi Goita, a special forces commander, presented himself on Wednesday as the leader of the committee.`,
      ),
    }),
  );

  it("is about that name", () => {
    const answer = answerQuestion(kb, "CNSP leader");
    expect(answer.found).toBe(true);
    expect(answer.text).toContain("Colonel Assimi Goita, a special forces commander");
  });
});
