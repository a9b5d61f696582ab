import { describe, expect, it } from "vitest";
import { answerQuestion } from "../../../src/core/answer/answer.ts";
import { isKeywordQuery, statesToll } from "../../../src/core/answer/headline.ts";
import { openKnowledgeBase } from "../../../src/knowledge/open.ts";
import { doc, knowledgeFolder } from "../../helpers/knowledge-folder.ts";

describe("isKeywordQuery", () => {
  it("takes a few words without a question word for keywords", () => {
    expect(isKeywordQuery("kerena base attack")).toBe(true);
    expect(isKeywordQuery("ogossagou")).toBe(true);
    expect(isKeywordQuery("Gao suicide bombing 2017")).toBe(true);
  });

  it("does not take a question or a long request for keywords", () => {
    expect(isKeywordQuery("When was MINUSMA established?")).toBe(false);
    expect(isKeywordQuery("who led it")).toBe(false);
    expect(isKeywordQuery("tessalit camp")).toBe(true);
    expect(isKeywordQuery("the attack on the camp in the north of the country last year")).toBe(false);
  });
});

describe("statesToll", () => {
  it("finds a count of people killed, injured or massacred, in either order", () => {
    expect(statesToll("One UN peacekeeper was killed and 27 others injured on Wednesday.")).toBe(true);
    expect(statesToll("At least 157 people, including 46 children, were massacred in Ogossagou.")).toBe(true);
    expect(statesToll("A suicide bomber drove into the camp, killing at least 77 people.")).toBe(true);
    expect(statesToll("The attack killed 10 peacekeepers from Chad.")).toBe(true);
  });

  it("does not take a date, a year or a distance for a toll", () => {
    expect(statesToll("On 23 March, the attack killed civilians in the village.")).toBe(false);
    expect(
      statesToll("The base, about 20 kilometres from Douentza, was attacked and peacekeepers wounded."),
    ).toBe(false);
    expect(statesToll("In 2019, the mission was attacked; no one was killed.")).toBe(false);
  });
});

describe("a keyword question about an event", async () => {
  const kb = await openKnowledgeBase(
    await knowledgeFolder({
      "2021-02-10-kerena.md": doc(
        { title: "Peacekeeper killed in attack on a base", source: "UN News", date: "2021-02-10" },
        "One UN peacekeeper was killed and 27 others injured on Wednesday when a temporary base came under attack. The attack on the temporary base at Kerena began at dawn, when assailants fired mortars at the base. The peacekeepers repelled the attack.",
      ),
      "2021-06-01-letter.md": doc(
        { title: "Letter on operations", source: "UN", date: "2021-06-01" },
        "The Mission improved the defences of its base at Kerena and of its other camps in the centre.",
      ),
    }),
  );

  it("is answered with its toll, given before the sentence naming the place", () => {
    const answer = answerQuestion(kb, "kerena base attack");
    expect(answer.found).toBe(true);
    expect(answer.text).toContain("One UN peacekeeper was killed and 27 others injured");
  });

  it("leaves a full question's answer alone", () => {
    const answer = answerQuestion(kb, "What did the assailants fire at the base at Kerena?");
    expect(answer.text).toContain("fired mortars");
    expect(answer.text).not.toContain("27 others injured");
  });
});

describe("a keyword question about a thing", async () => {
  const kb = await openKnowledgeBase(
    await knowledgeFolder({
      "2015-03-27-report.md": doc(
        { title: "Report", source: "UN", date: "2015-03-27" },
        "With the support of UNESCO, the reconstruction of the mausoleums of Timbuktu continued. Local masons using traditional techniques have rebuilt 14 mausoleums so far.",
      ),
    }),
  );

  it("is answered with the count of it the next sentence gives", () => {
    const answer = answerQuestion(kb, "timbuktu mausoleums reconstruction");
    expect(answer.found).toBe(true);
    expect(answer.text).toContain("rebuilt 14 mausoleums");
  });
});
