// A newer document wins a near tie only when its sentence says what the best says (answer.ts chooseSources).
// Two total scores a few hundredths apart are mostly the passages' search scores and the neighbours' half
// credit: a long resolution page full of the question's words lifts a sentence of it that leaves out the
// question's own word ("UNSC vote on MINUSMA mandate": "The Security Council today extended the mandate …",
// with "votes" only in the next sentence) to within a rounding of the sentence that holds them all ("The council
// is set to vote on renewing MINUSMA's mandate"). Any change to the index (a new term, another document) then
// flips the choice. A rival that leaves out an everyday word of the question the best sentence itself holds
// tells of something else; a name may sit elsewhere in its document (anchor.ts checks that), as a story names
// its village once, in the lead.

import { isEnglishWord } from "../knowledge/words.ts";
import type { Concept } from "../search/query.ts";
import { dropsConcept } from "./qualifier.ts";

/** Whether a concept is an everyday word of the question's own (no name, year, nationality or acronym). */
function everydayWord(concept: Concept): boolean {
  if (concept.weight !== 1 || !concept.known || concept.year !== null || concept.acronym) return false;
  if (concept.credit !== undefined) return false;
  return concept.text
    .toLowerCase()
    .split(/\s+/u)
    .every((word) => /^\p{L}+$/u.test(word) && isEnglishWord(word));
}

/**
 * Whether `rival` (a sentence's index terms) leaves out an everyday word of the question that `best` holds
 * itself: then it is no restatement of the best, and a near tie of scores does not let it replace it.
 */
export function dropsAskedWord(
  concepts: readonly Concept[],
  best: readonly string[],
  rival: readonly string[],
): boolean {
  return dropsConcept(concepts, best, rival, everydayWord);
}
