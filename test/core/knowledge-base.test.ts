import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { answerQuestion } from "../../src/core/answer/answer.ts";
import { openKnowledgeBase } from "../../src/core/knowledge-base.ts";
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
