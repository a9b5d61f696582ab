import MiniSearch from "minisearch";
import { beforeAll, describe, expect, it } from "vitest";
import { loadKnowledge } from "../../../src/core/knowledge/load.ts";
import { splitPassages } from "../../../src/core/knowledge/passages.ts";
import type { Passage } from "../../../src/core/knowledge/schema.ts";
import { INDEX_OPTIONS } from "../../../src/core/search/passage-index.ts";
import { best, ordinalsByShortId, topMatches, viaSearch } from "../../../src/core/search/top-matches.ts";
import { LIBRARY_DOCS } from "../../library/library.ts";

// topMatches must give exactly what MiniSearch's own search gives, score for score (to the last bit) and in the
// same order, ties included: the answers must not change by a hair because the search got cheaper.

interface Indexed {
  id: string;
  text: string;
  section: string;
  title: string;
}

let passages: Passage[];
beforeAll(async () => {
  const knowledge = await loadKnowledge(LIBRARY_DOCS);
  passages = knowledge.documents.flatMap(splitPassages);
});

function indexOf(list: Passage[]): MiniSearch<Indexed> {
  const mini = new MiniSearch<Indexed>(INDEX_OPTIONS);
  mini.addAll(list.map((p) => ({ id: p.id, text: p.text, section: p.section ?? "", title: p.doc.title })));
  return mini;
}

/** Queries made of the documents' own terms: common and rare ones, with boosts like the search's. */
function queries(
  mini: MiniSearch<Indexed>,
  count: number,
): Array<{ terms: string[]; boosts: Map<string, number> }> {
  const vocabulary = [...(mini as unknown as { _index: Map<string, unknown> })._index.keys()].sort();
  let seed = 7;
  const next = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  return Array.from({ length: count }, () => {
    const terms = [
      ...new Set(
        Array.from(
          { length: 1 + Math.floor(next() * 6) },
          () => vocabulary[Math.floor(next() * vocabulary.length)]!,
        ),
      ),
    ];
    const boosts = new Map(terms.map((term, i) => [term, i === 0 ? 1 : [1, 0.7, 0.5, 0.35][i % 4]!]));
    return { terms, boosts };
  });
}

describe("topMatches: MiniSearch's best results without its result objects", () => {
  it("gives the same passages with the same scores in the same order as MiniSearch's search", () => {
    const mini = indexOf(passages);
    for (const { terms, boosts } of queries(mini, 400)) {
      for (const limit of [1, 8, 300]) {
        expect(topMatches(mini, terms, boosts, limit)).toEqual(viaSearch(mini, terms, boosts, limit));
      }
    }
  });

  it("keeps MiniSearch's order among passages with equal scores", () => {
    // Identical passages score alike: the first indexed stays first, as MiniSearch's stable sort leaves them.
    const same = passages
      .slice(0, 1)
      .flatMap((p) => Array.from({ length: 12 }, (_, i) => ({ ...p, id: `${p.id}-copy${i}` })));
    const mini = indexOf([...same, ...passages.slice(1, 200)]);
    const terms = [...new Set((same[0]!.text.toLowerCase().match(/[a-z]{5,}/gu) ?? []).slice(0, 3))].map(
      (word) => (INDEX_OPTIONS.processTerm!(word) as string) ?? word,
    );
    const boosts = new Map<string, number>();
    for (const limit of [3, 5, 12, 50]) {
      const ours = topMatches(mini, terms, boosts, limit);
      expect(ours).toEqual(viaSearch(mini, terms, boosts, limit));
      expect(ours.length).toBeGreaterThan(0);
    }
  });

  it("scores an index with discarded passages not yet vacuumed as MiniSearch does, and leaves it as MiniSearch would", () => {
    const ours = indexOf(passages);
    const theirs = indexOf(passages);
    for (const mini of [ours, theirs]) {
      for (const passage of passages.filter((_, i) => i % 5 === 2)) mini.discard(passage.id);
    }
    for (const { terms, boosts } of queries(ours, 200)) {
      expect(topMatches(ours, terms, boosts, 300)).toEqual(viaSearch(theirs, terms, boosts, 300));
    }
    // The postings of the discarded passages it met are dropped as MiniSearch drops them.
    expect(JSON.stringify(ours)).toEqual(JSON.stringify(theirs));
  });

  it("finds nothing for terms no passage has", () => {
    const mini = indexOf(passages.slice(0, 50));
    expect(topMatches(mini, ["zzzqx", ""], new Map(), 10)).toEqual([]);
  });
});

describe("ordinalsByShortId: a match's passage without a lookup by id", () => {
  it("points each match at its passage, and follows the index when passages are added and discarded", () => {
    const ordered = passages.slice(0, 120);
    const mini = indexOf(ordered);
    const check = (list: Passage[]) => {
      const table = ordinalsByShortId(mini, list);
      for (const { terms, boosts } of queries(mini, 30)) {
        for (const match of topMatches(mini, terms, boosts, 50)) {
          const id = (mini as unknown as { _documentIds: Map<number, string> })._documentIds.get(
            match.shortId,
          );
          expect(list[table[match.shortId]!]?.id).toBe(id);
        }
      }
    };
    check(ordered);
    for (const passage of ordered.slice(0, 40)) mini.discard(passage.id);
    const added = passages.slice(120, 160);
    mini.addAll(added.map((p) => ({ id: p.id, text: p.text, section: p.section ?? "", title: p.doc.title })));
    check([...ordered.slice(40), ...added]);
  });
});

describe("best: the highest scores, highest first", () => {
  it("orders as a stable sort by descending score would, for any limit", () => {
    let seed = 11;
    const next = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    for (let round = 0; round < 200; round++) {
      const n = Math.floor(next() * 400);
      // Few distinct values, so that many scores tie.
      const scores = Float64Array.from({ length: n }, () => Math.floor(next() * 20) / 4);
      const sorted = [...scores.keys()].sort((x, y) => scores[y]! - scores[x]!);
      for (const limit of [1, 7, 50, 300, 1000]) expect(best(scores, limit)).toEqual(sorted.slice(0, limit));
    }
  });

  it("keeps equal scores in their order and cuts at the limit among them", () => {
    const scores = Float64Array.from([1, 3, 2, 3, 2, 2, 0]);
    expect(best(scores, 3)).toEqual([1, 3, 2]);
    expect(best(scores, 4)).toEqual([1, 3, 2, 4]);
    expect(best(scores, 10)).toEqual([1, 3, 2, 4, 5, 0, 6]);
    expect(best(scores, 0)).toEqual([]);
  });
});
