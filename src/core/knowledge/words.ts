import { createRequire } from "node:module";

// The word list is a 275k-entry JSON array, loaded once per process, when a word is first looked up. Cleaning
// text (building an index, importing) looks words up by the million and wants a Set; a question looks up a
// handful, and building the Set (about half of loading the list) would be most of a fresh process's first
// answer. So the first lookups binary-search the list as parsed (it is sorted), and the Set is built once
// they are many, or when a long-running thread warms it up in its idle time (`warmEnglishWords`).

/** Lookups answered by binary search before the Set is built: beyond a question's, well short of a build's. */
const LOOKUPS_BEFORE_SET = 2_000;

let sorted: readonly string[] | undefined;
let english: Set<string> | undefined;
let lookups = 0;

/** Whether `word` (lower case) is an English word, by the an-array-of-english-words list. */
export function isEnglishWord(word: string): boolean {
  if (english) return english.has(word);
  const list = sorted ?? loadList();
  lookups += 1;
  if (lookups > LOOKUPS_BEFORE_SET || !sorted) return warmEnglishWords().has(word);
  let low = 0;
  let high = list.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const entry = list[middle]!;
    if (entry === word) return true;
    if (entry < word) low = middle + 1;
    else high = middle - 1;
  }
  return false;
}

/** Builds the Set now (a thread with idle time does, so that no later lookup waits for it). */
export function warmEnglishWords(): Set<string> {
  if (!english) {
    english = new Set(sorted ?? loadList());
    sorted = undefined;
  }
  return english;
}

/** The list as parsed; kept for binary search only when it is sorted as JavaScript compares strings. */
function loadList(): readonly string[] {
  const require = createRequire(import.meta.url);
  const list = require("an-array-of-english-words") as string[];
  let ordered = true;
  for (let i = 1; i < list.length && ordered; i++) ordered = list[i - 1]! < list[i]!;
  if (ordered) sorted = list;
  else english = new Set(list);
  return list;
}
