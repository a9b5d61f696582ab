import type { Turn } from "../core/answer/types.ts";
import type { Day } from "../core/digest/day.ts";

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/**
 * Every table's bound, in one place, with the reason for it. `sweep()` removes what is past these on a
 * schedule (SWEEP_INTERVAL_MS), and reads never return an expired row even between sweeps.
 */
export const STATE_BOUNDS = {
  /**
   * Slack retries an event it thinks was lost three times within about five minutes, so an hour of handled
   * event ids covers every retry with room to spare.
   */
  handledEventTtlMs: HOUR_MS,
  /**
   * A signed request older than five minutes is refused by its timestamp anyway, so a signature is kept
   * until its timestamp leaves that window (plus a second), never longer.
   */
  replayWindowMs: 5 * MINUTE_MS,
  /** A thread is followed 7 days after its last answer; a reply after that starts a new conversation. */
  threadTtlMs: 7 * DAY_MS,
  /** Follow-ups only look back at the last turns. */
  turnsPerThread: 10,
  /**
   * A remembered question is cut to this many characters: follow-ups need its words, not a pasted page, and
   * it keeps a thread's row small (a 40,000-character question would otherwise be stored ten times over).
   */
  questionChars: 500,
  /** The most threads kept, the least recently answered going first: a few megabytes at most. */
  maxThreads: 20_000,
  /** Questions are limited over a sliding minute; older ones are not needed. */
  questionWindowMs: MINUTE_MS,
  /** A channel's posting slot is only needed for the next second; idle channels are forgotten after a minute. */
  paceIdleMs: MINUTE_MS,
  /** Only the latest digest is needed; the rest is history for people, and a thread's context for 60 days. */
  digestDays: 60,
  /** The most recent votes kept; older ones stay in the log. */
  feedbackRows: 5_000,
} as const;

/** How often expired rows are removed. */
export const SWEEP_INTERVAL_MS = 10 * MINUTE_MS;

/** One helpful / not helpful click. */
export interface FeedbackRecord {
  /** one vote per person per answer: a second click on the same answer replaces the first */
  key: string;
  /** ISO 8601 */
  at: string;
  user: string;
  channel: string | null;
  question: string;
  helpful: boolean;
  /** the ids of the documents the answer cited */
  docs: string[];
}

export type QuestionVerdict = { allowed: true } | { allowed: false; retryInSeconds: number };

/** What `/healthz` and the log say about the store. */
export interface StateHealth {
  ok: boolean;
  engine: "sqlite" | "postgres";
  /** why the store is not ok (a lost database connection), null when it is */
  problem: string | null;
}

/**
 * One local day's digest, as the store keeps it (src/digest/ledger.ts reads and writes it). "posting" is written before the message is sent and "posted" after, so a crash
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

/** Who holds the digest's lock when it is busy. */
export interface DigestLockHolder {
  /** host:pid:random of the holder, or what is known of it */
  owner: string;
}

/**
 * Everything the bot keeps: one small async interface, two engines (src/state/sqlite.ts, the embedded
 * default, and src/state/postgres.ts, shared by several instances). Every method writes through at once:
 * nothing is kept to be saved later, so a crash loses at most the change being made.
 */
export interface StateStore {
  readonly engine: "sqlite" | "postgres";
  /** host:pid:random, shown by /healthz and written in the digest's record */
  readonly instanceId: string;
  /** true when several instances may share this store (PostgreSQL) */
  readonly shared: boolean;

  /** The ids of events already handled, so a retry or the second event of one post is answered once. */
  readonly events: {
    /** Records every key; true only when none of them was recorded before (within the TTL). */
    claim(...keys: string[]): Promise<boolean>;
    /** Forgets keys claimed for work that then failed, so a later try may claim them again. */
    release(...keys: string[]): Promise<void>;
  };
  /** Signed requests already acted on, so a replay is not acted on again, even after a restart. */
  readonly replays: {
    /** Records a signature until `untilMs`; true the first time, false for a replay. */
    claim(signature: string, untilMs: number): Promise<boolean>;
  };
  /** What the bot remembers of the threads it answered in (see docs/decisions/004). */
  readonly threads: {
    history(key: string): Promise<Turn[]>;
    has(key: string): Promise<boolean>;
    append(key: string, turn: Turn): Promise<void>;
  };
  /** Each person's questions of the last minute. */
  readonly questions: {
    /** Counts a question from `user` if fewer than `perMinute` were asked in the last minute. */
    take(user: string, perMinute: number): Promise<QuestionVerdict>;
  };
  /**
   * Each channel's next posting slot, shared by the instances: null when one process posts alone (SQLite),
   * where the in-process pacer is all there is.
   */
  readonly pace: {
    /**
     * Reserves the channel's next slot, `intervalMs` after the last one, or at once while the channel has
     * sent fewer than `burst` (default 1) in the last `burst` intervals: when it starts (ms, on the engine's
     * clock) and how long to wait for it.
     */
    reserve(
      channel: string,
      intervalMs: number,
      burst?: number,
    ): Promise<{ startAt: number; waitMs: number }>;
  } | null;
  readonly feedback: {
    add(record: FeedbackRecord): Promise<void>;
    /** oldest first */
    list(): Promise<FeedbackRecord[]>;
  };
  /** The digest's once-a-day record (see src/digest/ledger.ts for what an entry means). */
  readonly digest: {
    /** every entry, in day order */
    entries(): Promise<LedgerEntry[]>;
    put(entry: LedgerEntry): Promise<void>;
    /** the entry whose message is `ts` in `channel`: a question in a digest's thread */
    byMessage(channel: string, ts: string): Promise<LedgerEntry | null>;
    /**
     * Runs `fn` holding the digest's lock (one holder across processes and instances), or says who holds
     * it. The lock is let go when `fn` settles, or when its holder dies.
     */
    withLock<T>(fn: () => Promise<T>): Promise<{ done: T } | { busy: DigestLockHolder }>;
  };
  /** The knowledge base's version (a hash of its documents), so instances follow each other's rebuilds. */
  readonly knowledge: {
    version(): Promise<string | null>;
    publish(version: string): Promise<void>;
    /** Calls `onChange` when another instance publishes a version; returns a function that stops it. */
    watch(onChange: (version: string) => void): () => void;
  };
  /** Whether the store is usable right now. */
  health(): StateHealth;
  /** Removes expired rows and rows past a table's bound (also every SWEEP_INTERVAL_MS); how many. */
  sweep(): Promise<number>;
  /** How many writes the store has made: the load benchmark divides it by the questions answered. */
  readonly writes: number;
  close(): Promise<void>;
}

/**
 * A turn cut to its bounds before it is stored: the question to STATE_BOUNDS.questionChars, each list to 50
 * entries, so a long paste costs a bounded row. Whatever else the turn carries is kept as it is.
 */
export function boundedTurn(turn: Turn): Turn {
  const bounded: Turn = { ...turn, question: turn.question.slice(0, STATE_BOUNDS.questionChars) };
  for (const key of ["focus", "docs", "people", "places", "subjects"] as const) {
    const list = turn[key];
    if (Array.isArray(list) && list.length > 50)
      (bounded as unknown as Record<string, string[]>)[key] = list.slice(0, 50);
  }
  return bounded;
}

export class StateError extends Error {
  override name = "StateError";
}
