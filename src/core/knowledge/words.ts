import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

// The word list is a 275k-entry JSON array (3.3 MB), loaded once per process, when a word is first looked up.
// Cleaning text (building an index, importing) looks words up by the million and wants a Set; a question looks
// up a handful, and parsing the array alone (JSON.parse or require: 150-300 ms) would be most of a fresh
// process's first answer. So the first lookups binary-search the file's text as it is (the list is sorted as
// JavaScript compares strings, lower-case a-z only: test/core/knowledge/words.test.ts checks both), which costs
// a read of the file; the Set is built once the lookups are many, or when a long-running thread warms it up in
// its idle time (`warmEnglishWords`).

/** Lookups answered by binary search before the Set is built: beyond a question's, well short of a build's. */
const LOOKUPS_BEFORE_SET = 2_000;

/** the list's JSON text, `["a","aa",...]`, searched as it is until the Set is built */
let text: string | undefined;
let english: Set<string> | undefined;
let lookups = 0;

/** Whether `word` (lower case) is an English word, by the an-array-of-english-words list. */
export function isEnglishWord(word: string): boolean {
  if (english) return english.has(word);
  lookups += 1;
  if (lookups > LOOKUPS_BEFORE_SET) return warmEnglishWords().has(word);
  text ??= readList();
  return inSortedJsonList(text, word);
}

/** Builds the Set now (a thread with idle time does, so that no later lookup waits for it). */
export function warmEnglishWords(): Set<string> {
  if (!english) {
    english = new Set(JSON.parse(text ?? readList()) as string[]);
    text = undefined;
  }
  return english;
}

function readList(): string {
  const require = createRequire(import.meta.url);
  return readFileSync(require.resolve("an-array-of-english-words"), "utf8");
}

/**
 * Whether `word` is an entry of `json`, a JSON array of strings without quotes, commas or escapes, sorted as
 * JavaScript compares strings: a binary search over the text, each step reading the entry around the middle.
 */
export function inSortedJsonList(json: string, word: string): boolean {
  // `low` and `high` are the opening quotes of the first and the last entry still in question.
  let low = json.indexOf('"');
  let high = json.lastIndexOf(',"') + 1;
  if (low === -1) return false;
  if (high === 0) high = low;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    // The entry holding `middle` (or starting just after it, when `middle` is its comma).
    const comma = json.lastIndexOf(',"', middle);
    const open = comma + 1 >= low ? comma + 1 : low;
    const close = json.indexOf('"', open + 1);
    const entry = json.slice(open + 1, close);
    if (entry === word) return true;
    if (entry < word) low = close + 2;
    else high = open - 2;
  }
  return false;
}
