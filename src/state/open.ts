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
 * Opens the state store the configuration asks for: the embedded SQLite file in STATE_DIR by default. The
 * JSON files of an older install are imported on the first start, then renamed. Throws a StateError that
 * says what to do when the store cannot be used.
 */
export async function openStateStore(
  config: Pick<Config, "STATE_DIR">,
  options: OpenStateOptions,
): Promise<StateStore> {
  const instanceId = options.instanceId ?? instanceName();
  const store = await SqliteStore.open(config.STATE_DIR, {
    log: options.log,
    role: options.role,
    instanceId,
    ...(options.now ? { now: options.now } : {}),
  });
  try {
    await importJsonState(config.STATE_DIR, store, options.log);
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}
