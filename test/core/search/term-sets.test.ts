import { deserialize, serialize } from "node:v8";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PassageTermSets } from "../../../src/core/search/term-sets.ts";
import { Vocabulary } from "../../../src/core/search/vocabulary.ts";

describe("PassageTermSets", () => {
  it("answers membership and ranges exactly like a Set would, and survives a round trip", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: 0, max: 200 }), { maxLength: 40 }), {
          minLength: 1,
          maxLength: 30,
        }),
        fc.integer({ min: 0, max: 210 }),
        fc.integer({ min: 0, max: 20 }),
        (lists, from, width) => {
          const ids = lists.map((_, i) => `doc#${i + 1}`);
          const built = PassageTermSets.build(ids, lists);
          const loaded = PassageTermSets.fromData(deserialize(serialize(built.toData())), ids);
          lists.forEach((list, i) => {
            const set = new Set(list);
            const inRange = list.some((id) => id >= from && id < from + width);
            for (const sets of [built, loaded]) {
              expect(sets.has(ids[i]!, from)).toBe(set.has(from));
              expect(sets.has(ids[i]!, from, from + width)).toBe(inRange);
            }
          });
        },
      ),
      { numRuns: 200 },
    );
  });

  it("gives a document's passages by ordinal, in order, up to the first one missing, after an update too", () => {
    const ids = ["a#1", "b#1", "a#2", "a#3", "b#2", "a#5", "c#2"];
    const sets = PassageTermSets.build(
      ids,
      ids.map(() => [1]),
    );
    expect([...sets.documentOrdinals("a")]).toEqual([0, 2, 3]);
    expect([...sets.documentOrdinals("a")]).toEqual([0, 2, 3]);
    expect([...sets.documentOrdinals("b")]).toEqual([1, 4]);
    expect([...sets.documentOrdinals("c")]).toEqual([]);
    expect([...sets.documentOrdinals("zzz")]).toEqual([]);
    // Document b taken out, a fourth passage of a added: the new sets know it, the old ones are unchanged.
    const updated = sets.update(
      [0, 2, 3, 5, 6],
      new Uint32Array([0, 1]),
      ["a#1", "a#2", "a#3", "a#5", "c#2", "a#4"],
      [[1]],
    );
    expect([...updated.documentOrdinals("a")]).toEqual([0, 1, 2, 5, 3]);
    expect([...updated.documentOrdinals("b")]).toEqual([]);
    expect([...sets.documentOrdinals("b")]).toEqual([1, 4]);
  });

  it("knows nothing of a passage it was not built with, and refuses sets that do not fit", () => {
    const sets = PassageTermSets.build(["a#1"], [[1, 2, 3]]);
    expect(sets.has("b#1", 1)).toBe(false);
    expect(() => PassageTermSets.fromData(sets.toData(), ["a#1", "a#2"])).toThrow(/do not fit the passages/u);
  });
});

describe("Vocabulary ids", () => {
  const vocabulary = new Vocabulary(
    [
      ["peacekeep", 3],
      ["peac", 5],
      ["polic", 2],
      ["patrol", 4],
    ],
    [],
    10,
  );

  it("numbers terms in sorted order, so a prefix is one range of ids", () => {
    expect(["patrol", "peac", "peacekeep", "polic"].map((t) => vocabulary.idOf(t))).toEqual([0, 1, 2, 3]);
    expect(vocabulary.prefixRange("pea")).toEqual([1, 3]);
    expect(vocabulary.prefixRange("zz")).toEqual([4, 4]);
    expect(vocabulary.idOf("missing")).toBeUndefined();
  });

  it("scales specificity from common to rare terms", () => {
    expect(vocabulary.specificity("polic")).toBeGreaterThan(vocabulary.specificity("peac"));
    expect(vocabulary.specificity("unknown")).toBe(1);
  });
});
