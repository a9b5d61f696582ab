import { access, constants, mkdir, readdir, rename, rm } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { ThreadMemory, type ThreadMemoryOptions } from "../core/conversation/thread-memory.ts";
import { FeedbackLog } from "./feedback.ts";
import { HandledEvents, type HandledEventsOptions } from "./handled-events.ts";
import { readJsonFile, StateError } from "./json-file.ts";
import { JsonFileWriter, type WarnLog } from "./json-writer.ts";

/** The files the bot keeps in STATE_DIR, next to the search index cache (`index/`). */
export const STATE_FILES = {
  threads: "threads.json",
  events: "handled-events.json",
  feedback: "feedback.json",
} as const;

const turnSchema = z.object({
  question: z.string(),
  focus: z.array(z.string()),
  docs: z.array(z.string()),
  found: z.boolean(),
});
const threadsSchema = z.object({
  threads: z.array(z.object({ key: z.string(), updatedAt: z.number(), turns: z.array(turnSchema) })),
});
const eventsSchema = z.array(z.tuple([z.string(), z.number()]));
const feedbackSchema = z.array(
  z.object({
    key: z.string(),
    at: z.string(),
    user: z.string(),
    channel: z.string().nullable(),
    question: z.string(),
    helpful: z.boolean(),
    docs: z.array(z.string()),
  }),
);

export interface StateStoreOptions {
  log: WarnLog;
  now?: () => number;
  threads?: Omit<ThreadMemoryOptions, "now" | "onChange">;
  events?: Omit<HandledEventsOptions, "now" | "onChange">;
}

/**
 * What the bot keeps across restarts: its threads' memory, the event ids it already handled and the feedback
 * it was given. Embedded JSON files, each written atomically after every change, so a crash at any moment
 * leaves the last complete state. One bot process per STATE_DIR.
 */
export class StateStore {
  readonly threads: ThreadMemory;
  readonly events: HandledEvents;
  readonly feedback: FeedbackLog;
  readonly dir: string | null;
  readonly #writers: JsonFileWriter[] = [];

  private constructor(dir: string | null, options: StateStoreOptions) {
    this.dir = dir;
    const persist = (name: string, snapshot: () => unknown) => {
      if (!dir) return () => undefined;
      const writer = new JsonFileWriter(path.join(dir, name), snapshot, options.log);
      this.#writers.push(writer);
      return () => writer.schedule();
    };
    const now = options.now ?? Date.now;
    this.threads = new ThreadMemory({
      ...options.threads,
      now,
      onChange: persist(STATE_FILES.threads, () => this.threads.toJSON()),
    });
    this.events = new HandledEvents({
      ...options.events,
      now,
      onChange: persist(STATE_FILES.events, () => this.events.toJSON()),
    });
    this.feedback = new FeedbackLog({
      onChange: persist(STATE_FILES.feedback, () => this.feedback.toJSON()),
    });
  }

  /** A store that keeps everything in memory only: for tests and for the local shell. */
  static inMemory(options: StateStoreOptions): StateStore {
    return new StateStore(null, options);
  }

  /**
   * Opens (creating if needed) the store in a folder and loads what a previous run left. A file that does not
   * parse or has the wrong shape is moved aside and the bot starts without it rather than refusing to start.
   */
  static async open(dir: string, options: StateStoreOptions): Promise<StateStore> {
    try {
      await mkdir(dir, { recursive: true });
      await access(dir, constants.W_OK);
    } catch (error) {
      throw new StateError(
        `state: cannot use STATE_DIR ${dir} (${(error as NodeJS.ErrnoException).code ?? String(error)}): ` +
          "set STATE_DIR to a folder the bot can write to",
      );
    }
    await removeLeftoverTemporaries(dir);
    const store = new StateStore(dir, options);
    const threads = await load(dir, STATE_FILES.threads, threadsSchema, options.log);
    if (threads) store.threads.restore(threads);
    const events = await load(dir, STATE_FILES.events, eventsSchema, options.log);
    if (events) store.events.restore(events);
    const feedback = await load(dir, STATE_FILES.feedback, feedbackSchema, options.log);
    if (feedback) store.feedback.restore(feedback);
    return store;
  }

  /** Resolves once every change so far is saved. */
  async flush(): Promise<void> {
    await Promise.all(this.#writers.map((writer) => writer.flush()));
  }
}

async function load<T>(dir: string, name: string, schema: z.ZodType<T>, log: WarnLog): Promise<T | null> {
  const file = path.join(dir, name);
  const data = await readJsonFile<unknown>(file, undefined);
  if (data === undefined) return null;
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const aside = `${file}.invalid-${Date.now()}`;
  await rename(file, aside).catch(() => undefined);
  log.warn(`state: ${file} does not have the expected shape; moved it to ${aside} and started without it`);
  return null;
}

/** A process killed mid-write leaves its temporary file behind; the complete file beside it is the state. */
async function removeLeftoverTemporaries(dir: string): Promise<void> {
  const ours = Object.values(STATE_FILES);
  for (const entry of await readdir(dir)) {
    if (entry.endsWith(".tmp") && ours.some((name) => entry.startsWith(`${name}.`))) {
      await rm(path.join(dir, entry), { force: true });
    }
  }
}
