import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { type Knowledge, listKnowledgeFiles, loadKnowledge, type SkippedFile } from "./knowledge/load.ts";
import { PASSAGE_WORDS, splitPassages } from "./knowledge/passages.ts";
import { type Glossary, loadGlossary } from "./search/glossary.ts";
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

export interface OpenOptions {
  /** a folder for the persisted index; without one the index is always built in memory */
  cacheDir?: string | undefined;
}

/**
 * Loads a knowledge folder and its index. With a cache folder, the index is persisted with MiniSearch's own
 * serialization, keyed by a hash of the folder's files and the index options, so a restart does not rebuild it.
 */
export async function openKnowledgeBase(dir: string, options: OpenOptions = {}): Promise<KnowledgeBase> {
  const glossary = await loadGlossary(dir);
  if (!options.cacheDir) return fromKnowledge(await loadKnowledge(dir), glossary, "built");

  const key = await knowledgeKey(dir);
  const file = path.join(options.cacheDir, `index-${key}.json`);
  try {
    const cached = JSON.parse(await readFile(file, "utf8")) as CacheFile;
    return {
      dir,
      index: deserializePassageIndex(cached.index),
      glossary,
      skipped: cached.skipped,
      hashes: cached.hashes,
      origin: "cache",
    };
  } catch {
    // No cache yet, or one from another version: build, then persist for the next start.
  }
  const base = fromKnowledge(await loadKnowledge(dir), glossary, "built");
  await writeCache(options.cacheDir, file, {
    index: serializePassageIndex(base.index),
    skipped: base.skipped,
    hashes: base.hashes,
  });
  return base;
}

interface CacheFile {
  index: SerializedPassageIndex;
  skipped: SkippedFile[];
  hashes: Record<string, string>;
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
