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

/**
 * MiniSearch scores every passage that holds a query term, so a question made of common words ("region",
 * "reported") costs in proportion to how many passages hold them. The rarest terms are searched until their
 * passages add up to this budget; the commoner ones count when candidates are checked below. On a small
 * knowledge base every term fits, so nothing changes there.
 */
const POSTINGS_BUDGET = 3_000;
/** How many of MiniSearch's results are checked against the whole question (cheap: term ids, no text). */
const CANDIDATES = 300;

/**
 * Ranks passages for a query's concepts: MiniSearch finds candidates with the question's rarest terms (exact,
 * or as a prefix for a word being typed), then every candidate is weighed by the share of the question's
 * concepts it covers, common words included. `accept` leaves out passages the question may not be answered
 * from (another mission's documents), before the best are kept.
 */
export function searchPassages(
  index: PassageIndex,
  concepts: Concept[],
  limit = 10,
  accept: (passage: Passage) => boolean = () => true,
): PassageHit[] {
  const weights = queryTermWeights(concepts);
  if (weights.size === 0) return [];
  const prefixes = new Set(concepts.flatMap((concept) => concept.prefixes));
  const results = index.mini.search(retrievalTerms([...weights.keys()], prefixes, index).join(" "), {
    tokenize: (text) => text.split(" "),
    processTerm: (term) => term,
    prefix: (term) => prefixes.has(term),
    fuzzy: false,
    combineWith: "OR",
    boostTerm: (term) => weights.get(term) ?? 1,
  });
  const checks = concepts.map((concept) => conceptCheck(concept, index));
  const total = concepts.reduce((sum, concept) => sum + conceptWeight(concept), 0);
  const ranked: Array<{ passage: Passage; score: number; coverage: number }> = [];
  // BM25 alone lets one frequent word outrank a passage that has every word of the question; weighting by
  // the share of concepts a passage covers puts "troop" + "ceiling" above "troop" three times.
  for (const result of results.slice(0, CANDIDATES)) {
    const passage = index.passages.get(String(result.id));
    if (!passage || !accept(passage)) continue;
    let covered = 0;
    concepts.forEach((concept, i) => {
      if (checks[i]!(passage)) covered += conceptWeight(concept);
    });
    const coverage = total > 0 ? covered / total : 0;
    ranked.push({ passage, score: result.score * coverage * coverage, coverage });
  }
  return ranked
    .sort((a, b) => b.score - a.score)
    .slice(0, limit)
    .map((hit) => ({ ...hit, analysis: index.analyzer.analyze(hit.passage) }));
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

/**
 * A test of whether a passage meets a concept: every term of one alternative, a word being typed as a prefix,
 * or the year it names (met by a document of that year too). Term ids are looked up once per question.
 */
function conceptCheck(concept: Concept, index: PassageIndex): (passage: Passage) => boolean {
  if (!concept.known) return () => false;
  const { vocabulary, termSets } = index;
  const alternatives = concept.alternatives
    .map((terms) => terms.map((term) => vocabulary.idOf(term)))
    .filter((ids): ids is number[] => ids.every((id) => id !== undefined));
  const ranges = concept.prefixes.map((prefix) => vocabulary.prefixRange(prefix));
  const yearId = concept.year === null ? undefined : vocabulary.idOf(concept.year);
  return (passage) =>
    (concept.year !== null &&
      (passage.doc.date.startsWith(concept.year) ||
        (yearId !== undefined && termSets.has(passage.id, yearId)))) ||
    alternatives.some((ids) => ids.every((id) => termSets.has(passage.id, id))) ||
    ranges.some(([from, to]) => termSets.has(passage.id, from, to));
}
