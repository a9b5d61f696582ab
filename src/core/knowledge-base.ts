import type { SkippedFile } from "./knowledge/files.ts";
import type { BuildProgress, Knowledge } from "./knowledge/load.ts";
import { splitPassages } from "./knowledge/passages.ts";
import type { DocumentMeta, Passage } from "./knowledge/schema.ts";
import { buildGlossary, type Glossary, type SubjectData } from "./search/glossary.ts";
import {
  buildPassageIndex,
  deserializePassageIndex,
  INDEX_VERSION,
  type PassageIndex,
  type SerializedPassageIndex,
  serializePassageIndex,
  updatePassageIndex,
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
  /**
   * when this base was made by updating another in place: the updates applied since the last base opened
   * whole (`root` names that one), so the answer workers can apply the same updates instead of loading it all
   */
  lineage?: Lineage | undefined;
}

/** The updates a base went through since the base opened whole that `root` stands for. */
export interface Lineage {
  root: Root;
  updates: readonly KnowledgeUpdate[];
}

/**
 * Stands for a base opened whole, without holding it: the file it was persisted in, when there was one, and
 * its glossary (which may be newer than the file's).
 */
export interface Root {
  file: string | undefined;
  dir: string;
  glossary: GlossaryData;
}

/** A glossary as plain data, as `glossary.yml` gives it: what travels between threads. */
export interface GlossaryData {
  synonyms: string[][];
  examples: string[];
  subject?: SubjectData | null;
}

/** The plain data a glossary was built from. */
export function glossaryData(glossary: Glossary): GlossaryData {
  return {
    synonyms: glossary.groups.map((group) => group.names),
    examples: glossary.examples,
    subject: glossary.subject,
  };
}

/** The glossary built from its plain data. */
export function glossaryFrom(data: GlossaryData): Glossary {
  return buildGlossary(data.synonyms, data.examples, data.subject ?? null);
}

const roots = new WeakMap<KnowledgeBase, Root>();

/** The root a base descends from: its lineage's, or itself when it was opened whole. */
export function rootOf(kb: KnowledgeBase): Root {
  if (kb.lineage) return kb.lineage.root;
  let root = roots.get(kb);
  if (!root) {
    root = { file: kb.file, dir: kb.dir, glossary: glossaryData(kb.glossary) };
    roots.set(kb, root);
  }
  return root;
}

/**
 * A change to a knowledge base: documents removed, and documents added or replaced with their passages, as
 * plain data (it travels from the build worker to the main thread and on to the answer workers).
 */
export interface KnowledgeUpdate {
  /** ids of the documents taken out: removed, or replaced by one in `documents` */
  removed: string[];
  documents: DocumentMeta[];
  /** the new documents' passages, each naming its document by id */
  passages: Array<Omit<Passage, "doc"> & { doc: string }>;
  /** content hashes of the documents added or replaced */
  hashes: Record<string, string>;
  /** the files that could not be loaded, all of them, after the change */
  skipped: SkippedFile[];
  /** the glossary, when it changed */
  glossary: GlossaryData | null;
}

/** The base after `update`; the given base's MiniSearch index is updated in place (see updatePassageIndex). */
export function applyUpdate(kb: KnowledgeBase, update: KnowledgeUpdate): KnowledgeBase {
  const byId = new Map(update.documents.map((doc) => [doc.id, doc]));
  const passages: Passage[] = update.passages.map((passage) => {
    const doc = byId.get(passage.doc);
    if (!doc) throw new Error(`knowledge: an update's passage names unknown document ${passage.doc}`);
    return { ...passage, doc };
  });
  const removed = new Set(update.removed);
  const hashes = Object.fromEntries(Object.entries(kb.hashes).filter(([id]) => !removed.has(id)));
  return {
    dir: kb.dir,
    index: updatePassageIndex(kb.index, removed, update.documents, passages),
    glossary: update.glossary ? glossaryFrom(update.glossary) : kb.glossary,
    skipped: update.skipped,
    hashes: { ...hashes, ...update.hashes },
    origin: kb.origin,
    file: undefined,
    // The updates are kept (they are small: the documents added) so that a worker started later can load the
    // root's file and apply them, rather than be sent the whole base.
    lineage: { root: rootOf(kb), updates: [...(kb.lineage?.updates ?? []), update] },
  };
}

/** The glossary's file in a knowledge folder. */
export const GLOSSARY_FILE = "glossary.yml";

/** Builds a knowledge base from loaded documents and a glossary (pure: no file is read). */
export function buildKnowledgeBase(
  knowledge: Knowledge,
  glossary: Glossary,
  progress?: BuildProgress,
): KnowledgeBase {
  const passages = knowledge.documents.flatMap(splitPassages);
  const documents = knowledge.documents.map(({ body: _body, file: _file, hash: _hash, ...meta }) => meta);
  return {
    dir: knowledge.dir,
    index: buildPassageIndex(documents, passages, (done, total) =>
      progress?.({ stage: "indexing", done, total }),
    ),
    glossary,
    skipped: knowledge.skipped,
    hashes: Object.fromEntries(knowledge.documents.map((doc) => [doc.id, doc.hash])),
    origin: "built",
  };
}

/**
 * The one serialized shape of a knowledge base: what the persisted index file holds, what the build worker
 * sends back and what the answer workers load. Structured-cloneable data (maps and typed arrays among it),
 * for V8's serializer or postMessage; it shares the base's own index structures, so it is serialized at once.
 */
export interface SerializedKnowledgeBase {
  version: number;
  dir: string;
  index: SerializedPassageIndex;
  /**
   * the glossary as read, so a restart need not parse YAML; `hash` is the hash of the `glossary.yml` it was
   * read from ("" when it was broken, so the next start reads it again and reports it again)
   */
  glossary: GlossaryData & { hash: string };
  skipped: SkippedFile[];
  hashes: Record<string, string>;
}

/** A knowledge base as plain data; `glossaryHash` says which `glossary.yml` its glossary was read from. */
export function serializeKnowledgeBase(kb: KnowledgeBase, glossaryHash: string): SerializedKnowledgeBase {
  return {
    version: INDEX_VERSION,
    dir: kb.dir,
    index: serializePassageIndex(kb.index),
    glossary: { hash: glossaryHash, ...glossaryData(kb.glossary) },
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
    glossary: glossaryFrom(data.glossary),
    skipped: data.skipped,
    hashes: data.hashes,
    origin,
  };
}
