import type { Config } from "../config.ts";
import { instanceName } from "./instance.ts";
import { importJsonState } from "./json-import.ts";
import { SqliteStore, type StateLog } from "./sqlite.ts";
import type { StateStore } from "./types.ts";

export interface OpenStateOptions {
  log: StateLog;
  /** "bot": the running bot (one per STATE_DIR with SQLite); "tool": `npm run digest` beside it */
  role: "bot" | "tool";
  instanceId?: string;
  now?: () => number;
}

/**
 * Opens the state store the configuration asks for: PostgreSQL when DATABASE_URL is set (shared by every
 * instance), otherwise the embedded SQLite file in STATE_DIR. The JSON files an older install left in
 * STATE_DIR are imported on the first start, then renamed. Throws a StateError that says what to do when the
 * store cannot be used.
 */
export async function openStateStore(
  config: Pick<Config, "STATE_DIR"> & Partial<Pick<Config, "DATABASE_URL">>,
  options: OpenStateOptions,
): Promise<StateStore & { importLegacy: SqliteStore["importLegacy"] }> {
  const instanceId = options.instanceId ?? instanceName();
  const common = {
    log: options.log,
    role: options.role,
    instanceId,
    ...(options.now ? { now: options.now } : {}),
  };
  // The PostgreSQL client is loaded only when it is used: most bots run on the SQLite file.
  const store = config.DATABASE_URL
    ? await (await import("./postgres.ts")).PostgresStore.open(config.DATABASE_URL, common)
    : await SqliteStore.open(config.STATE_DIR, common);
  try {
    await importJsonState(config.STATE_DIR, store, options.log);
  } catch (error) {
    await store.close();
    throw error;
  }
  options.log.info(
    config.DATABASE_URL
      ? `state: shared PostgreSQL store (instance ${instanceId})`
      : `state: SQLite store in ${config.STATE_DIR} (instance ${instanceId})`,
  );
  return store;
}
