import { describe, expect, it } from "vitest";
import { agentOf, countsEventNotAgents } from "../../../src/core/answer/agent.ts";

describe("agentOf", () => {
  it("reads an agent noun and the event it is made from", () => {
    expect(agentOf("attackers")).toMatchObject({ agent: "attackers", event: "attack" });
    expect(agentOf("raiders")).toMatchObject({ agent: "raiders", event: "raid" });
  });

  it("leaves nouns that are no event's agents alone", () => {
    expect(agentOf("attacks")).toBeNull();
    expect(agentOf("peacekeepers")).toBeNull();
    expect(agentOf("soldiers")).toBeNull();
    expect(agentOf(null)).toBeNull();
  });
});

describe("countsEventNotAgents", () => {
  const attackers = agentOf("attackers")!;

  it("sets aside a count of the attacks when attackers are asked for", () => {
    expect(
      countsEventNotAgents("MINUSMA recorded 12 attacks involving improvised explosive devices.", attackers),
    ).toBe(true);
  });

  it("keeps a count of the attackers, however worded", () => {
    expect(
      countsEventNotAgents(
        "In the 2 April attack on the camp, peacekeepers repelled a complex attack by over 200 extremist elements.",
        attackers,
      ),
    ).toBe(false);
    expect(countsEventNotAgents("Some 40 attackers were killed after 3 attacks.", attackers)).toBe(false);
  });

  it("keeps a sentence that counts something else", () => {
    expect(countsEventNotAgents("The attack killed 4 peacekeepers.", attackers)).toBe(false);
  });
});
