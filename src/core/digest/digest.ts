import { documentsNewestFirst } from "../answer/format.ts";
import { documentSubjects, subjectCatalog } from "../answer/subject.ts";
import type { DocumentMeta } from "../knowledge/schema.ts";
import type { KnowledgeBase } from "../knowledge-base.ts";
import { buildCorpus } from "./corpus.ts";
import { type Day, formatDay } from "./day.ts";
import { type KeyFigure, keyFigures } from "./figures.ts";
import { summarize } from "./summary.ts";

/** How many of the newest documents the very first digest lists, instead of the whole knowledge base. */
export const FIRST_DIGEST_NEWEST = 5;

/**
 * Why a document is in the digest: added since the last digest, changed since it (same id, new content),
 * or one of the newest documents shown by the first digest ever.
 */
export type ItemStatus = "new" | "changed" | "newest";

export interface DigestItem {
  doc: DocumentMeta;
  status: ItemStatus;
  /** two sentences of the document, in its order, as it words them */
  summary: string[];
}

/** What the digest of one day says; rendered as plain text, JSON or Block Kit by others. */
export interface Digest {
  day: Day;
  /** "MINUSMA briefing — Monday 3 June 2024" */
  header: string;
  /** "first": nothing recorded before; "new": something new or changed; "nothing-new": nothing since the last */
  kind: "first" | "new" | "nothing-new";
  /** the day of the digest this one compares with, or null for the first */
  previousDay: Day | null;
  /** how many documents the knowledge base holds: what was checked */
  documentCount: number;
  /** newest first */
  items: DigestItem[];
  figures: KeyFigure[];
  /** the content hash of every document, by id: what this digest covers, for the ledger */
  hashes: Record<string, string>;
}

/** The last recorded digest before the one being built: its day and the content hashes it covered. */
export interface PreviousDigest {
  day: Day;
  hashes: Record<string, string>;
}

/** What the digest reads from a knowledge base; with a glossary, key figures come from home documents only. */
export type DigestSource = Pick<KnowledgeBase, "index" | "hashes"> & Partial<Pick<KnowledgeBase, "glossary">>;

/**
 * The documents about the knowledge base's home subject (MINUSMA, Mali): a Congo mission's ceiling is no key
 * figure of this briefing. Without a glossary subject every document counts.
 */
function homeDocuments(kb: DigestSource, documents: DocumentMeta[]): DocumentMeta[] {
  const catalog = kb.glossary ? subjectCatalog(kb.glossary) : null;
  if (!catalog) return documents;
  const subjects = documentSubjects(kb.index, catalog);
  return documents.filter((doc) => {
    const about = subjects.get(doc.id);
    return !about || [...about].some((subject) => catalog.home.has(subject));
  });
}

/** The header of a day's digest. */
export function digestHeader(day: Day): string {
  return `MINUSMA briefing — ${formatDay(day)}`;
}

/**
 * Builds the digest for `day`: the documents added or changed since `previous` (by content hash, newest
 * first, each with a two-sentence summary), and the key figures. With no previous digest it lists the five
 * newest documents instead of the whole knowledge base. Documents dated after `day` are left out. Pure: the same inputs give the same digest.
 *
 * @example buildDigest(kb, { day: "2024-06-03", previous: { day: "2024-06-02", hashes: ledgerEntry.hashes } })
 */
export function buildDigest(kb: DigestSource, input: { day: Day; previous: PreviousDigest | null }): Digest {
  const { day, previous } = input;
  // A digest is about what was known on its day: a document dated later is not in it, nor are its figures
  // (a digest asked for a past day must not list what was published after it).
  const documents = documentsNewestFirst(kb.index.documents).filter((doc) => doc.date <= day);
  const corpus = buildCorpus([...kb.index.passages.values()].filter((passage) => passage.doc.date <= day));
  const hashes: Record<string, string> = {};
  for (const doc of documents) hashes[doc.id] = kb.hashes[doc.id] ?? "";

  let chosen: Array<{ doc: DocumentMeta; status: ItemStatus }>;
  if (previous === null) {
    chosen = documents.slice(0, FIRST_DIGEST_NEWEST).map((doc) => ({ doc, status: "newest" }));
  } else {
    chosen = documents
      .filter((doc) => previous.hashes[doc.id] !== hashes[doc.id])
      .map((doc) => ({ doc, status: doc.id in previous.hashes ? "changed" : "new" }));
  }
  const items = chosen.map(({ doc, status }) => ({
    doc,
    status,
    summary: summarize(corpus.sentences.get(doc.id) ?? [], corpus),
  }));
  const newDocs = new Set(previous === null ? [] : items.map((item) => item.doc.id));
  return {
    day,
    header: digestHeader(day),
    kind: previous === null ? "first" : items.length > 0 ? "new" : "nothing-new",
    previousDay: previous?.day ?? null,
    documentCount: documents.length,
    items,
    figures: keyFigures(corpus.sentences, homeDocuments(kb, documents), { newDocs }),
    hashes,
  };
}
