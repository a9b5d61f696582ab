// Time words that point at the thread's event rather than at a year: "how many had been killed by then?",
// "what happens after that?", "what did he do before?". They are read against the thread's event date (the
// previous answer's sentence date, else its document's), never against today.

/** How a follow-up places what it asks against the thread's event. */
export interface RelativeTime {
  /**
   * "by": a running total as of the thread's event ("by then", "by that time"); "after": what followed it
   * ("after that", "afterwards", "what happened next"); "before": what came before it ("before that",
   * "before", "previously")
   */
  kind: "by" | "after" | "before";
  /** the words that asked it, for explanations */
  text: string;
}

const RELATIVE: Array<[RelativeTime["kind"], RegExp]> = [
  ["by", /\b(?:by|until|up to|up until) (?:then|that time|that point|that date|that stage)\b/iu],
  [
    "after",
    /\b(?:after (?:that|this|it|then|which)|afterwards?|since then|(?:what|and) (?:happens|happened|comes|came) next|next step|then what)\b/iu,
  ],
  // "before" alone ends the question ("what did he do before?"); "before that", "previously", "earlier".
  [
    "before",
    /\b(?:before (?:that|this|it|then)|previously|earlier|prior to that|beforehand)\b|\bbefore\s*[?!.]*$/iu,
  ],
];

/** The relative time a question names, or null. A year after the word ("before 2016") is a period, not this. */
export function relativeTime(question: string): RelativeTime | null {
  const text = question.trim();
  for (const [kind, pattern] of RELATIVE) {
    const match = pattern.exec(text);
    if (match) return { kind, text: match[0].replace(/[?!.\s]+$/u, "") };
  }
  return null;
}

// A sentence that tells what came next opens with a sequencing word ("After 31 December, the Mission will…");
// "Until 30 September" tells what holds up to a date, not what follows.
const SEQUEL_OPENING =
  /^["“]?(?:after|following|then|thereafter|subsequently|later|afterwards|once|next)\b/iu;
// A sentence that tells what came before: a previous post, an earlier time.
const PRIOR =
  /\b(?:previously|most recently|before (?:that|this|his|her|joining|being|becoming)|prior to|formerly|had served|served as|earlier|until (?:then|his|her))\b/iu;

/**
 * Whether a sentence reads as the relative time asks: one that opens as a sequel ("After 31 December, the
 * Mission will begin…") for "after", one that tells of an earlier post or time ("he served as Chief of Staff")
 * for "before". "by" is read as a running total instead (see answer.ts).
 */
export function fitsRelativeTime(relative: RelativeTime, sentence: string): boolean {
  if (relative.kind === "after") return SEQUEL_OPENING.test(sentence.replace(/^\(?\d{1,3}[.)]\s+/u, ""));
  if (relative.kind === "before") return PRIOR.test(sentence);
  return false;
}

/**
 * The answer a relative time asks for, among the ranked sentences: the best one of the thread's document that
 * reads as it asks and stands where it asks (after the previous answer for "after"; anywhere in the document
 * but the previous answer itself for "before"). Null when none does, or for "by" (read as a running total).
 */
export function relativeAnswer<C extends { sentence: string; typed: boolean; parts: { thread: number } }>(
  candidates: C[],
  relative: RelativeTime,
): C | null {
  if (relative.kind === "by") return null;
  // The thread part (rank.ts): 0 elsewhere and for the previous answer, 0.5 before it, 0.75 and 1 after it.
  const minimum = relative.kind === "after" ? 0.75 : 0.5;
  return (
    candidates.find(
      // It must still hold what is asked: "how many have died since then?" wants a count.
      (candidate) =>
        candidate.typed &&
        candidate.parts.thread >= minimum &&
        fitsRelativeTime(relative, candidate.sentence),
    ) ?? null
  );
}
