import type { SkippedFile } from "./knowledge/files.ts";
import type { Knowledge } from "./knowledge/load.ts";
import { splitPassages } from "./knowledge/passages.ts";
import { buildGlossary, type Glossary, type SubjectData } from "./search/glossary.ts";
import {
  buildPassageIndex,
  deserializePassageIndex,
  INDEX_VERSION,
  type PassageIndex,
  type SerializedPassageIndex,
  serializePassageIndex,
} from "./search/passage-index.ts";

// The knowledge base as data: built from loaded documents, and turned into (and back from) the one plain
// shape it is persisted in and sent between threads in. Opening a folder, caching, watching and handing the
// base to the answer workers is src/knowledge/'s job.

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
  /**
   * the persisted index file that holds exactly this base, when there is one: answer workers read it
   * themselves rather than being sent a copy serialized on the main thread
   */
  file?: string | undefined;
}

/** The glossary's file in a knowledge folder. */
export const GLOSSARY_FILE = "glossary.yml";

/** Builds a knowledge base from loaded documents and a glossary (pure: no file is read). */
export function buildKnowledgeBase(knowledge: Knowledge, glossary: Glossary): KnowledgeBase {
  const passages = knowledge.documents.flatMap(splitPassages);
  const documents = knowledge.documents.map(({ body: _body, file: _file, hash: _hash, ...meta }) => meta);
  return {
    dir: knowledge.dir,
    index: buildPassageIndex(documents, passages),
    glossary,
    skipped: knowledge.skipped,
    hashes: Object.fromEntries(knowledge.documents.map((doc) => [doc.id, doc.hash])),
    origin: "built",
  };
}

/**
 * The one serialized shape of a knowledge base: what the persisted index file holds, what the build worker
 * sends back and what the answer workers load. Plain data, ready for JSON.stringify or postMessage.
 */
export interface SerializedKnowledgeBase {
  version: number;
  dir: string;
  index: SerializedPassageIndex;
  /**
   * the glossary as read, so a restart need not parse YAML; `hash` is the hash of the `glossary.yml` it was
   * read from ("" when it was broken, so the next start reads it again and reports it again)
   */
  glossary: { hash: string; synonyms: string[][]; examples: string[]; subject?: SubjectData | null };
  skipped: SkippedFile[];
  hashes: Record<string, string>;
}

/** A knowledge base as plain data; `glossaryHash` says which `glossary.yml` its glossary was read from. */
export function serializeKnowledgeBase(kb: KnowledgeBase, glossaryHash: string): SerializedKnowledgeBase {
  return {
    version: INDEX_VERSION,
    dir: kb.dir,
    index: serializePassageIndex(kb.index),
    glossary: {
      hash: glossaryHash,
      synonyms: kb.glossary.groups.map((group) => group.names),
      examples: kb.glossary.examples,
      subject: kb.glossary.subject,
    },
    skipped: kb.skipped,
    hashes: kb.hashes,
  };
}

/** The knowledge base `serializeKnowledgeBase` gave; throws when it was written by another version. */
export function deserializeKnowledgeBase(
  data: SerializedKnowledgeBase,
  origin: KnowledgeBase["origin"],
): KnowledgeBase {
  if (data.version !== INDEX_VERSION)
    throw new Error(`knowledge: serialized knowledge base is version ${data.version}, not ${INDEX_VERSION}`);
  return {
    dir: data.dir,
    index: deserializePassageIndex(data.index),
    glossary: buildGlossary(data.glossary.synonyms, data.glossary.examples, data.glossary.subject ?? null),
    skipped: data.skipped,
    hashes: data.hashes,
    origin,
  };
}
