import { describe, expect, it } from "vitest";
import { answerQuestion } from "../../../src/core/answer/answer.ts";
import { callsByHead, fullNameHeads, namesByDescription } from "../../../src/core/answer/coref.ts";
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

describe("fullNameHeads and callsByHead", () => {
  const heads = fullNameHeads(
    ["The UN Multidimensional Integrated Stabilization Mission in Mali (MINUSMA) is led by Bert Koenders."],
    "minusma",
  );

  it("reads the words of the full name given before the acronym in brackets", () => {
    expect([...heads].sort()).toEqual(["integrated", "mali", "mission", "multidimensional", "stabilization"]);
    expect(fullNameHeads(["MINUSMA is led by Bert Koenders."], "minusma").size).toBe(0);
  });

  it("finds 'the <word>' in a later sentence", () => {
    expect(callsByHead("The Security Council established the mission on 25 April 2013.", heads)).toBe(true);
    expect(callsByHead("The Security Council established a mission on 25 April 2013.", heads)).toBe(false);
  });
});

describe("a later sentence calling the document's acronym by its head noun", async () => {
  const kb = await openKnowledgeBase(
    await knowledgeFolder({
      "2013-07-01-takeover.md": doc(
        { title: "UN mission takes over", source: "UN News", date: "2013-07-01" },
        "The UN Multidimensional Integrated Stabilization Mission in Mali (MINUSMA) took over today from the African force.\n\nMr. Koenders thanked the African troops.\n\nThe Security Council established the mission on 25 April 2013 by resolution 2100.",
      ),
      "2017-09-26-report.md": doc(
        { title: "Report", source: "UN", date: "2017-09-26" },
        "Since MINUSMA was deployed, the mission has been established in the north and the centre of the country.",
      ),
    }),
  );

  it("is about that acronym, so its date answers 'when'", () => {
    const answer = answerQuestion(kb, "When was MINUSMA established?");
    expect(answer.found).toBe(true);
    expect(answer.text).toContain("25 April 2013");
  });
});
