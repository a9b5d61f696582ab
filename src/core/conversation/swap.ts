import { escapeRegExp } from "../regexp.ts";
// Elliptical follow-ups that swap one thing into the previous question: "and in 2019?" after "how many
// peacekeepers were killed in 2021?", "what about Gao?" after "how many schools were closed in Mopti?". The
// follow-up is the previous question with the new year or name in place of the one of the same kind, and it
// asks what that question asked (a number), not what its own few words ask ("and in 2019?" asks nothing).

import type { Turn } from "../answer/types.ts";
import type { Concept, ParsedQuery } from "../search/query.ts";

// A question that says what it asks with its opening words.
const ASKED = /^(?:how many|how much|how long|who|whom|when|where|which|what (?:year|date|day|month))\b/iu;

// "and for police?", "what about 2020?", "how about Kidal?": openings that only make sense after something.
export const ELLIPTICAL_OPENING =
  /^(and|but|also|so|then|what about|how about|what of|same for|and for|and in|and the)\b/iu;

export interface Swap {
  /** the answer type of the question the thread asked last, when the follow-up asks none of its own */
  answerType: ParsedQuery["answerType"] | null;
  /** the thread's concepts the follow-up's own replace (their text), for the search and for explanations */
  replaced: string[];
  /**
   * the thread's question with the swap made ("how many peacekeepers were killed in 2019?"), when a year or name
   * was replaced: its period is read as the thread's question's was (a year's count of deaths is a flow)
   */
  reading: string | null;
  /**
   * true when a year or name was swapped: the rest of the thread's question is the question's own then. A
   * common word ("and police?") leaves the rest at the context weight, so the new word must be in the answer.
   */
  whole: boolean;
}

/**
 * How an elliptical follow-up swaps into the thread's question, or null when it is no swap (no elliptical
 * opening, or no words of its own). A year replaces the thread's years; a name (a capitalised word that is not
 * the question's first) replaces the names the thread's questions wrote capitalised. Other words ("and for
 * police?") are added beside the thread's, as before: which of the thread's words they stand in for is not
 * known from the words alone.
 */
export function swapOf(
  text: string,
  own: Concept[],
  context: Concept[],
  history: Turn[],
  parse: (text: string) => ParsedQuery,
): Swap | null {
  if (!ELLIPTICAL_OPENING.test(text)) return null;
  const mine = own.filter((concept) => concept.known || concept.year !== null);
  if (mine.length === 0) return null;
  const names = new Set(capitalised(text));
  const threadNames = new Set(history.flatMap((turn) => capitalised(turn.question)));
  const hasYear = mine.some((concept) => concept.year !== null);
  const hasName = mine.some((concept) => names.has(concept.text.toLowerCase()));
  const replaced = context
    .filter(
      (concept) =>
        (hasYear && concept.year !== null) ||
        (hasName && threadNames.has(concept.text.toLowerCase()) && !names.has(concept.text.toLowerCase())),
    )
    .map((concept) => concept.text);
  // "And police?" after "how many troops were deployed?" swaps the counted thing, "and injured?" after "how many
  // peacekeepers were killed?" the verb: one common word of the follow-up's own takes the place of the thread
  // count question's word of its kind (a participle for the verb, else the noun).
  const counted = mine.length === 1 && !hasYear && !hasName ? countedParts(history) : null;
  if (counted) {
    const word = mine[0]!.text.toLowerCase();
    const target = PARTICIPLE.test(word) ? counted.verb : counted.noun;
    const hit = context.find((concept) => target !== null && concept.text.toLowerCase() === target);
    if (hit && hit.text.toLowerCase() !== word) replaced.push(hit.text);
  }
  const whole = hasYear || hasName;
  // The question the thread asked last with a question word of its own ("how many …"), whose kind of answer
  // the follow-up still wants.
  let answerType: ParsedQuery["answerType"] | null = null;
  let source: string | null = null;
  for (const turn of [...history].reverse()) {
    const type = parse(turn.question).answerType;
    if (type !== "any") {
      answerType = type;
      source = turn.question;
      break;
    }
  }
  // With nothing swapped, the follow-up still asks what the thread's question asked when that question said
  // so with its question word ("and injured?" after "how many … killed …?" wants a number); a keyword's guessed
  // type does not carry ("and for police?" after "troop ceiling": asking a number there lost the 2023 report's
  // police ceiling to a 2019 recommendation).
  if (replaced.length === 0) {
    const asked = source !== null && ASKED.test(source.trim()) ? answerType : null;
    return { answerType: asked, replaced, reading: null, whole };
  }
  return { answerType, replaced, reading: source ? swapped(source, replaced, mine) : null, whole };
}

/** The source question with the replaced words (each of the first replaced one's spots) given the new ones. */
function swapped(source: string, replaced: string[], mine: Concept[]): string {
  const by = mine.map((concept) => concept.year ?? concept.text).join(" ");
  let out = source;
  let done = false;
  for (const word of replaced) {
    const pattern = new RegExp(`\\b${escapeRegExp(word)}\\b`, "iu");
    if (pattern.test(out)) {
      out = out.replace(pattern, done ? "" : by);
      done = true;
    }
  }
  return (done ? out : `${source} ${by}`).replace(/\s+/gu, " ").trim();
}

// A participle ("injured", "wounded", "killed", "taken", "shown"): the counted verb, not the counted thing.
const PARTICIPLE = /^[\p{L}-]+(?:ed|en|wn)$/u;
const COUNT_QUESTION =
  /^how many ([\p{L}-]+)(?: [\p{L}-]+)?? (?:(?:were|was|are|is|have|has|had)(?: been)? |did [\p{L}-]+ )?([\p{L}-]+(?:ed|en|wn))\b/iu;

// A figure's noun after the thing it counts: "troop ceiling", "the police strength", "troop levels".
const MEASURED =
  /\b([\p{L}-]+) (?:ceilings?|strength|levels?|numbers?|figures?|totals?|caps?|limits?|deployments?|components?|contingents?|presence)\b/iu;
// Words before a figure's noun that are not what it counts ("the ceiling", "authorized strength").
const NOT_COUNTED =
  /^(?:the|a|an|its|their|current|new|old|authori[sz]ed|maximum|minimum|total|overall|mission|minusma|what|is|was)$/iu;

/**
 * The counted thing and verb of the thread's last "how many N V" question ("troops", "deployed"), or the
 * thing a figure's noun counts in its last question or keyword ("troop" in "what was the troop ceiling in
 * 2019?"): "and for police?" asks the same figure of police.
 */
function countedParts(history: Turn[]): { noun: string; verb: string | null } | null {
  for (const turn of [...history].reverse()) {
    const question = turn.question.trim();
    const measured = MEASURED.exec(question)?.[1];
    if (!/^how many\b/iu.test(question)) {
      if (measured && !NOT_COUNTED.test(measured)) return { noun: measured.toLowerCase(), verb: null };
      continue;
    }
    const match = COUNT_QUESTION.exec(question);
    const noun = match?.[1] ?? /^how many ([\p{L}-]+)/iu.exec(question)?.[1];
    return noun ? { noun: noun.toLowerCase(), verb: match?.[2]?.toLowerCase() ?? null } : null;
  }
  return null;
}

/** The capitalised words of a question but its first, lower case ("what about Gao?" -> ["gao"]). */
function capitalised(question: string): string[] {
  return question
    .split(/\s+/u)
    .slice(1)
    .map((word) => word.replace(/^[("“‘]+|[)"”’.,;:?!]+$/gu, ""))
    .filter((word) => /^\p{Lu}/u.test(word))
    .map((word) => word.toLowerCase());
}
