import type { Passage } from "../knowledge/schema.ts";
import type { PassageAnalysis } from "./analysis.ts";
import { type PassageIndex, POSTINGS_BUDGET } from "./passage-index.ts";
import { type Concept, conceptWeight, queryTermWeights } from "./query.ts";
import { best, ordinalsByShortId, topMatches } from "./top-matches.ts";

/** A passage found for a question, by its ordinal (its position in `index.ordered`), with its search score. */
interface Candidate {
  ordinal: number;
  score: number;
}

export interface PassageHit {
  passage: Passage;
  score: number;
  /** the share of the query's concepts (by weight) the passage covers, 0..1 */
  coverage: number;
  analysis: PassageAnalysis;
}

/** How many of MiniSearch's results are checked against the whole question (cheap: term ids, no text). */
const CANDIDATES = 300;
/** A word being typed stands for at most this many of the terms it starts, the commonest first. */
const PREFIX_TERMS = 50;

/** Where a question's candidates come from, and how many passages finding them scores. */
export interface Retrieval {
  /** exact index terms handed to MiniSearch, each with its weight */
  terms: Map<string, number>;
  /** when no term fits the budget: the common terms whose bounded passage lists give the candidates */
  common: number[];
  /** passages scored to find the candidates: never more than POSTINGS_BUDGET */
  scored: number;
}

/**
 * Ranks passages for a query's concepts: MiniSearch finds candidates with the question's rarest terms (exact,
 * or the terms a word being typed starts), then every candidate is weighed by the share of the question's
 * concepts it covers, common words included. No question scores more than POSTINGS_BUDGET passages. `accept`
 * leaves out passages the question may not be answered from (another mission's documents), before the best
 * are kept.
 */
export function searchPassages(
  index: PassageIndex,
  concepts: Concept[],
  limit = 10,
  accept: (passage: Passage) => boolean = () => true,
): PassageHit[] {
  if (queryTermWeights(concepts).size === 0) return [];
  const retrieval = planRetrieval(index, concepts);
  const results =
    retrieval.terms.size > 0
      ? searchedCandidates(index, retrieval)
      : commonCandidates(index, retrieval, queryTermWeights(concepts)).slice(0, CANDIDATES);
  const checks = concepts.map((concept) => conceptCheck(concept, index));
  const weights = concepts.map(conceptWeight);
  const total = concepts.reduce((sum, concept) => sum + conceptWeight(concept), 0);
  const passages: Passage[] = [];
  const coverages: number[] = [];
  const scores = new Float64Array(results.length);
  // BM25 alone lets one frequent word outrank a passage that has every word of the question; weighting by
  // the share of concepts a passage covers puts "troop" + "ceiling" above "troop" three times.
  for (const { ordinal, score } of results) {
    const passage = index.ordered[ordinal];
    if (!passage || !accept(passage)) continue;
    let covered = 0;
    for (let i = 0; i < checks.length; i++) if (checks[i]!(passage, ordinal)) covered += weights[i]!;
    const coverage = total > 0 ? covered / total : 0;
    scores[passages.length] = score * coverage * coverage;
    passages.push(passage);
    coverages.push(coverage);
  }
  // The best by that score, equal ones in the search's order (as a stable sort of them all would leave them).
  return best(scores.subarray(0, passages.length), limit).map((i) => ({
    passage: passages[i]!,
    score: scores[i]!,
    coverage: coverages[i]!,
    analysis: index.analyzer.analyze(passages[i]!),
  }));
}

/**
 * The terms to search for within the postings budget: a word being typed stands for the terms it starts (the
 * commonest first, as a typed word most likely ends as one of them), then the rarest exact terms are added while
 * their passages fit. A term found in more passages than the whole budget is never handed to MiniSearch; when
 * no term fits, the candidates come from the bounded lists of the rarest common terms instead.
 */
export function planRetrieval(index: PassageIndex, concepts: Concept[]): Retrieval {
  const weights = queryTermWeights(concepts);
  const prefixes = new Set(concepts.flatMap((concept) => concept.prefixes));
  const { vocabulary } = index;
  const options: Array<{ term: string; count: number; weight: number }> = [];
  for (const [term, weight] of weights) {
    if (!prefixes.has(term)) {
      options.push({ term, count: vocabulary.passagesWith(term), weight });
      continue;
    }
    const [from, to] = vocabulary.prefixRange(term);
    const started: Array<{ term: string; count: number; weight: number }> = [];
    for (let id = from; id < to; id++) {
      const each = vocabulary.termAt(id)!;
      started.push({ term: each, count: vocabulary.passagesWith(each), weight });
    }
    options.push(...started.sort((a, b) => b.count - a.count).slice(0, PREFIX_TERMS));
  }
  options.sort((a, b) => a.count - b.count || (a.term < b.term ? -1 : 1));
  const terms = new Map<string, number>();
  let scored = 0;
  for (const option of options) {
    if (option.count === 0 || terms.has(option.term)) continue;
    if (scored + option.count > POSTINGS_BUDGET) continue;
    terms.set(option.term, Math.max(option.weight, terms.get(option.term) ?? 0));
    scored += option.count;
  }
  if (terms.size > 0) return { terms, common: [], scored };
  // Only common terms: the two rarest, each through its bounded list, half the budget each.
  const common = options
    .filter((option) => option.count > 0)
    .slice(0, 2)
    .map((option) => vocabulary.idOf(option.term))
    .filter((id): id is number => id !== undefined && index.common.get(id) !== undefined);
  const share = Math.floor(POSTINGS_BUDGET / Math.max(1, common.length));
  scored = common.reduce((sum, id) => sum + Math.min(share, index.common.get(id)!.length), 0);
  return { terms, common, scored };
}

/** MiniSearch's best candidates for the retrieval's terms, each boosted by its weight (top-matches.ts). */
function searchedCandidates(index: PassageIndex, retrieval: Retrieval): Candidate[] {
  const ordinals = ordinalsByShortId(index.mini, index.ordered);
  return topMatches(index.mini, [...retrieval.terms.keys()], retrieval.terms, CANDIDATES).map((match) => ({
    ordinal: ordinals[match.shortId]!,
    score: match.score,
  }));
}

/**
 * Candidates for a question of common words only, scored here rather than by MiniSearch: each passage of the
 * bounded lists by the weight and specificity of the question's terms it has, shorter passages a little
 * ahead (one occurrence weighs more in a short passage, as in BM25).
 */
function commonCandidates(
  index: PassageIndex,
  retrieval: Retrieval,
  weights: Map<string, number>,
): Candidate[] {
  const { vocabulary, termSets, common } = index;
  const share = Math.floor(POSTINGS_BUDGET / Math.max(1, retrieval.common.length));
  const seen = new Set<number>();
  for (const id of retrieval.common) {
    const list = common.get(id)!;
    for (let i = 0; i < list.length && i < share; i++) seen.add(list[i]!);
  }
  const queryIds = [...weights]
    .map(([term, weight]) => ({ id: vocabulary.idOf(term), weight, term }))
    .filter((entry): entry is { id: number; weight: number; term: string } => entry.id !== undefined);
  const scored: Candidate[] = [];
  let lengths = 0;
  for (const ordinal of seen) lengths += termSets.lengthAt(ordinal);
  const average = seen.size > 0 ? lengths / seen.size : 1;
  for (const ordinal of seen) {
    let score = 0;
    for (const { id, weight, term } of queryIds)
      if (termSets.hasAt(ordinal, id)) score += weight * vocabulary.specificity(term);
    const norm = 1 / (0.25 + 0.75 * (termSets.lengthAt(ordinal) / average));
    scored.push({ ordinal, score: score * norm });
  }
  return scored.sort((a, b) => b.score - a.score);
}

/**
 * A test of whether a passage meets a concept: every term of one alternative, a word being typed as a prefix,
 * or the year it names (met by a document of that year too). Term ids are looked up once per question.
 */
function conceptCheck(concept: Concept, index: PassageIndex): (passage: Passage, ordinal: number) => boolean {
  if (!concept.known) return () => false;
  const { vocabulary, termSets } = index;
  const alternatives = concept.alternatives
    .map((terms) => terms.map((term) => vocabulary.idOf(term)))
    .filter((ids): ids is number[] => ids.every((id) => id !== undefined));
  const ranges = concept.prefixes.map((prefix) => vocabulary.prefixRange(prefix));
  const yearId = concept.year === null ? undefined : vocabulary.idOf(concept.year);
  // Loops rather than some/every: this runs for every candidate and concept, and makes no closure per call.
  return (passage, ordinal) => {
    if (
      concept.year !== null &&
      (passage.doc.date.startsWith(concept.year) || (yearId !== undefined && termSets.hasAt(ordinal, yearId)))
    )
      return true;
    for (const ids of alternatives) {
      let all = true;
      for (const id of ids) {
        if (!termSets.hasAt(ordinal, id)) {
          all = false;
          break;
        }
      }
      if (all) return true;
    }
    for (const [from, to] of ranges) if (termSets.hasAt(ordinal, from, to)) return true;
    return false;
  };
}
