import { describe, expect, it } from "vitest";
import {
  formatDay,
  formatInstant,
  isDay,
  localDay,
  nextDay,
  scheduledInstant,
} from "../../../src/core/digest/day.ts";

describe("localDay", () => {
  it("names the day in the digest's zone, not the server's", () => {
    const instant = new Date("2024-06-02T23:30:00Z");
    expect(localDay(instant, "UTC")).toBe("2024-06-02");
    expect(localDay(instant, "Europe/Paris")).toBe("2024-06-03");
    expect(localDay(instant, "America/New_York")).toBe("2024-06-02");
  });
});

describe("scheduledInstant", () => {
  it("turns a local time into the instant, summer and winter", () => {
    expect(scheduledInstant("2024-06-03", "08:00", "Europe/Paris").toISOString()).toBe(
      "2024-06-03T06:00:00.000Z",
    );
    expect(scheduledInstant("2024-01-15", "08:00", "Europe/Paris").toISOString()).toBe(
      "2024-01-15T07:00:00.000Z",
    );
    expect(scheduledInstant("2024-06-03", "08:00", "Africa/Bamako").toISOString()).toBe(
      "2024-06-03T08:00:00.000Z",
    );
  });

  it("moves a time inside the spring-forward gap to after it, on the same day", () => {
    // 02:30 does not exist in Paris on 31 March 2024: clocks jump from 02:00 to 03:00.
    const instant = scheduledInstant("2024-03-31", "02:30", "Europe/Paris");
    expect(instant.toISOString()).toBe("2024-03-31T01:30:00.000Z");
    expect(localDay(instant, "Europe/Paris")).toBe("2024-03-31");
  });

  it("gives one of the two instants of a repeated fall-back hour, on the same day", () => {
    // 01:30 happens twice in New York on 3 November 2024 (EDT, then EST).
    const instant = scheduledInstant("2024-11-03", "01:30", "America/New_York");
    expect(["2024-11-03T05:30:00.000Z", "2024-11-03T06:30:00.000Z"]).toContain(instant.toISOString());
    expect(localDay(instant, "America/New_York")).toBe("2024-11-03");
  });
});

describe("day helpers", () => {
  it("checks, names and steps calendar days", () => {
    expect(isDay("2024-02-29")).toBe(true);
    expect(isDay("2023-02-29")).toBe(false);
    expect(isDay("3 June 2024")).toBe(false);
    expect(formatDay("2024-06-03")).toBe("Monday 3 June 2024");
    expect(nextDay("2024-10-27")).toBe("2024-10-28");
    expect(nextDay("2024-12-31")).toBe("2025-01-01");
    expect(formatInstant(new Date("2024-06-03T06:00:00Z"), "Europe/Paris")).toBe(
      "Monday 3 June 2024 08:00 (Europe/Paris)",
    );
  });
});
