import { describe, expect, it } from "vitest";
import { namedInSentence, satisfiesAnswerType, sentenceFeatures } from "../../../src/core/answer/features.ts";

const asked = (text: string) => new Set(text.toLowerCase().split(/\s+/u));

describe("sentence features", () => {
  it("reads a month written short before its day as a date", () => {
    expect(sentenceFeatures("The peacekeepers left their camps in Tessalit on Oct. 21.").date).toBe(true);
    expect(sentenceFeatures("The peacekeepers left their camps in Tessalit.").date).toBe(false);
  });

  it("finds a count, but not in a date, a year or a resolution number", () => {
    expect(sentenceFeatures("The mission has 13,289 troops.").number).toBe(true);
    expect(sentenceFeatures("Two combat helicopters were delivered.").number).toBe(true);
    expect(sentenceFeatures("Resolution 2100 was adopted on 25 April 2013.").number).toBe(false);
    expect(sentenceFeatures("23. The peacekeepers of MINUSMA continue to pay a heavy price.").number).toBe(
      false,
    );
    expect(sentenceFeatures("The 9365th meeting adopted it.").number).toBe(false);
  });

  it("finds a date, but not the year of a resolution or a symbol", () => {
    expect(sentenceFeatures("The attack took place on 2 April.").date).toBe(true);
    // Wire copy abbreviates the month before a day.
    expect(sentenceFeatures("Peacekeepers left their camps in Tessalit on Oct. 21.").date).toBe(true);
    expect(sentenceFeatures("They left Aguelhok on Sept 3 and Kidal later.").date).toBe(true);
    expect(sentenceFeatures("The Dec board met.").date).toBe(false);
    expect(sentenceFeatures("Under resolution 2531 (2020) and S/2021/520, the mission adapts.").date).toBe(
      false,
    );
  });

  it("answers 'who is the Force Commander' only with a name next to the role", () => {
    const words = asked("who is the force commander");
    expect(
      satisfiesAnswerType(
        "who",
        sentenceFeatures("The Force Commander, Lieutenant General Keita, visited Gao."),
        words,
      ),
    ).toBe(true);
    expect(
      satisfiesAnswerType(
        "who",
        sentenceFeatures("The Force Commander visited the northern camps on Monday."),
        words,
      ),
    ).toBe(false);
  });

  it("tells people from places in a sentence", () => {
    expect(
      namedInSentence("The delegation was led by Aminata Traoré, who visited the market in Tonka."),
    ).toEqual({
      people: ["Aminata Traoré"],
      places: ["Tonka"],
    });
    expect(namedInSentence("The Security Council met in New York.").places).toEqual(["New York"]);
  });
});
