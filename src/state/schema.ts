/**
 * The state's tables, the same for both engines (column types differ only where the engines do: SQLite's
 * INTEGER is 64-bit, PostgreSQL's is BIGINT). Each table's bound is in STATE_BOUNDS (types.ts).
 *
 * Migrations are numbered and only ever appended: a database records the last one it ran in `meta`, and
 * a start runs the ones after it, each in its own transaction. PostgreSQL instances starting together take
 * an advisory lock first, so the migrations run once.
 */
export interface Migration {
  version: number;
  /** statements, run in order; `{BIGINT}` is the engine's 64-bit integer type */
  statements: string[];
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    statements: [
      // Small named values: the schema version, the knowledge version, when the JSON files were imported.
      "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
      // Handled event ids ("event:Ev123", "message:C1:1700000000.000100"), kept an hour.
      "CREATE TABLE IF NOT EXISTS handled_events (key TEXT PRIMARY KEY, at {BIGINT} NOT NULL)",
      "CREATE INDEX IF NOT EXISTS handled_events_at ON handled_events (at)",
      // Signatures of signed requests acted on, kept while their timestamp is accepted.
      "CREATE TABLE IF NOT EXISTS replays (signature TEXT PRIMARY KEY, until_ms {BIGINT} NOT NULL)",
      "CREATE INDEX IF NOT EXISTS replays_until ON replays (until_ms)",
      // Thread memory: the last turns of each thread, as JSON.
      "CREATE TABLE IF NOT EXISTS threads (key TEXT PRIMARY KEY, updated_at {BIGINT} NOT NULL, turns TEXT NOT NULL)",
      "CREATE INDEX IF NOT EXISTS threads_updated_at ON threads (updated_at)",
      // One row per question accepted in the last minute.
      "CREATE TABLE IF NOT EXISTS questions (user_id TEXT NOT NULL, at {BIGINT} NOT NULL)",
      "CREATE INDEX IF NOT EXISTS questions_user_at ON questions (user_id, at)",
      // The next free posting slot of each channel (used when several instances post).
      "CREATE TABLE IF NOT EXISTS channel_pace (channel TEXT PRIMARY KEY, next_at {BIGINT} NOT NULL)",
      // Feedback, newest last: a vote again on the same answer replaces the first and moves to the end.
      "CREATE TABLE IF NOT EXISTS feedback (seq {SERIAL}, key TEXT NOT NULL UNIQUE, at TEXT NOT NULL, " +
        "user_id TEXT NOT NULL, channel TEXT, question TEXT NOT NULL, helpful INTEGER NOT NULL, docs TEXT NOT NULL)",
      // The digest's once-a-day record (src/digest/ledger.ts).
      "CREATE TABLE IF NOT EXISTS digest_days (day TEXT PRIMARY KEY, status TEXT NOT NULL, channel TEXT NOT NULL, " +
        "hashes TEXT NOT NULL, ts TEXT, turn TEXT, attempts INTEGER NOT NULL, updated_at TEXT NOT NULL, " +
        "error TEXT, owner TEXT NOT NULL)",
      "CREATE INDEX IF NOT EXISTS digest_days_message ON digest_days (channel, ts)",
    ],
  },
];

export const LATEST_SCHEMA = MIGRATIONS.at(-1)?.version ?? 0;

/** A migration's statements for one engine. */
export function statementsFor(migration: Migration, engine: "sqlite" | "postgres"): string[] {
  const types =
    engine === "sqlite"
      ? { BIGINT: "INTEGER", SERIAL: "INTEGER PRIMARY KEY AUTOINCREMENT" }
      : { BIGINT: "BIGINT", SERIAL: "BIGSERIAL PRIMARY KEY" };
  return migration.statements.map((statement) =>
    statement.replaceAll("{BIGINT}", types.BIGINT).replaceAll("{SERIAL}", types.SERIAL),
  );
}
