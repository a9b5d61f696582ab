import { describe, expect, it } from "vitest";
import { dropsNationality, holdsConcept } from "../../../src/core/answer/qualifier.ts";
import { concept } from "../../helpers/concept.ts";

const french = concept("french", [["french"], ["franc"]], { credit: 0.6 });
const troops = concept("troops", [["troop"], ["soldier"]]);

describe("holdsConcept", () => {
  it("finds any of a concept's alternatives among a sentence's terms", () => {
    expect(holdsConcept(new Set(["franc", "left"]), french)).toBe(true);
    expect(holdsConcept(new Set(["britain", "left"]), french)).toBe(false);
  });
});

describe("dropsNationality", () => {
  it("says a rival leaving out the nationality the best states is about someone else", () => {
    expect(
      dropsNationality([french, troops], ["french", "troop", "withdrawn"], ["withdrawal", "troop"]),
    ).toBe(true);
  });

  it("lets a rival stating the nationality, or a best that does not, compete", () => {
    expect(dropsNationality([french, troops], ["french", "troop"], ["franc", "soldier"])).toBe(false);
    expect(dropsNationality([french, troops], ["troop"], ["troop"])).toBe(false);
  });

  it("ignores words that are no nationality", () => {
    expect(dropsNationality([troops], ["troop"], ["withdrawal"])).toBe(false);
  });

  it("ignores a nationality the thread lent the question", () => {
    expect(dropsNationality([{ ...french, weight: 0.5 }], ["french"], ["troop"])).toBe(false);
  });
});
