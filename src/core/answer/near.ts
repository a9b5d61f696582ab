import { MONTH_ABBREVIATION_PATTERN, MONTH_PATTERN, WEEKDAY_PATTERN } from "../lexicon.ts";
import type { AnswerType } from "../search/query.ts";
import { indexTerm } from "../search/terms.ts";

// "When did the Council want elections held under resolution 2584?" is answered by the date of the asked event
// ("calling on the authorities to hold elections by 27 February 2022"), not by a sentence whose only dates
// belong to something else ("requested options on the force levels by 15 July"). So for a date, the answer
// should stand within a few words of the asked event: the question's own words that are not names (its verb,
// its event noun). The sentence that has it scores higher (model.ts: scoreNearAnswer), as "1,920 police" does
// for "how many police". For "who V ...?" the doer named right at the action counts the same way
// (`doerAtAction`). Measured and not kept: any capitalised word near any of the question's words for "who",
// and a place near them for "where" (no gain; an unanswerable "Who is Mali's defence minister?" answered).

const DATE_WORD = new RegExp(
  `^(?:${MONTH_PATTERN}|${WEEKDAY_PATTERN}|${MONTH_ABBREVIATION_PATTERN}|(?:19|20)\\d{2})$`,
  "iu",
);
const EDGES = /^[("“‘]+|[)"”’.,;:]+$/gu;

/**
 * Whether a date question's sentence holds a date (a month, a weekday, a year; not a resolution's "(2021)")
 * within `window` words of one of the asked event's terms (`eventTerms`: index terms of the question's words
 * that are not names).
 */
export function answerNearEvent(
  sentence: string,
  type: AnswerType,
  eventTerms: ReadonlySet<string>,
  window: number,
): boolean {
  if (type !== "date" || eventTerms.size === 0) return false;
  const words = sentence.split(/\s+/u);
  const dates: number[] = [];
  const events: number[] = [];
  words.forEach((raw, i) => {
    const word = raw.replace(EDGES, "");
    // A resolution's year ("resolution 2584 (2021)") dates the text, not the event.
    if (DATE_WORD.test(word) && !raw.startsWith("(")) dates.push(i);
    const term = indexTerm(word.toLowerCase());
    if (term !== null && eventTerms.has(term)) events.push(i);
  });
  return dates.some((d) => events.some((e) => d !== e && Math.abs(d - e) <= window));
}

/**
 * The index terms of the asked event: the question's words written in lower case (its verb, its event noun),
 * with every way the documents may say them. Names ("MINUSMA", "Gao") and numbers say which event, not what
 * happened.
 */
export function eventTermsOf(
  question: string,
  concepts: ReadonlyArray<{ text: string; alternatives: string[][]; weight: number; known: boolean }>,
): Set<string> {
  const terms = new Set<string>();
  for (const concept of concepts) {
    if (concept.weight !== 1 || !concept.known || /\p{Lu}|\d/u.test(concept.text)) continue;
    if (!question.includes(concept.text)) continue;
    for (const alternative of concept.alternatives) for (const term of alternative) terms.add(term);
  }
  return terms;
}

/** Capitalised words that are no one's name: offices, institutions, openings. */
const NOT_A_NAME =
  /^(?:The|A|An|In|On|At|It|He|She|They|His|Her|Its|Their|This|That|United|Nations|Security|Council|Mission|Secretary-General|Secretary|General|Special|Representative|Government|President|Prime|Minister|Force|Commander|Head|Chief|Deputy|UN|U\.N\.|Mr|Mrs|Ms)$/u;

/**
 * Whether a sentence names a doer right at the asked action: a name of two or more capitalised words just
 * before the action ("Sidi Brahim Ould Sidati signed the agreement"), or after "by" just after it ("was
 * claimed by Jama'a Nusrat ul-Islam"). "Who signed the accord for the CMA?" is better answered by the signer
 * than by a sentence where "the pro-government Platform coalition had signed" it.
 */
export function doerAtAction(
  sentence: string,
  actionTerms: ReadonlySet<string>,
  asked: ReadonlySet<string>,
): boolean {
  if (actionTerms.size === 0) return false;
  const words = sentence.split(/\s+/u).map((raw) => raw.replace(EDGES, ""));
  const isName = (word: string) =>
    /^\p{Lu}/u.test(word) && !NOT_A_NAME.test(word) && !asked.has(word.toLowerCase());
  const actions: number[] = [];
  words.forEach((word, i) => {
    const term = indexTerm(word.toLowerCase());
    if (term !== null && actionTerms.has(term)) actions.push(i);
  });
  return actions.some((at) => {
    // A name of two words or more ending at most three words before the action.
    for (let end = at - 1; end >= Math.max(0, at - 3); end--) {
      if (isName(words[end]!) && isName(words[end - 1] ?? "")) return true;
    }
    // "claimed by X": a name right after "by".
    for (let by = at + 1; by <= Math.min(words.length - 2, at + 3); by++) {
      if (words[by]!.toLowerCase() === "by" && isName(words[by + 1]!)) return true;
    }
    return false;
  });
}
