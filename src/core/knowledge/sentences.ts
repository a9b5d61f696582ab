// A sentence can end wherever a full stop, question or exclamation mark (and any closing quote or bracket)
// meets white space; the merging below undoes the ends that are not. A regular expression rather than
// Intl.Segmenter: the answer path splits dozens of passages a question, and this is several times faster.
const CANDIDATE_END = /(?<=[.!?]["'”’)\]]*)\s+/u;

// These abbreviations never end a sentence in our documents.
const ABBREVIATION =
  /(?:^|[\s(])(?:Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Maj|Capt|Sgt|St|No|Nos|Art|para|paras|vol|approx|c|ca|cf|e\.g|i\.e|vs|U\.S|U\.N|U\.K|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.\s*$/u;
const INITIAL = /(?:^|\s)\p{Lu}\.\s*$/u;
// A paragraph number of a report ("12.") belongs to the sentence it opens, not a sentence of its own.
const PARAGRAPH_NUMBER = /^\s*\d{1,3}\.\s*$/u;

/** Splits a paragraph into sentences, keeping abbreviations ("Mr.", "U.S.", "No. 5") inside their sentence. */
export function splitSentences(paragraph: string): string[] {
  // Each sentence is kept as its segments, joined once at the end: growing one string and testing its tail
  // at every merge made a text of many "Mr. " quadratic.
  const sentences: string[][] = [];
  let last = "";
  for (const segment of paragraph.split(CANDIDATE_END)) {
    const current = sentences.at(-1);
    const continues =
      current !== undefined &&
      (ABBREVIATION.test(last) ||
        INITIAL.test(last) ||
        (PARAGRAPH_NUMBER.test(last) && current.length === 1) ||
        // Punctuation alone, or a lower-case start ('"Is it safe?" she asked.'), continues the sentence.
        !/\p{L}|\p{N}/u.test(segment) ||
        /^\s*\p{Ll}/u.test(segment));
    if (continues) current.push(segment);
    else sentences.push([segment]);
    last = segment;
  }
  return sentences.map((parts) => parts.join(" ").trim()).filter((sentence) => sentence !== "");
}
