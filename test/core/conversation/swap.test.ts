import { describe, expect, it } from "vitest";
import { answerQuestion } from "../../../src/core/answer/answer.ts";
import type { Explanation } from "../../../src/core/answer/explain.ts";
import type { Turn } from "../../../src/core/answer/types.ts";
import { openKnowledgeBase } from "../../../src/knowledge/open.ts";
import { doc, knowledgeFolder } from "../../helpers/knowledge-folder.ts";
import { askThread } from "../../helpers/thread.ts";

// Elliptical follow-ups that swap a year or a place into the thread's question. The distractors share the new
// year or place but not the thread's question: the follow-up alone ("and in 2019?") would pick them.
const files = {
  "2017-09-26-report.md": doc(
    { title: "Report on the situation in the country", source: "UN", date: "2017-09-26" },
    "The number of internally displaced persons rose to 58,000, most of them in the north.\n\nIn 2017, 11 peacekeepers were killed as a result of hostile acts.",
  ),
  "2019-05-31-report.md": doc(
    { title: "Report on the situation in the country", source: "UN", date: "2019-05-31" },
    "An estimated 3.2 million people need humanitarian assistance in 2019.\n\nOwing to the violence in the centre, the number of internally displaced persons rose to 120,000.\n\nOn 6 April, a peacekeeper was killed by indirect fire against the camp in Kidal.",
  ),
  "2019-05-31-strength.md": doc(
    { title: "Mission strength", source: "UN", date: "2019-05-31" },
    "As at 15 May 2019, 12,909 military personnel had been deployed.\n\nThe police component had 1,766 personnel, including eight formed police units.\n\nThe Council maintained the ceiling of 13,289 troops and 1,920 police.",
  ),
  "2021-02-10-base-attack.md": doc(
    { title: "Peacekeeper killed in base attack", source: "UN", date: "2021-02-10" },
    "One peacekeeper was killed and 27 others injured when the base at Kerena came under attack.\n\nThe peacekeepers evacuated the injured to the hospital in Mopti.",
  ),
  "2019-06-10-schools.md": doc(
    { title: "Schools closed by insecurity", source: "UN", date: "2019-06-10" },
    "Some 500 schools were closed in Mopti because of insecurity. In Gao, 120 schools were closed.\n\nGao hosts the mission's largest camp, with 4,000 personnel.",
  ),
};

describe("follow-ups that swap a year or a place into the thread's question", async () => {
  const kb = await openKnowledgeBase(await knowledgeFolder(files));

  it("reads 'and in 2019?' as the thread's count question for 2019", () => {
    const [first, swapped] = askThread(kb, [
      "how many displaced persons were there in 2017?",
      "and in 2019?",
    ]);
    expect(first!.text).toContain("58,000");
    expect(swapped!.found).toBe(true);
    expect(swapped!.text).toContain("120,000");
    expect(swapped!.text).not.toContain("3.2 million");
  });

  it("reads a year's count of deaths as the thread's question did: one attack's story is no answer", () => {
    const [first, swapped] = askThread(kb, ["how many peacekeepers were killed in 2017?", "and in 2019?"]);
    expect(first!.text).toContain("11 peacekeepers");
    expect(swapped!.found).toBe(false);
  });

  it("reads 'what about Gao?' as the thread's question about Gao", () => {
    const [first, swapped] = askThread(kb, ["how many schools were closed in Mopti?", "what about Gao?"]);
    expect(first!.text).toContain("500 schools");
    expect(swapped!.text).toContain("120 schools were closed");
  });

  it("swaps a common word into the thread's count question: the counted thing, or the verb", () => {
    // (On these small documents the older reading answers them too; lt35-injured in the library does not.)
    const [, police] = askThread(kb, ["how many troops were deployed in 2019?", "and police?"]);
    expect(police!.text).toContain("1,766 personnel");
    const [, injured] = askThread(kb, [
      "how many peacekeepers were killed in the Kerena attack?",
      "and injured?",
    ]);
    expect(injured!.text).toContain("27 others injured");
  });

  it("explains the swap", () => {
    const history: Turn[] = [answerQuestion(kb, "how many displaced persons were there in 2017?").turn];
    const explanation: Explanation = {};
    answerQuestion(kb, "and in 2019?", history, explanation);
    expect(explanation.reading?.swap?.reading).toBe("how many displaced persons were there in 2019?");
    expect(explanation.reading?.swap?.answerType).toBe("number");
  });

  it("swaps nothing after a keyword, whose words say nothing of what was asked ('and for police?')", () => {
    const history: Turn[] = [answerQuestion(kb, "displaced persons 2017").turn];
    const explanation: Explanation = {};
    answerQuestion(kb, "and for police?", history, explanation);
    expect(explanation.reading?.swap?.replaced ?? []).toEqual([]);
    expect(explanation.reading?.swap?.answerType ?? null).toBeNull();
  });

  it("swaps the counted thing of a figure's noun: 'and for police?' after a troop ceiling asks the police ceiling", async () => {
    // The thread's report states both ceilings in one sentence, and also a count of troops and police deployed
    // that the follow-up's words alone would pick; another report states a police ceiling too.
    const ceilings = await openKnowledgeBase(
      await knowledgeFolder({
        "2019-06-01-report.md": doc(
          { title: "Guterres recommends renewing the mission", source: "Wire", date: "2019-06-01" },
          "The mission should be extended for a year with its troop ceiling of 13,289 unchanged along with the maximum deployment of 1,920 police, said the report.\n\n" +
            "There are currently about 14,700 troops and police deployed in the country, where attacks have been the deadliest.",
        ),
        "2017-09-26-report.md": doc(
          { title: "Report on the situation in the country", source: "UN", date: "2017-09-26" },
          "The police component had 1,632 personnel, or 85 per cent of the authorized strength of 1,760.",
        ),
      }),
    );
    const history: Turn[] = [];
    const first = answerQuestion(ceilings, "what was the troop ceiling in 2019?", history);
    expect(first.text).toContain("troop ceiling of 13,289");
    history.push(first.turn);
    const explanation: Explanation = {};
    const police = answerQuestion(ceilings, "and for police?", history, explanation);
    expect(explanation.reading?.swap?.replaced).toEqual(["troop"]);
    expect(police.text).toContain("maximum deployment of 1,920 police");
    expect(police.text).not.toContain("14,700");
  });
});
