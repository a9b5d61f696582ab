import { afterEach, describe, expect, it } from "vitest";
import { buildCorpus } from "../../../src/core/digest/corpus.ts";
import { summarize } from "../../../src/core/digest/summary.ts";
import { openKnowledgeBase } from "../../../src/knowledge/open.ts";
import { ATTACK_DOC, openKb, tempDir, writeDoc } from "../../digest/helpers/knowledge.ts";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function corpusOf(body: string) {
  const { dir, remove } = await tempDir("summary");
  cleanups.push(remove);
  await writeDoc(dir, {
    id: "doc",
    title: "Convoy attacked near Tessit",
    source: "Test",
    date: "2024-01-01",
    body,
  });
  await writeDoc(dir, ATTACK_DOC);
  const kb = await openKb(dir);
  return buildCorpus(kb.index.passages.values());
}

describe("summarize", () => {
  it("chooses informative sentences, not simply the first two", async () => {
    const corpus = await corpusOf(`
It was a long week.

This was reported on Friday.

A MINUSMA logistics convoy was attacked near Tessit by gunmen who fired on the lead vehicles of the convoy.

The convoy carried fuel and food for the Tessit camp, and three trucks of the convoy were burned in the attack near Tessit.

Officials said more details would follow in due course.
`);
    const summary = summarize(corpus.sentences.get("doc")!, corpus);
    expect(summary).toHaveLength(2);
    expect(summary.join(" ")).not.toContain("It was a long week");
    expect(summary.join(" ")).not.toContain("This was reported");
    expect(summary[0]).toMatch(/^A MINUSMA logistics convoy was attacked/u);
    expect(summary[1]).toMatch(/^The convoy carried fuel/u);
  });

  it("does not give two sentences that say the same thing", async () => {
    const corpus = await corpusOf(`
A MINUSMA logistics convoy was attacked near Tessit by gunmen on Monday morning.

A MINUSMA logistics convoy was attacked near Tessit by gunmen on Monday, officials said.

The fuel and food that the convoy carried were meant for the camp at Tessit and for nearby villages.
`);
    const summary = summarize(corpus.sentences.get("doc")!, corpus);
    expect(summary).toHaveLength(2);
    expect(summary.filter((sentence) => sentence.includes("was attacked near Tessit"))).toHaveLength(1);
    expect(summary.join(" ")).toContain("The fuel and food");
  });

  it("keeps the document's order and words", async () => {
    const corpus = await corpusOf(ATTACK_DOC.body);
    const summary = summarize(corpus.sentences.get("doc")!, corpus);
    const text = ATTACK_DOC.body.replace(/\s+/gu, " ");
    for (const sentence of summary) expect(text).toContain(sentence);
    expect(text.indexOf(summary[0]!)).toBeLessThan(text.indexOf(summary[1]!));
  });

  it("skips the letter formula that opens a Secretary-General's letter", async () => {
    const kb = await openKnowledgeBase("knowledge");
    const corpus = buildCorpus(kb.index.passages.values());
    const summary = summarize(
      corpus.sentences.get("2021-06-01-s-2021-520-letter-on-minusma-operations")!,
      corpus,
    );
    expect(summary).toHaveLength(2);
    expect(summary.join(" ")).not.toMatch(/I have the honour/u);
  });

  it("gives what there is when a document has a single sentence", async () => {
    const corpus = await corpusOf("Peacekeepers repelled an attack on the camp at Tessit overnight.");
    expect(summarize(corpus.sentences.get("doc")!, corpus)).toEqual([
      "Peacekeepers repelled an attack on the camp at Tessit overnight.",
    ]);
    expect(summarize([], corpus)).toEqual([]);
  });
});

describe("summarize leads with the document's lead sentence", () => {
  it("gives a press release's first sentence first, after its title, meeting line and subtitle", async () => {
    const corpus = await corpusOf(`
SC/15341

30 June 2023

9365th Meeting (AM)

Security Council Terminates Mandate of United Nations Mission in Mali, Unanimously Adopting Resolution 2690 (2023)

Mission to Cease Operations, Transfer Tasks and Withdraw Personnel by End of Year

The Security Council today terminated the mandate of the United Nations Mission in Mali (MINUSMA) as of 30 June, two weeks after the transitional Government requested its withdrawal.

Unanimously adopting resolution 2690 (2023), the Council decided that MINUSMA would withdraw its personnel from Tessit and every other camp by 31 December 2023.

The representative of Mali said that his Government had taken note of the decision and would cooperate.
`);
    const summary = summarize(corpus.sentences.get("doc")!, corpus);
    expect(summary[0]).toBe(
      "The Security Council today terminated the mandate of the United Nations Mission in Mali (MINUSMA) as of 30 June, two weeks after the transitional Government requested its withdrawal.",
    );
    expect(summary.join(" ")).not.toMatch(/Meeting|Terminates Mandate|Cease Operations|SC\/15341/u);
  });

  it("gives a wire story's lead without its dateline or by-line", async () => {
    const corpus = await corpusOf(`
UN peacekeepers leave Tessit camp early amid fighting

By Jane Doe

BAMAKO, Aug 14 (Reuters) - United Nations peacekeepers left their camp at Tessit on Sunday, earlier than planned, because of fighting between the army and armed groups.

The convoy was attacked twice on its way to Gao, and three peacekeepers were wounded near Tessit, the mission said.
`);
    const summary = summarize(corpus.sentences.get("doc")!, corpus);
    expect(summary[0]).toMatch(/^United Nations peacekeepers left their camp at Tessit on Sunday/u);
  });

  it("leaves out a report's paragraph number", async () => {
    const corpus = await corpusOf(`
## I. Introduction

1. By its resolution 2640 (2022), the Security Council extended the mandate of MINUSMA until 30 June 2023 and requested me to report on the convoy attacks near Tessit.

2. The security situation around Tessit deteriorated, with three attacks on convoys and two on the camp itself during the period.
`);
    const summary = summarize(corpus.sentences.get("doc")!, corpus);
    expect(summary[0]).toMatch(/^By its resolution 2640 \(2022\)/u);
  });
});
