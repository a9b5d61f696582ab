import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { answerQuestion } from "../../src/core/answer/answer.ts";
import { applyUpdate, type KnowledgeBase } from "../../src/core/knowledge-base.ts";
import { KnowledgeBuilder } from "../../src/knowledge/builder.ts";
import { openKnowledgeBase } from "../../src/knowledge/open.ts";
import { readGolden } from "../golden/golden.ts";
import { doc } from "../helpers/knowledge-folder.ts";

// An update applied in place gives the knowledge base a fresh open of the folder would give: the same
// documents, passages and answers, and a persisted index the next start loads.

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function copyOfKnowledge() {
  const work = await mkdtemp(path.join(tmpdir(), "minusma-updates-"));
  cleanups.push(() => rm(work, { recursive: true, force: true }));
  const dir = path.join(work, "knowledge");
  await cp("knowledge", dir, { recursive: true });
  return { dir, cacheDir: path.join(work, "state", "index") };
}

const CEILING = "2019-06-01-guterres-warns-of-atrocity-risk-in-mali.md";
const REPORT = "2022-04-01-un-report-mali-operations-disastrous-for-civilians.md";
const NEW_DOC = doc(
  { title: "Operation Zorbak", source: "UN", date: "2024-05-01" },
  "Operation Zorbak was launched in April 2024 to secure the road between Gao and Ansongo, with 420 troops.",
);

function sameAnswers(updated: KnowledgeBase, fresh: KnowledgeBase): void {
  const questions = readGolden(path.resolve(import.meta.dirname, "../golden/questions.jsonl"));
  for (const question of [...questions.map((q) => q.text), "When was Operation Zorbak launched?"]) {
    const a = answerQuestion(updated, question);
    const b = answerQuestion(fresh, question);
    expect({ question, text: a.text, found: a.found }).toEqual({ question, text: b.text, found: b.found });
  }
}

describe("updating the knowledge base in place", () => {
  it("adds, changes and removes documents as a fresh open would, and persists the result for the next start", async () => {
    const { dir, cacheDir } = await copyOfKnowledge();
    const kb = await openKnowledgeBase(dir, { cacheDir });
    const builder = new KnowledgeBuilder();
    cleanups.push(() => builder.close());
    await builder.adopt(kb, cacheDir);

    await writeFile(path.join(dir, "zorbak.md"), NEW_DOC);
    const letter = await readFile(path.join(dir, CEILING), "utf8");
    await writeFile(path.join(dir, CEILING), letter.replace(/13,289/gu, "14,000"));
    await rm(path.join(dir, REPORT));
    const outcome = await builder.update(dir, cacheDir);
    if (outcome.kind !== "update") throw new Error(`expected an update, got ${outcome.kind}`);
    expect(outcome.update.removed.sort()).toHaveLength(2);
    expect(outcome.update.documents.map((d) => d.title)).toContain("Operation Zorbak");

    const updated = applyUpdate(kb, outcome.update);
    const fresh = await openKnowledgeBase(dir);
    expect(updated.hashes).toEqual(fresh.hashes);
    expect([...updated.index.passages.keys()].sort()).toEqual([...fresh.index.passages.keys()].sort());
    expect(updated.index.documents.map((d) => d.id).sort()).toEqual(
      fresh.index.documents.map((d) => d.id).sort(),
    );
    sameAnswers(updated, fresh);
    expect(answerQuestion(updated, "troop ceiling").text).toContain("14,000");

    // Nothing more changed: nothing to do.
    expect((await builder.update(dir, cacheDir)).kind).toBe("none");
    // The worker persists the updated index in the background; the next start loads it.
    let reopened = await openKnowledgeBase(dir, { cacheDir });
    for (let i = 0; reopened.origin !== "cache" && i < 100; i++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      reopened = await openKnowledgeBase(dir, { cacheDir });
    }
    expect(reopened.origin).toBe("cache");
    sameAnswers(reopened, fresh);
  });

  it("reports a broken file without touching the rest, and takes it once it is fixed", async () => {
    const { dir, cacheDir } = await copyOfKnowledge();
    const kb = await openKnowledgeBase(dir, { cacheDir });
    const builder = new KnowledgeBuilder();
    cleanups.push(() => builder.close());
    await builder.adopt(kb, cacheDir);
    await writeFile(path.join(dir, "zorbak.md"), "---\ntitle: No date\nsource: UN\n---\n\nText.\n");
    const broken = await builder.update(dir, cacheDir);
    if (broken.kind !== "update") throw new Error(`expected an update, got ${broken.kind}`);
    const withBroken = applyUpdate(kb, broken.update);
    expect(withBroken.skipped).toEqual([{ file: "zorbak.md", reason: "front matter: date is missing" }]);
    expect(withBroken.hashes).toEqual(kb.hashes);

    await writeFile(path.join(dir, "zorbak.md"), NEW_DOC);
    const fixed = await builder.update(dir, cacheDir);
    if (fixed.kind !== "update") throw new Error(`expected an update, got ${fixed.kind}`);
    const updated = applyUpdate(withBroken, fixed.update);
    expect(updated.skipped).toEqual([]);
    expect(answerQuestion(updated, "When was Operation Zorbak launched?").found).toBe(true);
  });

  it("sends the new glossary when only the glossary changed", async () => {
    const { dir, cacheDir } = await copyOfKnowledge();
    const kb = await openKnowledgeBase(dir, { cacheDir });
    const builder = new KnowledgeBuilder();
    cleanups.push(() => builder.close());
    await builder.adopt(kb, cacheDir);
    await writeFile(
      path.join(dir, "glossary.yml"),
      "synonyms:\n  - [Zorbak, operation zorbak]\nexamples: [Zorbak?]\n",
    );
    const outcome = await builder.update(dir, cacheDir);
    if (outcome.kind !== "update") throw new Error(`expected an update, got ${outcome.kind}`);
    expect(outcome.update.removed).toEqual([]);
    expect(outcome.update.glossary).toEqual({
      synonyms: [["Zorbak", "operation zorbak"]],
      examples: ["Zorbak?"],
      subject: null,
    });
    expect(applyUpdate(kb, outcome.update).glossary.examples).toEqual(["Zorbak?"]);
  });
});
