import { beforeAll, describe, expect, it } from "vitest";
import { loadKnowledge } from "../../../src/core/knowledge/load.ts";
import { splitPassages } from "../../../src/core/knowledge/passages.ts";
import type { Passage } from "../../../src/core/knowledge/schema.ts";
import { PassageAnalyzer } from "../../../src/core/search/analysis.ts";
import { LIBRARY_DOCS } from "../../library/library.ts";

let passages: Passage[];
beforeAll(async () => {
  passages = (await loadKnowledge(LIBRARY_DOCS)).documents.flatMap(splitPassages);
});

describe("PassageAnalyzer", () => {
  it("cuts a passage into sentences, each with its stemmed content terms", () => {
    const analysis = new PassageAnalyzer().analyze({
      ...passages[0]!,
      text: "Peacekeepers patrolled Gao. Mr. Wane said 13,289 troops were deployed.",
    });
    expect(analysis.sentences).toEqual([
      "Peacekeepers patrolled Gao.",
      "Mr. Wane said 13,289 troops were deployed.",
    ]);
    expect(analysis.terms).toEqual([
      ["peacekeep", "patrol", "gao"],
      ["mr", "wane", "13289", "troop", "deploi"],
    ]);
  });

  it("gives a neighbour's first and last sentences as its whole analysis has them, read or not", () => {
    const fresh = new PassageAnalyzer();
    const whole = new PassageAnalyzer();
    for (const passage of passages) {
      const analysis = whole.analyze(passage);
      const expected = {
        first: { sentence: analysis.sentences[0], terms: analysis.terms[0] },
        last: { sentence: analysis.sentences.at(-1), terms: analysis.terms.at(-1) },
      };
      expect(fresh.edges(passage)).toEqual(expected);
      // Asked again (remembered), and from an analyzer that has the whole analysis at hand.
      expect(fresh.edges(passage)).toEqual(expected);
      expect(whole.edges(passage)).toEqual(expected);
    }
  });

  it("gives one sentence as both edges of a passage of one sentence, and none for a passage without text", () => {
    const analyzer = new PassageAnalyzer();
    const one = analyzer.edges({ ...passages[0]!, id: "x#1", text: "The convoy reached Kidal." });
    expect(one?.first).toEqual({
      sentence: "The convoy reached Kidal.",
      terms: ["convoi", "reach", "kidal"],
    });
    expect(one?.last).toEqual(one?.first);
    expect(analyzer.edges({ ...passages[0]!, id: "x#2", text: "" })).toBeNull();
  });

  it("keeps at most its capacity of passages, and still answers for those it let go", () => {
    const analyzer = new PassageAnalyzer(5);
    const some = passages.slice(0, 12);
    const first = some.map((passage) => analyzer.edges(passage));
    expect(some.map((passage) => analyzer.edges(passage))).toEqual(first);
  });
});
