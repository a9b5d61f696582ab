import { parentPort, workerData } from "node:worker_threads";
import {
  applyUpdate,
  deserializeKnowledgeBase,
  GLOSSARY_FILE,
  type KnowledgeUpdate,
  serializeKnowledgeBase,
} from "../core/knowledge-base.ts";
import { writeCache } from "./open.ts";
import { readPersisted } from "./persisted.ts";

// Persists an updated index for the next start, on a thread of its own (started by build-worker.ts), so the
// seconds it takes at 100k passages (reading the last index, applying the updates, writing the new one) never
// hold up the next update: it reads `from`, applies `updates`, and writes `file` in `cacheDir`.

/** What the build worker gives this thread. */
export interface PersistJob {
  from: string;
  updates: KnowledgeUpdate[];
  cacheDir: string;
  file: string;
  /** index files not to remove (one an answer worker may still read) */
  keep: string[];
  glossaryHash: string;
}

const job = workerData as PersistJob;
let kb = deserializeKnowledgeBase(await readPersisted(job.from), "cache");
for (const update of job.updates) kb = applyUpdate(kb, update);
const skipped = kb.skipped.filter((entry) => entry.file !== GLOSSARY_FILE);
const written = await writeCache(
  job.cacheDir,
  job.file,
  serializeKnowledgeBase({ ...kb, skipped }, job.glossaryHash),
  job.keep,
);
parentPort?.postMessage({ written });
