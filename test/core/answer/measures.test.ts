import { describe, expect, it } from "vitest";
import { answerQuestion } from "../../../src/core/answer/answer.ts";
import { countedTerms, countsAsked, isCountKeyword } from "../../../src/core/answer/measures.ts";
import { askedTime, sentenceTime } from "../../../src/core/answer/time.ts";
import type { ParsedQuery } from "../../../src/core/search/query.ts";
import { openKnowledgeBase } from "../../../src/knowledge/open.ts";
import { concept } from "../../helpers/concept.ts";
import { doc, knowledgeFolder } from "../../helpers/knowledge-folder.ts";

/** A concept met by any of these sequences of index terms. */
const counted = (...alternatives: string[][]) => concept("", alternatives);

describe("reading what a passage counts", () => {
  it("reads the words after a count and before it, not years, days or resolution numbers", () => {
    const terms = countedTerms(
      "On 8 December 2021, resolution 2584 noted that the number of internally displaced persons stood at 412,000, and eight formed police units were deployed.",
    );
    expect(terms).toContain("displac");
    expect(terms).toContain("unit");
    expect(terms).not.toContain("decemb");
    expect(terms).not.toContain("note");
  });

  it("knows a count of the asked thing before it, or after it through a verb of measure", () => {
    const idps = counted(["intern", "displac", "person"]);
    expect(countsAsked("The number of internally displaced persons stood at 412,000.", [idps])).toBe(true);
    expect(countsAsked("An estimated 8.8 million people need assistance.", [idps])).toBe(false);
    const police = counted(["polic"]);
    expect(countsAsked("The mission has some 1,600 police in the country.", [police])).toBe(true);
    // The count is of personnel, military and police together.
    expect(countsAsked("MINUSMA had some 12,900 military and police personnel.", [police])).toBe(false);
    expect(countsAsked("Police patrolled on 8 December in Gao.", [police])).toBe(false);
    // "up to" counts how many may serve: it answers a ceiling question, not "how many are deployed".
    const ceiling = "MINUSMA would comprise up to 13,289 military personnel and 1,920 police personnel.";
    expect(countsAsked(ceiling, [police], { authorized: false })).toBe(false);
    expect(countsAsked(ceiling, [police], { authorized: true })).toBe(true);
    // ... and a ceiling question is not answered by how many serve.
    expect(
      countsAsked("Some 6,100 West African troops switched to blue helmets.", [counted(["troop"])], {
        authorized: true,
      }),
    ).toBe(false);
    const report =
      "The police component had 1,598 personnel, or 83 per cent of the authorized strength of 1,920, including eight formed police units.";
    expect(countsAsked(report, [counted(["form", "polic", "unit"])], { authorized: false })).toBe(true);
    // A count of events stands right before their verb: "including 187 killed", not "46 children were massacred".
    const killed = concept("killed", [["kill"], ["massacr"]]);
    expect(countsAsked("310 personnel have died, including 187 killed in hostile acts.", [killed])).toBe(
      true,
    );
    expect(countsAsked("At least 157 people, including 46 children, were massacred.", [killed])).toBe(false);
  });
});

describe("time in counts", () => {
  it("reads a part of a year as ending before the year does", () => {
    expect(askedTime("How many peacekeepers were killed in the first half of 2021?")?.until).toBe(
      "2021-06-30",
    );
    expect(askedTime("What happened in March 2023?")?.until).toBe("2023-03-31");
    expect(askedTime("How many peacekeepers were killed in 2021?")?.until).toBeUndefined();
  });

  it("reads 'the highest since deployment' as a comparison, not a running total", () => {
    const time = sentenceTime(
      "In 2021, 28 peacekeepers were killed, the highest annual number since the Mission's deployment.",
    );
    expect(time.cumulative).toBe(false);
    expect(time.dated).toEqual([2021]);
  });
});

describe("a keyword of a count", () => {
  const query = (...texts: string[]) =>
    ({
      text: texts.join(" "),
      answerType: "any",
      concepts: texts.map((text) => concept(text, [[text]])),
    }) as unknown as ParsedQuery;

  it("reads 'peacekeepers killed' as a count, 'Kerena attack' and a toll as one event", () => {
    expect(isCountKeyword("peacekeepers killed", query("peacekeepers", "killed"))).toBe(true);
    expect(isCountKeyword("Kerena attack", query("Kerena", "attack"))).toBe(false);
    expect(isCountKeyword("Ogossagou death toll", query("Ogossagou", "death", "toll"))).toBe(false);
  });
});

describe("the newest count of the asked thing", async () => {
  const kb = await openKnowledgeBase(
    await knowledgeFolder({
      "2015-03-27-report.md": doc(
        { title: "Report on displacement and police", source: "UN", date: "2015-03-27" },
        "About 85,000 people remained internally displaced in Mali, a figure the mission followed closely in Mali. The police component included seven formed police units in Mali.",
      ),
      "2019-05-31-report.md": doc(
        { title: "Report", source: "UN", date: "2019-05-31" },
        "Owing to violence in Mali, the number of internally displaced people rose to 120,000.",
      ),
      "2023-03-30-report.md": doc(
        { title: "Report", source: "UN", date: "2023-03-30" },
        "The humanitarian situation worsened. The number of internally displaced people stood at 412,000.",
      ),
    }),
  );

  it("answers with the newest statement of the figure, and the older one with its date", () => {
    const answer = answerQuestion(kb, "How many internally displaced people are there in Mali?");
    expect(answer.text).toMatch(/^As of 30 Mar 2023: .*412,000/u);
    expect(answer.asOf?.date).toBe("2023-03-30");
  });
});
