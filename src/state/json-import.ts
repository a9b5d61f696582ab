import { readFile, rename } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import type { LedgerEntry } from "../digest/ledger.ts";
import type { LegacyState, StateLog } from "./sqlite.ts";
import type { FeedbackRecord } from "./types.ts";

/** The JSON files older installs kept in STATE_DIR, imported once into the database. */
export const LEGACY_FILES = {
  threads: "threads.json",
  events: "handled-events.json",
  feedback: "feedback.json",
  digest: "digest-ledger.json",
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
const ledgerSchema = z.object({
  version: z.literal(1),
  entries: z.array(
    z.object({
      day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/u),
      status: z.enum(["posting", "posted", "failed"]),
      channel: z.string(),
      hashes: z.record(z.string(), z.string()),
      ts: z.string().nullable(),
      turn: turnSchema.nullable(),
      attempts: z.number().int().nonnegative(),
      updatedAt: z.string(),
      error: z.string().nullable(),
      owner: z.string(),
    }),
  ),
});

/** Where the import writes: either engine. */
export interface LegacyImportTarget {
  importLegacy(data: LegacyState): Promise<void>;
}

/**
 * Imports the JSON files an older install left in STATE_DIR (thread memory, handled events, feedback, the
 * digest ledger), then renames each with an `.imported-<time>` suffix, so nothing is lost and nothing is
 * imported twice. A file that cannot be read as what it should be is renamed `.unreadable-<time>` and
 * said in the log with what it means; the rest is still imported. Returns what was imported, for the log.
 */
export async function importJsonState(
  dir: string,
  target: LegacyImportTarget,
  log: StateLog,
  now: Date = new Date(),
): Promise<string[]> {
  const suffix = now.toISOString().replace(/[:.]/gu, "-");
  const data: LegacyState = { threads: [], events: [], feedback: [], digest: [] };
  const found: Array<{ file: string; summary: string }> = [];

  const read = async <T>(name: string, schema: z.ZodType<T>, consequence: string): Promise<T | null> => {
    const file = path.join(dir, name);
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw error;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    const result = schema.safeParse(parsed);
    if (result.success) return result.data;
    const aside = `${file}.unreadable-${suffix}`;
    await rename(file, aside);
    log.warn(
      `state: ${file} is not what an older minusma-bot wrote, so it was not imported; moved it to ${aside}. ${consequence}`,
    );
    return null;
  };

  const threads = await read(
    LEGACY_FILES.threads,
    threadsSchema,
    "Follow-ups in those threads need a new mention.",
  );
  if (threads) {
    data.threads = threads.threads;
    found.push({ file: LEGACY_FILES.threads, summary: `${threads.threads.length} thread(s)` });
  }
  const events = await read(
    LEGACY_FILES.events,
    eventsSchema,
    "A Slack retry in the next minutes may be answered twice.",
  );
  if (events) {
    data.events = events;
    found.push({ file: LEGACY_FILES.events, summary: `${events.length} handled event id(s)` });
  }
  const feedback = await read(
    LEGACY_FILES.feedback,
    feedbackSchema,
    "Its votes are still in the old log lines.",
  );
  if (feedback) {
    data.feedback = feedback as FeedbackRecord[];
    found.push({ file: LEGACY_FILES.feedback, summary: `${feedback.length} feedback vote(s)` });
  }
  const ledger = await read(
    LEGACY_FILES.digest,
    ledgerSchema,
    "The next digest covers the newest documents as a first digest would, and the channel is checked for the " +
      "day's digest before it is posted, so it is not posted twice.",
  );
  if (ledger) {
    data.digest = ledger.entries as LedgerEntry[];
    found.push({ file: LEGACY_FILES.digest, summary: `${ledger.entries.length} digest day(s)` });
  }
  if (found.length === 0) return [];

  await target.importLegacy(data);
  const summaries: string[] = [];
  for (const { file, summary } of found) {
    const from = path.join(dir, file);
    const to = `${from}.imported-${suffix}`;
    await rename(from, to);
    summaries.push(`${summary} from ${file} (kept as ${path.basename(to)})`);
  }
  log.info(`state: imported the JSON state of an older install: ${summaries.join("; ")}`);
  return summaries;
}
