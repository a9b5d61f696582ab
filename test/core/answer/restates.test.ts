import { describe, expect, it } from "vitest";
import { dropsAskedWord } from "../../../src/core/answer/restates.ts";
import { concept } from "../../helpers/concept.ts";

// Invented sentences' index terms: "The assembly is set to vote on the budget" against a newer "The assembly
// today adopted the budget", whose page says "votes" only in its next sentence.
const assembly = concept("assembly", [["assembl"]]);
const vote = concept("vote", [["vote"]]);
const budget = concept("budget", [["budget"]]);
const village = concept("tessamba", [["tessamba"]]);

describe("dropsAskedWord", () => {
  it("says a rival leaving out an everyday word of the question the best holds is no restatement", () => {
    expect(
      dropsAskedWord(
        [assembly, vote, budget],
        ["assembl", "set", "vote", "budget"],
        ["assembl", "adopt", "budget"],
      ),
    ).toBe(true);
  });

  it("lets a rival holding every such word, or one the best lacks too, compete", () => {
    expect(dropsAskedWord([assembly, vote], ["assembl", "vote"], ["assembl", "vote", "adopt"])).toBe(false);
    expect(dropsAskedWord([assembly, vote], ["assembl"], ["assembl", "adopt"])).toBe(false);
  });

  it("lets a name sit elsewhere in the rival's document", () => {
    // A story names its village once, in the lead; the anchor rule checks the document names it.
    expect(dropsAskedWord([village, vote], ["tessamba", "vote"], ["vote", "held"])).toBe(false);
  });

  it("ignores words the thread lent the question, years and nationalities", () => {
    expect(dropsAskedWord([{ ...vote, weight: 0.5 }], ["vote"], ["adopt"])).toBe(false);
    expect(dropsAskedWord([concept("2019", [["2019"]], { year: "2019" })], ["2019"], ["adopt"])).toBe(false);
    expect(dropsAskedWord([concept("french", [["french"]], { credit: 0.6 })], ["french"], ["adopt"])).toBe(
      false,
    );
  });
});
