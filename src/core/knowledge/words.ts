import { createRequire } from "node:module";

// The word list is a 275k-entry JSON array; it is loaded only when text is cleaned (building an index or
// importing), never on the hot path of a question, and only once per process.
let english: Set<string> | undefined;

/** Whether `word` (lower case) is an English word, by the an-array-of-english-words list. */
export function isEnglishWord(word: string): boolean {
  if (!english) {
    const require = createRequire(import.meta.url);
    english = new Set(require("an-array-of-english-words") as string[]);
  }
  return english.has(word);
}
