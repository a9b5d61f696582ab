import { MONTH_ABBREVIATION_PATTERN, MONTH_PATTERN, WEEKDAY_PATTERN } from "../lexicon.ts";
import { foldName } from "./features.ts";

// Candidates are read by their sentence and score only: rank.ts imports this file, so its SentenceCandidate type
// is not imported back (test/architecture.test.ts: no import cycle, type-only imports included).
interface Scored {
  sentence: string;
  score: number;
}

// "What share of the vote did Keita get?" wants a percentage (or "a third", "two-thirds") *of Keita*. A story of
// the vote states several: "Cisse, a former finance minister who also lost to Keita in 2013, took 32.8 percent"
// shares every word of the question and outscores "Keita … won with 77.6 percent of the vote", yet the share is
// the rival's. A share belongs to the subject of its clause: the nearest name before it, once the asides set off
// by commas ("Cisse, a former finance minister who also lost to Keita, took …") are left out, or the name it
// goes to ("40 percent went to X", "32 percent for X"). The answer is the best sentence holding a share of a
// name the question asks about, when one scores nearly as well (model.ts: shareScore).

const SHARE_QUESTION =
  /\b(?:what|which)\s+(?:share|percentage|proportion|per\s?cent(?:age)?|fraction|part)\b|\bhow much of\b|\bhow big a (?:share|part)\b/iu;
const SHARE =
  /\b\d+(?:\.\d+)?\s?(?:%|percent\b|per\s?cent\b)|\b(?:a|one|two|three)[- ](?:thirds?|quarters?|fifths?)\b|\b(?:half|majority) of\b/giu;
// Where a clause ends: a semicolon, or a comma before a conjunction that starts another subject's clause.
const CLAUSE_END = /;|,\s+(?:and|but|while|whereas)\s+|\s(?:while|whereas)\s/giu;
// An aside set off by commas: an apposition, an age, a relative clause ("Cisse, a former minister who …,").
const ASIDE = /,\s+(?:a|an|the|who|whose|which|himself|herself|\d)[^,;]*,/giu;
const NAME = /\p{Lu}[\p{L}’'-]*(?:\s+(?:(?:de|du|al|el|ag|ould|bin|ben)\s+)?\p{Lu}[\p{L}’'-]*)*/gu;
const NOT_A_NAME = new RegExp(
  `^(?:${MONTH_PATTERN}|${MONTH_ABBREVIATION_PATTERN}|${WEEKDAY_PATTERN}|The|A|An|In|On|At|By|Of|For|To|And|But|His|Her|Its|Their|This|That|These|Those|It|He|She|They|We|According|After|Before|Under|With)$`,
  "u",
);
// A name after one of these is a place ("won in Bamako with 60 percent"), not whose share it is.
const BEFORE_PLACE = /\b(?:in|at|near|around|from|across|outside|inside)\s+(?:the\s+)?$/u;
const GOES_TO =
  /^\s*(?:of\s+(?:the\s+)?\w+\s+)?(?:went\s+to|to|for)\s+(\p{Lu}[\p{L}’'-]*(?:\s+\p{Lu}[\p{L}’'-]*)*)/u;
const QUESTION_WORD = /^(?:What|Which|How|Who|When|Where|Why|Did|Does|Do|Is|Was|Were|Are|Has|Have|In|By)$/u;

/**
 * Whether a question's asked thing (asked.ts's head) is a share: the kind of answer, met by any percentage, not a
 * word the answer's documents must use ("what share of the vote" / "won with 64 percent").
 */
export function shareHead(head: string): boolean {
  return /^(?:share|percentage|proportion|percent|fraction)$/u.test(head);
}

/** Whether a question asks for a share: "what share of the vote", "what percentage of", "how much of". */
export function asksShare(question: string): boolean {
  return SHARE_QUESTION.test(question);
}

/** The names a question asks about, folded ("keita"): its capitalised words past the first, names only. */
export function askedNames(question: string): Set<string> {
  const names = new Set<string>();
  for (const match of question.matchAll(NAME)) {
    for (const raw of match[0].split(/\s+/u)) {
      const word = raw.replace(/['’]s$/u, "");
      if (!NOT_A_NAME.test(word) && !QUESTION_WORD.test(word)) names.add(foldName(word));
    }
  }
  return names;
}

/** The folded words of the name each share of a sentence belongs to (an empty list: no name found). */
export function shareOwners(sentence: string): string[][] {
  const owners: string[][] = [];
  for (const share of sentence.matchAll(SHARE)) {
    const at = share.index;
    const after = sentence.slice(at + share[0].length);
    const to = GOES_TO.exec(after);
    if (to) {
      owners.push(to[1]!.split(/\s+/u).map(foldName));
      continue;
    }
    owners.push(subjectBefore(sentence.slice(0, at)));
  }
  return owners;
}

/** The nearest name before a share in its own clause, asides left out. */
function subjectBefore(before: string): string[] {
  let start = 0;
  for (const end of before.matchAll(CLAUSE_END)) start = end.index + end[0].length;
  let clause = before.slice(start);
  for (let was = ""; was !== clause; ) {
    was = clause;
    clause = clause.replace(ASIDE, ",");
  }
  let owner: string[] = [];
  for (const match of clause.matchAll(NAME)) {
    if (BEFORE_PLACE.test(clause.slice(0, match.index))) continue;
    const words = match[0]
      .split(/\s+/u)
      .map((word) => word.replace(/['’]s$/u, ""))
      .filter((word) => !NOT_A_NAME.test(word));
    if (words.length > 0) owner = words.map(foldName);
  }
  return owner;
}

/** Whether a sentence states a share of one of the asked names. */
export function statesShareOf(sentence: string, names: ReadonlySet<string>): boolean {
  return shareOwners(sentence).some((owner) => owner.some((word) => names.has(word)));
}

/**
 * For a share question naming someone: the best-ranked sentence stating a share of the one asked about, when it
 * scores at least `ratio` of the best; null when the best already does, or no sentence does.
 */
export function shareAnswer<C extends Scored>(
  candidates: readonly C[],
  best: C | undefined,
  question: string,
  ratio: number,
): C | null {
  if (!best || !asksShare(question)) return null;
  const names = askedNames(question);
  if (names.size === 0 || statesShareOf(best.sentence, names)) return null;
  return candidates.find((c) => c.score >= best.score * ratio && statesShareOf(c.sentence, names)) ?? null;
}

/**
 * The sentences that may replace a share question's answer as a newer statement of it: those stating a share
 * of the asked name ("Cisse … took 32.8 percent" in a later story is no newer figure of Keita's).
 */
export function shareRivals<C extends Scored>(candidates: C[], question: string): C[] {
  if (!asksShare(question)) return candidates;
  const names = askedNames(question);
  return names.size === 0 ? candidates : candidates.filter((c) => statesShareOf(c.sentence, names));
}
