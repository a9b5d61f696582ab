import type { Passage } from "../knowledge/schema.ts";
import type { PassageIndex } from "./passage-index.ts";
import { type Concept, conceptWeight, queryTermWeights } from "./query.ts";

export interface PassageHit {
  passage: Passage;
  score: number;
  /** the index terms this passage matched */
  terms: string[];
  /** the share of the query's concepts (by weight) the passage covers, 0..1 */
  coverage: number;
}

/**
 * Ranks passages for a query's concepts: one MiniSearch OR query over exact terms, with prefix search only for
 * the words that need it, so a common query never pays for fuzzy matching.
 */
export function searchPassages(index: PassageIndex, concepts: Concept[], limit = 10): PassageHit[] {
  const weights = queryTermWeights(concepts);
  if (weights.size === 0) return [];
  const prefixes = new Set(concepts.flatMap((concept) => concept.prefixes));
  const results = index.mini.search([...weights.keys()].join(" "), {
    tokenize: (text) => text.split(" "),
    processTerm: (term) => term,
    prefix: (term) => prefixes.has(term),
    fuzzy: false,
    combineWith: "OR",
    boostTerm: (term) => weights.get(term) ?? 1,
  });
  const total = concepts.reduce((sum, concept) => sum + conceptWeight(concept), 0);
  const hits: PassageHit[] = [];
  // BM25 alone lets one frequent word outrank a passage that has every word of the question; weighting by
  // the share of concepts a passage covers puts "troop" + "ceiling" above "troop" three times.
  for (const result of results.slice(0, RERANK_DEPTH)) {
    const passage = index.passages.get(String(result.id));
    if (!passage) continue;
    const matched = new Set(result.terms);
    const queried = new Set(result.queryTerms);
    const covered = concepts
      .filter((concept) => conceptMatches(concept, matched, queried, passage.doc.date.slice(0, 4)))
      .reduce((sum, concept) => sum + conceptWeight(concept), 0);
    const coverage = total > 0 ? covered / total : 0;
    hits.push({ passage, score: result.score * coverage * coverage, terms: result.terms, coverage });
  }
  return hits.sort((a, b) => b.score - a.score).slice(0, limit);
}

const RERANK_DEPTH = 40;

/** Whether some alternative of a concept has all its terms among a passage's matched terms. */
export function conceptMatches(
  concept: Concept,
  matched: Set<string>,
  queried: Set<string>,
  year = "",
): boolean {
  if (!concept.known) return false;
  if (concept.year !== null && concept.year === year) return true;
  if (concept.prefixes.some((prefix) => queried.has(prefix))) return true;
  return concept.alternatives.some((terms) => terms.every((term) => matched.has(term)));
}
