import { stat } from "node:fs/promises";
import path from "node:path";
import { parentPort } from "node:worker_threads";
import { listKnowledgeFiles, readKnowledgeFile, type SkippedFile } from "../core/knowledge/files.ts";
import { splitPassages } from "../core/knowledge/passages.ts";
import { FOLDER_LIMITS, mapLimited } from "../core/knowledge/read-files.ts";
import type { DocumentMeta, KnowledgeDocument } from "../core/knowledge/schema.ts";
import {
  GLOSSARY_FILE,
  type GlossaryData,
  glossaryData,
  type KnowledgeBase,
  type KnowledgeUpdate,
  serializeKnowledgeBase,
} from "../core/knowledge-base.ts";
import { startWorker } from "../runtime/worker.ts";
import { cacheFileFor, keyOf, openKnowledge, readGlossaryFile, sha256 } from "./open.ts";
import type { PersistJob } from "./persist-worker.ts";
import { packKnowledgeBase } from "./persisted.ts";
import { quietCollector } from "./worker-memory.ts";

// The build worker (started by builder.ts): builds knowledge bases off the main thread, and follows the
// folder with updates rather than rebuilds. It keeps what a change is measured against (each file's size,
// time and content hash, and the document it gave), reads and parses only the files that changed, and
// answers with a small update that the main thread and the answer workers apply to their own copies. It then
// persists the updated index for the next start, in the background, holding the whole index only meanwhile.

/** What the main thread asks of the build worker. */
export type BuildRequest =
  | { id: number; type: "build"; dir: string; cacheDir: string | undefined }
  /** follow the base the main thread opened (persisted in `file`) from now on */
  | {
      id: number;
      type: "adopt";
      dir: string;
      cacheDir: string | undefined;
      file: string | undefined;
      hashes: Record<string, string>;
      skipped: SkippedFile[];
      glossary: GlossaryData;
    }
  | { id: number; type: "update"; dir: string; cacheDir: string | undefined };

export type BuildReply =
  | {
      id: number;
      ok: true;
      kind: "whole";
      /** the base's one serialized shape, as the bytes of a persisted index (one buffer copies faster than an object graph) */
      packed: Uint8Array;
      origin: "built" | "cache";
      /** the persisted index file holding this base, when it could be written */
      file: string | undefined;
    }
  | { id: number; ok: true; kind: "update"; update: KnowledgeUpdate; documents: number }
  /** nothing changed; or the change would leave no document, and is not applied */
  | { id: number; ok: true; kind: "none" | "empty"; documents: number }
  | { id: number; ok: true; kind: "adopted" }
  | { id: number; ok: false; name: string; message: string };

/**
 * More changed files than this (or than a quarter of the folder) are rebuilt whole: an update re-derives the
 * vocabulary and term sets of the whole index anyway, and a rebuild is then about as fast.
 */
const MAX_UPDATED_FILES = 200;
/** How long after an update the index is persisted: a burst of updates is written once. */
const PERSIST_DELAY_MS = 1_000;

interface FileState {
  size: number;
  mtimeMs: number;
  /** sha256 of the content the current base has for it; "" when unknown (read it again) */
  hash: string;
  /** the document it gave, or null when it was skipped */
  docId: string | null;
}

interface Followed {
  dir: string;
  cacheDir: string | undefined;
  files: Map<string, FileState>;
  documents: Set<string>;
  skipped: SkippedFile[];
  /** documents of the base that no file gave when it was adopted (changed or removed since): to remove */
  orphans: Set<string>;
  /** the hash of the glossary file last read ("" before the first read) and what it gave */
  glossaryHash: string;
  glossary: string;
  /** the file the main thread's base descends from: never removed, an answer worker may still read it */
  root: string | undefined;
  /** the last index this worker persisted (or the root), and the updates since that it must apply */
  persisted: string | undefined;
  pending: KnowledgeUpdate[];
}

const port = parentPort;
if (!port) throw new Error("knowledge: build-worker.ts runs as a worker thread, started by builder.ts");

let followed: Followed | null = null;
let persistTimer: NodeJS.Timeout | null = null;
let persisting: Promise<void> = Promise.resolve();

// One request at a time, in order: an update is measured against what the request before it left.
let queue: Promise<void> = Promise.resolve();
port.on("message", (request: BuildRequest) => {
  queue = queue.then(() => handle(request)).finally(() => collector?.worked());
});

/**
 * This thread follows the folder for good: what a build or an update left is collected once it has been
 * quiet for a second (worker-memory.ts, as the answer workers do), not kept until V8's first limit.
 */
const collector = quietCollector();

async function handle(request: BuildRequest): Promise<void> {
  let reply: BuildReply;
  try {
    if (request.type === "adopt") {
      followed = await adopt(request);
      // What the first update needs, loaded now rather than when a document lands: the parser, and the
      // English word list that cleaning checks joined words against (a 275k-word list).
      await import("../core/knowledge/load.ts");
      (await import("../core/knowledge/words.ts")).warmEnglishWords();
      reply = { id: request.id, ok: true, kind: "adopted" };
    } else if (request.type === "update" && followed && followed.dir === request.dir) {
      reply = await update(request.id, followed);
    } else {
      reply = await whole(request.id, request.dir, request.cacheDir);
    }
  } catch (error) {
    const failure = error instanceof Error ? error : new Error(String(error));
    reply = { id: request.id, ok: false, name: failure.name, message: failure.message };
  }
  port!.postMessage(reply);
}

/** Opens the folder whole, as a start does, and follows it from there. */
async function whole(id: number, dir: string, cacheDir: string | undefined): Promise<BuildReply> {
  const stats = await statFiles(dir);
  const { kb, glossaryHash } = await openKnowledge(dir, { cacheDir });
  const glossary = {
    synonyms: kb.glossary.groups.map((group) => group.names),
    examples: kb.glossary.examples,
  };
  followed = await follow(dir, cacheDir, kb, stats, glossary, glossaryHash);
  const packed = packKnowledgeBase(serializeKnowledgeBase(kb, glossaryHash));
  return { id, ok: true, kind: "whole", packed, origin: kb.origin, file: kb.file };
}

/**
 * Follows the base the main thread opened. The folder may have changed since it was opened: what does not
 * match the base is left for the next update to find (files read again, documents no file gives removed,
 * the glossary read again and sent if it differs).
 */
async function adopt(request: Extract<BuildRequest, { type: "adopt" }>): Promise<Followed> {
  const stats = await statFiles(request.dir);
  const documents = { hashes: request.hashes, skipped: request.skipped };
  return follow(request.dir, request.cacheDir, documents, stats, request.glossary, "", request.file);
}

/**
 * What a change is measured against: each file's content hash and the document it gave (a document's hash
 * is its file's, so the two meet by hash). A file whose content is not the base's is left unknown, so the
 * next update reads it.
 */
async function follow(
  dir: string,
  cacheDir: string | undefined,
  kb: Pick<KnowledgeBase, "hashes" | "skipped"> & { file?: string | undefined },
  stats: Map<string, { size: number; mtimeMs: number }>,
  glossary: GlossaryData,
  glossaryHash: string,
  root = kb.file,
): Promise<Followed> {
  const byHash = new Map(Object.entries(kb.hashes).map(([docId, hash]) => [hash, docId]));
  const skippedFiles = new Set(kb.skipped.map((skipped) => skipped.file));
  const files = new Map<string, FileState>();
  // A few at a time (never EMFILE), and defensively: a file that cannot be read is read again next time.
  await mapLimited([...stats], FOLDER_LIMITS.concurrency, async ([file, info]) => {
    const bytes = await readKnowledgeFile(path.join(dir, file)).catch(() => null);
    const hash = bytes ? sha256(bytes) : "";
    const docId = byHash.get(hash) ?? null;
    const known = bytes !== null && (docId !== null || skippedFiles.has(file));
    files.set(file, { ...info, hash: known ? hash : "", docId });
  });
  const given = new Set([...files.values()].map((known) => known.docId));
  return {
    dir,
    cacheDir,
    files,
    documents: new Set(Object.keys(kb.hashes)),
    skipped: kb.skipped.filter((skipped) => skipped.file !== GLOSSARY_FILE),
    orphans: new Set(Object.keys(kb.hashes).filter((docId) => !given.has(docId))),
    glossaryHash,
    glossary: JSON.stringify(glossary),
    root,
    persisted: root,
    pending: [],
  };
}

/** The change since the last update: only the files whose size or time moved are read. */
async function update(id: number, state: Followed): Promise<BuildReply> {
  const stats = await statFiles(state.dir);
  const touched = [...stats].filter(([file, info]) => {
    const known = state.files.get(file);
    return !known || known.hash === "" || known.size !== info.size || known.mtimeMs !== info.mtimeMs;
  });
  const gone = [...state.files.keys()].filter((file) => !stats.has(file));
  if (touched.length + gone.length > Math.max(MAX_UPDATED_FILES, stats.size / 4))
    return whole(id, state.dir, state.cacheDir);

  const { parseKnowledgeFile } = await import("../core/knowledge/load.ts");
  const removed = new Set<string>(state.orphans);
  const added: KnowledgeDocument[] = [];
  const newSkipped: SkippedFile[] = [];
  const next = new Map(state.files);
  const leaving = new Set([...gone, ...touched.map(([file]) => file)]);
  for (const file of gone) {
    const docId = state.files.get(file)?.docId;
    if (docId) removed.add(docId);
    next.delete(file);
  }
  // Ids used by the files that stay as they are: a changed file may not take one of them.
  const taken = new Map<string, string>();
  for (const [file, known] of state.files)
    if (known.docId && !leaving.has(file)) taken.set(known.docId, file);
  for (const [file, info] of touched.sort(([a], [b]) => (a < b ? -1 : 1))) {
    const previous = state.files.get(file);
    let bytes: Buffer | Error;
    try {
      bytes = await readKnowledgeFile(path.join(state.dir, file));
    } catch (error) {
      bytes = error instanceof Error ? error : new Error(String(error));
    }
    const hash = bytes instanceof Error ? "" : sha256(bytes);
    if (previous && previous.hash !== "" && previous.hash === hash) {
      // Touched, not changed: nothing to do but remember its new time.
      next.set(file, { ...previous, ...info });
      continue;
    }
    if (previous?.docId) removed.add(previous.docId);
    try {
      // A file that cannot be read (a FIFO, a link to a device, too big) is skipped with its reason.
      if (bytes instanceof Error) throw bytes;
      const document = parseKnowledgeFile(file, bytes);
      const clash = taken.get(document.id);
      if (clash) throw new Error(`id "${document.id}" is already used by ${clash}`);
      taken.set(document.id, file);
      added.push(document);
      next.set(file, { ...info, hash, docId: document.id });
    } catch (error) {
      newSkipped.push({ file, reason: error instanceof Error ? error.message : String(error) });
      next.set(file, { ...info, hash, docId: null });
    }
  }
  // A document whose file changed but that is the same again (same id and content) is neither removed nor
  // added; one that moved to another file keeps its id and is replaced.
  const documentsAfter = new Set([...state.documents].filter((docId) => !removed.has(docId)));
  for (const document of added) documentsAfter.add(document.id);

  const glossaryProblems: SkippedFile[] = [];
  const glossaryBytes = await readGlossaryFile(state.dir, glossaryProblems);
  const glossaryHash = glossaryProblems.length > 0 ? "" : sha256(glossaryBytes ?? Buffer.from(""));
  let glossary: KnowledgeUpdate["glossary"] = null;
  let glossaryText = state.glossary;
  if (glossaryHash === "" || glossaryHash !== state.glossaryHash) {
    const read = await parseGlossaryBytes(state.dir, glossaryBytes, glossaryProblems);
    glossaryText = JSON.stringify(read);
    if (glossaryText !== state.glossary || glossaryProblems.length > 0) glossary = read;
  }
  const skipped = [...state.skipped.filter((entry) => !leaving.has(entry.file)), ...newSkipped].sort(
    (a, b) => (a.file < b.file ? -1 : 1),
  );

  if (removed.size === 0 && added.length === 0 && glossary === null && sameSkipped(skipped, state.skipped)) {
    state.files = next;
    state.glossaryHash = glossaryHash;
    return { id, ok: true, kind: "none", documents: state.documents.size };
  }
  if (documentsAfter.size === 0) {
    // Not applied: the main thread keeps the documents it has, and the next change is measured from them.
    return { id, ok: true, kind: "empty", documents: 0 };
  }
  const change: KnowledgeUpdate = {
    removed: [...removed],
    documents: added.map(({ body: _body, file: _file, hash: _hash, ...meta }): DocumentMeta => meta),
    passages: added.flatMap(splitPassages).map((passage) => ({ ...passage, doc: passage.doc.id })),
    hashes: Object.fromEntries(added.map((document) => [document.id, document.hash])),
    skipped: [...skipped, ...glossaryProblems],
    glossary,
  };
  state.files = next;
  state.documents = documentsAfter;
  state.skipped = skipped;
  state.orphans = new Set();
  // A broken glossary is read again at the next update, so it is reported until it is fixed.
  state.glossaryHash = glossaryProblems.length === 0 ? glossaryHash : "";
  state.glossary = glossaryText;
  state.pending.push(change);
  schedulePersist(state);
  return { id, ok: true, kind: "update", update: change, documents: documentsAfter.size };
}

function sameSkipped(a: SkippedFile[], b: SkippedFile[]): boolean {
  return (
    a.length === b.length && a.every((entry, i) => entry.file === b[i]?.file && entry.reason === b[i]?.reason)
  );
}

/**
 * Writes the updated index for the next start, a little after a burst of updates, on a thread of its own
 * (persist-worker.ts): the index as last persisted, read again, with the updates since applied to it, under
 * the key of the files as the updates saw them. Updates go on meanwhile; the next write waits for this one.
 */
function schedulePersist(state: Followed): void {
  if (!state.cacheDir) {
    state.pending = [];
    return;
  }
  if (persistTimer) clearTimeout(persistTimer);
  persistTimer = setTimeout(() => {
    persistTimer = null;
    persisting = persisting.then(() => persist(state)).catch(() => undefined);
  }, PERSIST_DELAY_MS);
}

async function persist(state: Followed): Promise<void> {
  if (!state.cacheDir || !state.persisted || state.pending.length === 0) return;
  const updates = state.pending.splice(0);
  const key = keyOf(
    [...state.files]
      .filter(([, known]) => known.hash !== "")
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([file, known]) => [file, known.hash] as const),
  );
  const job: PersistJob = {
    from: state.persisted,
    updates,
    cacheDir: state.cacheDir,
    file: cacheFileFor(state.cacheDir, key),
    keep: state.root ? [state.root] : [],
    glossaryHash: state.glossaryHash,
  };
  const written = await new Promise<boolean>((resolve) => {
    const worker = startWorker(import.meta.url, "persist-worker", { workerData: job });
    worker.unref();
    worker.once("message", (reply: { written: boolean }) => resolve(reply.written));
    worker.once("error", () => resolve(false));
    worker.once("exit", () => resolve(false));
  });
  if (written) state.persisted = job.file;
  // Not written (a full disk): the updates are written with the next ones, from the last index written.
  else state.pending.unshift(...updates);
}

async function statFiles(dir: string): Promise<Map<string, { size: number; mtimeMs: number }>> {
  const files = await listKnowledgeFiles(dir);
  const stats = await mapLimited(files, FOLDER_LIMITS.concurrency, (file) =>
    stat(path.join(dir, file)).catch(() => null),
  );
  const result = new Map<string, { size: number; mtimeMs: number }>();
  // Every file listed counts, a FIFO or a broken link too (size -1): reading it says why it is skipped.
  files.forEach((file, i) => {
    const info = stats[i];
    result.set(file, { size: info?.size ?? -1, mtimeMs: info?.mtimeMs ?? -1 });
  });
  return result;
}

/** The glossary in `bytes` as plain data; an empty one, with the reason in `problems`, when it is broken. */
async function parseGlossaryBytes(
  dir: string,
  bytes: Buffer | null,
  problems: SkippedFile[],
): Promise<GlossaryData> {
  if (bytes === null) return { synonyms: [], examples: [], subject: null };
  const { parseGlossary, GlossaryError } = await import("../core/search/glossary-file.ts");
  try {
    return glossaryData(parseGlossary(bytes.toString("utf8"), path.join(dir, GLOSSARY_FILE)));
  } catch (error) {
    if (!(error instanceof GlossaryError)) throw error;
    problems.push({
      file: GLOSSARY_FILE,
      reason: `${error.message}; answering without synonyms until it is fixed`,
    });
    return { synonyms: [], examples: [], subject: null };
  }
}
