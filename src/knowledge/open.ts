import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { deserialize, serialize } from "node:v8";
import { CLEAN_VERSION } from "../core/knowledge/clean.ts";
import {
  listKnowledgeFiles,
  MAX_GLOSSARY_BYTES,
  readKnowledgeFile,
  type SkippedFile,
} from "../core/knowledge/files.ts";
import type { BuildProgress } from "../core/knowledge/load.ts";
import { PASSAGE_WORDS } from "../core/knowledge/passages.ts";
import {
  FOLDER_LIMITS,
  mapLimited,
  readRegularFile,
  UnreadableFileError,
} from "../core/knowledge/read-files.ts";
import {
  buildKnowledgeBase,
  deserializeKnowledgeBase,
  GLOSSARY_FILE,
  type KnowledgeBase,
  type SerializedKnowledgeBase,
  serializeKnowledgeBase,
} from "../core/knowledge-base.ts";
import { buildGlossary, type Glossary } from "../core/search/glossary.ts";
import { FIELD_BOOSTS, INDEX_VERSION, POSTINGS_BUDGET } from "../core/search/passage-index.ts";
import { packKnowledgeBase, readPersisted } from "./persisted.ts";

export interface OpenOptions {
  /** a folder for the persisted index; without one the index is always built in memory */
  cacheDir?: string | undefined;
  /** hears how a build goes (documents read, passages indexed); not called when the persisted index is loaded */
  progress?: BuildProgress | undefined;
}

/** A knowledge base just opened, with what it takes to persist or send it again. */
export interface OpenedKnowledgeBase {
  kb: KnowledgeBase;
  /** the hash of the `glossary.yml` its glossary was read from, "" when it was missing-and-reported or broken */
  glossaryHash: string;
}

/**
 * Loads a knowledge folder and its index. With a cache folder, the index is persisted keyed by a hash of the
 * folder's files and of everything that shapes the index (see `knowledgeKey`), so a restart does not rebuild it.
 */
export async function openKnowledgeBase(dir: string, options: OpenOptions = {}): Promise<KnowledgeBase> {
  return (await openKnowledge(dir, options)).kb;
}

/** `openKnowledgeBase`, with the glossary's hash (what the build worker needs to send the base on). */
export async function openKnowledge(dir: string, options: OpenOptions = {}): Promise<OpenedKnowledgeBase> {
  const glossaryProblems: SkippedFile[] = [];
  const glossaryBytes = await readGlossaryFile(dir, glossaryProblems);
  const glossaryHash = createHash("sha256")
    .update(glossaryBytes ?? "")
    .digest("hex");
  const cacheFile = options.cacheDir
    ? cacheFileFor(options.cacheDir, await knowledgeKey(dir, options.cacheDir))
    : null;

  const cached = cacheFile ? await readCache(cacheFile, dir) : null;
  if (cached) {
    const reuse = cached.glossaryHash === glossaryHash;
    const glossary = reuse ? cached.kb.glossary : await parseGlossary(dir, glossaryBytes, glossaryProblems);
    return {
      kb: { ...cached.kb, glossary, skipped: [...cached.kb.skipped, ...glossaryProblems], file: cacheFile! },
      glossaryHash: glossaryProblems.length === 0 ? glossaryHash : "",
    };
  }

  const glossary = await parseGlossary(dir, glossaryBytes, glossaryProblems);
  const base = buildKnowledgeBase(await loadKnowledge(dir, options.progress), glossary, options.progress);
  // A broken glossary is not remembered, so the next start reads it again and reports it again.
  const persistedHash = glossaryProblems.length === 0 ? glossaryHash : "";
  const written =
    options.cacheDir && cacheFile
      ? await writeCache(options.cacheDir, cacheFile, serializeKnowledgeBase(base, persistedHash))
      : false;
  return {
    kb: { ...base, skipped: [...base.skipped, ...glossaryProblems], file: written ? cacheFile! : undefined },
    glossaryHash: persistedHash,
  };
}

/** A persisted knowledge base, or null when there is none yet, or it is corrupt or from another version. */
async function readCache(
  file: string,
  dir: string,
): Promise<{ kb: KnowledgeBase; glossaryHash: string } | null> {
  try {
    const data = await readPersisted(file);
    // The same files may be opened under another path (a moved folder, a relative path): say the one asked.
    return { kb: { ...deserializeKnowledgeBase(data, "cache"), dir }, glossaryHash: data.glossary.hash };
  } catch {
    return null;
  }
}

// The document parser and the YAML reader are imported only when they are needed: a restart that loads the
// persisted index (the common case) answers sooner without them.
async function loadKnowledge(dir: string, progress: BuildProgress | undefined) {
  return (await import("../core/knowledge/load.ts")).loadKnowledge(dir, progress);
}

/**
 * The glossary, or an empty one when `glossary.yml` is missing or broken: like a broken document, a broken
 * glossary is reported (in `skipped`) and the bot goes on answering, only without synonyms.
 */
async function parseGlossary(dir: string, bytes: Buffer | null, skipped: SkippedFile[]): Promise<Glossary> {
  if (bytes === null) return buildGlossary([], []);
  const { parseGlossary: parse, GlossaryError } = await import("../core/search/glossary-file.ts");
  try {
    return parse(bytes.toString("utf8"), path.join(dir, GLOSSARY_FILE));
  } catch (error) {
    if (!(error instanceof GlossaryError)) throw error;
    skipped.push({
      file: GLOSSARY_FILE,
      reason: `${error.message}; answering without synonyms until it is fixed`,
    });
    return buildGlossary([], []);
  }
}

/** The glossary's bytes; null when there is none, or when it cannot be read (a FIFO, too big: reported). */
/** `glossary.yml`, read defensively; null when it is missing or cannot be read (then with its reason in `skipped`). */
export async function readGlossaryFile(dir: string, skipped: SkippedFile[]): Promise<Buffer | null> {
  try {
    return await readRegularFile(
      path.join(dir, GLOSSARY_FILE),
      MAX_GLOSSARY_BYTES,
      "for the glossary: keep it to groups of names",
    );
  } catch (error) {
    if (!(error instanceof UnreadableFileError)) throw error;
    if (error.code !== "ENOENT") {
      skipped.push({ file: GLOSSARY_FILE, reason: `${error.message}; answering without synonyms` });
    }
    return null;
  }
}

/**
 * A file's content hash is trusted from the last start only when the file was last changed this long before it
 * was read: a file changed again within its file system's timestamp granularity (up to 2 s on some) could keep
 * its size and times, so a file changed that recently is read again.
 */
const RACY_MARGIN_MS = 2_000;

/** The file beside the persisted indexes that remembers each knowledge file's content hash by its stat. */
const KNOWN_HASHES_FILE = "file-hashes.v8";

/** What is remembered of a knowledge file: what its stat said, its content hash, and when it was read. */
interface KnownHash {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
  hash: string;
  readAt: number;
}

/**
 * A hash of the knowledge files (names and the sha256 of their bytes) and of everything that shapes the index:
 * the index format and options, the postings budget, the passage sizes and the cleaner's version (a change to
 * cleaning changes every passage). A file that cannot be read (a FIFO, too big) is left out, as the build
 * worker leaves it out of the key it persists an update under: it is skipped either way.
 *
 * With `cacheDir`, a file whose size, times and inode are those it had when it was last read is not read
 * again: its content hash is taken from `file-hashes.v8` there (as git and make trust a file's stat). At 100k
 * passages (5,000 files) reading every file took a fifth of a restart.
 */
export async function knowledgeKey(
  dir: string,
  cacheDir?: string,
  now: () => number = Date.now,
): Promise<string> {
  const files = await listKnowledgeFiles(dir);
  const known = cacheDir ? await readKnownHashes(cacheDir, dir) : new Map<string, KnownHash>();
  const next = new Map<string, KnownHash>();
  let reread = 0;
  // A few at a time: a restart must not wait on thousands of sequential calls, nor open every file at once.
  const hashes = await mapLimited(files, FOLDER_LIMITS.concurrency, async (entry) => {
    const full = path.join(dir, entry);
    const info = cacheDir ? await stat(full).catch(() => null) : null;
    const was = known.get(entry);
    if (info?.isFile() && was && sameFile(was, info)) {
      next.set(entry, was);
      return was.hash;
    }
    const readAt = now();
    const bytes = await readKnowledgeFile(full).catch(() => null);
    if (!bytes) return null;
    const hash = sha256(bytes);
    reread += 1;
    if (info?.isFile()) {
      const { size, mtimeMs, ctimeMs, ino } = info;
      next.set(entry, { size, mtimeMs, ctimeMs, ino, hash, readAt });
    }
    return hash;
  });
  if (cacheDir && (reread > 0 || next.size !== known.size)) await writeKnownHashes(cacheDir, dir, next);
  return keyOf(files.flatMap((entry, i) => (hashes[i] ? [[entry, hashes[i]] as const] : [])));
}

function sameFile(
  was: KnownHash,
  info: { size: number; mtimeMs: number; ctimeMs: number; ino: number },
): boolean {
  return (
    was.size === info.size &&
    was.mtimeMs === info.mtimeMs &&
    was.ctimeMs === info.ctimeMs &&
    was.ino === info.ino &&
    was.readAt > Math.max(info.mtimeMs, info.ctimeMs) + RACY_MARGIN_MS
  );
}

/** The remembered hashes of `dir`'s files; none when there are none, they are another folder's, or unreadable. */
async function readKnownHashes(cacheDir: string, dir: string): Promise<Map<string, KnownHash>> {
  try {
    const data = deserialize(await readFile(path.join(cacheDir, KNOWN_HASHES_FILE))) as {
      dir?: unknown;
      files?: unknown;
    };
    return data.dir === path.resolve(dir) && data.files instanceof Map
      ? (data.files as Map<string, KnownHash>)
      : new Map();
  } catch {
    return new Map();
  }
}

/** Remembers the hashes for the next start; a read-only or full disk only costs reading the files again. */
async function writeKnownHashes(cacheDir: string, dir: string, files: Map<string, KnownHash>): Promise<void> {
  try {
    await mkdir(cacheDir, { recursive: true });
    const file = path.join(cacheDir, KNOWN_HASHES_FILE);
    const temporary = `${file}.${process.pid}.tmp`;
    await writeFile(temporary, serialize({ dir: path.resolve(dir), files }));
    await rename(temporary, file);
  } catch {
    // nothing lost: the next start reads the files
  }
}

/** `knowledgeKey` from each file's name and content hash, as the build worker knows them without reading. */
export function keyOf(files: Array<readonly [file: string, sha256: string]>): string {
  const hash = createHash("sha256");
  hash.update(JSON.stringify({ INDEX_VERSION, FIELD_BOOSTS, PASSAGE_WORDS, CLEAN_VERSION, POSTINGS_BUDGET }));
  for (const [file, digest] of files) hash.update(`\0${file}\0${digest}`);
  return hash.digest("hex").slice(0, 32);
}

/** The hex sha256 of some bytes (a document's content hash, as the loader computes it). */
export function sha256(bytes: Buffer): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/**
 * The persisted index file for a key. It holds the serialized base in V8's serialization format (`.v8`):
 * maps and typed arrays come back as they were, with no conversion (see src/core/search/mini-data.ts).
 */
export function cacheFileFor(cacheDir: string, key: string): string {
  return path.join(cacheDir, `index-${key}.v8`);
}

/**
 * Persists the base; false when it could not be written. Older index files are removed, but those in `keep`
 * (one an answer worker may still have to read).
 */
export async function writeCache(
  dir: string,
  file: string,
  data: SerializedKnowledgeBase,
  keep: ReadonlyArray<string | undefined> = [],
): Promise<boolean> {
  try {
    await mkdir(dir, { recursive: true });
    // Old indexes are dead weight once the folder changed; the new one is written beside and renamed in.
    for (const old of await readdir(dir)) {
      const full = path.join(dir, old);
      if (old.startsWith("index-") && full !== file && !keep.includes(full)) await rm(full, { force: true });
    }
    const temporary = `${file}.${process.pid}.tmp`;
    await writeFile(temporary, packKnowledgeBase(data));
    await rename(temporary, file);
    return true;
  } catch {
    // A read-only or full disk only costs a rebuild at the next start.
    return false;
  }
}
