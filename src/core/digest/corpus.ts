import type { Passage } from "../knowledge/schema.ts";
import { splitSentences } from "../knowledge/sentences.ts";
import { contentTerms } from "../search/terms.ts";

/** One sentence of a document, with where it sits, for choosing summaries and figures. */
export interface DocSentence {
  text: string;
  /** 0-based position in the document */
  index: number;
  section: string | null;
  /** the stemmed content terms of the sentence, in order */
  terms: string[];
}

/** What the digest needs to know about the whole knowledge base to tell a distinctive word from a common one. */
export interface Corpus {
  /** every document's sentences, in document order, by document id */
  sentences: Map<string, DocSentence[]>;
  /** in how many documents each content term occurs */
  documentFrequency: Map<string, number>;
  documents: number;
}

/**
 * Rebuilds each document's sentences from the index's passages. Passages are stored in document order and
 * are cut between sentences, never inside one, so this gives back the document's own sentences.
 */
export function buildCorpus(passages: Iterable<Passage>): Corpus {
  const sentences = new Map<string, DocSentence[]>();
  for (const passage of passages) {
    const list = sentences.get(passage.doc.id) ?? [];
    for (const text of splitSentences(passage.text)) {
      list.push({ text, index: list.length, section: passage.section, terms: contentTerms(text) });
    }
    sentences.set(passage.doc.id, list);
  }
  const documentFrequency = new Map<string, number>();
  for (const list of sentences.values()) {
    const seen = new Set(list.flatMap((sentence) => sentence.terms));
    for (const term of seen) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  }
  return { sentences, documentFrequency, documents: sentences.size };
}

/** Inverse document frequency: 1 for a term every document has, more for a term few documents have. */
export function idf(corpus: Corpus, term: string): number {
  const df = corpus.documentFrequency.get(term) ?? 1;
  return 1 + Math.log(Math.max(corpus.documents, 1) / df);
}

/** The number of words of a text. */
export function wordCount(text: string): number {
  return text.split(/\s+/u).filter(Boolean).length;
}

/**
 * Cuts a text to at most `max` characters at a word boundary, marking the cut with an ellipsis.
 *
 * @example truncate("one two three", 8) // "one two…"
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, Math.max(0, max - 1));
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:]+$/u, "")}…`;
}
