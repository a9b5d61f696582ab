import { describe, expect, it } from "vitest";
import { findDigestTurn, type LedgerEntry, previousDigest } from "../../src/digest/ledger.ts";
import { SqliteStore } from "../../src/state/sqlite.ts";
import { captureLog } from "../helpers/slack-fakes.ts";

function entry(
  day: string,
  status: LedgerEntry["status"],
  overrides: Partial<LedgerEntry> = {},
): LedgerEntry {
  return {
    day,
    status,
    channel: "C0DIGEST",
    hashes: { [`doc-${day}`]: "hash" },
    ts: status === "posted" ? `${day.replace(/-/gu, "")}.0001` : null,
    turn: null,
    attempts: 1,
    updatedAt: `${day}T06:00:00.000Z`,
    error: null,
    owner: "test",
    ...overrides,
  };
}

describe("ledger", () => {
  it("measures 'new' against the last recorded digest before the day, posting counting as recorded", () => {
    const ledger = [
      entry("2024-06-05", "posted"),
      entry("2024-06-01", "posted"),
      entry("2024-06-02", "posting"),
      entry("2024-06-03", "failed"),
    ];
    expect(previousDigest(ledger, "2024-06-04")?.day).toBe("2024-06-02");
    expect(previousDigest(ledger, "2024-06-02")?.day).toBe("2024-06-01");
    expect(previousDigest(ledger, "2024-06-01")).toBeNull();
  });

  it("finds a digest by its thread in the state store", async () => {
    const store = SqliteStore.inMemory({ log: captureLog().log });
    const turn = { question: "MINUSMA briefing", focus: ["troop ceiling"], docs: ["a"], found: true };
    await store.digest.put(entry("2024-06-03", "posted", { turn, ts: "1717394400.000100" }));
    expect(await findDigestTurn(store, "C0DIGEST", "1717394400.000100")).toEqual(turn);
    expect(await findDigestTurn(store, "C0OTHER", "1717394400.000100")).toBeNull();
    expect(await findDigestTurn(store, "C0DIGEST", "1.2")).toBeNull();
  });
});
