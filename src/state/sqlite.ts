import { constants } from "node:fs";
import { access, mkdir } from "node:fs/promises";
import path from "node:path";
import Database from "libsql";
import type { Turn } from "../core/answer/types.ts";
import type { LedgerEntry } from "../digest/ledger.ts";
import { acquireLockFile, type HeldLock } from "../digest/lock.ts";
import { LATEST_SCHEMA, MIGRATIONS, statementsFor } from "./schema.ts";
import { stateStats } from "./stats.ts";
import {
  boundedTurn,
  type DigestLockHolder,
  type FeedbackRecord,
  type QuestionVerdict,
  STATE_BOUNDS,
  StateError,
  type StateHealth,
  type StateStore,
  SWEEP_INTERVAL_MS,
} from "./types.ts";

/** The database's file name inside STATE_DIR. */
export const SQLITE_FILE = "minusma.db";
/** The lock a running bot holds on its STATE_DIR, so a second bot on the same folder is refused. */
export const INSTANCE_LOCK_FILE = "minusma.lock";
/** The digest's lock file, taken around each post (src/digest/lock.ts). */
const DIGEST_LOCK_FILE = "digest.lock";

/** What the store needs of a logger. */
export interface StateLog {
  info(...message: unknown[]): void;
  warn(...message: unknown[]): void;
}

export interface SqliteOpenOptions {
  log: StateLog;
  instanceId: string;
  /**
   * "bot" takes STATE_DIR's instance lock (one bot per folder); "tool" (`npm run digest`) does not, and
   * shares the file with a running bot, as SQLite allows.
   */
  role: "bot" | "tool";
  now?: () => number;
  /**
   * The most the file may grow to (PRAGMA max_page_count); past it a write fails as on a full disk. Unset:
   * no cap beyond the disk's (the tables' own bounds keep the file to a few megabytes).
   */
  maxBytes?: number;
}

type Row = Record<string, unknown>;

/**
 * The embedded engine: one SQLite file in STATE_DIR, in WAL mode (readers never wait for the writer, and a
 * write is one append to the log), written through on every change. One bot process per folder, enforced by
 * a lock file; `:memory:` gives the same store in memory, for tests.
 */
export class SqliteStore implements StateStore {
  readonly engine = "sqlite" as const;
  readonly shared = false;
  readonly pace = null;
  readonly instanceId: string;
  readonly #db: Database.Database;
  readonly #dir: string | null;
  readonly #log: StateLog;
  readonly #now: () => number;
  readonly #instanceLock: HeldLock | null;
  #writes = 0;
  #failing: string | null = null;
  #failedAt = 0;
  #sweeper: NodeJS.Timeout | null = null;
  #memoryLockHeld = false;
  #closed = false;

  private constructor(
    db: Database.Database,
    dir: string | null,
    options: SqliteOpenOptions,
    instanceLock: HeldLock | null,
  ) {
    this.#db = db;
    this.#dir = dir;
    this.#log = options.log;
    this.#now = options.now ?? Date.now;
    this.instanceId = options.instanceId;
    this.#instanceLock = instanceLock;
  }

  /** A store in memory only: for tests and tools that must not touch STATE_DIR. */
  static inMemory(
    options: Omit<SqliteOpenOptions, "role" | "instanceId"> & { instanceId?: string },
  ): SqliteStore {
    const db = new Database(":memory:");
    migrate(db);
    return new SqliteStore(
      db,
      null,
      { ...options, role: "tool", instanceId: options.instanceId ?? "memory" },
      null,
    );
  }

  /**
   * Opens (creating if needed) `STATE_DIR/minusma.db`. A folder the bot cannot write to, a second bot on the
   * folder, and a file that is not a readable database each stop the start with a StateError saying what to
   * do.
   */
  static async open(dir: string, options: SqliteOpenOptions): Promise<SqliteStore> {
    try {
      await mkdir(dir, { recursive: true });
      await access(dir, constants.W_OK);
    } catch (error) {
      throw new StateError(
        `state: cannot use STATE_DIR ${dir} (${(error as NodeJS.ErrnoException).code ?? String(error)}): ` +
          "set STATE_DIR to a folder the bot can write to",
      );
    }
    let instanceLock: HeldLock | null = null;
    if (options.role === "bot") {
      const lock = await acquireLockFile(
        path.join(dir, INSTANCE_LOCK_FILE),
        new Date(options.now?.() ?? Date.now()),
        Number.POSITIVE_INFINITY,
      );
      if ("busy" in lock) {
        throw new StateError(
          `state: another minusma-bot (pid ${lock.busy.pid} on ${lock.busy.host}, since ${lock.busy.acquiredAt}) ` +
            `already uses STATE_DIR ${dir}: stop it first, give this one its own STATE_DIR, or set DATABASE_URL ` +
            "to a PostgreSQL database so that several instances can share their state",
        );
      }
      instanceLock = lock.held;
    }
    const file = path.join(dir, SQLITE_FILE);
    let db: Database.Database;
    try {
      db = new Database(file, { timeout: 5_000 });
      db.pragma("journal_mode = WAL");
      // NORMAL in WAL mode: a commit survives a crash of the process, and a power cut loses at most the
      // last commits, never the file's consistency.
      db.pragma("synchronous = NORMAL");
      db.pragma("busy_timeout = 5000");
      if (options.maxBytes) {
        const pageSize = Number((db.prepare("PRAGMA page_size").get() as Row).page_size);
        db.pragma(`max_page_count = ${Math.max(1, Math.floor(options.maxBytes / pageSize))}`);
      }
      const check = db.prepare("PRAGMA quick_check").get() as Row | undefined;
      const result = check ? Object.values(check).find((value) => typeof value === "string") : "ok";
      if (result !== "ok") throw new Error(String(result));
      migrate(db);
    } catch (error) {
      await instanceLock?.release();
      throw new StateError(
        `state: ${file} is not a readable SQLite database (${(error as Error).message}): stop the bot, move ` +
          `the file aside (mv ${file} ${file}.broken; also ${file}-wal and ${file}-shm if present) and start ` +
          "again with empty state, or restore it from a backup. Nothing was changed. Before posting a digest " +
          "the bot looks in the channel for that day's, so starting empty does not post it twice.",
      );
    }
    const store = new SqliteStore(db, dir, options, instanceLock);
    if (options.role === "bot") store.#startSweeper();
    return store;
  }

  get writes(): number {
    return this.#writes;
  }

  #counted(): void {
    this.#writes += 1;
    stateStats.writes += 1;
  }

  health(): StateHealth {
    return { ok: true, engine: "sqlite", problem: this.#failing };
  }

  readonly events = {
    claim: async (...keys: string[]): Promise<boolean> => {
      const now = this.#now();
      const cutoff = now - STATE_BOUNDS.handledEventTtlMs;
      return this.#write(
        "remember handled events",
        () =>
          transaction(this.#db, () => {
            let fresh = true;
            for (const key of keys) {
              const seen = this.#db.prepare("SELECT at FROM handled_events WHERE key = ?").get(key) as
                | Row
                | undefined;
              if (seen && Number(seen.at) > cutoff) fresh = false;
              this.#db
                .prepare(
                  "INSERT INTO handled_events (key, at) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET at = " +
                    "excluded.at WHERE handled_events.at <= ?",
                )
                .run(key, now, cutoff);
            }
            return fresh;
          }),
        // Unable to remember: answer rather than stay silent (a retry may then be answered twice).
        () => true,
      );
    },
    release: async (...keys: string[]): Promise<void> => {
      this.#write(
        "forget handled events",
        () => {
          for (const key of keys) this.#db.prepare("DELETE FROM handled_events WHERE key = ?").run(key);
        },
        () => undefined,
      );
    },
  };

  readonly replays = {
    claim: async (signature: string, untilMs: number): Promise<boolean> => {
      const now = this.#now();
      return this.#write(
        "remember signed requests",
        () => {
          const result = this.#db
            .prepare(
              "INSERT INTO replays (signature, until_ms) VALUES (?, ?) ON CONFLICT (signature) DO UPDATE SET " +
                "until_ms = excluded.until_ms WHERE replays.until_ms <= ?",
            )
            .run(signature, untilMs, now);
          return result.changes === 1;
        },
        () => true,
      );
    },
  };

  readonly threads = {
    history: async (key: string): Promise<Turn[]> => this.#history(key) ?? [],
    has: async (key: string): Promise<boolean> => this.#history(key) !== null,
    append: async (key: string, turn: Turn): Promise<void> => {
      const now = this.#now();
      await this.#write(
        "remember a thread",
        () =>
          transaction(this.#db, () => {
            const turns = [...(this.#history(key) ?? []), boundedTurn(turn)].slice(
              -STATE_BOUNDS.turnsPerThread,
            );
            this.#db
              .prepare(
                "INSERT INTO threads (key, updated_at, turns) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET " +
                  "updated_at = excluded.updated_at, turns = excluded.turns",
              )
              .run(key, now, JSON.stringify(turns));
          }),
        () => undefined,
      );
    },
  };

  readonly questions = {
    take: async (user: string, perMinute: number): Promise<QuestionVerdict> => {
      if (perMinute <= 0) return { allowed: true };
      const now = this.#now();
      const since = now - STATE_BOUNDS.questionWindowMs;
      return this.#write(
        "count questions",
        () =>
          transaction(this.#db, (): QuestionVerdict => {
            const recent = this.#db
              .prepare("SELECT at FROM questions WHERE user_id = ? AND at > ? ORDER BY at")
              .all(user, since) as Row[];
            if (recent.length >= perMinute) {
              const oldest = Number(recent[0]?.at ?? now);
              return { allowed: false, retryInSeconds: retryIn(oldest, now) };
            }
            this.#db.prepare("DELETE FROM questions WHERE user_id = ? AND at <= ?").run(user, since);
            this.#db.prepare("INSERT INTO questions (user_id, at) VALUES (?, ?)").run(user, now);
            return { allowed: true };
          }),
        () => ({ allowed: true }),
      );
    },
  };

  readonly feedback = {
    add: async (record: FeedbackRecord): Promise<void> => {
      await this.#write(
        "record feedback",
        () =>
          transaction(this.#db, () => {
            this.#db.prepare("DELETE FROM feedback WHERE key = ?").run(record.key);
            this.#db
              .prepare(
                "INSERT INTO feedback (key, at, user_id, channel, question, helpful, docs) VALUES (?, ?, ?, ?, ?, ?, ?)",
              )
              .run(...feedbackToRow(record));
          }),
        () => undefined,
      );
    },
    list: async (): Promise<FeedbackRecord[]> =>
      (this.#db.prepare("SELECT * FROM feedback ORDER BY seq").all() as Row[]).map(feedbackFromRow),
  };

  readonly digest = {
    entries: async (): Promise<LedgerEntry[]> =>
      (this.#db.prepare("SELECT * FROM digest_days ORDER BY day").all() as Row[]).map(ledgerEntryFromRow),
    put: async (entry: LedgerEntry): Promise<void> => {
      // Not through #write: a digest record that cannot be written must stop the post (see poster.ts).
      this.#db
        .prepare(
          "INSERT INTO digest_days (day, status, channel, hashes, ts, turn, attempts, updated_at, error, owner) " +
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (day) DO UPDATE SET status = excluded.status, " +
            "channel = excluded.channel, hashes = excluded.hashes, ts = excluded.ts, turn = excluded.turn, " +
            "attempts = excluded.attempts, updated_at = excluded.updated_at, error = excluded.error, " +
            "owner = excluded.owner",
        )
        .run(...ledgerEntryToRow(entry));
      this.#counted();
    },
    byMessage: async (channel: string, ts: string): Promise<LedgerEntry | null> => {
      const row = this.#db
        .prepare("SELECT * FROM digest_days WHERE channel = ? AND ts = ?")
        .get(channel, ts) as Row | undefined;
      return row ? ledgerEntryFromRow(row) : null;
    },
    withLock: async <T>(fn: () => Promise<T>): Promise<{ done: T } | { busy: DigestLockHolder }> => {
      if (!this.#dir) {
        // In memory there is one process: a promise chain is the lock.
        if (this.#memoryLockHeld) return { busy: { owner: this.instanceId } };
        this.#memoryLockHeld = true;
        try {
          return { done: await fn() };
        } finally {
          this.#memoryLockHeld = false;
        }
      }
      // A file lock, shared with `npm run digest -- --post` run beside the bot; a dead holder's lock is
      // taken over (src/digest/lock.ts).
      const lock = await acquireLockFile(path.join(this.#dir, DIGEST_LOCK_FILE), new Date(this.#now()));
      if ("busy" in lock) return { busy: { owner: `${lock.busy.host}:${lock.busy.pid}` } };
      try {
        return { done: await fn() };
      } finally {
        await lock.held.release();
      }
    },
  };

  readonly knowledge = {
    version: async (): Promise<string | null> => this.#meta("knowledge_version"),
    publish: async (version: string): Promise<void> => {
      await this.#write(
        "record the knowledge version",
        () => this.#setMeta("knowledge_version", version),
        () => undefined,
      );
    },
    // One process per SQLite file: no other instance publishes.
    watch:
      (_onChange: (version: string) => void): (() => void) =>
      () =>
        undefined,
  };

  async sweep(): Promise<number> {
    const now = this.#now();
    return this.#write(
      "remove expired state",
      () =>
        transaction(this.#db, () => {
          const deleted = [
            this.#db
              .prepare("DELETE FROM handled_events WHERE at <= ?")
              .run(now - STATE_BOUNDS.handledEventTtlMs),
            this.#db.prepare("DELETE FROM replays WHERE until_ms <= ?").run(now),
            this.#db.prepare("DELETE FROM threads WHERE updated_at <= ?").run(now - STATE_BOUNDS.threadTtlMs),
            this.#db
              .prepare(
                "DELETE FROM threads WHERE key IN (SELECT key FROM threads ORDER BY updated_at DESC LIMIT -1 OFFSET ?)",
              )
              .run(STATE_BOUNDS.maxThreads),
            this.#db.prepare("DELETE FROM questions WHERE at <= ?").run(now - STATE_BOUNDS.questionWindowMs),
            this.#db
              .prepare("DELETE FROM channel_pace WHERE next_at <= ?")
              .run(now - STATE_BOUNDS.paceIdleMs),
            this.#db
              .prepare(
                "DELETE FROM feedback WHERE seq IN (SELECT seq FROM feedback ORDER BY seq DESC LIMIT -1 OFFSET ?)",
              )
              .run(STATE_BOUNDS.feedbackRows),
            this.#db
              .prepare(
                "DELETE FROM digest_days WHERE day IN (SELECT day FROM digest_days ORDER BY day DESC LIMIT -1 OFFSET ?)",
              )
              .run(STATE_BOUNDS.digestDays),
          ];
          return deleted.reduce((sum, result) => sum + result.changes, 0);
        }),
      () => 0,
    );
  }

  /**
   * Writes what the JSON files of an older install held, in one transaction, and notes that it was done. The
   * caller (json-import.ts) read and checked them.
   */
  async importLegacy(data: LegacyState): Promise<void> {
    transaction(this.#db, () => {
      const insertThread = this.#db.prepare(
        "INSERT INTO threads (key, updated_at, turns) VALUES (?, ?, ?) ON CONFLICT (key) DO NOTHING",
      );
      for (const thread of data.threads) {
        const turns = thread.turns.map(boundedTurn).slice(-STATE_BOUNDS.turnsPerThread);
        insertThread.run(thread.key, thread.updatedAt, JSON.stringify(turns));
      }
      const insertEvent = this.#db.prepare(
        "INSERT INTO handled_events (key, at) VALUES (?, ?) ON CONFLICT (key) DO NOTHING",
      );
      for (const [key, at] of data.events) insertEvent.run(key, at);
      for (const record of data.feedback) {
        this.#db.prepare("DELETE FROM feedback WHERE key = ?").run(record.key);
        this.#db
          .prepare(
            "INSERT INTO feedback (key, at, user_id, channel, question, helpful, docs) VALUES (?, ?, ?, ?, ?, ?, ?)",
          )
          .run(...feedbackToRow(record));
      }
      const insertDay = this.#db.prepare(
        "INSERT INTO digest_days (day, status, channel, hashes, ts, turn, attempts, updated_at, error, owner) " +
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (day) DO NOTHING",
      );
      for (const entry of data.digest) insertDay.run(...ledgerEntryToRow(entry));
    });
    this.#counted();
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#sweeper) clearInterval(this.#sweeper);
    try {
      this.#db.close();
    } finally {
      await this.#instanceLock?.release();
    }
  }

  /** Starts the sweeps: one now, then one every SWEEP_INTERVAL_MS. */
  #startSweeper(): void {
    void this.sweep();
    this.#sweeper = setInterval(() => void this.sweep(), SWEEP_INTERVAL_MS);
    this.#sweeper.unref();
  }

  #history(key: string): Turn[] | null {
    const row = this.#db.prepare("SELECT updated_at, turns FROM threads WHERE key = ?").get(key) as
      | Row
      | undefined;
    if (!row || this.#now() - Number(row.updated_at) >= STATE_BOUNDS.threadTtlMs) return null;
    return JSON.parse(String(row.turns)) as Turn[];
  }

  #meta(key: string): string | null {
    const row = this.#db.prepare("SELECT value FROM meta WHERE key = ?").get(key) as Row | undefined;
    return row ? String(row.value) : null;
  }

  #setMeta(key: string, value: string): void {
    this.#db
      .prepare(
        "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
      )
      .run(key, value);
  }

  /** The meta value `key` (the importer reads when the JSON files were imported). */
  meta(key: string): string | null {
    return this.#meta(key);
  }

  setMeta(key: string, value: string): void {
    this.#setMeta(key, value);
    this.#counted();
  }

  /**
   * Runs a write. A disk that is full or a folder made read-only is said once (and once more when writing
   * works again) and the bot goes on answering with `fallback`: a lost memory costs a follow-up, silence
   * would cost the answer.
   */
  #write<T>(what: string, write: () => T, fallback: () => T): T {
    try {
      const result = write();
      this.#counted();
      // On a nearly full disk some writes still fit: writing "works again" only after a quiet minute keeps
      // the log to one line per outage, not one per write.
      if (this.#failing && this.#now() - this.#failedAt >= 60_000) {
        this.#log.info(`state: writing to ${this.#where()} works again`);
        this.#failing = null;
      }
      return result;
    } catch (error) {
      const message = (error as Error).message;
      if (!this.#failing) {
        this.#log.warn(
          `state: cannot ${what} in ${this.#where()} (${message}); the bot keeps answering, but what it ` +
            "remembers (threads, handled events, limits, feedback) is not saved until the disk has room and " +
            "STATE_DIR is writable again",
        );
      }
      this.#failing = `cannot write to ${this.#where()}: ${message}`;
      this.#failedAt = this.#now();
      return fallback();
    }
  }

  #where(): string {
    return this.#dir ? path.join(this.#dir, SQLITE_FILE) : "memory";
  }
}

/** What the JSON files of an older install held, read and checked (json-import.ts). */
export interface LegacyState {
  threads: Array<{ key: string; updatedAt: number; turns: Turn[] }>;
  events: Array<[string, number]>;
  feedback: FeedbackRecord[];
  digest: LedgerEntry[];
}

/**
 * Runs `fn` in a transaction that takes the write lock at once (BEGIN IMMEDIATE), so a tool writing beside the
 * bot waits its turn (busy_timeout) instead of failing half-way. When SQLite has already rolled back (a full
 * disk does that), the original error is the one thrown, not the failed ROLLBACK's.
 */
function transaction<T>(db: Database.Database, fn: () => T): T {
  db.exec("BEGIN IMMEDIATE");
  try {
    const result = fn();
    db.exec("COMMIT");
    return result;
  } catch (error) {
    try {
      db.exec("ROLLBACK");
    } catch {
      // Already rolled back by SQLite itself.
    }
    throw error;
  }
}

/** Runs the migrations this database has not run yet, each in a transaction. */
function migrate(db: Database.Database): void {
  db.exec("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
  const row = db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get() as Row | undefined;
  const current = row ? Number(row.value) : 0;
  if (current > LATEST_SCHEMA) {
    throw new Error(
      `its schema is version ${current}, newer than this bot's ${LATEST_SCHEMA}: run the newer minusma-bot`,
    );
  }
  for (const migration of MIGRATIONS.filter((m) => m.version > current)) {
    transaction(db, () => {
      for (const statement of statementsFor(migration, "sqlite")) db.exec(statement);
      db.prepare(
        "INSERT INTO meta (key, value) VALUES ('schema_version', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
      ).run(String(migration.version));
    });
  }
}

/** Seconds until the oldest question of the minute leaves it: at least 1. */
export function retryIn(oldestMs: number, nowMs: number): number {
  return Math.max(1, Math.ceil((oldestMs + STATE_BOUNDS.questionWindowMs - nowMs) / 1000));
}

export function feedbackFromRow(row: Row): FeedbackRecord {
  return {
    key: String(row.key),
    at: String(row.at),
    user: String(row.user_id),
    channel: row.channel === null || row.channel === undefined ? null : String(row.channel),
    question: String(row.question),
    helpful: Number(row.helpful) === 1,
    docs: JSON.parse(String(row.docs)) as string[],
  };
}

/** A feedback row's values in column order (key, at, user_id, channel, question, helpful, docs), question capped. */
export function feedbackToRow(record: FeedbackRecord): unknown[] {
  return [
    record.key,
    record.at,
    record.user,
    record.channel,
    record.question.slice(0, STATE_BOUNDS.questionChars),
    record.helpful ? 1 : 0,
    JSON.stringify(record.docs),
  ];
}

export function ledgerEntryToRow(entry: LedgerEntry): unknown[] {
  return [
    entry.day,
    entry.status,
    entry.channel,
    JSON.stringify(entry.hashes),
    entry.ts,
    entry.turn ? JSON.stringify(entry.turn) : null,
    entry.attempts,
    entry.updatedAt,
    entry.error,
    entry.owner,
  ];
}

export function ledgerEntryFromRow(row: Row): LedgerEntry {
  return {
    day: String(row.day),
    status: String(row.status) as LedgerEntry["status"],
    channel: String(row.channel),
    hashes: JSON.parse(String(row.hashes)) as Record<string, string>,
    ts: row.ts === null || row.ts === undefined ? null : String(row.ts),
    turn: row.turn === null || row.turn === undefined ? null : (JSON.parse(String(row.turn)) as Turn),
    attempts: Number(row.attempts),
    updatedAt: String(row.updated_at),
    error: row.error === null || row.error === undefined ? null : String(row.error),
    owner: String(row.owner),
  };
}
