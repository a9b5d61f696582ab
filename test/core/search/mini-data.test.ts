import { deserialize, serialize } from "node:v8";
import MiniSearch from "minisearch";
import { describe, expect, it } from "vitest";
import { type MiniData, miniData, miniFrom, unpackSome } from "../../../src/core/search/mini-data.ts";

interface Doc {
  id: string;
  text: string;
  title: string | null;
}

const OPTIONS = { idField: "id", fields: ["text", "title"], searchOptions: { boost: { title: 2 } } };

const DOCS: Doc[] = [
  { id: "a", text: "The troop ceiling was set at 13,289 troops in Kidal", title: "Mandate" },
  { id: "b", text: "Police units patrolled Gao and Kidal, the troop rotation went on", title: null },
  { id: "c", text: "Operation Seka secured the road to Tessalit", title: "Operations in the north" },
  { id: "d", text: "Peacekeepers in Timbuktu; the police ceiling was 1,920", title: "Police" },
];

const QUERIES = ["troop", "kidal police", "tro", "ceilling", "road tessalit", "peacekeepers police ceiling"];

/** Every query's results, prefix and fuzzy searches included, as comparable data. */
function results(mini: MiniSearch<Doc>) {
  return QUERIES.flatMap((query) => [
    mini.search(query),
    mini.search(query, { prefix: true }),
    mini.search(query, { fuzzy: 0.2 }),
  ]);
}

/** Packed, through V8's serializer (as the persisted file and postMessage carry it), and loaded. */
function roundTrip(mini: MiniSearch<Doc>): MiniSearch<Doc> {
  return miniFrom(deserialize(serialize(miniData(mini))) as MiniData, OPTIONS);
}

function built(docs: Doc[] = DOCS): MiniSearch<Doc> {
  const mini = new MiniSearch<Doc>(OPTIONS);
  mini.addAll(docs);
  return mini;
}

describe("MiniSearch's state packed for a fast load", () => {
  it("loads into an index that finds exactly what the original finds, prefix and fuzzy searches included", () => {
    const original = built();
    expect(results(roundTrip(original))).toEqual(results(original));
  });

  it("takes documents added and discarded after loading exactly as the original does", () => {
    const original = built();
    const loaded = roundTrip(original);
    const extra: Doc = { id: "e", text: "A new troop ceiling for Kidal and Gao", title: null };
    for (const mini of [original, loaded]) {
      mini.discard("b");
      mini.add(extra);
      mini.replace({ id: "c", text: "Operation Seka ended near Tessalit", title: "Operations" });
    }
    expect(results(loaded)).toEqual(results(original));
    expect(loaded.documentCount).toBe(original.documentCount);
  });

  it("packs a loaded index again without losing a term it never searched", () => {
    const original = built();
    const twice = roundTrip(roundTrip(original));
    expect(results(twice)).toEqual(results(original));
  });

  it("makes every term's maps a slice at a time, and finds the same before, during and after", () => {
    const original = built();
    const loaded = roundTrip(original);
    expect(unpackSome(loaded, 3)).toBe(true);
    expect(results(loaded)).toEqual(results(original));
    let slices = 0;
    while (unpackSome(loaded, 3)) slices += 1;
    expect(slices).toBeGreaterThan(0);
    expect(unpackSome(loaded, 3)).toBe(false);
    expect(results(loaded)).toEqual(results(original));
    // An index built, not loaded, has nothing packed.
    expect(unpackSome(original, 3)).toBe(false);
  });

  it("refuses data of another shape instead of misreading it", () => {
    const data = deserialize(serialize(miniData(built()))) as MiniData;
    expect(() => miniFrom({ ...data, postings: [] as unknown as Uint32Array }, OPTIONS)).toThrow(
      /not in the expected shape/u,
    );
  });
});
