import { describe, expect, it } from "vitest";
import { answerQuestion } from "../../../src/core/answer/answer.ts";
import type { Explanation } from "../../../src/core/answer/explain.ts";
import { askedTitle, namesTitleHolder } from "../../../src/core/answer/fits.ts";
import { indexTerm, tokenize } from "../../../src/core/search/terms.ts";
import { openKnowledgeBase } from "../../../src/knowledge/open.ts";
import { doc, knowledgeFolder } from "../../helpers/knowledge-folder.ts";

const termsOf = (sentence: string) =>
  tokenize(sentence)
    .map((word) => indexTerm(word.toLowerCase()))
    .filter((term): term is string => term !== null);

describe("reading the title a question asks the holder of", () => {
  it("reads the title's head and the words that say whose role it is", () => {
    expect(askedTitle("Who is the UN special envoy for the Sahel?", null)).toEqual({
      head: "envoy",
      qualifiers: [indexTerm("sahel")],
    });
    expect(askedTitle("Who's Mali's chief negotiator?", null)).toEqual({
      head: "negotiator",
      qualifiers: [],
    });
    expect(askedTitle("Who was the leader of the group that claimed the attack in May?", null)).toEqual({
      head: "leader",
      qualifiers: [indexTerm("group")],
    });
  });

  it("reads no title in a question about a deed, a group or a bare role", () => {
    expect(askedTitle("Who was behind the attack?", null)).toBeNull();
    expect(askedTitle("Who was the aid worker kidnapped in Inekar?", null)).toBeNull();
    expect(askedTitle("Who are the foreign fighters helping the army?", null)).toBeNull();
    expect(askedTitle("Who was involved?", null)).toBeNull();
    expect(askedTitle("Who claimed the attack?", null)).toBeNull();
  });
});

describe("whether a sentence names the holder of a title", () => {
  const envoy = { head: "envoy", qualifiers: [] };
  const check = (title: { head: string; qualifiers: string[] }, sentence: string) =>
    namesTitleHolder(title, sentence, termsOf(sentence), null);

  it("wants the title with a person next to it", () => {
    expect(
      check(envoy, "The bloc's special envoy, former president Goodluck Jonathan, arrived on Monday."),
    ).toBe(true);
    expect(check(envoy, "The envoy arrived on Monday with the World Food Programme.")).toBe(false);
    expect(
      check(
        { head: "commissioner", qualifiers: [] },
        "The Office of the High Commissioner for Refugees helped.",
      ),
    ).toBe(false);
  });

  it("wants the words that say whose role it is", () => {
    const sahel = { head: "envoy", qualifiers: [indexTerm("sahel")!] };
    expect(check(sahel, "ECOWAS's special envoy, Goodluck Jonathan, attended.")).toBe(false);
    expect(check(sahel, "The special envoy for the Sahel, Jane Roe, attended.")).toBe(true);
  });
});

describe("answering only with a sentence that names the asked holder", async () => {
  const kb = await openKnowledgeBase(
    await knowledgeFolder({
      "2020-09-25-sworn-in.md": doc(
        { title: "Interim president sworn in", source: "AFP", date: "2020-09-25" },
        "Bah Ndaw took the oath at a ceremony in Bamako attended by the West African bloc's special envoy, former Nigerian president Goodluck Jonathan. The envoy has led the bloc's mediation since August.",
      ),
      "2015-03-27-report.md": doc(
        { title: "Report on the situation in Mali", source: "UN", date: "2015-03-27" },
        "Mongi Hamdi assumed his functions as my Special Representative on 5 February 2015, succeeding Bert Koenders, who left the Mission in October 2014 to take up the post of Minister for Foreign Affairs of the Netherlands.",
      ),
    }),
  );

  it("says it does not know who holds a title no sentence gives a holder of", () => {
    const explanation: Explanation = {};
    const answer = answerQuestion(kb, "Who is the UN special envoy for the Sahel?", [], explanation);
    expect(answer.found).toBe(false);
    expect(explanation.decision).toMatch(/refused: the sentence names no envoy \(sahel\)/u);
  });

  it("names the holder when the sentence gives one", () => {
    expect(answerQuestion(kb, "Who is the bloc's special envoy?").text).toContain("Goodluck Jonathan");
  });

  it("does not answer a role question with someone in another role", () => {
    const explanation: Explanation = {};
    const answer = answerQuestion(kb, "Who was the defence minister in 2014?", [], explanation);
    expect(answer.found).toBe(false);
  });
});

describe("answering a count at a place only from a passage naming it", async () => {
  const kb = await openKnowledgeBase(
    await knowledgeFolder({
      "2015-03-27-report.md": doc(
        { title: "Report on the situation in Mali", source: "UN", date: "2015-03-27" },
        "The ancient manuscripts evacuated to Bamako during the occupation are being restored.\n\n" +
          "Aid convoys reached the north in February.\n\n" +
          "About 85,000 people remained internally displaced, and 140,000 refugees were living in neighbouring countries.\n\n" +
          "In Gao, some 12,000 people were living in camps for the displaced.",
      ),
    }),
  );

  it("says it does not know a count the documents give for somewhere else", () => {
    const explanation: Explanation = {};
    const answer = answerQuestion(kb, "How many people live in Bamako?", [], explanation);
    expect(answer.found).toBe(false);
    expect(explanation.decision).toMatch(/refused: no sentence next to the count names bamako/iu);
  });

  it("gives the count a passage naming the place states", () => {
    expect(answerQuestion(kb, "How many people live in camps in Gao?").text).toContain("12,000 people");
  });
});

describe("answering a count only with a sentence that states one", async () => {
  const kb = await openKnowledgeBase(
    await knowledgeFolder({
      "2016-06-29-resolution.md": doc(
        { title: "Council raises the mission's troop ceiling", source: "UN", date: "2016-06-29" },
        "Unanimously adopting resolution 2295 (2016), the Council decided to increase the force levels of the mission up to a ceiling of 13,289 military personnel and 1,920 police personnel.",
      ),
      "2020-08-20-tribute.md": doc(
        { title: "Tribute to the head of the mission", source: "UN", date: "2020-08-20" },
        "The Secretary-General praised his five years at the head of the mission and the strength of its partnerships.",
      ),
      "2021-06-29-renewal.md": doc(
        { title: "Council renews the mission", source: "UN", date: "2021-06-29" },
        "Unanimously adopting resolution 2584 (2021), the Council decided that the mission would continue to comprise up to 13,289 military personnel and 1,920 police personnel.",
      ),
      "2021-12-28-report.md": doc(
        { title: "Report on the mission", source: "UN", date: "2021-12-28" },
        "The mission's police have conducted 20 performance assessments since January. The police component had 1,718 personnel, or 89 per cent of the authorized strength of 1,920.",
      ),
      "2018-05-01-report.md": doc(
        { title: "Report on the mission", source: "UN", date: "2018-05-01" },
        "As at 1 May 2018, 12,100 military personnel and 1,700 police were deployed with the mission.",
      ),
    }),
  );

  it("does not give a ceiling for how many served", () => {
    const explanation: Explanation = {};
    const answer = answerQuestion(kb, "How many troops did the mission have in 2016?", [], explanation);
    expect(answer.found).toBe(false);
    expect(explanation.decision).toMatch(/refused: the sentence states only a ceiling/u);
    expect(answerQuestion(kb, "What was the troop ceiling in 2016?").text).toContain("13,289");
    expect(
      answerQuestion(kb, "How many troops did the Council decide to increase the force levels to in 2016?")
        .text,
    ).toContain("13,289");
  });

  it("does not give a length of time for a strength", () => {
    const explanation: Explanation = {};
    expect(answerQuestion(kb, "What was the strength of the mission in 2020?", [], explanation).found).toBe(
      false,
    );
    expect(explanation.decision).toMatch(/refused: the sentence states no count/u);
  });

  it("gives a count of who served ranked just below a ceiling", () => {
    const answer = answerQuestion(kb, "How many police did the mission have in 2021?");
    expect(answer.text).toContain("1,718 personnel");
  });

  it("gives the count of who served", () => {
    expect(answerQuestion(kb, "How many troops did the mission have in 2018?").text).toContain("12,100");
  });
});

describe("answering a count of the whole only with a count that is not one country's", async () => {
  const kb = await openKnowledgeBase(
    await knowledgeFolder({
      "2014-10-03-attack.md": doc(
        { title: "Nine Niger peacekeepers killed", source: "AFP", date: "2014-10-03" },
        "Niger has about 850 troops in the UN force, most of them deployed around Menaka.",
      ),
      "2013-07-01-handover.md": doc(
        { title: "UN takes over in Mali", source: "UN News", date: "2013-07-01" },
        "The UN took over peacekeeping duties in Mali, with some 6,100 West African troops switching to blue helmets.",
      ),
      "2022-11-14-withdrawals.md": doc(
        { title: "Ivory Coast to pull troops", source: "AFP", date: "2022-11-14" },
        "Ivory Coast, whose 49 soldiers were arrested in Bamako in July, said it would withdraw its personnel.",
      ),
    }),
  );

  it("does not give one country's contingent for the force's strength", () => {
    const explanation: Explanation = {};
    const answer = answerQuestion(kb, "How many troops did the UN force have in 2014?", [], explanation);
    expect(answer.found).toBe(false);
    expect(explanation.decision).toMatch(/refused: the sentence counts only niger's/iu);
  });

  it("gives a country's contingent when the question names the country", () => {
    expect(answerQuestion(kb, "How many troops does Niger have in the UN force?").text).toContain(
      "850 troops",
    );
  });

  it("gives one country's count for a deed only its soldiers suffered", () => {
    expect(answerQuestion(kb, "How many soldiers were arrested in Bamako?").text).toContain("49 soldiers");
  });

  it("gives a count a place or a region only qualifies", () => {
    expect(answerQuestion(kb, "How many troops switched to blue helmets in 2013?").text).toContain("6,100");
  });
});
