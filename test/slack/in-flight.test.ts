import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { InFlight } from "../../src/slack/in-flight.ts";

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("InFlight", () => {
  it("is idle at once when nothing is in flight", async () => {
    await expect(new InFlight().idle(1_000)).resolves.toBe(true);
  });

  it("resolves true when the last request ends, counting each end once", async () => {
    const inFlight = new InFlight();
    const first = inFlight.begin();
    const second = inFlight.begin();
    const idle = inFlight.idle(10_000);
    first();
    first();
    expect(inFlight.size).toBe(1);
    await vi.advanceTimersByTimeAsync(500);
    second();
    await expect(idle).resolves.toBe(true);
    expect(inFlight.size).toBe(0);
  });

  it("resolves false when the time is up first, and keeps counting", async () => {
    const inFlight = new InFlight();
    const end = inFlight.begin();
    const idle = inFlight.idle(1_000);
    await vi.advanceTimersByTimeAsync(1_000);
    await expect(idle).resolves.toBe(false);
    expect(inFlight.size).toBe(1);
    end();
    await expect(inFlight.idle(1)).resolves.toBe(true);
  });
});
