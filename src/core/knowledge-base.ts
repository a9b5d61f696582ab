import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { listKnowledgeFiles, type SkippedFile } from "./knowledge/files.ts";
import type { Knowledge } from "./knowledge/load.ts";
import { PASSAGE_WORDS, splitPassages } from "./knowledge/passages.ts";
import { buildGlossary, type Glossary } from "./search/glossary.ts";
import {
  buildPassageIndex,
  deserializePassageIndex,
  FIELD_BOOSTS,
  INDEX_VERSION,
  type PassageIndex,
  type SerializedPassageIndex,
  serializePassageIndex,
} from "./search/passage-index.ts";

/** Everything the core answers from: the passage index, the glossary, and what could not be loaded. */
export interface KnowledgeBase {
  dir: string;
  index: PassageIndex;
  glossary: Glossary;
  skipped: SkippedFile[];
  /** content hash of every loaded document, by id (what the digest compares) */
  hashes: Record<string, string>;
  /** where the index came from, for the start-up log */
  origin: "built" | "cache";
}

/** The glossary's file in a knowledge folder. */
export const GLOSSARY_FILE = "glossary.yml";

export interface OpenOptions {
  /** a folder for the persisted index; without one the index is always built in memory */
  cacheDir?: string | undefined;
}

/**
 * Loads a knowledge folder and its index. With a cache folder, the index is persisted with MiniSearch's own
 * serialization, keyed by a hash of the folder's files and the index options, so a restart does not rebuild it.
 */
export async function openKnowledgeBase(dir: string, options: OpenOptions = {}): Promise<KnowledgeBase> {
  const glossaryBytes = await readGlossaryFile(dir);
  const glossaryHash = createHash("sha256")
    .update(glossaryBytes ?? "")
    .digest("hex");
  const glossaryProblems: SkippedFile[] = [];
  const cacheFile = options.cacheDir
    ? path.join(options.cacheDir, `index-${await knowledgeKey(dir)}.json`)
    : null;

  const cached = cacheFile ? await readCache(cacheFile) : null;
  if (cached) {
    const glossary =
      cached.file.glossary.hash === glossaryHash
        ? buildGlossary(cached.file.glossary.synonyms, cached.file.glossary.examples)
        : await parseGlossary(dir, glossaryBytes, glossaryProblems);
    return {
      dir,
      index: cached.index,
      glossary,
      skipped: [...cached.file.skipped, ...glossaryProblems],
      hashes: cached.file.hashes,
      origin: "cache",
    };
  }

  const glossary = await parseGlossary(dir, glossaryBytes, glossaryProblems);
  const base = fromKnowledge(await loadKnowledge(dir), glossary, "built");
  if (options.cacheDir && cacheFile) {
    await writeCache(options.cacheDir, cacheFile, {
      index: serializePassageIndex(base.index),
      // A broken glossary is not remembered, so the next start reads it again and reports it again.
      glossary: {
        hash: glossaryProblems.length === 0 ? glossaryHash : "",
        synonyms: glossary.groups.map((group) => group.names),
        examples: glossary.examples,
      },
      skipped: base.skipped,
      hashes: base.hashes,
    });
  }
  return { ...base, skipped: [...base.skipped, ...glossaryProblems] };
}

/** A persisted index, or null when there is none yet, or it is corrupt or from another version. */
async function readCache(file: string): Promise<{ file: CacheFile; index: PassageIndex } | null> {
  try {
    const cached = JSON.parse(await readFile(file, "utf8")) as CacheFile;
    return { file: cached, index: deserializePassageIndex(cached.index) };
  } catch {
    return null;
  }
}

interface CacheFile {
  index: SerializedPassageIndex;
  /** the glossary as read, so a restart need not parse YAML; used while `glossary.yml` keeps this hash */
  glossary: { hash: string; synonyms: string[][]; examples: string[] };
  skipped: SkippedFile[];
  hashes: Record<string, string>;
}

// The document parser and the YAML reader are imported only when they are needed: a restart that loads the
// persisted index (the common case) answers sooner without them.
async function loadKnowledge(dir: string): Promise<Knowledge> {
  return (await import("./knowledge/load.ts")).loadKnowledge(dir);
}

/**
 * The glossary, or an empty one when `glossary.yml` is missing or broken: like a broken document, a broken
 * glossary is reported (in `skipped`) and the bot goes on answering, only without synonyms.
 */
async function parseGlossary(dir: string, bytes: Buffer | null, skipped: SkippedFile[]): Promise<Glossary> {
  if (bytes === null) return buildGlossary([], []);
  const { parseGlossary: parse, GlossaryError } = await import("./search/glossary-file.ts");
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
async function readGlossaryFile(dir: string): Promise<Buffer | null> {
  try {
    return await readFile(path.join(dir, GLOSSARY_FILE));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

function fromKnowledge(
  knowledge: Knowledge,
  glossary: Glossary,
  origin: KnowledgeBase["origin"],
): KnowledgeBase {
  const passages = knowledge.documents.flatMap(splitPassages);
  const documents = knowledge.documents.map(({ body: _body, file: _file, hash: _hash, ...meta }) => meta);
  return {
    dir: knowledge.dir,
    index: buildPassageIndex(documents, passages),
    glossary,
    skipped: knowledge.skipped,
    hashes: Object.fromEntries(knowledge.documents.map((doc) => [doc.id, doc.hash])),
    origin,
  };
}

/** A hash of the knowledge files (names and bytes) and of everything that shapes the index. */
export async function knowledgeKey(dir: string): Promise<string> {
  const hash = createHash("sha256");
  hash.update(JSON.stringify({ INDEX_VERSION, FIELD_BOOSTS, PASSAGE_WORDS }));
  const files = await listKnowledgeFiles(dir);
  // Read in parallel: a restart must not wait on hundreds of small sequential reads.
  const contents = await Promise.all(files.map((entry) => readFile(path.join(dir, entry))));
  files.forEach((entry, i) => {
    hash.update(`\0${entry}\0`);
    hash.update(contents[i]!);
  });
  return hash.digest("hex").slice(0, 32);
}

async function writeCache(dir: string, file: string, data: CacheFile): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
    // Old indexes are dead weight once the folder changed; the new one is written beside and renamed in.
    for (const old of await readdir(dir)) {
      if (old.startsWith("index-") && path.join(dir, old) !== file)
        await rm(path.join(dir, old), { force: true });
    }
    const temporary = `${file}.${process.pid}.tmp`;
    await writeFile(temporary, JSON.stringify(data));
    await rename(temporary, file);
  } catch {
    // A read-only or full disk only costs a rebuild at the next start.
  }
}
