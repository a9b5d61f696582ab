// A sentence can end wherever a full stop, question or exclamation mark (and any closing quote or bracket)
// meets white space; the merging below undoes the ends that are not. A regular expression rather than
// Intl.Segmenter: the answer path splits dozens of passages a question, and this is several times faster.
const CANDIDATE_END = /(?<=[.!?]["'”’)\]]*)\s+/u;

// These abbreviations never end a sentence in our documents.
const ABBREVIATION =
  /(?:^|[\s(])(?:Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Maj|Capt|Sgt|St|No|Nos|Art|para|paras|vol|approx|c|ca|cf|e\.g|i\.e|vs|U\.S|U\.N|U\.K|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.\s*$/u;
const INITIAL = /(?:^|\s)\p{Lu}\.\s*$/u;

/** Splits a paragraph into sentences, keeping abbreviations ("Mr.", "U.S.", "No. 5") inside their sentence. */
export function splitSentences(paragraph: string): string[] {
  const sentences: string[] = [];
  for (const segment of paragraph.split(CANDIDATE_END)) {
    const previous = sentences.at(-1);
    if (previous !== undefined && (ABBREVIATION.test(previous) || INITIAL.test(previous))) {
      sentences[sentences.length - 1] = `${previous} ${segment}`;
    } else if (previous !== undefined && (!/\p{L}|\p{N}/u.test(segment) || /^\s*\p{Ll}/u.test(segment))) {
      // Punctuation alone, or a lower-case start ('"Is it safe?" she asked.'), continues the sentence.
      sentences[sentences.length - 1] = `${previous} ${segment}`;
    } else {
      sentences.push(segment);
    }
  }
  return sentences.map((sentence) => sentence.trim()).filter((sentence) => sentence !== "");
}
