import { deserialize, serialize } from "node:v8";
import { beforeAll, describe, expect, it } from "vitest";
import type { DocumentMeta, Passage } from "../../../src/core/knowledge/schema.ts";
import { buildGlossary } from "../../../src/core/search/glossary.ts";
import {
  buildPassageIndex,
  deserializePassageIndex,
  type PassageIndex,
  POSTINGS_BUDGET,
  serializePassageIndex,
  updatePassageIndex,
} from "../../../src/core/search/passage-index.ts";
import { parseQuery } from "../../../src/core/search/query.ts";
import { planRetrieval, searchPassages } from "../../../src/core/search/search.ts";

// A knowledge base bigger than the postings budget, where some words are in nearly every passage: no question
// may make the search score more passages than the budget, whatever its words.

const doc: DocumentMeta = {
  id: "big",
  title: "Situation report",
  source: "UN",
  date: "2022-01-01",
  approximateDate: false,
  url: null,
  symbol: null,
};

const PASSAGES = POSTINGS_BUDGET + 1_500;

function passages(): Passage[] {
  return Array.from({ length: PASSAGES }, (_, i) => {
    const words = [
      "The mission reported incidents in the region",
      i % 2 === 0 ? "with patrols along the river" : "near the market",
      i % 3 === 0 ? "and peacekeepers escorted convoys" : "",
      i === 4_321 ? "where the bridge at Wabaria collapsed" : "",
      // A long tail of words, so passages differ in length.
      Array.from({ length: i % 7 }, (_, k) => `detail${(i + k) % 50}`).join(" "),
    ];
    return { id: `big#${i + 1}`, doc, section: null, text: `${words.join(" ")}.` };
  });
}

let index: PassageIndex;
beforeAll(() => {
  index = buildPassageIndex([doc], passages());
});

const concepts = (question: string) => parseQuery(question, index.vocabulary, buildGlossary([], [])).concepts;

describe("the postings budget", () => {
  it("holds for a question made only of words in nearly every passage, which still finds passages with all of them", () => {
    const question = "mission reported region";
    const plan = planRetrieval(index, concepts(question));
    expect(plan.terms.size).toBe(0);
    expect(plan.scored).toBeLessThanOrEqual(POSTINGS_BUDGET);
    const hits = searchPassages(index, concepts(question), 5);
    expect(hits.length).toBeGreaterThan(0);
    for (const hit of hits) expect(hit.coverage).toBe(1);
  });

  it("holds when the rarest word of the question is itself over the budget", () => {
    const plan = planRetrieval(index, concepts("patrols near the river in the region"));
    expect(plan.scored).toBeLessThanOrEqual(POSTINGS_BUDGET);
  });

  it("holds for a word being typed that starts common words", () => {
    // "regio": the start of "region", which every passage has.
    const typed = concepts("regio");
    expect(typed[0]?.prefixes).toHaveLength(1);
    const plan = planRetrieval(index, typed);
    expect(plan.scored).toBeLessThanOrEqual(POSTINGS_BUDGET);
    expect(searchPassages(index, typed, 3).length).toBeGreaterThan(0);
  });

  it("still searches a rare word exactly, next to common ones", () => {
    const question = "Wabaria bridge mission region";
    const plan = planRetrieval(index, concepts(question));
    expect(plan.scored).toBeLessThanOrEqual(POSTINGS_BUDGET);
    expect(searchPassages(index, concepts(question), 1)[0]?.passage.id).toBe("big#4322");
  });

  it("keeps the bounded lists of common words through the persisted index", () => {
    const restored = deserializePassageIndex(deserialize(serialize(serializePassageIndex(index))));
    const question = "mission reported region";
    expect(searchPassages(restored, concepts(question), 5).map((hit) => hit.passage.id)).toEqual(
      searchPassages(index, concepts(question), 5).map((hit) => hit.passage.id),
    );
  });

  it("holds after an update in place, whose new passages join the common words' lists", () => {
    const own = buildPassageIndex([doc], passages());
    const extra: DocumentMeta = { ...doc, id: "extra", title: "Extra" };
    const added: Passage[] = [
      {
        id: "extra#1",
        doc: extra,
        section: null,
        text: "The mission reported incidents in the region around Zorbak.",
      },
    ];
    const updated = updatePassageIndex(own, new Set(["nothing"]), [extra], added);
    const ask = (question: string) =>
      parseQuery(question, updated.vocabulary, buildGlossary([], [])).concepts;
    expect(planRetrieval(updated, ask("mission reported region")).scored).toBeLessThanOrEqual(
      POSTINGS_BUDGET,
    );
    expect(searchPassages(updated, ask("Zorbak mission region"), 1)[0]?.passage.id).toBe("extra#1");
    expect(searchPassages(updated, ask("mission reported region"), 3).length).toBeGreaterThan(0);
  });
});
