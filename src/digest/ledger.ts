import type { Turn } from "../core/answer/types.ts";
import type { Day } from "../core/digest/day.ts";
import type { PreviousDigest } from "../core/digest/digest.ts";
import type { LedgerEntry, StateStore } from "../state/types.ts";

/** The file older installs kept the ledger in (STATE_DIR); it is imported into the state store once. */
export const LEDGER_FILE = "digest-ledger.json";

export class DigestError extends Error {
  override name = "DigestError";
}

export type { LedgerEntry };

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
