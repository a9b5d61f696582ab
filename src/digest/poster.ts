import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import type { KnownBlock } from "@slack/web-api";
import type { Turn } from "../core/answer/types.ts";
import type { Day } from "../core/digest/day.ts";
import { buildDigest, type Digest } from "../core/digest/digest.ts";
import { digestTurn } from "../core/digest/thread.ts";
import type { KnowledgeBase } from "../core/knowledge-base.ts";
import { digestMessage } from "../slack/blocks/digest.ts";
import {
  entryFor,
  isRecorded,
  type LedgerEntry,
  previousDigest,
  readLedger,
  withEntry,
  writeLedger,
} from "./ledger.ts";
import { acquireLock, type LockInfo } from "./lock.ts";

/**
 * Sends a digest message and returns its ts. The Slack layer gives
 * `(blocks, text) => client.chat.postMessage({ channel, blocks, text }).then((r) => ({ ts: r.ts! }))`.
 * It should throw when the message was not posted.
 */
export type PostFn = (blocks: KnownBlock[], text: string) => Promise<{ ts: string }>;

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
  /** another instance holds the lock: it is posting right now */
  | { status: "busy"; holder: LockInfo }
  /** Slack refused or could not be reached; nothing was posted and the attempt is recorded as failed */
  | { status: "failed"; error: Error; attempts: number };

export interface PostDigestOptions {
  stateDir: string;
  channel: string;
  day: Day;
  /** the time of the attempt, for the ledger and the lock */
  now: Date;
  kb: KnowledgeBase;
  post: PostFn;
  /** post even if the day's digest is already recorded (`npm run digest -- --post --force`) */
  force?: boolean;
  /** names this bot instance in the ledger; one per process is enough */
  owner?: string;
}

/** A name for this process in the ledger and the logs: host, pid, and a random part for restarts. */
export function instanceName(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
}

/**
 * Posts the digest of `day` at most once, across restarts, crashes and instances: under the state folder's
 * lock, it checks the ledger, records "posting", posts, then records "posted" with the message's ts. The
 * scheduler and `npm run digest -- --post` both post through here, so both record the same way.
 */
export async function postDigestOnce(options: PostDigestOptions): Promise<PostOutcome> {
  const { stateDir, channel, day, now } = options;
  const owner = options.owner ?? instanceName();
  const lock = await acquireLock(stateDir, now);
  if ("busy" in lock) return { status: "busy", holder: lock.busy };
  try {
    let ledger = await readLedger(stateDir);
    const existing = entryFor(ledger, day);
    if (isRecorded(existing) && !options.force) return { status: "already", entry: existing };

    const digest = buildDigest(options.kb, { day, previous: previousDigest(ledger, day) });
    const turn = digestTurn(digest);
    const message = digestMessage(digest);
    const attempts = (existing?.attempts ?? 0) + 1;
    const base = { day, channel, hashes: digest.hashes, turn, attempts, owner };
    ledger = withEntry(ledger, {
      ...base,
      status: "posting",
      ts: null,
      updatedAt: now.toISOString(),
      error: null,
    });
    // Recorded before the post: if the process dies during or after it, the day is not posted again.
    await writeLedger(stateDir, ledger);

    let ts: string;
    try {
      ({ ts } = await options.post(message.blocks, message.text));
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      // A forced re-post that fails leaves the day as it was: it was posted before, and stays so.
      const after = isRecorded(existing)
        ? existing
        : {
            ...base,
            status: "failed" as const,
            ts: null,
            updatedAt: now.toISOString(),
            error: failure.message,
          };
      await writeLedger(stateDir, withEntry(ledger, after));
      return { status: "failed", error: failure, attempts };
    }
    await writeLedger(
      stateDir,
      withEntry(ledger, { ...base, status: "posted", ts, updatedAt: now.toISOString(), error: null }),
    );
    return { status: "posted", day, channel, ts, digest, turn };
  } finally {
    await lock.held.release();
  }
}

/**
 * The digest `day` would get, without posting or recording anything: for `/minusma digest` (a private
 * preview) and `npm run digest -- --dry-run`. "New" is measured against the last digest recorded before
 * that day, as the posted one would be.
 */
export async function previewDigest(stateDir: string, kb: KnowledgeBase, day: Day): Promise<Digest> {
  const ledger = await readLedger(stateDir);
  return buildDigest(kb, { day, previous: previousDigest(ledger, day) });
}

/** The minimal part of a WebClient the poster uses, so a stand-in is easy to give in tests. */
export interface ChatClient {
  chat: {
    postMessage(args: {
      channel: string;
      blocks: KnownBlock[];
      text: string;
      unfurl_links: boolean;
      unfurl_media: boolean;
    }): Promise<{ ok?: boolean; ts?: string; error?: string }>;
  };
}

/**
 * A PostFn that posts to `channel` with a Web API client (Bolt's `app.client` or a WebClient). Link
 * previews are off: the digest cites several documents and one unfurl would crowd out the rest.
 */
export function chatPoster(client: ChatClient, channel: string): PostFn {
  return async (blocks, text) => {
    const result = await client.chat.postMessage({
      channel,
      blocks,
      text,
      unfurl_links: false,
      unfurl_media: false,
    });
    if (!result.ts) {
      throw new Error(
        `digest: chat.postMessage returned no message ts (${result.error ?? "no error given"})`,
      );
    }
    return { ts: result.ts };
  };
}
