import type { Concept } from "../../src/core/search/query.ts";

/** A question's concept as the query reader makes it: the question's own words, known, not a year. */
export function concept(text: string, alternatives: string[][], extra: Partial<Concept> = {}): Concept {
  return {
    text,
    alternatives,
    prefixes: [],
    weight: 1,
    specificity: 1,
    known: true,
    foreign: false,
    year: null,
    ...extra,
  };
}
