import { describe, expect, it } from "vitest";
import { answerQuestion } from "../../../src/core/answer/answer.ts";
import { askedNames, asksShare, shareOwners, statesShareOf } from "../../../src/core/answer/share.ts";
import { openKnowledgeBase } from "../../../src/knowledge/open.ts";
import { doc, knowledgeFolder } from "../../helpers/knowledge-folder.ts";

describe("asksShare", () => {
  it("reads share, percentage and 'how much of' questions", () => {
    expect(asksShare("What share of the vote did Traore get?")).toBe(true);
    expect(asksShare("what percentage of the budget went to security")).toBe(true);
    expect(asksShare("How much of the north does the army control?")).toBe(true);
    expect(asksShare("What proportion of the staff are women?")).toBe(true);
  });

  it("leaves other questions alone", () => {
    expect(asksShare("How many votes did Traore get?")).toBe(false);
    expect(asksShare("What did the council decide?")).toBe(false);
  });
});

describe("askedNames", () => {
  it("takes the question's names, not its question words or months", () => {
    expect([...askedNames("What share of the vote did Amadou Traore get in June?")]).toEqual([
      "amadou",
      "traore",
    ]);
    expect([...askedNames("How much of the budget went to security?")]).toEqual([]);
  });
});

describe("shareOwners", () => {
  it("gives a share to the subject of its clause, asides left out", () => {
    expect(
      shareOwners("Diallo, a former trade minister who also ran against Traore in 2009, won 21.4 percent."),
    ).toEqual([["diallo"]]);
    expect(
      shareOwners("Traore, 61, a retired judge, took an Oct. 3 vote with 64.2% of the ballots."),
    ).toEqual([["traore"]]);
  });

  it("gives each clause's share to its own subject", () => {
    expect(shareOwners("Traore won 64 percent in Sikasso, while Diallo took a third.")).toEqual([
      ["traore"],
      ["diallo"],
    ]);
  });

  it("gives a share to the name it goes to, and none to a place", () => {
    expect(shareOwners("In the end 58 percent of the vote went to Amadou Traore.")).toEqual([
      ["amadou", "traore"],
    ]);
    expect(shareOwners("Turnout in Bamako was 34 percent.")).toEqual([["turnout"]]);
  });

  it("finds no share in a sentence stating none", () => {
    expect(shareOwners("Traore was sworn in on Friday.")).toEqual([]);
  });
});

describe("statesShareOf", () => {
  it("says whether a sentence states a share of an asked name", () => {
    const names = new Set(["traore"]);
    expect(statesShareOf("Diallo, who lost to Traore in 2009, took 32.8 percent.", names)).toBe(false);
    expect(statesShareOf("Traore won two-thirds of the seats.", names)).toBe(true);
  });
});

const files = {
  "2011-06-20-election.md": doc(
    { title: "Traore wins Zarkana presidential run-off", source: "Wire", date: "2011-06-20" },
    "Amadou Traore, 61, a retired judge, won Sunday's run-off in Zarkana with 64.2 percent of the vote, the electoral commission said. " +
      "He will be sworn in next month.\n\n" +
      "Turnout was low in the north, where armed groups threatened voters.",
  ),
  "2016-06-22-election.md": doc(
    { title: "Traore re-elected in Zarkana as rival cries fraud", source: "Wire", date: "2016-06-22" },
    "Zarkana's president Amadou Traore won a second term in Sunday's run-off, the electoral commission said. " +
      "Moussa Diallo, a former trade minister who also lost to Traore in the 2011 run-off vote, took 35.8 percent of the vote and said he would not recognise the result.",
  ),
};

describe("a share question", async () => {
  const kb = await openKnowledgeBase(await knowledgeFolder(files));

  it("is answered by the asked person's share, not a rival's in a story sharing more of its words", () => {
    const answer = answerQuestion(kb, "What share of the vote did Traore get in the 2011 run-off?");
    expect(answer.found).toBe(true);
    expect(answer.text).toContain("64.2 percent");
    expect(answer.text).not.toContain("35.8");
  });

  it("is answered by the rival's share when the rival is asked about", () => {
    const answer = answerQuestion(kb, "What share of the vote did Diallo get in the run-off?");
    expect(answer.found).toBe(true);
    expect(answer.text).toContain("35.8 percent");
  });
});
