import type { Passage } from "../knowledge/schema.ts";
import type { PassageAnalysis } from "./analysis.ts";
import type { PassageIndex } from "./passage-index.ts";
import { type Concept, conceptWeight, queryTermWeights } from "./query.ts";

export interface PassageHit {
  passage: Passage;
  score: number;
  /** the share of the query's concepts (by weight) the passage covers, 0..1 */
  coverage: number;
  analysis: PassageAnalysis;
}

/** How many of MiniSearch's results are re-ranked by concept coverage. */
const RERANK_DEPTH = 25;
/**
 * MiniSearch scores every passage that holds a query term, so a question made of common words ("region",
 * "reported") costs in proportion to how many passages hold them. The rarest terms are searched until their
 * passages add up to this budget; the commoner ones still count in the re-ranking below. On a small knowledge
 * base every term fits, so nothing changes there.
 */
const POSTINGS_BUDGET = 4_000;

/**
 * Ranks passages for a query's concepts: one MiniSearch OR query over exact terms (prefix search only for the
 * words still being typed), then re-ranked by how many of the question's concepts each passage covers.
 */
export function searchPassages(index: PassageIndex, concepts: Concept[], limit = 10): PassageHit[] {
  const weights = queryTermWeights(concepts);
  if (weights.size === 0) return [];
  const prefixes = new Set(concepts.flatMap((concept) => concept.prefixes));
  const searched = retrievalTerms([...weights.keys()], prefixes, index);
  const results = index.mini.search(searched.join(" "), {
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
    const analysis = index.analyzer.analyze(passage);
    const year = passage.doc.date.slice(0, 4);
    const covered = concepts
      .filter((concept) => passageHas(concept, analysis.all, year))
      .reduce((sum, concept) => sum + conceptWeight(concept), 0);
    const coverage = total > 0 ? covered / total : 0;
    hits.push({ passage, score: result.score * coverage * coverage, coverage, analysis });
  }
  return hits.sort((a, b) => b.score - a.score).slice(0, limit);
}

/** The query terms to hand MiniSearch: words being typed, then the rarest, within the postings budget. */
function retrievalTerms(terms: string[], prefixes: Set<string>, index: PassageIndex): string[] {
  const chosen = terms.filter((term) => prefixes.has(term));
  let postings = 0;
  const byRarity = terms
    .filter((term) => !prefixes.has(term))
    .map((term) => [term, index.vocabulary.passagesWith(term)] as const)
    .sort((a, b) => a[1] - b[1]);
  for (const [term, count] of byRarity) {
    if (chosen.length > 0 && postings + count > POSTINGS_BUDGET) break;
    chosen.push(term);
    postings += count;
  }
  return chosen;
}

/** Whether a passage's terms meet a concept: every term of one alternative, a typed prefix, or its year. */
function passageHas(concept: Concept, terms: Set<string>, year: string): boolean {
  if (!concept.known) return false;
  if (concept.year !== null && (concept.year === year || terms.has(concept.year))) return true;
  if (concept.alternatives.some((alternative) => alternative.every((term) => terms.has(term)))) return true;
  return (
    concept.prefixes.length > 0 && [...terms].some((term) => concept.prefixes.some((p) => term.startsWith(p)))
  );
}
