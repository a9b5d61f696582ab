import type { AnswerType, Concept, ParsedQuery } from "../search/query.ts";
import { conceptWeight } from "../search/query.ts";
import { contentTerms } from "../search/terms.ts";
import { satisfiesAnswerType, sentenceFeatures } from "./features.ts";

/** A sentence longer than this (in characters) is cut to the clauses that answer: a wall of text hides it. */
export const LONG_SENTENCE_CHARS = 300;

/** A clause of a sentence: its character span, without the separator that follows it. */
export interface ClauseSpan {
  start: number;
  end: number;
}

// Where a clause ends: a comma, semicolon, colon or dash and the space after it, or the space before a
// word that opens a new clause inside a long run without punctuation.
const PUNCTUATION_BOUNDARY = /[,;:—–]\s+|\s+[—–]\s+/gu;
const WORD_BOUNDARY = /\s+(?=(?:and|while|whereas|which|who|but|including|with|after|before|as well as)\s)/gu;

/**
 * Splits a sentence into clauses at commas, semicolons, colons and dashes; a clause still longer than `max`
 * is split again before "and", "while", "which"...
 */
export function splitClauses(sentence: string, max = LONG_SENTENCE_CHARS): ClauseSpan[] {
  const clauses = spans(sentence, 0, sentence.length, PUNCTUATION_BOUNDARY);
  return clauses.flatMap((clause) =>
    clause.end - clause.start > max ? spans(sentence, clause.start, clause.end, WORD_BOUNDARY) : [clause],
  );
}

function spans(text: string, from: number, to: number, boundary: RegExp): ClauseSpan[] {
  const out: ClauseSpan[] = [];
  let start = from;
  for (const match of text.slice(from, to).matchAll(boundary)) {
    const at = from + match.index;
    // Keep the comma or semicolon with its clause, so a cut reads as the document wrote it.
    const punctuation = /^[,;:]/u.exec(match[0]) ? 1 : 0;
    if (at + punctuation > start) out.push({ start, end: at + punctuation });
    start = at + match[0].length;
  }
  if (to > start) out.push({ start, end: to });
  return out;
}

/**
 * Cuts a long sentence to the run of its clauses that best answers: the clause holding most of what is
 * wanted (each clause scored by `score`), widened by whole neighbouring clauses while the run stays within
 * `max` characters, with "…" where it was cut. A sentence within `max` is returned as it is. The words are
 * the document's own, in its order; nothing is rephrased.
 *
 * @example cutSentence(longSentence, (clause) => (clause.includes("13,289") ? 1 : 0)) // "…a ceiling of 13,289 troops…"
 */
export function cutSentence(
  sentence: string,
  score: (clause: string) => number,
  max = LONG_SENTENCE_CHARS,
): string {
  if (sentence.length <= max) return sentence;
  const clauses = splitClauses(sentence, max);
  if (clauses.length === 0) return window(sentence, 0, max);
  const scores = clauses.map((clause) => score(sentence.slice(clause.start, clause.end)));
  let best = 0;
  scores.forEach((value, i) => {
    if (value > scores[best]!) best = i;
  });
  let from = best;
  let to = best;
  // Take in the other clauses that hold something wanted first, nearest first, then any neighbour, so the
  // cut keeps the subject or the object that the answering clause leans on.
  const fits = (a: number, b: number) => clauses[b]!.end - clauses[a]!.start <= max;
  for (let grew = true; grew; ) {
    grew = false;
    const left = from > 0 && fits(from - 1, to) ? from - 1 : -1;
    const right = to < clauses.length - 1 && fits(from, to + 1) ? to + 1 : -1;
    const leftValue = left >= 0 ? scores[left]! : Number.NEGATIVE_INFINITY;
    const rightValue = right >= 0 ? scores[right]! : Number.NEGATIVE_INFINITY;
    if (left < 0 && right < 0) break;
    // Ties go left: the start of a sentence names who did what.
    if (leftValue >= rightValue) from = left;
    else to = right;
    grew = true;
  }
  const span = { start: clauses[from]!.start, end: clauses[to]!.end };
  if (span.end - span.start > max) return window(sentence, clauses[best]!.start, max);
  return mark(sentence, span.start, span.end);
}

/** The text from `start` to `end`, with "…" for what was left off at either side. */
function mark(sentence: string, start: number, end: number): string {
  let text = sentence.slice(start, end).trim();
  const cutEnd = end < sentence.trimEnd().length;
  if (cutEnd) text = `${text.replace(/[\s,;:—–-]+$/u, "")}…`;
  if (start > 0) text = `…${text}`;
  return text;
}

/** At most `max` characters from `start`, cut at word boundaries. */
function window(sentence: string, start: number, max: number): string {
  let from = Math.max(0, Math.min(start, sentence.length - max));
  if (from > 0) {
    const space = sentence.indexOf(" ", from);
    from = space >= 0 && space < from + 40 ? space + 1 : from;
  }
  let to = Math.min(sentence.length, from + max - 2);
  if (to < sentence.length) {
    const space = sentence.lastIndexOf(" ", to);
    to = space > from + max / 2 ? space : to;
  }
  return mark(sentence, from, to);
}

/**
 * How well a clause answers a question: the weight of the question's concepts it holds, and more when it
 * holds the kind of thing asked for (a number for "how many", a date for "when", a name for "who").
 */
export function clauseScorer(query: ClauseQuery, asked: Set<string>) {
  const why = WHY.test(query.text ?? "");
  return (clause: string): number => {
    const terms = new Set(contentTerms(clause));
    let value = 0;
    for (const concept of query.concepts) if (holds(terms, concept)) value += conceptWeight(concept);
    if (typedFor(query.answerType, clause, asked) || (why && REASON.test(clause))) value += TYPED_CLAUSE;
    return value;
  };
}

// A clause holding the kind of thing asked for outweighs any number of the question's words: those words are
// often all in the clause that introduces the subject, while the answer sits further on.
const TYPED_CLAUSE = 10;

/** What cutting needs of a parsed question. */
export type ClauseQuery = Pick<ParsedQuery, "concepts" | "answerType"> & { text?: string };

// "Why" has no answer type of its own; its answer is the clause that gives a reason.
const WHY = /\bwhy\b|\bfor what reason\b|\bhow come\b/iu;
const REASON =
  /\b(because|owing to|due to|as a result of|on account of|in order to|so that|in response to|following|amid|after)\b/iu;

function holds(terms: Set<string>, concept: Concept): boolean {
  if (concept.alternatives.some((alternative) => alternative.every((term) => terms.has(term)))) return true;
  return concept.prefixes.some((prefix) => [...terms].some((term) => term.startsWith(prefix)));
}

function typedFor(type: AnswerType, clause: string, asked: Set<string>): boolean {
  return type !== "any" && satisfiesAnswerType(type, sentenceFeatures(clause), asked);
}

/** The sentence as an answer gives it: cut to the clauses that answer the question when it is long. */
export function answerClause(sentence: string, query: ClauseQuery, asked: Set<string>): string {
  return sentence.length <= LONG_SENTENCE_CHARS
    ? sentence
    : cutSentence(sentence, clauseScorer(query, asked));
}
