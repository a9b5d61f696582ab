import type { Turn } from "../core/answer/types.ts";
import type { Day } from "../core/digest/day.ts";
import type { PreviousDigest } from "../core/digest/digest.ts";
import type { StateStore } from "../state/types.ts";

/** The file older installs kept the ledger in (STATE_DIR); it is imported into the state store once. */
export const LEDGER_FILE = "digest-ledger.json";

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

export function entryFor(entries: readonly LedgerEntry[], day: Day): LedgerEntry | null {
  return entries.find((entry) => entry.day === day) ?? null;
}

/** Whether a day's digest counts as done: posted, or left "posting" by a run that stopped mid-post. */
export function isRecorded(entry: LedgerEntry | null): entry is LedgerEntry {
  return entry !== null && entry.status !== "failed";
}

/** The last recorded digest before `day`: what that day's "new since the last digest" is measured against. */
export function previousDigest(entries: readonly LedgerEntry[], day: Day): PreviousDigest | null {
  const earlier = [...entries]
    .sort((a, b) => a.day.localeCompare(b.day))
    .filter((entry) => entry.day < day && isRecorded(entry));
  const last = earlier.at(-1);
  return last ? { day: last.day, hashes: last.hashes } : null;
}

/**
 * The thread context of the digest posted as message `ts` in `channel`, or null when that message is not a
 * digest. The Slack layer calls this for a message in a thread it has no memory of, so questions in a
 * digest's thread keep the digest's documents as their context.
 */
export async function findDigestTurn(store: StateStore, channel: string, ts: string): Promise<Turn | null> {
  const entry = await store.digest.byMessage(channel, ts);
  return entry?.turn ?? null;
}
