const segmenter = new Intl.Segmenter("en", { granularity: "sentence" });

// Intl.Segmenter follows Unicode's rules, which end a sentence after any full stop before a capital;
// these abbreviations never end one in our documents.
const ABBREVIATION =
  /(?:^|[\s(])(?:Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Maj|Capt|Sgt|St|No|Nos|Art|para|paras|vol|approx|c|ca|cf|e\.g|i\.e|vs|U\.S|U\.N|U\.K|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.\s*$/u;
const INITIAL = /(?:^|\s)\p{Lu}\.\s*$/u;

/** Splits a paragraph into sentences, keeping abbreviations ("Mr.", "U.S.", "No. 5") inside their sentence. */
export function splitSentences(paragraph: string): string[] {
  const sentences: string[] = [];
  for (const { segment } of segmenter.segment(paragraph)) {
    const previous = sentences.at(-1);
    if (previous !== undefined && (ABBREVIATION.test(previous) || INITIAL.test(previous))) {
      sentences[sentences.length - 1] = previous + segment;
    } else if (previous !== undefined && (!/\p{L}|\p{N}/u.test(segment) || /^\s*\p{Ll}/u.test(segment))) {
      // Punctuation alone, or a lower-case start ('"Is it safe?" she asked.'), continues the sentence.
      sentences[sentences.length - 1] = previous + segment;
    } else {
      sentences.push(segment);
    }
  }
  return sentences.map((sentence) => sentence.trim()).filter((sentence) => sentence !== "");
}
