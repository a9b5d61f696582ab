import type { Passage } from "../knowledge/schema.ts";
import type { PassageIndex } from "../search/passage-index.ts";
import type { ParsedQuery } from "../search/query.ts";
import { indexTerm } from "../search/terms.ts";
import { statementCandidate } from "./candidate.ts";
import {
  ASKS_AUTHORIZED,
  authorizedAt,
  COUNT_TOKEN,
  countingPassages,
  NOT_COUNTS,
  words,
} from "./measures.ts";
import type { SentenceCandidate } from "./rank.ts";
import { type AskedTime, yearOf } from "./time.ts";

// A ceiling is how many may serve, and the Security Council sets it in an operative paragraph that never says
// "ceiling": "Decides that MINUSMA shall comprise up to 11,200 military personnel", "decided that the mission
// would continue to comprise a maximum of 13,289", "maintaining the authorized troop ceiling of 13,289". A
// question asking for a ceiling ("What was the troop ceiling in 2013?", "What ceiling did the Council set in
// 2016?") is answered by a sentence stating one, of the asked personnel, dated in the asked period; the words
// "ceiling" and "set" need not be in it.

/** Whose ceiling: the force's, the police's, the civilians'. */
export type Personnel = "military" | "police" | "civilian";

const PERSONNEL_WORDS: Array<[Personnel, RegExp]> = [
  ["military", /^(?:military|troops?|soldiers?|uniformed|infantry|battalions?)$/u],
  ["police", /^(?:police|policemen|gendarmes?)$/u],
  ["civilian", /^(?:civilians?)$/u],
];
/** How far after a count its personnel is named ("11,200 military personnel"), and before it ("the police component had … authorized strength of 1,920"). */
const AFTER_REACH = 3;
const BEFORE_REACH = 14;

/** Words that end the noun a count is of: what follows them is another clause's. */
const CLAUSE_BREAK = /^(?:and|or|but|while|whereas|including|against|the|with|of)$/u;

/** A ceiling a sentence states: the count, and whose (null when the sentence does not say). */
export interface StatedCeiling {
  count: string;
  personnel: Personnel | null;
}

function personnelOf(token: string): Personnel | null {
  for (const [kind, pattern] of PERSONNEL_WORDS) if (pattern.test(token)) return kind;
  return null;
}

/**
 * The ceilings a sentence states: each count written as how many may serve ("up to", "a maximum of", "ceiling
 * of", "authorized strength of", "comprise up to"), with the personnel named right after it, else the nearest
 * named before it in the sentence ("the police component had 1,598 personnel, or 83 per cent of the authorized
 * strength of 1,920").
 */
export function statedCeilings(sentence: string): StatedCeiling[] {
  const tokens = words(sentence.replace(NOT_COUNTS, " "));
  const out: StatedCeiling[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (!COUNT_TOKEN.test(tokens[i]!) || !authorizedAt(tokens, i)) continue;
    let personnel: Personnel | null = null;
    for (let j = i + 1; j <= Math.min(tokens.length - 1, i + AFTER_REACH) && !personnel; j++) {
      // "… against an authorized ceiling of 13,289, and the police component 1,717": the next clause's.
      if (COUNT_TOKEN.test(tokens[j]!) || CLAUSE_BREAK.test(tokens[j]!)) break;
      personnel = personnelOf(tokens[j]!);
    }
    for (let j = i - 1; j >= Math.max(0, i - BEFORE_REACH) && !personnel; j--)
      personnel = personnelOf(tokens[j]!);
    out.push({ count: tokens[i]!, personnel });
  }
  return out;
}

/** The personnel a ceiling question asks about, or null for any ("What ceiling did the Council set?"). */
export function askedPersonnel(question: string): Personnel | null {
  const text = question.toLowerCase();
  if (/\bpolice\b/u.test(text)) return "police";
  if (/\bcivilian/u.test(text)) return "civilian";
  if (/\b(?:troops?|military|soldiers?|force|blue helmets?|uniformed)\b/u.test(text)) return "military";
  return null;
}

// A question about what the Council decided wants the decision, not a later report quoting the figure.
export const ASKS_DECISION =
  /\b(?:council|resolution|decid\w*|decision|set|sets|raised?|lowered?|cut|increased?|reduced?)\b/iu;
const DECISION = /\b(?:[Dd]ecides?|[Dd]ecided|[Dd]ecision|resolution \d+|[Rr]esolution)\b/u;
/** Index terms a ceiling's passage counts: the personnel words after the count. */
const PERSONNEL_TERMS = ["personnel", "troops", "military", "police", "civilian"];
/** At most this many passages counting personnel are read for a ceiling (newest first, in the period). */
const SCAN = 40;

/**
 * The sentence stating the asked ceiling when the ranking's best does not: a ranked sentence stating it, else
 * one of the passages counting personnel in the asked period (newest first), read for a ceiling; a question
 * about the Council's decision prefers the sentence telling the decision. Null when the question asks no
 * ceiling, the best already states it, or nothing in the period states one (the question is then answered
 * or refused as before). For a period no statement is dated in, the same ceiling stated before and after it
 * answers: the later statement, then the earlier.
 */
export function ceilingAnswer(
  index: PassageIndex,
  candidates: readonly SentenceCandidate[],
  best: SentenceCandidate | undefined,
  query: ParsedQuery,
  time: AskedTime | null,
  accept: (passage: Passage) => boolean,
): SentenceCandidate[] | null {
  if (query.answerType !== "number" || !ASKS_AUTHORIZED.test(query.text)) return null;
  const asked = askedPersonnel(query.text);
  const decision = ASKS_DECISION.test(query.text);
  const states = (sentence: string) =>
    statedCeilings(sentence).some((c) => asked === null || c.personnel === asked || c.personnel === null);
  const fits = (sentence: string) => states(sentence) && (!decision || DECISION.test(sentence));
  const periodAsked = time !== null && time.kind !== "total";
  const inPeriod = (passage: Passage) =>
    !periodAsked || (yearOf(passage.doc.date) >= time.from && yearOf(passage.doc.date) <= time.to);
  if (best && fits(best.sentence)) {
    // The best already states it. Asked for the Council's decision, the decision is the statement the question
    // asks for though it shares few of its words ("What troop ceiling did the Council set in 2020?" and
    // "Decides that MINUSMA shall continue to consist of up to 13,289 military personnel"): answered as one.
    return decision && inPeriod(best.hit.passage) ? [best] : null;
  }
  const ranked = candidates.find((c) => fits(c.sentence));
  if (ranked) return [ranked];
  // With no period asked, the ranking already weighs the newest statements (measures.ts): only a question
  // about the Council's decision reads further, so a plain "what is the ceiling?" costs nothing more.
  if (!periodAsked && !decision) return null;
  const within = statements(
    index,
    fits,
    accept,
    inPeriod,
    periodAsked ? (p) => yearOf(p.doc.date) < time.from : () => false,
  );
  // The newest statement of the period (or of all, with none asked).
  if (within.length > 0)
    return [within.reduce((a, b) => (b.hit.passage.doc.date > a.hit.passage.doc.date ? b : a))];
  if (!periodAsked || decision) return null;
  // No statement of the period: a ceiling stated the same before and after it held through it ("13,289" in the
  // 2017 and the 2019 reports: the ceiling of 2018). The later statement answers, the earlier follows.
  const before = statements(
    index,
    states,
    accept,
    (p) => yearOf(p.doc.date) < time.from,
    () => false,
    1,
  )[0];
  const after = statements(
    index,
    states,
    accept,
    (p) => yearOf(p.doc.date) > time.to,
    () => false,
    1,
    true,
  )[0];
  if (!before || !after) return null;
  const count = (c: SentenceCandidate) =>
    statedCeilings(c.sentence).find((s) => asked === null || s.personnel === asked || s.personnel === null)
      ?.count;
  return count(before) !== undefined && count(before) === count(after) ? [after, before] : null;
}

/**
 * Sentences stating a ceiling (`fits`) in passages counting personnel that `take` accepts, newest first (or
 * oldest first), the walk ending where `stop` says; at most `limit`.
 */
function statements(
  index: PassageIndex,
  fits: (sentence: string) => boolean,
  accept: (passage: Passage) => boolean,
  take: (passage: Passage) => boolean,
  stop: (passage: Passage) => boolean,
  limit = SCAN,
  oldestFirst = false,
): SentenceCandidate[] {
  const found: SentenceCandidate[] = [];
  const seen = new Set<string>();
  for (const word of PERSONNEL_TERMS) {
    const term = indexTerm(word);
    if (term === null) continue;
    let read = 0;
    const want = (passage: Passage): "take" | "skip" | "stop" => {
      if (read >= SCAN || stop(passage)) return "stop";
      return !take(passage) || seen.has(passage.id) || !accept(passage) ? "skip" : "take";
    };
    for (const passage of countingPassages(index, term, oldestFirst, want)) {
      read += 1;
      seen.add(passage.id);
      const at = index.analyzer.analyze(passage).sentences.findIndex(fits);
      const candidate = at >= 0 ? statementCandidate(index, passage.id, at) : null;
      if (candidate) found.push(candidate);
      if (found.length >= limit) break;
    }
  }
  const date = (c: SentenceCandidate) => c.hit.passage.doc.date;
  return found
    .sort((a, b) => (oldestFirst ? date(a).localeCompare(date(b)) : date(b).localeCompare(date(a))))
    .slice(0, limit);
}
