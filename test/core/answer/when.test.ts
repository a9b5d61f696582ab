import { describe, expect, it } from "vitest";
import { datePrecision, eventDay, formatEventDay } from "../../../src/core/answer/when.ts";

describe("eventDay", () => {
  it("reads a full date as written", () => {
    expect(eventDay("It completed the withdrawal on 31 December 2023, as required.", "2024-01-02")).toEqual({
      date: "2023-12-31",
      full: true,
    });
    expect(eventDay("The vote was held on July 28, 2013.", "2013-08-01")).toEqual({
      date: "2013-07-28",
      full: true,
    });
  });

  it("gives a past day without a year the year of its document, or the one before", () => {
    expect(eventDay("MINUSMA, deployed in 2013, left Mali on December 31.", "2024-06-30")).toEqual({
      date: "2023-12-31",
      full: false,
    });
    expect(eventDay("The attack took place on 2 April.", "2021-06-01")).toEqual({
      date: "2021-04-02",
      full: false,
    });
  });

  it("puts a deadline after its document", () => {
    expect(eventDay("The Council ordered the mission to leave Mali by Dec. 31.", "2023-10-31")).toEqual({
      date: "2023-12-31",
      full: false,
    });
    expect(eventDay("It has until 30 June to withdraw.", "2023-08-14")).toEqual({
      date: "2024-06-30",
      full: false,
    });
  });

  it("reads no day where there is none", () => {
    expect(eventDay("Peacekeepers on Sunday left their base in Ber.", "2023-08-14")).toBeNull();
    expect(eventDay("The mission was set up in 2013.", "2023-08-14")).toBeNull();
  });
});

describe("datePrecision", () => {
  it("ranks a full date over a day without a year over none", () => {
    expect(datePrecision("on 31 December 2023", "2024-01-02")).toBe(2);
    expect(datePrecision("on December 31", "2024-06-30")).toBe(1);
    expect(datePrecision("on Sunday", "2023-08-14")).toBe(0);
  });
});

describe("formatEventDay", () => {
  it("writes a day as the answer says it", () => {
    expect(formatEventDay("2023-12-31")).toBe("31 December 2023");
  });
});
