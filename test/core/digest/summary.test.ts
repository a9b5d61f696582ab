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
