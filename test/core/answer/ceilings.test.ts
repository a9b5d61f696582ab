import { describe, expect, it } from "vitest";
import { answerQuestion } from "../../../src/core/answer/answer.ts";
import { askedPersonnel, statedCeilings } from "../../../src/core/answer/ceilings.ts";
import { openKnowledgeBase } from "../../../src/knowledge/open.ts";
import { doc, knowledgeFolder } from "../../helpers/knowledge-folder.ts";

describe("reading the ceilings a sentence states", () => {
  it("reads a decision's 'comprise up to' and 'a maximum of', with whose ceiling each is", () => {
    expect(
      statedCeilings(
        "Decides that the Force shall comprise up to 9,500 military personnel and 1,100 police personnel;",
      ),
    ).toEqual([
      { count: "9500", personnel: "military" },
      { count: "1100", personnel: "police" },
    ]);
    expect(statedCeilings("The Council decided to keep a maximum of 800 gendarmes in the mission.")).toEqual([
      { count: "800", personnel: "police" },
    ]);
  });

  it("reads an authorized strength whose personnel the sentence names before it", () => {
    expect(
      statedCeilings(
        "The police component had 1,100 officers, or 90 per cent of the authorized strength of 1,220.",
      ),
    ).toEqual([{ count: "1220", personnel: "police" }]);
  });

  it("reads the personnel of a ceiling up to the end of its clause, not the next clause's", () => {
    expect(
      statedCeilings(
        "The military component comprised 8,100 personnel, against an authorized ceiling of 9,500, and the police component 950 personnel against an authorized 1,100.",
      ),
    ).toEqual([
      { count: "9500", personnel: "military" },
      { count: "1100", personnel: "police" },
    ]);
  });

  it("reads no ceiling in a count of who serves", () => {
    expect(
      statedCeilings("Some 9,000 soldiers and 700 police officers were deployed in the country."),
    ).toEqual([]);
  });

  it("reads whose ceiling a question asks", () => {
    expect(askedPersonnel("What was the police ceiling in 2016?")).toBe("police");
    expect(askedPersonnel("What was the troop ceiling in 2016?")).toBe("military");
    expect(askedPersonnel("What ceiling did the Council set in 2016?")).toBeNull();
  });
});

describe("answering a ceiling question from the sentence that states it", async () => {
  const kb = await openKnowledgeBase(
    await knowledgeFolder({
      "2014-04-10-resolution.md": doc(
        { title: "Resolution 9999 (2014)", source: "United Nations Security Council", date: "2014-04-10" },
        "The Security Council, recalling its previous resolutions on the situation in the country,\n\n" +
          "4. Decides that the Force shall comprise up to 9,500 military personnel and 1,100 police personnel;\n\n" +
          "5. Requests the Secretary-General to report every three months.",
      ),
      "2015-06-01-news.md": doc(
        { title: "Peacekeepers patrol the north", source: "Wire", date: "2015-06-01" },
        "Peacekeepers patrolled the northern towns. The mission, set up in 2014 after the ceasefire, employs local staff.",
      ),
      "2017-03-01-report.md": doc(
        { title: "Report of the Secretary-General", source: "UN", date: "2017-03-01" },
        "As at 1 March 2017, 8,700 military personnel had been deployed, representing 92 per cent of the authorized strength of 9,500.",
      ),
    }),
  );

  it("gives the decision for the ceiling the Council set in a year, though it never says 'ceiling'", () => {
    const answer = answerQuestion(kb, "What ceiling did the Security Council set in 2014?");
    expect(answer.found).toBe(true);
    expect(answer.text).toContain("shall comprise up to 9,500 military personnel");
  });

  it("gives a ceiling stated the same before and after a year no statement is dated in", () => {
    const answer = answerQuestion(kb, "What was the troop ceiling in 2016?");
    expect(answer.text).toMatch(
      /^As of 1 Mar 2017: .*authorized strength of 9,500.*Earlier, as of 10 Apr 2014: /u,
    );
  });

  it("gives the decision that keeps a ceiling, worded in none of the question's words", async () => {
    const kept = await openKnowledgeBase(
      await knowledgeFolder({
        "2019-06-20-resolution.md": doc(
          { title: "Resolution 9990 (2019)", source: "United Nations Security Council", date: "2019-06-20" },
          "The Security Council, recalling its previous resolutions on the situation in the country,\n\n" +
            "2. Decides that the Force shall continue to consist of up to 9,500 military personnel and 1,100 police personnel, and requests the Secretary-General to expedite deployment;\n\n" +
            "3. Requests the Secretary-General to report every three months.",
        ),
        "2019-03-02-letter.md": doc(
          { title: "Letter on the mission's operations", source: "UN", date: "2019-03-02" },
          "Troop-contributing countries raised the question of the Council setting a new ceiling. The Council was briefed on the operations of the Force in the north, where its troops set up new camps.",
        ),
      }),
    );
    const answer = answerQuestion(kept, "What troop ceiling did the Council set in 2019?");
    expect(answer.found).toBe(true);
    expect(answer.text).toContain("up to 9,500 military personnel");
  });

  it("says nothing of a Council decision in a year it took none", () => {
    expect(answerQuestion(kb, "What ceiling did the Security Council set in 2016?").found).toBe(false);
  });
});
