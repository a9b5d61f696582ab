import { describe, expect, it } from "vitest";
import { answerQuestion } from "../../../../src/core/answer/answer.ts";
import { type Explanation, explanationText } from "../../../../src/core/answer/explain.ts";
import { NOT_FOUND_TEXT } from "../../../../src/core/answer/types.ts";
import { openKnowledgeBase } from "../../../../src/knowledge/open.ts";
import { doc, knowledgeFolder } from "../../../helpers/knowledge-folder.ts";

describe("answering a role question", async () => {
  const kb = await openKnowledgeBase(
    await knowledgeFolder({
      "2015-03-27-report.md": doc(
        { title: "Report on the mission", source: "UN", date: "2015-03-27" },
        "Mongi Hamdi of Tunisia assumed his functions as my Special Representative and Head of the Mission on 5 February 2015. I thank the Force Commander, Major General Michael Lollesgaard, and all personnel.",
      ),
      "2021-03-05-appointment.md": doc(
        { title: "Secretary-General appoints a Special Representative", source: "UN", date: "2021-03-05" },
        "The Secretary-General today announced the appointment of El-Ghassim Wane of Mauritania as his Special Representative and Head of the Mission. Mr. Wane succeeds Mahamat Saleh Annadif of Chad.",
      ),
      "2024-01-02-news.md": doc(
        { title: "Mission completes withdrawal", source: "UN News", date: "2024-01-02" },
        "El-Ghassim Wane, the Special Representative and head of the mission, said at a ceremony that the withdrawal was complete.",
      ),
    }),
  );

  it("names the newest holder, as of when, with the appointment", () => {
    const answer = answerQuestion(kb, "Who is the head of the mission?");
    expect(answer.text).toMatch(
      /^As of 2 Jan 2024: El-Ghassim Wane.*\[1\] Earlier, as of 5 Mar 2021: .*appointment of El-Ghassim Wane/u,
    );
    expect(answer.asOf?.date).toBe("2024-01-02");
  });

  it("answers a keyword naming a holder, misspelt, with that holder's appointment", () => {
    const answer = answerQuestion(kb, "hamdy special representative appointed");
    expect(answer.text).toContain("Mongi Hamdi of Tunisia assumed his functions");
    expect(answerQuestion(kb, "Who was interim president before Hamdi?").text).not.toContain(
      "assumed his functions",
    );
  });

  it("names the first holder without 'as of'", () => {
    const answer = answerQuestion(kb, "Who was the first Force Commander?");
    expect(answer.text).toMatch(/^I thank the Force Commander, Major General Michael Lollesgaard/u);
  });

  it("names the holder of an asked year without 'as of'", () => {
    const answer = answerQuestion(kb, "who was SRSG in 2015");
    expect(answer.text).toMatch(/^Mongi Hamdi of Tunisia assumed his functions/u);
  });

  it("explains the statements it chose from", () => {
    const explanation: Explanation = {};
    answerQuestion(kb, "Force Commander in 2015", [], explanation);
    const text = explanationText(explanation);
    expect(text).toContain("Role statements (newest first):");
    expect(text).toMatch(/force-commander: Michael Lollesgaard \(as of 2015-03-27\)/u);
    expect(text).toMatch(/Decision: answered from the role statements/u);
  });
});

describe("answering a role question from documents worded otherwise", async () => {
  const kb = await openKnowledgeBase(
    await knowledgeFolder({
      "2015-03-27-report.md": doc(
        { title: "Report on the mission", source: "UN", date: "2015-03-27" },
        "Following the departure of my Special Representative, Mr. Albert Gerard Koenders, on 1 November 2014, Mr. Arnauld Antoine Akodjenou, my Deputy Special Representative, has served as acting head of the Mission.",
      ),
      "2023-03-30-report.md": doc(
        { title: "Report on the situation in Mali", source: "UN", date: "2023-03-30" },
        "El-Ghassim Wane has headed the Mission as my Special Representative since April 2021. The security situation remained volatile.",
      ),
    }),
  );

  it("names the newest holder read from a verb, not the acting one of years before", () => {
    const answer = answerQuestion(kb, "who heads the UN mission?");
    expect(answer.text).toMatch(/^As of 30 Mar 2023: El-Ghassim Wane has headed the Mission/u);
  });

  it("names the holder of a year the 'since' holding spans", () => {
    expect(answerQuestion(kb, "Who led the mission in 2022?").text).toContain("El-Ghassim Wane");
    expect(answerQuestion(kb, "Who was in charge of the mission in 2015?").text).toContain("Akodjenou");
  });
});

describe("a role asked for a year the documents do not reach", async () => {
  const kb = await openKnowledgeBase(
    await knowledgeFolder({
      "2015-03-27-report.md": doc(
        { title: "Report on the situation in Mali", source: "UN", date: "2015-03-27" },
        "President Ibrahim Boubacar Keïta appointed a new Government, led by Prime Minister Modibo Keïta, on 10 January 2015.",
      ),
      "2021-12-28-report.md": doc(
        { title: "Report on the situation in Mali", source: "UN", date: "2021-12-28" },
        "Colonel Assimi Goïta appointed Choguel Kokalla Maïga, a leader of the June 5 Movement, as Prime Minister on 7 June 2021.",
      ),
    }),
  );

  it("says it does not know, with the newest statement and its date", () => {
    const explanation: Explanation = {};
    const answer = answerQuestion(kb, "Who was the prime minister in 2023?", [], explanation);
    expect(answer.found).toBe(false);
    expect(answer.text.startsWith(NOT_FOUND_TEXT)).toBe(true);
    expect(answer.text).toContain(
      "The newest statement they hold, of 28 Dec 2021 (UN): Colonel Assimi Goïta",
    );
    expect(explanation.decision).toMatch(/no statement places anyone in the role in 2023/u);
  });

  it("still names the holder of a year a statement is written in", () => {
    expect(answerQuestion(kb, "Who was the prime minister in 2021?").text).toContain("Choguel Kokalla Maïga");
  });
});
