import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { inSortedJsonList, isEnglishWord, warmEnglishWords } from "../../../src/core/knowledge/words.ts";

const list = createRequire(import.meta.url)("an-array-of-english-words") as string[];
// Every 97th word of the list, each also with a letter added (mostly not words), and some that are not words.
const probes = [
  ...list.filter((_, i) => i % 97 === 0).flatMap((word) => [word, `${word}q`]),
  "a",
  "zyzzyva",
  "",
  "peacekeeping",
  "minusma",
  "kidal",
  "aguelhok",
  "ZEBRA",
];
const truth = new Set(list);

describe("isEnglishWord", () => {
  it("answers as the whole list does, searching the file's text first and through a Set once it has many", () => {
    // The first lookups are binary searches of the list's text; past a few thousand the Set is built and used.
    for (const word of probes) expect(isEnglishWord(word), word).toBe(truth.has(word));
    for (const word of probes) expect(isEnglishWord(word), word).toBe(truth.has(word));
    expect(probes.length * 2).toBeGreaterThan(2_000);
    expect(warmEnglishWords().size).toBe(truth.size);
  });

  it("relies on a list the text search can read: sorted as JavaScript compares strings, lower-case letters only", () => {
    // If an update of the package broke either, the search of the text would answer wrongly: this says so first.
    for (let i = 1; i < list.length; i++)
      if (!(list[i - 1]! < list[i]!)) expect.fail(`unsorted at ${list[i]}`);
    expect(list.filter((word) => !/^[a-z]+$/u.test(word))).toEqual([]);
  });
});

describe("inSortedJsonList", () => {
  it("finds every entry of a list, and nothing else, whatever its length", () => {
    for (const entries of [[], ["m"], ["b", "d"], ["a", "ab", "b", "ba", "c"], list.slice(1000, 1100)]) {
      const json = JSON.stringify(entries);
      for (const word of entries) expect(inSortedJsonList(json, word), word).toBe(true);
      for (const word of ["", "0", "z", "aa", "bb", "bab", ...entries.map((entry) => `${entry}x`)]) {
        expect(inSortedJsonList(json, word), word).toBe(entries.includes(word));
      }
    }
  });
});
