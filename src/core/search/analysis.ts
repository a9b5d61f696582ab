import type { Passage } from "../knowledge/schema.ts";
import { splitSentences } from "../knowledge/sentences.ts";
import { contentTerms } from "./terms.ts";

/** A passage cut into sentences, each with its index terms: what answer selection works on. */
export interface PassageAnalysis {
  sentences: string[];
  /** the content terms of each sentence, in order */
  terms: string[][];
}

/** One sentence with its content terms. */
export interface SentenceTerms {
  sentence: string;
  terms: string[];
}

/** A passage's first and last sentences (the same one for a passage of one sentence). */
export interface PassageEdges {
  first: SentenceTerms;
  last: SentenceTerms;
}

/**
 * Analyses passages on demand and remembers the most recent ones: questions cluster on a few topics, and
 * keeping every passage analysed would cost hundreds of megabytes at 100k passages.
 */
export class PassageAnalyzer {
  private readonly cache = new Map<string, PassageAnalysis>();
  private readonly edgeCache = new Map<string, PassageEdges | null>();

  constructor(private readonly capacity = 4_000) {}

  analyze(passage: Passage): PassageAnalysis {
    const cached = this.cache.get(passage.id);
    if (cached) {
      // Map keeps insertion order: re-inserting marks it as recently used.
      this.cache.delete(passage.id);
      this.cache.set(passage.id, cached);
      return cached;
    }
    const sentences = splitSentences(passage.text);
    const analysis = { sentences, terms: sentences.map(contentTerms) };
    remember(this.cache, passage.id, analysis, this.capacity);
    return analysis;
  }

  /**
   * Only the first and last sentences of a passage, with their terms (null when it has none): what a hit reads
   * of the passages either side of it. A neighbour is read for two sentences, not stemmed whole; when its whole
   * analysis is at hand, that is used.
   */
  edges(passage: Passage): PassageEdges | null {
    const whole = this.cache.get(passage.id);
    if (whole) return edgesOf(whole.sentences, (i) => whole.terms[i]!);
    const cached = this.edgeCache.get(passage.id);
    if (cached !== undefined) return cached;
    const edges = edgesOf(splitSentences(passage.text), (_i, sentence) => contentTerms(sentence));
    remember(this.edgeCache, passage.id, edges, this.capacity);
    return edges;
  }
}

function edgesOf(
  sentences: string[],
  termsOf: (i: number, sentence: string) => string[],
): PassageEdges | null {
  if (sentences.length === 0) return null;
  const first = { sentence: sentences[0]!, terms: termsOf(0, sentences[0]!) };
  const end = sentences.length - 1;
  return {
    first,
    last: end === 0 ? first : { sentence: sentences[end]!, terms: termsOf(end, sentences[end]!) },
  };
}

/** Adds to a map used as a cache of the most recent entries, dropping the oldest beyond its capacity. */
function remember<T>(cache: Map<string, T>, key: string, value: T, capacity: number): void {
  cache.set(key, value);
  if (cache.size > capacity) cache.delete(cache.keys().next().value!);
}
