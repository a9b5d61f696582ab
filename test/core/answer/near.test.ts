import { describe, expect, it } from "vitest";
import { answerQuestion } from "../../../src/core/answer/answer.ts";
import { answerNearEvent, doerAtAction, eventTermsOf } from "../../../src/core/answer/near.ts";
import { openKnowledgeBase } from "../../../src/knowledge/open.ts";
import { doc, knowledgeFolder } from "../../helpers/knowledge-folder.ts";

const events = new Set(["elect", "hold", "held"]);

describe("answerNearEvent", () => {
  it("finds a date within a few words of the asked event", () => {
    const sentence = "The Council called on the authorities to hold elections by 27 February 2022.";
    expect(answerNearEvent(sentence, "date", events, 6)).toBe(true);
  });

  it("does not take a date far from the event, a resolution's year, or another answer type", () => {
    const far =
      "The Council called for elections, welcomed the progress made by the parties in many areas of the peace process, and asked for a report by 15 July.";
    expect(answerNearEvent(far, "date", events, 6)).toBe(false);
    expect(answerNearEvent("Elections were held under resolution 2584 (2021).", "date", events, 6)).toBe(
      false,
    );
    expect(answerNearEvent("Elections were held on 5 May.", "who", events, 6)).toBe(false);
  });
});

describe("doerAtAction", () => {
  const signed = new Set(["sign", "signed"]);
  const asked = new Set(["who", "signed", "the", "accord", "for", "cma"]);

  it("finds a full name just before the action, or after 'by' just after it", () => {
    expect(
      doerAtAction("Sidi Brahim Ould Sidati signed the agreement on behalf of the CMA.", signed, asked),
    ).toBe(true);
    expect(doerAtAction("The accord was signed by Bilal Ag Acherif in Bamako.", signed, asked)).toBe(true);
  });

  it("does not take a lone capitalised word, an office or a name far from the action", () => {
    expect(
      doerAtAction("The government and the pro-government Platform coalition had signed it.", signed, asked),
    ).toBe(false);
    expect(doerAtAction("The Security Council signed nothing.", signed, asked)).toBe(false);
    expect(
      doerAtAction(
        "Bilal Ag Acherif arrived in Algiers on Friday and later, in June, signed.",
        signed,
        asked,
      ),
    ).toBe(false);
  });
});

describe("eventTermsOf", () => {
  it("keeps the question's lower-case words with their alternatives, not its names or numbers", () => {
    const concepts = [
      { text: "Council", alternatives: [["council"]], weight: 1, known: true },
      { text: "elections", alternatives: [["elect"]], weight: 1, known: true },
      { text: "held", alternatives: [["held"], ["hold"]], weight: 1, known: true },
      { text: "2584", alternatives: [["2584"]], weight: 1, known: true },
      { text: "mission", alternatives: [["mission"]], weight: 0.5, known: true },
    ];
    const terms = eventTermsOf("When did the Council want elections held under resolution 2584?", concepts);
    expect([...terms].sort()).toEqual(["elect", "held", "hold"]);
  });
});

describe("a 'when' question", async () => {
  const kb = await openKnowledgeBase(
    await knowledgeFolder({
      "2021-06-29-renewal.md": doc(
        { title: "Council renews the mission", source: "UN", date: "2021-06-29" },
        "The Council extended the mandate of the mission and called on the authorities to hold elections by 27 February 2022. Adopting resolution 2584, the Council kept the ceiling and asked the Secretary-General for options on elections, force levels and the mission's posture by 15 July.",
      ),
    }),
  );

  it("is answered by the sentence dating the asked event", () => {
    const answer = answerQuestion(kb, "When did the Council want elections held under resolution 2584?");
    expect(answer.found).toBe(true);
    expect(answer.text).toContain("by 27 February 2022");
  });
});
