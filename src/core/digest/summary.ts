import { type Corpus, type DocSentence, idf, truncate, wordCount } from "./corpus.ts";

// Dividing by the number of terms to this power rewards a sentence for holding more of the document's words
// without letting the longest sentence win on length alone (0.5 favoured 50-word sentences of UN letters).
const LENGTH_EXPONENT = 0.75;
// How much a second sentence loses for sharing words with the first: a repeat loses most of its score,
// a sentence that merely stays on the subject keeps most of it.
const REDUNDANCY_PENALTY = 0.6;
/** Sentences in this range of words can stand alone in a summary; longer ones read as a wall, shorter as stubs. */
const SUMMARY_WORDS = { min: 8, max: 45 } as const;
/** A summary sentence longer than this (in characters) is cut at a word boundary. */
export const SUMMARY_SENTENCE_CHARS = 320;

// A sentence opening on one of these leans on the sentence before it and reads wrongly on its own.
const DEPENDENT_OPENING =
  /^["“]?(It|Its|This|That|These|Those|They|Their|He|She|His|Her|Such|However|But|And|Also|Moreover|Furthermore|In addition|Notwithstanding|Nevertheless|Meanwhile|Therefore|Thus|For instance|For example)\b/u;
// Letter and report formulas that open or close UN documents but say nothing about the situation.
const BOILERPLATE =
  /^(I have the honour|I should be grateful|I would be grateful|Please accept|Accept, Sir|\(Signed\)|Signed)/iu;

interface Scored {
  sentence: DocSentence;
  score: number;
  terms: Set<string>;
}

/**
 * The document's lead sentence, then the most informative of the others in document order: an extractive
 * summary of `count` sentences.
 *
 * A sentence is informative when it holds the document's own recurring words (frequent in this document, rare
 * in the others), carries a figure, and can be read alone. Openers such as "It was" or "However" and letter
 * formulas score low, so the summary is not simply the first sentences. The second sentence must add words
 * the first does not have, so the two do not repeat each other.
 */
export function summarize(sentences: DocSentence[], corpus: Corpus, count = 2): string[] {
  if (sentences.length === 0) return [];
  const frequency = new Map<string, number>();
  for (const sentence of sentences) {
    for (const term of sentence.terms) frequency.set(term, (frequency.get(term) ?? 0) + 1);
  }
  const last = Math.max(sentences.length - 1, 1);
  const scored: Scored[] = sentences.map((sentence) => {
    const terms = new Set(sentence.terms);
    let weight = 0;
    // A word used once says little about what the document is about; a word it keeps using says a lot.
    for (const term of terms) weight += (Math.log(frequency.get(term) ?? 1) + 0.3) * idf(corpus, term);
    let score = terms.size > 0 ? weight / terms.size ** LENGTH_EXPONENT : 0;
    if (!standsAlone(sentence)) score *= 0.3;
    if (DEPENDENT_OPENING.test(sentence.text)) score *= 0.6;
    if (BOILERPLATE.test(sentence.text)) score *= 0.2;
    if (sentence.text.endsWith("?") || !/[.!?]["'”’)\]]*$/u.test(sentence.text)) score *= 0.5;
    if (/\d/u.test(sentence.text)) score *= 1.1;
    // A light lead bias: news puts the gist early, but only enough to break near-ties.
    score *= 1.15 - (0.15 * sentence.index) / last;
    return { sentence, score, terms };
  });

  const chosen: Scored[] = [];
  // Sentences of a readable length go first; the others only when a document has too few of them.
  const readable = scored.filter((candidate) => standsAlone(candidate.sentence));
  const remaining = readable.length >= count ? readable : [...scored];
  // The document's own lead comes first: news and press releases put what happened there.
  const lead = remaining.find((candidate) => isLead(candidate.sentence));
  if (lead) chosen.push(remaining.splice(remaining.indexOf(lead), 1)[0]!);
  while (chosen.length < count && remaining.length > 0) {
    let bestIndex = 0;
    let bestValue = Number.NEGATIVE_INFINITY;
    remaining.forEach((candidate, i) => {
      const redundancy = Math.max(0, ...chosen.map((c) => overlap(c.terms, candidate.terms)));
      const value = candidate.score * (1 - REDUNDANCY_PENALTY * redundancy);
      if (value > bestValue) {
        bestValue = value;
        bestIndex = i;
      }
    });
    chosen.push(remaining.splice(bestIndex, 1)[0]!);
  }
  const others = (lead ? chosen.slice(1) : chosen).sort((a, b) => a.sentence.index - b.sentence.index);
  const ordered = lead ? [lead, ...others] : others;
  // A report's paragraph number ("1. By its resolution ...") is layout, not part of what it says.
  return ordered.map((c) => truncate(c.sentence.text.replace(/^\d{1,3}\.\s+/u, ""), SUMMARY_SENTENCE_CHARS));
}

/** How far into a document its lead may be: past a letter's formula, not into its middle. */
const LEAD_WINDOW = 6;

/**
 * A document's lead: among its first sentences, the first that reads alone as a statement (a readable
 * length, no letter formula, no opening that leans on a sentence before, a full stop at its end). Titles,
 * meeting lines, by-lines and datelines are not sentences by then: cleaning made them headings or dropped them.
 */
function isLead(sentence: DocSentence): boolean {
  return (
    sentence.index < LEAD_WINDOW &&
    standsAlone(sentence) &&
    !DEPENDENT_OPENING.test(sentence.text) &&
    /[.!]["'”’)\]]*$/u.test(sentence.text)
  );
}

function standsAlone(sentence: DocSentence): boolean {
  const words = wordCount(sentence.text);
  return words >= SUMMARY_WORDS.min && words <= SUMMARY_WORDS.max && !BOILERPLATE.test(sentence.text);
}

/** The share of the smaller sentence's terms that the other sentence also has (0..1). */
function overlap(a: Set<string>, b: Set<string>): number {
  const smaller = a.size <= b.size ? a : b;
  const larger = smaller === a ? b : a;
  if (smaller.size === 0) return 0;
  let shared = 0;
  for (const term of smaller) if (larger.has(term)) shared++;
  return shared / smaller.size;
}
