import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { isEnglishWord, warmEnglishWords } from "../../../src/core/knowledge/words.ts";

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
  it("answers as the whole list does, looking up the sorted list first and through a Set once it has many", () => {
    // The first lookups are binary searches of the list; past a few thousand the Set is built and used.
    for (const word of probes) expect(isEnglishWord(word), word).toBe(truth.has(word));
    for (const word of probes) expect(isEnglishWord(word), word).toBe(truth.has(word));
    expect(probes.length * 2).toBeGreaterThan(2_000);
    expect(warmEnglishWords().size).toBe(truth.size);
  });
});
