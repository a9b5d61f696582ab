import type { Turn } from "../core/answer/types.ts";
import type { Day } from "../core/digest/day.ts";
import { buildDigest, type Digest } from "../core/digest/digest.ts";
import { digestTurn } from "../core/digest/thread.ts";
import type { KnowledgeBase } from "../core/knowledge-base.ts";
import { instanceName } from "../state/instance.ts";
import type { DigestLockHolder, StateStore } from "../state/types.ts";
import { entryFor, isRecorded, type LedgerEntry, previousDigest } from "./ledger.ts";

export { instanceName };

/**
 * Sends the digest of `day` and returns its message's ts. The Slack layer gives `chatPoster(client, channel)`
 * (src/slack/digest-poster.ts), which renders it as Block Kit and marks the message with the day (Slack
 * message metadata) so it can be found again. It should throw when the message was not posted, or may not
 * have been.
 */
export type PostFn = (digest: Digest, day: Day) => Promise<{ ts: string }>;

/**
 * Looks in the channel for the day's digest the bot already posted (by its metadata), so a day whose record
 * was lost, or whose post timed out, is not posted twice. Resolves to null when it is not there; throws when
 * the channel cannot be read (the post then waits for the next try).
 */
export type FindFn = (day: Day) => Promise<{ ts: string } | null>;

/** A digest that went out: where, which message, and the context for its thread. */
export interface PostedDigest {
  day: Day;
  channel: string;
  ts: string;
  digest: Digest;
  turn: Turn;
}

export type PostOutcome =
  | ({ status: "posted" } & PostedDigest)
  /** the day's digest is already recorded, posted or left "posting" by a run that stopped mid-post */
  | { status: "already"; entry: LedgerEntry }
  /** the day's digest was already in the channel (found by its metadata), and is now recorded */
  | ({ status: "found" } & PostedDigest)
  /** another instance holds the lock: it is posting right now */
  | { status: "busy"; holder: DigestLockHolder }
  /** Slack refused or could not be reached; nothing was posted and the attempt is recorded as failed */
  | { status: "failed"; error: Error; attempts: number };

export interface PostDigestOptions {
  store: StateStore;
  channel: string;
  day: Day;
  /** the time of the attempt, for the ledger and the lock */
  now: Date;
  kb: KnowledgeBase;
  post: PostFn;
  /** looks for the day's digest in the channel before posting; without it, a day left "posting" is not retried */
  find?: FindFn;
  /** post even if the day's digest is already recorded (`npm run digest -- --post --force`) */
  force?: boolean;
  /** names this bot instance in the ledger; one per process is enough */
  owner?: string;
}

/**
 * Posts the digest of `day` at most once, across restarts, crashes and instances: under the store's digest
 * lock (one holder across instances, let go if its holder dies), it checks the record, looks in the channel
 * for the day's digest (so a lost record or a post that timed out is not posted again), records "posting",
 * posts, then records "posted" with the message's ts. The scheduler and `npm run digest -- --post` both
 * post through here, so both record the same way.
 */
export async function postDigestOnce(options: PostDigestOptions): Promise<PostOutcome> {
  const { store, channel, day, now } = options;
  const owner = options.owner ?? store.instanceId;
  const locked = await store.digest.withLock(async (): Promise<PostOutcome> => {
    const entries = await store.digest.entries();
    const existing = entryFor(entries, day);
    if (existing?.status === "posted" && !options.force) return { status: "already", entry: existing };
    // "posting" is a run that stopped mid-post. Without a way to look in the channel, the day counts as
    // posted (a missing digest is better than a duplicate); with one, the channel says.
    if (existing?.status === "posting" && !options.force && !options.find) {
      return { status: "already", entry: existing };
    }

    const digest = buildDigest(options.kb, { day, previous: previousDigest(entries, day) });
    const turn = digestTurn(digest);
    const attempts = (existing?.attempts ?? 0) + 1;
    const base = { day, channel, hashes: digest.hashes, turn, attempts, owner };

    if (options.find && !options.force) {
      let found: { ts: string } | null;
      try {
        found = await options.find(day);
      } catch (error) {
        // The channel cannot be read (the bot is not in it, Slack is down): posting blind could post twice,
        // so this attempt fails like a refused post, and a later one looks again.
        const failure = error instanceof Error ? error : new Error(String(error));
        if (!isRecorded(existing)) {
          await store.digest.put({
            ...base,
            status: "failed",
            ts: null,
            updatedAt: now.toISOString(),
            error: failure.message,
          });
        }
        return { status: "failed", error: failure, attempts };
      }
      if (found) {
        await store.digest.put({
          ...base,
          attempts: existing?.attempts ?? 0,
          status: "posted",
          ts: found.ts,
          updatedAt: now.toISOString(),
          error: null,
        });
        return { status: "found", day, channel, ts: found.ts, digest, turn };
      }
    }

    // Recorded before the post: if the process dies during or after it, the next run looks in the channel
    // (or, without a way to look, does not post the day again).
    await store.digest.put({
      ...base,
      status: "posting",
      ts: null,
      updatedAt: now.toISOString(),
      error: null,
    });

    let ts: string;
    try {
      ({ ts } = await options.post(digest, day));
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      // A forced re-post that fails leaves the day as it was: it was posted before, and stays so.
      const after: LedgerEntry = isRecorded(existing)
        ? existing
        : { ...base, status: "failed", ts: null, updatedAt: now.toISOString(), error: failure.message };
      await store.digest.put(after);
      return { status: "failed", error: failure, attempts };
    }
    await store.digest.put({ ...base, status: "posted", ts, updatedAt: now.toISOString(), error: null });
    return { status: "posted", day, channel, ts, digest, turn };
  });
  return "busy" in locked ? { status: "busy", holder: locked.busy } : locked.done;
}

/**
 * The digest `day` would get, without posting or recording anything: for `/minusma digest` (a private
 * preview) and `npm run digest -- --dry-run`. "New" is measured against the last digest recorded before
 * that day, as the posted one would be.
 */
export async function previewDigest(store: StateStore, kb: KnowledgeBase, day: Day): Promise<Digest> {
  return buildDigest(kb, { day, previous: previousDigest(await store.digest.entries(), day) });
}
