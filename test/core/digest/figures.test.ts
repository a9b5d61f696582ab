import { copyFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { buildCorpus } from "../../../src/core/digest/corpus.ts";
import { buildDigest } from "../../../src/core/digest/digest.ts";
import {
  FIGURE_CHARS,
  figureText,
  findFigures,
  findRoleHolders,
  type KeyFigure,
  keyFigures,
  MAX_FIGURES,
} from "../../../src/core/digest/figures.ts";
import { citedFigure } from "../../../src/core/digest/render.ts";
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

describe("key figures: one line per topic, newest first", () => {
  const DOCS = [
    {
      id: "res-2013",
      title: "Council establishes MINUSMA",
      source: "UN",
      date: "2013-04-25",
      body: "The Council decided that MINUSMA would have a troop ceiling of 11,200 military personnel and 1,440 police.\n\nMINUSMA is led by Bert Koenders of the Netherlands, the Special Representative for Mali.",
    },
    {
      id: "report-2021",
      title: "Report on MINUSMA",
      source: "UN",
      date: "2021-03-30",
      body: "Since 2013, 148 peacekeepers have been killed in hostile acts in Mali.\n\nDuring the reporting period, 9 peacekeepers were killed in attacks on MINUSMA convoys.\n\nThe head of MINUSMA, Mahamat Saleh Annadif, said the Mission would stay.",
    },
    {
      id: "res-2016",
      title: "Council raises MINUSMA ceiling",
      source: "UN",
      date: "2016-06-29",
      body: "The Council raised the troop ceiling of MINUSMA to 13,289 military personnel and its police ceiling to 1,920 police.",
    },
    {
      id: "news-2024",
      title: "MINUSMA completes withdrawal",
      source: "UN News",
      date: "2024-01-02",
      body: "MINUSMA left Mali with 311 peacekeepers killed during its decade in the country.\n\nEl-Ghassim Wane, the Special Representative and head of the mission, lowered the flag in Bamako.",
    },
    {
      id: "congo-2023",
      title: "MONUSCO renewed",
      source: "UN News",
      date: "2023-12-19",
      body: "The Council kept the troop ceiling of MONUSCO at 13,500 military personnel and 591 police.",
    },
  ];

  async function figuresOf() {
    const { dir, remove } = await tempDir("topics");
    cleanups.push(remove);
    for (const d of DOCS) await writeDoc(dir, d);
    await copyFile("knowledge/glossary.yml", path.join(dir, "glossary.yml"));
    const kb = await openKnowledgeBase(dir);
    return buildDigest(kb, { day: "2024-06-03", previous: null }).figures;
  }
  const line = (figures: KeyFigure[], kind: string) => figures.filter((f) => f.kinds.includes(kind as never));

  it("gives each topic from the newest document, with an older different value and its date", async () => {
    const figures = await figuresOf();
    const troops = line(figures, "troop-ceiling");
    expect(troops).toHaveLength(1);
    expect(troops[0]!.doc.id).toBe("res-2016");
    expect(troops[0]!.earlier).toMatchObject({ value: "11,200", doc: { id: "res-2013" } });
    expect(citedFigure(troops[0]!)).toMatch(/13,289.*Earlier: 11,200 \(UN, as of 25 Apr 2013\)\.$/u);
  });

  it("compares a running total only with an older running total, not one period's toll", async () => {
    const killed = line(await figuresOf(), "peacekeepers-killed");
    expect(killed[0]!.doc.id).toBe("news-2024");
    expect(killed[0]!.earlier).toMatchObject({ value: "148", doc: { id: "report-2021" } });
  });

  it("names the head of mission from the newest document, and the one before", async () => {
    const head = line(await figuresOf(), "head-of-mission");
    expect(head).toHaveLength(1);
    expect(head[0]!.values).toEqual(["El-Ghassim Wane"]);
    expect(head[0]!.earlier).toMatchObject({ value: "Mahamat Saleh Annadif", doc: { id: "report-2021" } });
  });

  it("leaves another mission's figures out of the briefing's key figures", async () => {
    const figures = await figuresOf();
    expect(figures.some((f) => f.doc.id === "congo-2023")).toBe(false);
    expect(figures.map((f) => f.earlier?.value)).not.toContain("13,500");
  });
});

describe("findRoleHolders", () => {
  it("finds the person named next to the role, past titles and other names", () => {
    const holders = (s: string) => findRoleHolders(s).map((m) => m.value);
    expect(
      holders("The head of MINUSMA, Mahamat Saleh Annadif, said the peacekeepers had shown courage."),
    ).toEqual(["Mahamat Saleh Annadif"]);
    expect(
      holders(
        "MINUSMA is led by Bert Koenders of the Netherlands, while Major General Jean Bosco Kazura of Rwanda commands the force.",
      ),
    ).toEqual(["Bert Koenders"]);
    expect(holders("The Mission's mandate was renewed for a year.")).toEqual([]);
  });
});
