import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { deserialize, serialize } from "node:v8";
import { afterEach, describe, expect, it } from "vitest";
import { answerQuestion } from "../../src/core/answer/answer.ts";
import { keyOf, knowledgeKey, openKnowledgeBase, sha256 } from "../../src/knowledge/open.ts";
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
    const file = (await readdir(cache)).find((name) => name.startsWith("index-"));
    await writeFile(path.join(cache, file!), "{ not an index");
    const reopened = await openKnowledgeBase("knowledge", { cacheDir: cache });
    expect(reopened.origin).toBe("built");
    expect(answerQuestion(reopened, "troop ceiling").found).toBe(true);
  });
});

describe("knowledgeKey", () => {
  const files = {
    "a.md": doc(
      { title: "A", source: "UN", date: "2022-01-01" },
      "The camp in Kidal hosts 300 peacekeepers.",
    ),
    "b.md": doc({ title: "B", source: "UN", date: "2022-02-01" }, "The camp in Gao hosts 900 peacekeepers."),
  };
  // Files written by a test were changed a moment ago: a clock an hour ahead makes their hashes settled.
  const later = () => Date.now() + 3_600_000;
  const hashesFile = (cache: string) => path.join(cache, "file-hashes.v8");

  it("takes an unchanged file's hash from the last start instead of reading it, and the same key results", async () => {
    const cache = await cacheDir();
    const dir = await knowledgeFolder(files);
    const read = await knowledgeKey(dir);
    expect(await knowledgeKey(dir, cache, later)).toBe(read);
    expect(await knowledgeKey(dir, cache, later)).toBe(read);
    // Proof that the remembered hash is what is used: a wrong one, for a file whose stat still matches, shows.
    const remembered = deserialize(await readFile(hashesFile(cache))) as {
      files: Map<string, { hash: string }>;
    };
    remembered.files.get("a.md")!.hash = sha256(Buffer.from("something else"));
    await writeFile(hashesFile(cache), serialize(remembered));
    expect(await knowledgeKey(dir, cache, later)).not.toBe(read);
  });

  it("reads a file again when it changed, even with its size and modification time put back", async () => {
    const cache = await cacheDir();
    const dir = await knowledgeFolder(files);
    const file = path.join(dir, "a.md");
    const before = await knowledgeKey(dir, cache, later);
    const { size, atime, mtime } = await stat(file);
    await writeFile(file, files["a.md"].replace("300", "400"));
    await utimes(file, atime, mtime);
    expect((await stat(file)).size).toBe(size);
    const after = await knowledgeKey(dir, cache, later);
    expect(after).not.toBe(before);
    expect(after).toBe(await knowledgeKey(dir));
  });

  it("reads a file again when it had changed just before it was last read (its hash may be of a half-written file)", async () => {
    const cache = await cacheDir();
    const dir = await knowledgeFolder(files);
    // Read as if at the moment the files were written: what was read may be half of a write.
    await knowledgeKey(dir, cache, () => 0);
    const remembered = deserialize(await readFile(hashesFile(cache))) as {
      files: Map<string, { hash: string }>;
    };
    remembered.files.get("a.md")!.hash = sha256(Buffer.from("something else"));
    await writeFile(hashesFile(cache), serialize(remembered));
    expect(await knowledgeKey(dir, cache, later)).toBe(await knowledgeKey(dir));
  });

  it("leaves out a file that cannot be read, as the key an update is persisted under does", async () => {
    const dir = await knowledgeFolder(files);
    await promisify(execFile)("mkfifo", [path.join(dir, "pipe.md")]);
    const key = await knowledgeKey(dir, await cacheDir());
    const readable = Object.entries(files).map(([name, text]) => [name, sha256(Buffer.from(text))] as const);
    expect(key).toBe(keyOf(readable));
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
