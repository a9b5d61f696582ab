import { indexTerm, tokenize } from "../../src/core/search/terms.ts";
import { Vocabulary } from "../../src/core/search/vocabulary.ts";

/** A vocabulary built the way the index builds it: every word of the texts, with its index term. */
export function vocabularyOf(texts: string[], variants?: string[][]): Vocabulary {
  const frequencies = new Map<string, number>();
  const surface = new Map<string, string>();
  for (const text of texts) {
    for (const token of tokenize(text)) {
      const term = indexTerm(token);
      if (term === null) continue;
      frequencies.set(term, (frequencies.get(term) ?? 0) + 1);
      if (!surface.has(token) && token.length >= 3) surface.set(token, term);
    }
  }
  return new Vocabulary(frequencies, [...surface.entries()], texts.length, variants);
}
