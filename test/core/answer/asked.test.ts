import { describe, expect, it } from "vitest";
import { answerQuestion } from "../../../src/core/answer/answer.ts";
import { actionVerb, askedHead, countedVerb } from "../../../src/core/answer/asked.ts";
import { type Explanation, explanationText } from "../../../src/core/answer/explain.ts";
import { openKnowledgeBase } from "../../../src/knowledge/open.ts";
import { doc, knowledgeFolder } from "../../helpers/knowledge-folder.ts";

describe("askedHead", () => {
  it("takes the last word of the phrase after the question's frame", () => {
    expect(askedHead("What is the main religion in Mali?")).toBe("religion");
    expect(askedHead("What is the Malian national anthem?")).toBe("anthem");
    expect(askedHead("What was MINUSMA's budget for 2017-2018?")).toBe("budget");
    expect(askedHead("Who is the UN special envoy for the Sahel?")).toBe("envoy");
    expect(askedHead("How many IED attacks were there in 2016?")).toBe("attacks");
    expect(askedHead("and how many civilian staff did MINUSMA have")).toBe("staff");
  });

  it("ends a counted noun's phrase at its verb", () => {
    expect(askedHead("how many blue helmets died in 2016")).toBe("helmets");
    expect(askedHead("How many people live in Bamako?")).toBe("people");
    expect(askedHead("How many peacekeepers killed")).toBe("peacekeepers");
  });

  it("finds no asked thing outside the frames", () => {
    expect(askedHead("why is the rest of the Mopti police unit stuck in Senegal")).toBeNull();
    expect(askedHead("when did the mission leave Kidal")).toBeNull();
    expect(askedHead("troop ceiling")).toBeNull();
  });
});

const files = {
  "2016-05-30-news.md": doc(
    { title: "Togolese peacekeepers killed", source: "UN News", date: "2016-05-30" },
    "Togo, one of the mission's main contributors, has lost several soldiers in Mali since 2013. The convoy was hit near Sevare.",
  ),
  "2015-03-27-report.md": doc(
    { title: "Report of 2015", source: "UN", date: "2015-03-27" },
    "The mission documented 42 cases of arbitrary arrest by civilian authorities.",
  ),
  "2016-01-10-staff.md": doc(
    { title: "Rotations", source: "UN", date: "2016-01-10" },
    "Staff rotations were delayed by the fighting.",
  ),
  "2019-03-01-report.md": doc(
    { title: "Report on the mission", source: "UN", date: "2019-03-01" },
    "The mission's police unit in Mopti is still stuck in Dakar because of a customs dispute over its equipment.",
  ),
};

describe("an asked thing no document uses", async () => {
  const kb = await openKnowledgeBase(await knowledgeFolder(files));

  it("is not answered by a sentence sharing only the question's other words", () => {
    const explanation = {} as Explanation;
    const answer = answerQuestion(kb, "What is the main religion in Mali?", [], explanation);
    expect(answer.found).toBe(false);
    expect(explanationText(explanation)).toContain('no document mentions the asked "religion"');
  });

  it("does not stop an answer when the unknown word is incidental", () => {
    const answer = answerQuestion(kb, "why is the Mopti police unit stuck in Senegal");
    expect(answer.found).toBe(true);
    expect(answer.text).toContain("customs dispute");
  });

  it("lowers confidence when the asked thing, a word the documents know, is not in the answer's passage", () => {
    const absent = {} as Explanation;
    const answer = answerQuestion(kb, "How many civilian arrests did the mission document?", [], absent);
    expect(answer.found).toBe(true);
    expect(explanationText(absent)).not.toContain("the asked thing is not in the passage");
    const missing = {} as Explanation;
    answerQuestion(kb, "How many civilian staff did the mission have?", [], missing);
    expect(explanationText(missing)).toContain("the asked thing is not in the passage");
  });
});

describe("countedVerb", () => {
  it("reads the verb a count question counts with, past its auxiliaries", () => {
    expect(countedVerb("How many Chadian peacekeepers serve in MINUSMA?")).toBe("serve");
    expect(countedVerb("How many peacekeepers have been killed since 2013?")).toBe("killed");
    expect(countedVerb("How many MONUSCO peacekeepers are deployed in Congo?")).toBe("deployed");
    expect(countedVerb("how many blue helmets died in 2016")).toBe("died");
  });

  it("finds none when the counted phrase has no verb or the question is no count", () => {
    expect(countedVerb("How many peacekeepers in Mali?")).toBeNull();
    expect(countedVerb("how many formed police units")).toBeNull();
    expect(countedVerb("Who is the Force Commander?")).toBeNull();
  });
});

describe("a count question's verb", async () => {
  const kb = await openKnowledgeBase(
    await knowledgeFolder({
      "2019-01-21-news.md": doc(
        { title: "Attack at Aguelhok", source: "UN News", date: "2019-01-21" },
        "The attack on the camp at Aguelhok killed 10 peacekeepers from Chad. Chad serves in the Kidal region with several battalions of the mission.",
      ),
      "2019-02-01-news.md": doc(
        { title: "Togo", source: "UN News", date: "2019-02-01" },
        "Togolese peacekeepers guard the camp at Sevare.",
      ),
    }),
  );

  it("must be in a sentence whose count answers it", () => {
    expect(answerQuestion(kb, "How many Chadian peacekeepers serve in the mission?").found).toBe(false);
  });

  it("lets the count of the same event answer, the nationality meeting its country", () => {
    const answer = answerQuestion(kb, "How many Chadian peacekeepers were killed at Aguelhok?");
    expect(answer.found).toBe(true);
    expect(answer.text).toContain("killed 10 peacekeepers from Chad");
  });
});

describe("actionVerb", () => {
  it("reads the action a 'who' question asks the doer of", () => {
    expect(actionVerb("Who claimed the Gao suicide attack in 2017?")).toBe("claimed");
    expect(actionVerb("Who signed the Algiers accord for the CMA?")).toBe("signed");
    expect(actionVerb("and who abstained?")).toBe("abstained");
  });

  it("finds none after a copula, an auxiliary or a light verb", () => {
    expect(actionVerb("Who is the Force Commander?")).toBeNull();
    expect(actionVerb("who did he beat?")).toBeNull();
    expect(actionVerb("Who took power in Niger?")).toBeNull();
    expect(actionVerb("What did MINUSMA say?")).toBeNull();
  });
});

describe("a 'who' question's action", async () => {
  const kb = await openKnowledgeBase(
    await knowledgeFolder({
      "2017-01-18-gao.md": doc(
        { title: "Suicide bombing in Gao", source: "AFP", date: "2017-01-18" },
        "The suicide bombing of the camp in Gao on Wednesday killed 77, Malian officials said. In a statement, the jihadist group Al-Mourabitoune claimed it.",
      ),
    }),
  );

  it("is answered by the sentence naming who did it, not by one naming someone else", () => {
    const answer = answerQuestion(kb, "Who claimed the Gao suicide bombing?");
    expect(answer.found).toBe(true);
    expect(answer.text).toContain("Al-Mourabitoune claimed");
  });
});
