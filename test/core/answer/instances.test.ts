import { describe, expect, it } from "vitest";
import { asksForInstances, enumerates } from "../../../src/core/answer/instances.ts";

describe("asksForInstances", () => {
  it("reads 'what X' and 'which X' questions as asking for the instances of X", () => {
    expect(asksForInstances("What capabilities is MINUSMA still missing?")).toBe(true);
    expect(asksForInstances("what kit is the mission still short of")).toBe(true);
    expect(asksForInstances("Which countries withdrew their troops?")).toBe(true);
  });

  it("leaves 'what did', 'what is' and other questions alone", () => {
    expect(asksForInstances("What did the Security Council decide in June 2023?")).toBe(false);
    expect(asksForInstances("What is the troop ceiling?")).toBe(false);
    expect(asksForInstances("what happened in Kidal")).toBe(false);
    expect(asksForInstances("How many police are deployed?")).toBe(false);
  });
});

describe("enumerates", () => {
  it("finds a list of three or more items after a marker", () => {
    expect(
      enumerates(
        "Outstanding capability gaps include military medium utility helicopter units, armed and attack helicopter units, an infantry quick-reaction force and an unmanned aerial system unit.",
      ),
    ).toBe(true);
    expect(
      enumerates(
        "The Mission still lacks three medium utility helicopter units, an armed helicopter unit and a convoy company for the Kidal region.",
      ),
    ).toBe(true);
  });

  it("does not take a sentence that only names the thing for a list of it", () => {
    expect(
      enumerates(
        "I am concerned about the gaps in the Mission's capabilities, and I call on Member States to provide the helicopters, armoured vehicles and counter-IED capacities.",
      ),
    ).toBe(false);
  });

  it("ends the list where a relative clause starts", () => {
    expect(
      enumerates(
        "It had to destroy or disable some equipment, including vehicles and ammunition, that it could not take with it for lack of authorisation.",
      ),
    ).toBe(false);
  });
});
