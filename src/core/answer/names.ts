import { MONTH_PATTERN, WEEKDAY_PATTERN } from "../lexicon.ts";
import { glossaryKey } from "../search/glossary.ts";
import { nationalityGroupsFor } from "../search/nationality.ts";
import { tokenize } from "../search/terms.ts";
import { foldName, namedInSentence } from "./features.ts";
import type { SentenceCandidate } from "./rank.ts";

// "What were the names of the soldiers killed?", "Name the gunmen", "Who were the attackers?" ask for names: a
// sentence that only describes them ("the gunmen who stormed the hotel", "killing a peacekeeper from Chad")
// shares the question's words and is no answer. The answer must name a person or a group: a run of capitalised
// words that is no office, no month, no place (after in/at/near/from…: features.ts namedInSentence), no
// nationality, and none of the question's own names. When no sentence ranked nearly as high names
// one, the documents do not say, and the bot says so rather than answer (model.ts: namesScore).

const NAMES_QUESTION =
  /\b(?:what|which)\s+(?:are|were)\s+(?:the\s+)?names\s+of\b|\bwhat\s+(?:are|were)\s+(?:they|their\s+names)\s+called\b|^\s*(?:please\s+)?(?:name|identify)\s+(?:the|all|those|each|every)\b|^\s*(?:and\s+)?who\s+(?:are|were)\s+(?:the|those|these)\s+(?!(?:first|last|new|current|former)\b)\w+/iu;

/** Whether a question asks for the names of persons or groups ("what were the names of", "name the"). */
export function asksForNames(question: string): boolean {
  return NAMES_QUESTION.test(question);
}

/**
 * Whether a run of capitalised words is a nationality ("Chadian", "Ivorian"): it says whose, not who. A country
 * may be who ("Chad lost ten soldiers"; "which countries withdrew?"), and one after "in", "from" is a place.
 */
function nationality(run: string): boolean {
  const keys = tokenize(run).map(glossaryKey);
  const first = keys[0];
  if (first === undefined) return false;
  const groups = nationalityGroupsFor(first)?.groups ?? [];
  // The nationality glossary's adjective groups are opened by their first key only (nationality.ts).
  return groups.some(
    (group) =>
      group.keys[0]?.length === keys.length &&
      group.keys[0].every((word, i) => word === keys[i]) &&
      group.keys.slice(1).every((key) => key.length === 0),
  );
}

// A place features.ts reads as a name: one before "region", "town"… ("Kidal region"), or one in a list that a
// place preposition opens ("bases in Tessalit, Aguelhok and Kidal").
const PLACE_NOUN =
  /^[’']?s?\s+(?:region|regions|town|city|village|district|cercle|province|area|camp|base|airport|road)\b/u;
// Months and weekdays open no list of places: "kidnapped in April, Ana Ruiz and Tomas Berg".
const LISTED_PLACE = new RegExp(
  `\\b(?:in|at|near|around|from|to|towards|outside|inside|between|across)\\s+(?:the\\s+)?(?:(?!(?:${MONTH_PATTERN}|${WEEKDAY_PATTERN})\\b)\\p{Lu}[\\p{L}’'-]*(?:\\s+\\p{Lu}[\\p{L}’'-]*)*(?:,\\s+|\\s+and\\s+|\\s+or\\s+))+$`,
  "u",
);

function placeAt(sentence: string, run: string): boolean {
  const at = sentence.indexOf(run);
  if (at < 0) return false;
  return PLACE_NOUN.test(sentence.slice(at + run.length)) || LISTED_PLACE.test(sentence.slice(0, at));
}

/**
 * The persons or groups a sentence names, the question's own names left out, and the missions and countries
 * the knowledge base is about (`subject`: "MINUSMA peacekeepers repelled the attack" names no attacker).
 */
export function namesIn(
  sentence: string,
  question: string,
  subject: (run: string) => boolean = () => false,
): string[] {
  const asked = new Set(tokenize(question).map(foldName));
  return namedInSentence(sentence).people.filter(
    (run) =>
      !nationality(run) &&
      !subject(run) &&
      !placeAt(sentence, run) &&
      !tokenize(run).every((word) => asked.has(foldName(word))),
  );
}

/** Whether a question asks for names and a sentence names nobody: no newer restatement of a named answer. */
export function namesNone(sentence: string, question: string, subject?: (run: string) => boolean): boolean {
  return asksForNames(question) && namesIn(sentence, question, subject).length === 0;
}

export type NamesCheck = { best: SentenceCandidate } | { why: string };

/**
 * For a question asking for names: the best sentence when it names someone, else the best-ranked one that does
 * scoring at least `ratio` of it, else why it is refused. Null for any other question.
 */
export function namesAnswer(
  candidates: readonly SentenceCandidate[],
  best: SentenceCandidate | undefined,
  question: string,
  ratio: number,
  subject?: (run: string) => boolean,
): NamesCheck | null {
  if (!best || !asksForNames(question)) return null;
  if (namesIn(best.sentence, question, subject).length > 0) return null;
  const named = candidates.find(
    (c) => c.score >= best.score * ratio && namesIn(c.sentence, question, subject).length > 0,
  );
  return named ? { best: named } : { why: "the question asks for names, and no sentence found names anyone" };
}
