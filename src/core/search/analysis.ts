import type { Passage } from "../knowledge/schema.ts";
import { splitSentences } from "../knowledge/sentences.ts";
import { contentTerms } from "./terms.ts";

/** A passage cut into sentences, each with its index terms: what answer selection works on. */
export interface PassageAnalysis {
  sentences: string[];
  /** the content terms of each sentence, in order */
  terms: string[][];
}

/**
 * Analyses passages on demand and remembers the most recent ones: questions cluster on a few topics, and
 * keeping every passage analysed would cost hundreds of megabytes at 100k passages.
 */
export class PassageAnalyzer {
  private readonly cache = new Map<string, PassageAnalysis>();

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
    this.cache.set(passage.id, analysis);
    if (this.cache.size > this.capacity) this.cache.delete(this.cache.keys().next().value!);
    return analysis;
  }
}
