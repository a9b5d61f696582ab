import { describe, expect, it } from "vitest";
import { askedRole } from "../../../../src/core/answer/roles/question.ts";
import { askedTime } from "../../../../src/core/answer/time.ts";

describe("reading a role question", () => {
  const asked = (q: string) => askedRole(q, null, askedTime(q));

  it("reads the role, a leader asked by verb, a month and 'first'", () => {
    expect(asked("Who is the head of the UN mission?")?.roles).toEqual(["head-of-mission"]);
    expect(asked("who runs the country now?")?.roles).toEqual(["leader", "president"]);
    expect(asked("Force Commander in 2015")?.roles).toEqual(["force-commander"]);
    expect(asked("Who leads the UN force?")?.roles).toEqual(["force-commander"]);
    expect(asked("Who became prime minister in April 2019?")).toMatchObject({ appointment: true, month: 4 });
    expect(asked("Who was the first Force Commander?")?.earliest).toBe(true);
  });

  it("reads a question about an interim holder", () => {
    expect(asked("Who was the acting head of the mission?")).toMatchObject({ acting: true });
  });

  it("leaves any other question to the ranking of sentences", () => {
    expect(asked("Who was interim president before Keita?")).toBeNull();
    expect(asked("What did the Force Commander say about helicopters?")).toBeNull();
    expect(asked("Who attacked the convoy?")).toBeNull();
  });
});
