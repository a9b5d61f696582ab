import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { KnowledgeError } from "../../src/core/knowledge/files.ts";
import { KnowledgeBuilder } from "../../src/knowledge/builder.ts";
import { openKnowledgeBase } from "../../src/knowledge/open.ts";

const KNOWLEDGE = path.resolve(import.meta.dirname, "../../knowledge");
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe("KnowledgeBuilder", () => {
  it("builds in a worker thread what the main thread would build, and persists the index for the next start", async () => {
    const cache = await mkdtemp(path.join(tmpdir(), "minusma-builder-"));
    cleanups.push(() => rm(cache, { recursive: true, force: true }));
    const builder = new KnowledgeBuilder();
    cleanups.push(() => builder.close());
    const built = await builder.build(KNOWLEDGE, cache);
    const local = await openKnowledgeBase(KNOWLEDGE);
    expect(built.origin).toBe("built");
    expect(built.hashes).toEqual(local.hashes);
    expect([...built.index.passages.keys()]).toEqual([...local.index.passages.keys()]);
    expect((await readdir(cache)).filter((file) => file.startsWith("index-"))).toHaveLength(1);
    expect((await openKnowledgeBase(KNOWLEDGE, { cacheDir: cache })).origin).toBe("cache");
  });

  it("passes on a folder that cannot be read as a KnowledgeError, and builds again afterwards", async () => {
    const builder = new KnowledgeBuilder();
    cleanups.push(() => builder.close());
    const error = await builder.build("/nonexistent/knowledge", undefined).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KnowledgeError);
    expect((error as Error).message).toMatch(
      /^knowledge: cannot read the folder \/nonexistent\/knowledge \(ENOENT\)/u,
    );
    expect((await builder.build(KNOWLEDGE, undefined)).index.documents).toHaveLength(3);
  });

  it("stops an idle worker and starts a new one when asked again", async () => {
    const builder = new KnowledgeBuilder({ idleMs: 10 });
    cleanups.push(() => builder.close());
    // A folder that is not there fails fast, before any document is read: enough to see each worker answer.
    const missing = () =>
      builder.build("/nonexistent/knowledge", undefined).catch((error: Error) => error.name);
    expect(await missing()).toBe("KnowledgeError");
    // Waits for the idle worker to stop (the test's ceiling catches one that never does).
    while (builder.running) await new Promise((resolve) => setTimeout(resolve, 10));
    const again = missing();
    expect(builder.running).toBe(true);
    expect(await again).toBe("KnowledgeError");
  });

  it("does not fail a new build when the worker stopped for idleness ends after it was asked", async () => {
    // With no idle time the worker is stopped as soon as it answers, so every next build races its end.
    const builder = new KnowledgeBuilder({ idleMs: 0 });
    cleanups.push(() => builder.close());
    const missing = () =>
      builder.build("/nonexistent/knowledge", undefined).then(
        () => "built",
        (error: Error) => error.name,
      );
    const outcomes: string[] = [];
    for (let i = 0; i < 5; i++) {
      outcomes.push(await missing());
      // A timer set now runs just after the idle stop, so the next build is asked while the old worker ends.
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    expect(outcomes).toEqual(Array(5).fill("KnowledgeError"));
  });

  it("abandons a build in progress when closed", async () => {
    const builder = new KnowledgeBuilder();
    const outcome = builder.build(KNOWLEDGE, undefined).catch((error: unknown) => error);
    await builder.close();
    expect(await outcome).toEqual(new Error("knowledge: the build was stopped because the bot is stopping"));
  });
});
