import { afterEach, describe, expect, it } from "vitest";
import { buildCorpus } from "../../../src/core/digest/corpus.ts";
import {
  FIGURE_CHARS,
  figureText,
  findFigures,
  keyFigures,
  MAX_FIGURES,
} from "../../../src/core/digest/figures.ts";
import { openKnowledgeBase } from "../../../src/knowledge/open.ts";
import {
  ATTACK_DOC,
  CEILING_DOC,
  LATE_DOC,
  openKb,
  tempDir,
  writeDoc,
} from "../../digest/helpers/knowledge.ts";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const kinds = (sentence: string) => findFigures(sentence).map((m) => `${m.value} ${m.kind}`);

describe("findFigures", () => {
  it("reads troop and police ceilings, deployed personnel and peacekeepers killed", () => {
    expect(
      kinds(
        "The mission should be extended with its troop ceiling of 13,289 unchanged along with the maximum deployment of 1,920 police.",
      ),
    ).toEqual(["13,289 troop-ceiling", "1,920 police-ceiling"]);
    expect(
      kinds(
        "There are about 14,700 troops and police deployed in Mali, with 125 peacekeepers killed since 2013.",
      ),
    ).toEqual(["14,700 deployed-personnel", "125 peacekeepers-killed"]);
  });

  it("reads casualties and incidents", () => {
    expect(kinds("At least 157 people, including 46 children, were massacred in Ogossagou.")).toEqual([
      "157 casualties",
      "46 casualties",
    ]);
    expect(kinds("Over 68 improvised explosive devices have been used in Mali this year.")).toEqual([
      "68 incidents",
    ]);
  });

  it("ignores years, days of the month, times, symbols, ordinals and references", () => {
    expect(findFigures("The council will vote on June 27 and again on 3 July 2024 at 10:30.")).toEqual([]);
    expect(
      findFigures("As outlined in S/2021/519 and resolution 2531 (2020), the COVID-19 response continued."),
    ).toEqual([]);
    expect(findFigures("It was the 20th attack since 2013 on the camp.")).toEqual([]);
  });

  it("does not count vehicles as people", () => {
    expect(findFigures("Out of 40 armoured personnel carriers, 22 are unserviceable.")).toEqual([]);
  });

  it("does not take a number for a figure about people because people are named before it", () => {
    expect(
      findFigures("MINUSMA police have conducted 20 performance assessment reports since January."),
    ).toEqual([]);
  });
});

describe("figureText", () => {
  it("keeps a short sentence whole and cuts a long one to the clauses with its figures", () => {
    const short = "About 14,700 troops and police are deployed.";
    expect(figureText(short, findFigures(short))).toBe(short);
    const long = `${"The Mission, which has worked in difficult conditions across the north and the centre of the country, ".repeat(3)}reported that 125 peacekeepers were killed in attacks, ${"according to figures compiled by the Department of Peace Operations and shared with the Council, ".repeat(2)}in its latest report.`;
    const text = figureText(long, findFigures(long));
    expect(text.length).toBeLessThanOrEqual(FIGURE_CHARS);
    expect(text).toContain("125 peacekeepers were killed");
    expect(text.startsWith("…")).toBe(true);
  });
});

describe("keyFigures", () => {
  it("gives the headline figures of the real knowledge base, each once, with its document", async () => {
    const kb = await openKnowledgeBase("knowledge");
    const corpus = buildCorpus(kb.index.passages.values());
    const figures = keyFigures(corpus.sentences, kb.index.documents, { newDocs: new Set() });
    expect(figures.length).toBeGreaterThan(0);
    expect(figures.length).toBeLessThanOrEqual(MAX_FIGURES);
    const all = figures.flatMap((f) => f.kinds);
    for (const kind of [
      "troop-ceiling",
      "police-ceiling",
      "deployed-personnel",
      "peacekeepers-killed",
    ] as const) {
      expect(all).toContain(kind);
    }
    const ceiling = figures.find((f) => f.kinds.includes("troop-ceiling"))!;
    expect(ceiling.text).toContain("13,289");
    expect(ceiling.doc.id).toBe("2019-06-01-guterres-warns-of-atrocity-risk-in-mali");
    expect(new Set(figures.map((f) => f.text)).size).toBe(figures.length);
    // Headline figures come first, in a fixed order.
    expect(figures[0]!.kinds).toContain("troop-ceiling");
  });

  it("gives the newest document's statement of a headline figure and drops the older one", async () => {
    const { dir, remove } = await tempDir("figures");
    cleanups.push(remove);
    await writeDoc(dir, CEILING_DOC);
    await writeDoc(dir, {
      id: "ceiling-2017",
      title: "Council raises the ceiling",
      source: "UN News",
      date: "2017-06-29",
      body: "The Council set the troop ceiling of 13,289 military personnel for the mission in its resolution adopted on Thursday.",
    });
    const kb = await openKb(dir);
    const corpus = buildCorpus(kb.index.passages.values());
    const figures = keyFigures(corpus.sentences, kb.index.documents, { newDocs: new Set() });
    const ceilings = figures.filter((f) => f.kinds.includes("troop-ceiling"));
    expect(ceilings).toHaveLength(1);
    expect(ceilings[0]!.doc.id).toBe("ceiling-2019");
  });

  it("gives figures from the new documents a place", async () => {
    const { dir, remove } = await tempDir("figures");
    cleanups.push(remove);
    for (const doc of [CEILING_DOC, ATTACK_DOC, LATE_DOC]) await writeDoc(dir, doc);
    const kb = await openKb(dir);
    const corpus = buildCorpus(kb.index.passages.values());
    const figures = keyFigures(corpus.sentences, kb.index.documents, {
      newDocs: new Set(["ied-2023"]),
      max: 3,
    });
    expect(figures.map((f) => f.doc.id)).toContain("ied-2023");
    expect(figures).toHaveLength(3);
  });
});
