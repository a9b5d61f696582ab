import pg from "pg";
import type { Turn } from "../core/answer/types.ts";
import type { LedgerEntry } from "../digest/ledger.ts";
import { LATEST_SCHEMA, MIGRATIONS, statementsFor } from "./schema.ts";
import {
  feedbackFromRow,
  feedbackToRow,
  type LegacyState,
  ledgerEntryFromRow,
  ledgerEntryToRow,
  retryIn,
  type StateLog,
} from "./sqlite.ts";
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

/** Advisory lock keys (any two constant 64-bit numbers no other application on the database uses). */
const MIGRATION_LOCK = 7_340_010_001;
const DIGEST_LOCK = 7_340_010_002;
/** The channel knowledge versions are announced on. */
export const KNOWLEDGE_CHANNEL = "minusma_knowledge";
/**
 * How often each instance reads the knowledge version even without a notification: LISTEN misses what is
 * announced while its connection is down.
 */
export const KNOWLEDGE_CHECK_MS = 60_000;
/** Reconnection waits after a lost connection: doubling from the first, up to the last. */
export const RECONNECT_FIRST_MS = 500;
export const RECONNECT_MAX_MS = 30_000;
/** How long a start keeps trying to reach the database before it gives up with a message. */
const START_TIMEOUT_MS = 30_000;

type Row = Record<string, unknown>;
type Queryable = Pick<pg.PoolClient, "query">;

export interface PostgresOpenOptions {
  log: StateLog;
  instanceId: string;
  now?: () => number;
  /** the sweep and the knowledge check run only in the bot */
  role: "bot" | "tool";
  /** how often the knowledge version is read (KNOWLEDGE_CHECK_MS); tests shorten it */
  knowledgeCheckMs?: number;
}

/**
 * The shared engine: every instance reads and writes the same PostgreSQL database, so handled events, threads,
 * limits, the channels' pace, feedback and the digest's record are the same for all. Claims are single
 * statements; read-modify-writes run under a transaction-scoped advisory lock on their key; the digest's lock
 * is a session advisory lock, released by PostgreSQL when its holder dies. A lost connection is retried with
 * a growing wait, said once in the log, and reported by `health()` until it is back.
 */
export class PostgresStore implements StateStore {
  readonly engine = "postgres" as const;
  readonly shared = true;
  readonly instanceId: string;
  readonly #pool: pg.Pool;
  readonly #log: StateLog;
  readonly #now: () => number;
  readonly #where: string;
  readonly #options: PostgresOpenOptions;
  #writes = 0;
  #down: string | null = null;
  #reconnecting: Promise<void> | null = null;
  #timers: NodeJS.Timeout[] = [];
  #listener: pg.Client | null = null;
  #watchers = new Set<(version: string) => void>();
  #lastVersion: string | null = null;
  #closed = false;

  private constructor(pool: pg.Pool, where: string, options: PostgresOpenOptions) {
    this.#pool = pool;
    this.#where = where;
    this.#log = options.log;
    this.#now = options.now ?? Date.now;
    this.instanceId = options.instanceId;
    this.#options = options;
    // An idle pooled connection that breaks emits here; without a listener it would end the process.
    pool.on("error", (error) => this.#lost(error));
  }

  /**
   * Connects, runs the migrations this database has not run (once, even when instances start together), and
   * starts the sweeps. Keeps trying for 30 s; then a StateError says what to check.
   */
  static async open(url: string, options: PostgresOpenOptions): Promise<PostgresStore> {
    const where = describeUrl(url);
    const pool = new pg.Pool({
      connectionString: url,
      max: 10,
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: 30_000,
      application_name: "minusma-bot",
    });
    const store = new PostgresStore(pool, where, options);
    const deadline = Date.now() + START_TIMEOUT_MS;
    for (let wait = RECONNECT_FIRST_MS; ; wait = Math.min(wait * 2, 5_000)) {
      try {
        await migrate(pool);
        break;
      } catch (error) {
        const message = (error as Error).message;
        if (isSqlError(error) || Date.now() + wait > deadline) {
          await pool.end().catch(() => undefined);
          throw new StateError(
            `state: cannot use the PostgreSQL database at ${where} (${message}): check DATABASE_URL (host, ` +
              "port, user, password, database name), that the server runs and accepts this user, or unset " +
              "DATABASE_URL to keep the state in STATE_DIR",
          );
        }
        options.log.warn(`state: cannot reach PostgreSQL at ${where} yet (${message}); trying again`);
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    }
    if (options.role === "bot") {
      const sweep = () =>
        store.sweep().catch((error: unknown) => {
          options.log.warn(`state: could not remove expired rows: ${(error as Error).message}`);
        });
      void sweep();
      const sweeper = setInterval(() => void sweep(), SWEEP_INTERVAL_MS);
      sweeper.unref();
      store.#timers.push(sweeper);
    }
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
    return { ok: this.#down === null, engine: "postgres", problem: this.#down };
  }

  readonly events = {
    claim: async (...keys: string[]): Promise<boolean> => {
      const now = this.#now();
      // Sorted, so two statements claiming overlapping keys lock them in one order and never deadlock.
      const sorted = [...new Set(keys)].sort();
      return this.#write(
        "remember handled events",
        async (db) => {
          const result = await db.query(
            "INSERT INTO handled_events (key, at) SELECT unnest($1::text[]), $2 ON CONFLICT (key) DO UPDATE " +
              "SET at = EXCLUDED.at WHERE handled_events.at <= $3 RETURNING key",
            [sorted, now, now - STATE_BOUNDS.handledEventTtlMs],
          );
          return result.rowCount === sorted.length;
        },
        () => true,
      );
    },
    release: async (...keys: string[]): Promise<void> => {
      await this.#write(
        "forget handled events",
        async (db) => {
          await db.query("DELETE FROM handled_events WHERE key = ANY($1::text[])", [keys]);
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
        async (db) => {
          const result = await db.query(
            "INSERT INTO replays (signature, until_ms) VALUES ($1, $2) ON CONFLICT (signature) DO UPDATE SET " +
              "until_ms = EXCLUDED.until_ms WHERE replays.until_ms <= $3 RETURNING signature",
            [signature, untilMs, now],
          );
          return result.rowCount === 1;
        },
        () => true,
      );
    },
  };

  readonly threads = {
    history: async (key: string): Promise<Turn[]> =>
      this.#read("read a thread", async (db) => (await this.#history(db, key)) ?? [], []),
    has: async (key: string): Promise<boolean> =>
      this.#read("read a thread", async (db) => (await this.#history(db, key)) !== null, false),
    append: async (key: string, turn: Turn): Promise<void> => {
      const now = this.#now();
      await this.#write(
        "remember a thread",
        (db) =>
          this.#transaction(db, `thread:${key}`, async () => {
            const turns = [...((await this.#history(db, key)) ?? []), boundedTurn(turn)].slice(
              -STATE_BOUNDS.turnsPerThread,
            );
            await db.query(
              "INSERT INTO threads (key, updated_at, turns) VALUES ($1, $2, $3) ON CONFLICT (key) DO UPDATE SET " +
                "updated_at = EXCLUDED.updated_at, turns = EXCLUDED.turns",
              [key, now, JSON.stringify(turns)],
            );
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
        (db) =>
          this.#transaction(db, `questions:${user}`, async (): Promise<QuestionVerdict> => {
            const recent = await db.query(
              "SELECT at FROM questions WHERE user_id = $1 AND at > $2 ORDER BY at",
              [user, since],
            );
            if (recent.rows.length >= perMinute) {
              const oldest = Number((recent.rows[0] as Row | undefined)?.at ?? now);
              return { allowed: false, retryInSeconds: retryIn(oldest, now) };
            }
            await db.query("DELETE FROM questions WHERE user_id = $1 AND at <= $2", [user, since]);
            await db.query("INSERT INTO questions (user_id, at) VALUES ($1, $2)", [user, now]);
            return { allowed: true };
          }),
        () => ({ allowed: true }),
      );
    },
  };

  readonly pace = {
    /**
     * Takes the channel's next slot in one statement, on the database's clock so that instances whose clocks
     * differ still space their posts. `next_at` is the channel's theoretical arrival time (the generic cell
     * rate algorithm, as the in-process pacer): a slot starts `burst` intervals before the new value, or now.
     */
    reserve: async (
      channel: string,
      intervalMs: number,
      burst = 1,
    ): Promise<{ startAt: number; waitMs: number }> =>
      this.#write(
        "reserve a posting slot",
        async (db) => {
          const result = await db.query(
            "WITH now AS (SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint AS ms) " +
              "INSERT INTO channel_pace (channel, next_at) SELECT $1, ms + $2 FROM now ON CONFLICT (channel) DO " +
              "UPDATE SET next_at = GREATEST(channel_pace.next_at, (SELECT ms FROM now)) + $2 " +
              "RETURNING GREATEST(next_at - $3, (SELECT ms FROM now)) AS start_at, " +
              "next_at - $3 - (SELECT ms FROM now) AS wait",
            [channel, intervalMs, intervalMs * Math.max(1, Math.floor(burst))],
          );
          const row = result.rows[0] as Row | undefined;
          return { startAt: Number(row?.start_at ?? 0), waitMs: Math.max(0, Number(row?.wait ?? 0)) };
        },
        () => ({ startAt: 0, waitMs: 0 }),
      ),
  };

  readonly feedback = {
    add: async (record: FeedbackRecord): Promise<void> => {
      await this.#write(
        "record feedback",
        (db) =>
          this.#transaction(db, `feedback:${record.key}`, async () => {
            await db.query("DELETE FROM feedback WHERE key = $1", [record.key]);
            await db.query(
              "INSERT INTO feedback (key, at, user_id, channel, question, helpful, docs) VALUES ($1, $2, $3, $4, $5, $6, $7)",
              feedbackToRow(record),
            );
          }),
        () => undefined,
      );
    },
    list: async (): Promise<FeedbackRecord[]> =>
      (await this.#pool.query("SELECT * FROM feedback ORDER BY seq")).rows.map(feedbackFromRow),
  };

  readonly digest = {
    entries: async (): Promise<LedgerEntry[]> =>
      (await this.#pool.query("SELECT * FROM digest_days ORDER BY day")).rows.map(ledgerEntryFromRow),
    put: async (entry: LedgerEntry): Promise<void> => {
      // Not through #write: a digest record that cannot be written must stop the post (see poster.ts).
      await this.#pool.query(
        "INSERT INTO digest_days (day, status, channel, hashes, ts, turn, attempts, updated_at, error, owner) " +
          "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (day) DO UPDATE SET status = EXCLUDED.status, " +
          "channel = EXCLUDED.channel, hashes = EXCLUDED.hashes, ts = EXCLUDED.ts, turn = EXCLUDED.turn, " +
          "attempts = EXCLUDED.attempts, updated_at = EXCLUDED.updated_at, error = EXCLUDED.error, owner = EXCLUDED.owner",
        ledgerEntryToRow(entry),
      );
      this.#counted();
    },
    byMessage: async (channel: string, ts: string): Promise<LedgerEntry | null> => {
      const result = await this.#pool.query("SELECT * FROM digest_days WHERE channel = $1 AND ts = $2", [
        channel,
        ts,
      ]);
      const row = result.rows[0] as Row | undefined;
      return row ? ledgerEntryFromRow(row) : null;
    },
    /**
     * A session advisory lock on a connection of its own: held while `fn` runs, and released by PostgreSQL
     * the moment the holder's connection closes, so an instance killed mid-post (kill -9) does not hold the
     * day hostage; the next holder finds the day "posting" and looks in the channel (poster.ts).
     */
    withLock: async <T>(fn: () => Promise<T>): Promise<{ done: T } | { busy: DigestLockHolder }> => {
      const client = await this.#pool.connect();
      let held = false;
      try {
        const result = await client.query("SELECT pg_try_advisory_lock($1) AS held", [DIGEST_LOCK]);
        held = (result.rows[0] as Row | undefined)?.held === true;
        if (!held) {
          const holder = await client.query("SELECT value FROM meta WHERE key = 'digest_lock_owner'");
          return {
            busy: { owner: String((holder.rows[0] as Row | undefined)?.value ?? "another instance") },
          };
        }
        await client.query(
          "INSERT INTO meta (key, value) VALUES ('digest_lock_owner', $1) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
          [this.instanceId],
        );
        return { done: await fn() };
      } finally {
        if (held) await client.query("SELECT pg_advisory_unlock($1)", [DIGEST_LOCK]).catch(() => undefined);
        client.release();
      }
    },
  };

  readonly knowledge = {
    version: async (): Promise<string | null> => {
      const result = await this.#pool.query("SELECT value FROM meta WHERE key = 'knowledge_version'");
      const row = result.rows[0] as Row | undefined;
      return row ? String(row.value) : null;
    },
    /** Records the version and announces it (NOTIFY is delivered when the transaction commits). */
    publish: async (version: string): Promise<void> => {
      this.#lastVersion = version;
      await this.#write(
        "record the knowledge version",
        (db) =>
          this.#transaction(db, "knowledge", async () => {
            await db.query(
              "INSERT INTO meta (key, value) VALUES ('knowledge_version', $1) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
              [version],
            );
            await db.query("SELECT pg_notify($1, $2)", [
              KNOWLEDGE_CHANNEL,
              JSON.stringify({ version, instance: this.instanceId }),
            ]);
          }),
        () => undefined,
      );
    },
    watch: (onChange: (version: string) => void): (() => void) => {
      this.#watchers.add(onChange);
      if (this.#watchers.size === 1) this.#startWatching();
      return () => {
        this.#watchers.delete(onChange);
      };
    },
  };

  async sweep(): Promise<number> {
    const now = this.#now();
    return this.#write(
      "remove expired state",
      async (db) => {
        const statements: Array<[string, unknown[]]> = [
          ["DELETE FROM handled_events WHERE at <= $1", [now - STATE_BOUNDS.handledEventTtlMs]],
          ["DELETE FROM replays WHERE until_ms <= $1", [now]],
          ["DELETE FROM threads WHERE updated_at <= $1", [now - STATE_BOUNDS.threadTtlMs]],
          [
            "DELETE FROM threads WHERE key IN (SELECT key FROM threads ORDER BY updated_at DESC OFFSET $1)",
            [STATE_BOUNDS.maxThreads],
          ],
          ["DELETE FROM questions WHERE at <= $1", [now - STATE_BOUNDS.questionWindowMs]],
          [
            "DELETE FROM channel_pace WHERE next_at <= (extract(epoch FROM clock_timestamp()) * 1000)::bigint - $1",
            [STATE_BOUNDS.paceIdleMs],
          ],
          [
            "DELETE FROM feedback WHERE seq IN (SELECT seq FROM feedback ORDER BY seq DESC OFFSET $1)",
            [STATE_BOUNDS.feedbackRows],
          ],
          [
            "DELETE FROM digest_days WHERE day IN (SELECT day FROM digest_days ORDER BY day DESC OFFSET $1)",
            [STATE_BOUNDS.digestDays],
          ],
        ];
        let removed = 0;
        for (const [sql, values] of statements) removed += (await db.query(sql, values)).rowCount ?? 0;
        return removed;
      },
      () => 0,
    );
  }

  async importLegacy(data: LegacyState): Promise<void> {
    const client = await this.#pool.connect();
    try {
      await client.query("BEGIN");
      for (const thread of data.threads) {
        const turns = thread.turns.map(boundedTurn).slice(-STATE_BOUNDS.turnsPerThread);
        await client.query(
          "INSERT INTO threads (key, updated_at, turns) VALUES ($1, $2, $3) ON CONFLICT (key) DO NOTHING",
          [thread.key, thread.updatedAt, JSON.stringify(turns)],
        );
      }
      for (const [key, at] of data.events) {
        await client.query(
          "INSERT INTO handled_events (key, at) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING",
          [key, at],
        );
      }
      for (const record of data.feedback) {
        await client.query("DELETE FROM feedback WHERE key = $1", [record.key]);
        await client.query(
          "INSERT INTO feedback (key, at, user_id, channel, question, helpful, docs) VALUES ($1, $2, $3, $4, $5, $6, $7)",
          feedbackToRow(record),
        );
      }
      for (const entry of data.digest) {
        await client.query(
          "INSERT INTO digest_days (day, status, channel, hashes, ts, turn, attempts, updated_at, error, owner) " +
            "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (day) DO NOTHING",
          ledgerEntryToRow(entry),
        );
      }
      await client.query("COMMIT");
      this.#counted();
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const timer of this.#timers) clearInterval(timer);
    this.#watchers.clear();
    await this.#listener?.end().catch(() => undefined);
    await this.#pool.end();
  }

  async #history(db: Queryable, key: string): Promise<Turn[] | null> {
    const result = await db.query("SELECT updated_at, turns FROM threads WHERE key = $1", [key]);
    const row = result.rows[0] as Row | undefined;
    if (!row || this.#now() - Number(row.updated_at) >= STATE_BOUNDS.threadTtlMs) return null;
    return JSON.parse(String(row.turns)) as Turn[];
  }

  /** Runs `fn` in a transaction holding a transaction-scoped advisory lock on `key`. */
  async #transaction<T>(db: Queryable, key: string, fn: () => Promise<T>): Promise<T> {
    await db.query("BEGIN");
    try {
      await db.query("SELECT pg_advisory_xact_lock(hashtext($1))", [key]);
      const result = await fn();
      await db.query("COMMIT");
      return result;
    } catch (error) {
      await db.query("ROLLBACK").catch(() => undefined);
      throw error;
    }
  }

  /**
   * Runs a write on a connection of its own. While the database is unreachable, the bot keeps answering with
   * `fallback` (a retry may then be answered twice, a follow-up not understood), `health()` says it is down,
   * and reconnection is tried in the background.
   */
  async #write<T>(what: string, write: (db: Queryable) => Promise<T>, fallback: () => T): Promise<T> {
    if (this.#down) return fallback();
    let client: pg.PoolClient;
    try {
      client = await this.#pool.connect();
    } catch (error) {
      this.#lost(error, what);
      return fallback();
    }
    try {
      const result = await write(client);
      this.#counted();
      client.release();
      return result;
    } catch (error) {
      // A connection that failed is not given back to the pool.
      client.release(isSqlError(error) ? undefined : (error as Error));
      if (isSqlError(error)) throw error;
      this.#lost(error, what);
      return fallback();
    }
  }

  async #read<T>(what: string, read: (db: Queryable) => Promise<T>, fallback: T): Promise<T> {
    if (this.#down) return fallback;
    try {
      return await read(this.#pool);
    } catch (error) {
      if (isSqlError(error)) throw error;
      this.#lost(error, what);
      return fallback;
    }
  }

  /** Notes a lost connection once, and tries to reconnect with a growing wait until it succeeds. */
  #lost(error: unknown, what = "use the database"): void {
    if (this.#closed) return;
    const message = (error as Error).message;
    if (!this.#down) {
      this.#log.warn(
        `state: lost the connection to PostgreSQL at ${this.#where} while trying to ${what} (${message}); ` +
          "retrying with a growing wait; /healthz answers 503 and the bot answers without shared memory until " +
          "it is back",
      );
    }
    this.#down = `PostgreSQL at ${this.#where} unreachable: ${message}`;
    this.#reconnecting ??= this.#reconnect().finally(() => {
      this.#reconnecting = null;
    });
  }

  async #reconnect(): Promise<void> {
    for (let wait = RECONNECT_FIRST_MS; !this.#closed; wait = Math.min(wait * 2, RECONNECT_MAX_MS)) {
      await new Promise((resolve) => setTimeout(resolve, wait).unref());
      if (this.#closed) return;
      try {
        await this.#pool.query("SELECT 1");
        this.#down = null;
        this.#log.info(`state: the connection to PostgreSQL at ${this.#where} is back`);
        if (this.#watchers.size > 0 && !this.#listener) this.#listen();
        // A version announced while the connection was down is caught now.
        void this.#checkVersion();
        return;
      } catch {
        // Still down: wait longer.
      }
    }
  }

  #startWatching(): void {
    void this.knowledge.version().then(
      (version) => {
        this.#lastVersion ??= version;
      },
      () => undefined,
    );
    this.#listen();
    const checker = setInterval(
      () => void this.#checkVersion(),
      this.#options.knowledgeCheckMs ?? KNOWLEDGE_CHECK_MS,
    );
    checker.unref();
    this.#timers.push(checker);
  }

  /** LISTEN on a connection of its own (a pooled one would be handed to others). */
  #listen(): void {
    if (this.#closed) return;
    const client = new pg.Client({ connectionString: poolConnectionString(this.#pool) });
    this.#listener = client;
    const drop = (error: unknown) => {
      if (this.#listener !== client) return;
      this.#listener = null;
      client.end().catch(() => undefined);
      this.#lost(error, "listen for knowledge changes");
    };
    client.on("error", drop);
    client.on("end", () => {
      if (!this.#closed && this.#listener === client) drop(new Error("the listening connection ended"));
    });
    client.on("notification", (message) => {
      if (message.channel !== KNOWLEDGE_CHANNEL || !message.payload) return;
      try {
        const { version, instance } = JSON.parse(message.payload) as { version: string; instance: string };
        if (instance !== this.instanceId) this.#announce(version);
      } catch {
        // Not ours: ignored.
      }
    });
    client
      .connect()
      .then(() => client.query(`LISTEN ${KNOWLEDGE_CHANNEL}`))
      .catch(drop);
  }

  async #checkVersion(): Promise<void> {
    if (this.#closed || this.#down || this.#watchers.size === 0) return;
    try {
      const version = await this.knowledge.version();
      if (version !== null) this.#announce(version);
    } catch (error) {
      if (!isSqlError(error)) this.#lost(error, "check the knowledge version");
    }
  }

  #announce(version: string): void {
    if (version === this.#lastVersion) return;
    this.#lastVersion = version;
    for (const watcher of this.#watchers) watcher(version);
  }
}

/** Runs the migrations not run yet, in one transaction, under an advisory lock held by one instance at a time. */
async function migrate(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await client.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK]);
    await client.query("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
    const row = (await client.query("SELECT value FROM meta WHERE key = 'schema_version'")).rows[0] as
      | Row
      | undefined;
    const current = row ? Number(row.value) : 0;
    if (current > LATEST_SCHEMA) {
      throw new StateError(
        `state: the database's schema is version ${current}, newer than this bot's ${LATEST_SCHEMA}: run the newer minusma-bot`,
      );
    }
    for (const migration of MIGRATIONS.filter((m) => m.version > current)) {
      for (const statement of statementsFor(migration, "postgres")) await client.query(statement);
      await client.query(
        "INSERT INTO meta (key, value) VALUES ('schema_version', $1) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
        [String(migration.version)],
      );
    }
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** An error PostgreSQL itself raised (it has a SQLSTATE code), as opposed to a connection that failed. */
function isSqlError(error: unknown): boolean {
  if (error instanceof StateError) return true;
  const code = (error as { code?: unknown }).code;
  // Class 08 is "connection exception", 57P0x "operator intervention" (the server shutting down).
  return (
    typeof code === "string" &&
    /^[0-9A-Z]{5}$/u.test(code) &&
    !code.startsWith("08") &&
    !code.startsWith("57P")
  );
}

/** The URL without its password, for messages. */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || "5432"}${parsed.pathname}`;
  } catch {
    return "DATABASE_URL";
  }
}

function poolConnectionString(pool: pg.Pool): string {
  return String((pool.options as { connectionString?: string }).connectionString ?? "");
}
