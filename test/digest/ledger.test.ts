import { writeFile } from "node:fs/promises";
import { afterEach, describe, expect, it } from "vitest";
import { nextDay } from "../../src/core/digest/day.ts";
import {
  EMPTY_LEDGER,
  findDigestTurn,
  LEDGER_DAYS,
  type LedgerEntry,
  ledgerFile,
  previousDigest,
  readLedger,
  withEntry,
  writeLedger,
} from "../../src/digest/ledger.ts";
import { tempDir } from "./helpers/knowledge.ts";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

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
  it("keeps one entry per day, in day order, and only the last LEDGER_DAYS days", () => {
    let ledger = withEntry(EMPTY_LEDGER, entry("2024-06-03", "posting"));
    ledger = withEntry(ledger, entry("2024-06-01", "posted"));
    ledger = withEntry(ledger, entry("2024-06-03", "posted"));
    expect(ledger.entries.map((e) => [e.day, e.status])).toEqual([
      ["2024-06-01", "posted"],
      ["2024-06-03", "posted"],
    ]);
    let day = "2025-01-01";
    for (let i = 0; i < LEDGER_DAYS + 5; i++) {
      ledger = withEntry(ledger, entry(day, "posted"));
      day = nextDay(day);
    }
    expect(ledger.entries).toHaveLength(LEDGER_DAYS);
    expect(ledger.entries[0]!.day).toBe("2025-01-06");
  });

  it("measures 'new' against the last recorded digest before the day, posting counting as recorded", () => {
    let ledger = withEntry(EMPTY_LEDGER, entry("2024-06-01", "posted"));
    ledger = withEntry(ledger, entry("2024-06-02", "posting"));
    ledger = withEntry(ledger, entry("2024-06-03", "failed"));
    ledger = withEntry(ledger, entry("2024-06-05", "posted"));
    expect(previousDigest(ledger, "2024-06-04")?.day).toBe("2024-06-02");
    expect(previousDigest(ledger, "2024-06-02")?.day).toBe("2024-06-01");
    expect(previousDigest(ledger, "2024-06-01")).toBeNull();
  });

  it("round-trips through the state folder and finds a digest by its thread", async () => {
    const { dir, remove } = await tempDir("ledger");
    cleanups.push(remove);
    expect(await readLedger(dir)).toEqual(EMPTY_LEDGER);
    const turn = { question: "MINUSMA briefing", focus: ["troop ceiling"], docs: ["a"], found: true };
    await writeLedger(
      dir,
      withEntry(EMPTY_LEDGER, entry("2024-06-03", "posted", { turn, ts: "1717394400.000100" })),
    );
    expect(await findDigestTurn(dir, "C0DIGEST", "1717394400.000100")).toEqual(turn);
    expect(await findDigestTurn(dir, "C0OTHER", "1717394400.000100")).toBeNull();
    expect(await findDigestTurn(dir, "C0DIGEST", "1.2")).toBeNull();
  });

  it("refuses a ledger of the wrong shape and says what to do", async () => {
    const { dir, remove } = await tempDir("ledger");
    cleanups.push(remove);
    await writeFile(ledgerFile(dir), JSON.stringify({ version: 1, entries: [{ day: "June" }] }));
    await expect(readLedger(dir)).rejects.toThrow(
      /^digest: .*digest-ledger\.json is not a digest ledger .*move it aside/u,
    );
  });
});
