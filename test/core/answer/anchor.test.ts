import { describe, expect, it } from "vitest";
import { answerQuestion } from "../../../src/core/answer/answer.ts";
import { actionVerb } from "../../../src/core/answer/asked.ts";
import { type Explanation, explanationText } from "../../../src/core/answer/explain.ts";
import { parseQuery } from "../../../src/core/search/query.ts";
import { openKnowledgeBase } from "../../../src/knowledge/open.ts";
import { doc, knowledgeFolder } from "../../helpers/knowledge-folder.ts";

// Two attacks claimed by two groups, in two stories of different years, and a profile giving a leader's age
// in two years. A question naming one attack is about the story that names it, however new the other is.
const files = {
  "2015-11-21-hotel.md": doc(
    { title: "Gunmen storm hotel in Bamako", source: "Wire", date: "2015-11-21" },
    "Security forces searched on Saturday for accomplices of the gunmen who stormed the Meridia Palace hotel in the capital. The Sahel Brigade, an armed group active in the north, claimed responsibility for the siege.",
  ),
  "2019-11-02-post.md": doc(
    { title: "Soldiers killed at army post in the east", source: "Wire", date: "2019-11-02" },
    "Fifty soldiers were killed when fighters overran an army post near Tinzaouaten. The Desert Front group claimed responsibility for the attack through its news agency.",
  ),
  "2020-09-25-profile.md": doc(
    { title: "Colonel named vice-president", source: "Wire", date: "2020-09-25" },
    "Colonel Kamara, 37, will be in charge of defence during the transition.",
  ),
  "2021-05-28-profile.md": doc(
    { title: "Colonel named president", source: "Wire", date: "2021-05-28" },
    "Kamara, 38, has said he will respect the transition's timetable.",
  ),
};

describe("a question naming something particular", async () => {
  const kb = await openKnowledgeBase(await knowledgeFolder(files));

  it("is answered from the document that names it, not a newer one sharing its verbs", () => {
    const answer = answerQuestion(kb, "Which group claimed the Meridia Palace attack?");
    expect(answer.found).toBe(true);
    expect(answer.text).toContain("Sahel Brigade");
    expect(answer.text).not.toContain("Desert Front");
  });

  it("still finds the other attack's claim when that one is named", () => {
    expect(answerQuestion(kb, "Who claimed the Tinzaouaten attack?").text).toContain("Desert Front");
  });

  it("shows in the explanation whether a candidate's document names the question's names", () => {
    const explanation: Explanation = {};
    answerQuestion(kb, "Which group claimed the Meridia Palace attack?", [], explanation);
    expect(explanationText(explanation)).toMatch(/anchor 1\.00×/u);
  });

  it("reads 'how old' as asking for an age: the newest one, the earlier with its date", () => {
    const answer = answerQuestion(kb, "How old is Kamara?");
    expect(answer.found).toBe(true);
    expect(answer.text).toMatch(/^As of 28 May 2021: Kamara, 38,/u);
    expect(answer.text).toContain("Earlier, as of 25 Sep 2020");
  });
});

describe("an actor asked for by its kind", async () => {
  const kb = await openKnowledgeBase(await knowledgeFolder(files));
  const typeOf = (question: string) => parseQuery(question, kb.index.vocabulary, kb.glossary).answerType;

  it("is a 'who' question whose action is the verb after the kind", () => {
    expect(typeOf("Which group claimed the attack?")).toBe("who");
    expect(typeOf("which armed groups signed the accord")).toBe("who");
    expect(actionVerb("Which group claimed the attack?")).toBe("claimed");
    expect(actionVerb("Which militia attacked the village?")).toBe("attacked");
    // a country is asked as a place as often as an actor
    expect(typeOf("which country sent the most troops")).not.toBe("who");
  });
});
