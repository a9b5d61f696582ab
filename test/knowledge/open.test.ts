import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { answerQuestion } from "../../src/core/answer/answer.ts";
import { openKnowledgeBase } from "../../src/knowledge/open.ts";
import { doc, knowledgeFolder } from "../helpers/knowledge-folder.ts";

const caches: string[] = [];
afterEach(async () => {
  await Promise.all(caches.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});
async function cacheDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "minusma-index-"));
  caches.push(dir);
  return dir;
}

describe("openKnowledgeBase with a persisted index", () => {
  it("builds once, then loads the persisted index and answers the same", async () => {
    const cache = await cacheDir();
    const first = await openKnowledgeBase("knowledge", { cacheDir: cache });
    const second = await openKnowledgeBase("knowledge", { cacheDir: cache });
    expect(first.origin).toBe("built");
    expect(second.origin).toBe("cache");
    expect(second.hashes).toEqual(first.hashes);
    for (const question of ["troop ceiling", "troop cieling", "Who is behind the bilateral partners?"]) {
      expect(answerQuestion(second, question)).toEqual(answerQuestion(first, question));
    }
  });

  it("rebuilds when a knowledge file changes and keeps a single index file", async () => {
    const cache = await cacheDir();
    const dir = await knowledgeFolder({
      "a.md": doc(
        { title: "A", source: "UN", date: "2022-01-01" },
        "The camp in Kidal hosts 300 peacekeepers.",
      ),
    });
    await openKnowledgeBase(dir, { cacheDir: cache });
    await writeFile(
      path.join(dir, "b.md"),
      doc({ title: "B", source: "UN", date: "2022-02-01" }, "The camp in Gao hosts 900 peacekeepers."),
    );
    const reopened = await openKnowledgeBase(dir, { cacheDir: cache });
    expect(reopened.origin).toBe("built");
    expect(answerQuestion(reopened, "How many peacekeepers in Gao?").text).toContain("900 peacekeepers");
    expect((await readdir(cache)).filter((f) => f.startsWith("index-"))).toHaveLength(1);
  });

  it("rebuilds rather than trusting a corrupt index file", async () => {
    const cache = await cacheDir();
    await openKnowledgeBase("knowledge", { cacheDir: cache });
    const [file] = await readdir(cache);
    await writeFile(path.join(cache, file!), "{ not json");
    const reopened = await openKnowledgeBase("knowledge", { cacheDir: cache });
    expect(reopened.origin).toBe("built");
    expect(answerQuestion(reopened, "troop ceiling").found).toBe(true);
  });
});

describe("the glossary", () => {
  const files = {
    "a.md": doc(
      { title: "A", source: "UN", date: "2022-01-01" },
      "Improvised explosive devices hit the convoy near Gao.",
    ),
    "glossary.yml": "synonyms:\n  - [IED, improvised explosive device]\nexamples: [IED near Gao]\n",
  };

  it("is kept with the persisted index, and read again when it changes, without rebuilding the index", async () => {
    const cache = await cacheDir();
    const dir = await knowledgeFolder(files);
    await openKnowledgeBase(dir, { cacheDir: cache });
    const again = await openKnowledgeBase(dir, { cacheDir: cache });
    expect(again.origin).toBe("cache");
    expect(answerQuestion(again, "IED").found).toBe(true);

    await writeFile(
      path.join(dir, "glossary.yml"),
      "synonyms:\n  - [roadside bomb, improvised explosive device]\n",
    );
    const edited = await openKnowledgeBase(dir, { cacheDir: cache });
    expect(edited.origin).toBe("cache");
    expect(edited.glossary.examples).toEqual([]);
    expect(answerQuestion(edited, "roadside bomb").found).toBe(true);
  });

  it("when broken, is reported like a broken document and the bot answers without synonyms", async () => {
    const cache = await cacheDir();
    const dir = await knowledgeFolder({ ...files, "glossary.yml": "synonyms: [" });
    for (const kb of [
      await openKnowledgeBase(dir, { cacheDir: cache }),
      await openKnowledgeBase(dir, { cacheDir: cache }),
    ]) {
      expect(kb.skipped).toEqual([
        {
          file: "glossary.yml",
          reason: expect.stringMatching(
            /^glossary: .*glossary\.yml is not valid YAML.*answering without synonyms/u,
          ),
        },
      ]);
      expect(kb.glossary.groups).toEqual([]);
      expect(answerQuestion(kb, "improvised explosive devices").found).toBe(true);
    }
  });
});

describe("openKnowledgeBase's progress", () => {
  it("reports each document read, then the passages indexed, when it builds; nothing when it loads", async () => {
    const dir = await knowledgeFolder({
      "a.md": doc({ title: "A", source: "AFP", date: "2023-01-01" }, "The convoy reached Gao on Monday."),
      "b.md": doc({ title: "B", source: "AFP", date: "2023-01-02" }, "The camp at Ber was handed over."),
      "broken.md": "no front matter",
    });
    const cache = await cacheDir();
    const steps: Array<{ stage: string; done: number; total: number }> = [];
    const kb = await openKnowledgeBase(dir, { cacheDir: cache, progress: (step) => steps.push(step) });
    expect(steps.filter((step) => step.stage === "reading")).toEqual([
      { stage: "reading", done: 1, total: 3 },
      { stage: "reading", done: 2, total: 3 },
      { stage: "reading", done: 3, total: 3 },
    ]);
    expect(steps.at(-1)).toEqual({
      stage: "indexing",
      done: kb.index.passages.size,
      total: kb.index.passages.size,
    });

    const again: unknown[] = [];
    const loaded = await openKnowledgeBase(dir, { cacheDir: cache, progress: (step) => again.push(step) });
    expect(loaded.origin).toBe("cache");
    expect(again).toEqual([]);
  });
});
