// "french troops withdrawn": the nationality the question names says which troops. A newer document wins a near
// tie only when its sentence answers as well (answer.ts chooseSources), and a sentence that leaves out the
// nationality the best sentence itself states ("The withdrawals add to pressure on the mission", next to a
// sentence about Britain and Ivory Coast) answers about other troops, however close its score with the
// neighbours' help. Nationality and country concepts are those the query reader built from the nationality
// data (query.ts: they carry a `credit`).

import type { Concept } from "../search/query.ts";

/** Whether a sentence's index terms hold one of the concept's alternatives. */
export function holdsConcept(terms: ReadonlySet<string>, concept: Concept): boolean {
  return concept.alternatives.some((alternative) => alternative.every((term) => terms.has(term)));
}

/**
 * Whether `rival` (a sentence's index terms) leaves out a concept of the kind `which` picks that `best` holds
 * itself: then the rival tells of something else and a near tie of scores does not let it replace the best.
 */
export function dropsConcept(
  concepts: readonly Concept[],
  best: readonly string[],
  rival: readonly string[],
  which: (concept: Concept) => boolean,
): boolean {
  const bestTerms = new Set(best);
  const rivalTerms = new Set(rival);
  return concepts.some(
    (concept) => which(concept) && holdsConcept(bestTerms, concept) && !holdsConcept(rivalTerms, concept),
  );
}

/**
 * Whether `rival` leaves out a nationality or country the question names and `best` states itself: then the
 * rival is about someone else and does not replace the best.
 */
export function dropsNationality(
  concepts: readonly Concept[],
  best: readonly string[],
  rival: readonly string[],
): boolean {
  return dropsConcept(
    concepts,
    best,
    rival,
    (concept) => concept.credit !== undefined && concept.weight === 1,
  );
}
