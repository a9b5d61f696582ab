import path from "node:path";
import { z } from "zod";
import type { Turn } from "../core/answer/types.ts";
import type { Day } from "../core/digest/day.ts";
import type { PreviousDigest } from "../core/digest/digest.ts";
import { readJsonFile, writeJsonFile } from "../state/json-file.ts";

/** The ledger's file name inside STATE_DIR. */
export const LEDGER_FILE = "digest-ledger.json";
/** How many days of digests the ledger keeps; only the latest is needed, the rest is history for people. */
export const LEDGER_DAYS = 60;

export class DigestError extends Error {
  override name = "DigestError";
}

/**
 * One local day's digest. "posting" is written before the message is sent and "posted" after, so a crash
 * in between leaves "posting": the message may or may not be in the channel, and the day is not posted
 * again (a missing digest is better than a duplicate). "failed" means Slack refused or could not be
 * reached, so nothing was posted and a later attempt is allowed.
 */
export interface LedgerEntry {
  day: Day;
  status: "posting" | "posted" | "failed";
  channel: string;
  /** the content hash of every document the digest covered, by id: what "new" is measured against */
  hashes: Record<string, string>;
  /** the digest message's ts once posted: the thread where questions are answered */
  ts: string | null;
  /** the context a question in the digest's thread starts from */
  turn: Turn | null;
  attempts: number;
  /** ISO time of the last change */
  updatedAt: string;
  /** why the last attempt failed */
  error: string | null;
  /** which bot instance wrote the entry (host:pid:random), for the log */
  owner: string;
}

export interface Ledger {
  version: 1;
  entries: LedgerEntry[];
}

const turnSchema = z.object({
  question: z.string(),
  focus: z.array(z.string()),
  docs: z.array(z.string()),
  found: z.boolean(),
});

const ledgerSchema = z.object({
  version: z.literal(1),
  entries: z.array(
    z.object({
      day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/u),
      status: z.enum(["posting", "posted", "failed"]),
      channel: z.string(),
      hashes: z.record(z.string(), z.string()),
      ts: z.string().nullable(),
      turn: turnSchema.nullable(),
      attempts: z.number().int().nonnegative(),
      updatedAt: z.string(),
      error: z.string().nullable(),
      owner: z.string(),
    }),
  ),
});

export const EMPTY_LEDGER: Ledger = { version: 1, entries: [] };

export function ledgerFile(stateDir: string): string {
  return path.join(stateDir, LEDGER_FILE);
}

/**
 * Reads the digest ledger of a state folder (empty when there is none yet). A ledger that is JSON but not
 * in the expected shape is refused rather than guessed at: guessing could post a day twice.
 */
export async function readLedger(stateDir: string): Promise<Ledger> {
  const file = ledgerFile(stateDir);
  const data = await readJsonFile<unknown>(file, EMPTY_LEDGER);
  const result = ledgerSchema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new DigestError(
      `digest: ${file} is not a digest ledger (${issue?.path.join(".") || "top level"}: ${issue?.message}); ` +
        "move it aside to start a fresh ledger (the next digest will then be a first digest)",
    );
  }
  return result.data;
}

/** Writes the ledger atomically (a crash leaves the old or the new file, never half of one). */
export async function writeLedger(stateDir: string, ledger: Ledger): Promise<void> {
  await writeJsonFile(ledgerFile(stateDir), ledger);
}

/** The ledger with `entry` as its one entry for that day, in day order, trimmed to the last LEDGER_DAYS. */
export function withEntry(ledger: Ledger, entry: LedgerEntry): Ledger {
  const entries = ledger.entries
    .filter((e) => e.day !== entry.day)
    .concat(entry)
    .sort((a, b) => a.day.localeCompare(b.day))
    .slice(-LEDGER_DAYS);
  return { version: 1, entries };
}

export function entryFor(ledger: Ledger, day: Day): LedgerEntry | null {
  return ledger.entries.find((entry) => entry.day === day) ?? null;
}

/** Whether a day's digest counts as done: posted, or left "posting" by a run that stopped mid-post. */
export function isRecorded(entry: LedgerEntry | null): entry is LedgerEntry {
  return entry !== null && entry.status !== "failed";
}

/** The last recorded digest before `day`: what that day's "new since the last digest" is measured against. */
export function previousDigest(ledger: Ledger, day: Day): PreviousDigest | null {
  const earlier = ledger.entries.filter((entry) => entry.day < day && isRecorded(entry));
  const last = earlier.at(-1);
  return last ? { day: last.day, hashes: last.hashes } : null;
}

/**
 * The thread context of the digest posted as message `ts` in `channel`, or null when that message is not a
 * digest. The Slack layer calls this for a message in a thread it has no memory of, for instance after a
 * restart, so questions in a digest's thread keep the digest's documents as their context.
 */
export async function findDigestTurn(stateDir: string, channel: string, ts: string): Promise<Turn | null> {
  const ledger = await readLedger(stateDir);
  const entry = ledger.entries.find((e) => e.channel === channel && e.ts === ts);
  return entry?.turn ?? null;
}
