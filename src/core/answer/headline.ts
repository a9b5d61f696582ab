import { NUMBER_WORD_PATTERN } from "../lexicon.ts";

// A keyword question that names an event or a place ("kerena base attack", "ogossagou", "Gao suicide bombing
// 2017") wants what a reader first wants to know of it: its headline fact, which for an attack, an ambush or a
// massacre is its toll ("One UN peacekeeper was killed and 27 others injured", "At least 157 people ... were
// massacred"). A news story gives it in its lead sentence; the sentence that names the place best often only
// sets the scene ("The attack on the base at Kerena ... began at dawn"). So, for a keyword question, a sentence
// that states a toll is preferred, and an answer that does not state one is given with the toll sentence
// before it in the same passage.

/** Openings of a full question: what is left is a keyword question ("kerena base attack"). */
const QUESTION_OPENING =
  /^(and |so |but )?(who|whom|whose|what|when|where|why|how|which|is|are|was|were|did|does|do|has|have|had|can|could|should|will|would|tell|give|list|show)\b/iu;

/** The longest keyword question, in words: beyond it a request is a sentence, not a heading. */
const KEYWORD_WORDS = 6;

/** Whether a question is a few keywords rather than a sentence: no question mark, no question word. */
export function isKeywordQuery(text: string): boolean {
  const trimmed = text.trim();
  if (trimmed === "" || trimmed.includes("?") || QUESTION_OPENING.test(trimmed)) return false;
  return trimmed.split(/\s+/u).length <= KEYWORD_WORDS;
}

const COUNT = `(?:\\d[\\d,.]*|${NUMBER_WORD_PATTERN})`;
const TOLL_WORD =
  "killed|killing|kills|injured|injuring|wounded|wounding|dead|died|deaths|massacred|lost their lives|casualties";
// "One UN peacekeeper was killed", "157 people, including 46 children, were massacred": a count, then the toll
// word within a few words. "killing at least 77 people", "killed 10 peacekeepers": the toll word, then its count.
const COUNT_THEN_WORD = new RegExp(
  `\\b${COUNT}\\b(?:[\\s,]+[\\p{L}'’-]+){0,7}?[\\s,]+(?:${TOLL_WORD})\\b`,
  "iu",
);
const WORD_THEN_COUNT = new RegExp(
  `\\b(?:${TOLL_WORD})\\s+(?:at least |more than |over |some |about |nearly |around )?${COUNT}\\b`,
  "iu",
);
/** A year, a date, a distance or "no one" is no toll: "on 23 March ... killed", "20 kilometres from". */
const NOT_A_COUNT =
  /\bno one\b|\b(19|20)\d{2}\b|\b\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December)\b|\b\d[\d,.]* (kilometres|kilometers|km|miles)\b/giu;

/** Whether a sentence states a toll: a count of people killed, injured or massacred. */
export function statesToll(sentence: string): boolean {
  const text = sentence.replace(NOT_A_COUNT, " ");
  return COUNT_THEN_WORD.test(text) || WORD_THEN_COUNT.test(text);
}
