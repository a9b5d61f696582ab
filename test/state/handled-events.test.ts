import { describe, expect, it } from "vitest";
import { HANDLED_EVENTS_DEFAULTS, HandledEvents } from "../../src/state/handled-events.ts";

const MINUTE = 60_000;

describe("HandledEvents", () => {
  it("claims an id once: a repeat within the TTL is refused", () => {
    const events = new HandledEvents();
    expect(events.claim("Ev1")).toBe(true);
    expect(events.claim("Ev1")).toBe(false);
    expect(events.claim("Ev2")).toBe(true);
  });

  it("covers Slack's retries (three within about five minutes) with an hour of memory", () => {
    expect(HANDLED_EVENTS_DEFAULTS.ttlMs).toBe(60 * MINUTE);
    let now = 0;
    const events = new HandledEvents({ now: () => now });
    events.claim("Ev1");
    for (const retryAt of [0, 1, 5]) {
      now = retryAt * MINUTE;
      expect(events.claim("Ev1")).toBe(false);
    }
    now = 61 * MINUTE;
    expect(events.claim("Ev1")).toBe(true);
  });

  it("stays within its size bound, forgetting the oldest ids first", () => {
    const events = new HandledEvents({ max: 3 });
    for (const id of ["a", "b", "c", "d"]) events.claim(id);
    expect(events.size).toBe(3);
    expect(events.claim("a")).toBe(true);
    expect(events.claim("d")).toBe(false);
  });

  it("survives a round trip through JSON", () => {
    let now = 0;
    const before = new HandledEvents({ now: () => now });
    before.claim("Ev1");
    now = 10 * MINUTE;
    before.claim("Ev2");
    const after = new HandledEvents({ now: () => now });
    after.restore(JSON.parse(JSON.stringify(before)));
    expect(after.claim("Ev1")).toBe(false);
    expect(after.claim("Ev2")).toBe(false);
    now = 65 * MINUTE;
    expect(after.claim("Ev1")).toBe(true);
    expect(after.claim("Ev2")).toBe(false);
  });
});
