import { describe, expect, it } from "vitest";
import { otherVerbForms } from "../../src/core/lexicon.ts";

describe("otherVerbForms", () => {
  it("gives an irregular verb's other forms and nothing for a regular one", () => {
    expect(otherVerbForms("left")).toEqual(["leave"]);
    expect(otherVerbForms("Take")).toEqual(["took", "taken"]);
    expect(otherVerbForms("deployed")).toEqual([]);
  });
});
