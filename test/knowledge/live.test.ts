import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { answerQuestion } from "../../src/core/answer/answer.ts";
import type { KnowledgeBase } from "../../src/core/knowledge-base.ts";
import { createDigestScheduler } from "../../src/digest/scheduler.ts";
import { KnowledgeBuilder } from "../../src/knowledge/builder.ts";
import { type LiveKnowledge, RELOAD_DEBOUNCE_MS, watchKnowledge } from "../../src/knowledge/live.ts";
import { openKnowledgeBase } from "../../src/knowledge/open.ts";
import { runShell } from "../../src/shell/shell.ts";
import { SqliteStore } from "../../src/state/sqlite.ts";
import { FakeClock } from "../digest/helpers/fake-clock.ts";
import { ATTACK_DOC, CEILING_DOC, LATE_DOC, writeDoc } from "../digest/helpers/knowledge.ts";
import { captureLog } from "../helpers/slack-fakes.ts";

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

// One build worker for the tests after the first (which uses the watcher's own): it loads the word list once.
const shared = new KnowledgeBuilder();
afterAll(() => shared.close());
const inWorker = (cacheDir: string) => (dir: string) => shared.build(dir, cacheDir);

/** A knowledge folder with two documents, its index cache, and the base opened from it as a start opens it. */
async function folder() {
  const work = await mkdtemp(path.join(tmpdir(), "minusma-live-"));
  cleanups.push(() => rm(work, { recursive: true, force: true }));
  const dir = path.join(work, "knowledge");
  const cacheDir = path.join(work, "state", "index");
  await mkdir(dir);
  await writeDoc(dir, CEILING_DOC);
  await writeDoc(dir, ATTACK_DOC);
  const kb = await openKnowledgeBase(dir, { cacheDir });
  return { work, dir, cacheDir, kb };
}

async function watch(kb: KnowledgeBase, options: Partial<Parameters<typeof watchKnowledge>[1]> = {}) {
  const capture = captureLog("debug");
  const live = await watchKnowledge(kb, { log: capture.log, ...options });
  cleanups.push(() => live.close());
  /** the watcher has seen a change to a file whose path ends with `name` (it logs each one it counts) */
  const saw = (name: string) => capture.at("debug").some((line) => line.includes(`${path.sep}${name};`));
  return { live, capture, saw };
}

/**
 * Waits until `check` returns something other than undefined or false, and returns it. The ceiling is for a
 * hang: how long a reload takes is measured in bench/, never here.
 */
async function eventually<T>(check: () => T | undefined | false, timeoutMs = 60_000): Promise<{ value: T }> {
  const start = performance.now();
  for (;;) {
    const value = check();
    if (value !== undefined && value !== false) return { value };
    if (performance.now() - start > timeoutMs) throw new Error(`nothing after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const hasDocument = (live: LiveKnowledge, id: string) => id in live.current().hashes;

describe("a bot that watches its knowledge folder (built in a worker thread)", () => {
  it("lists a document that lands in the shell's sources, and answers from it once reloaded", async () => {
    const { dir, cacheDir, kb } = await folder();
    const { live, capture } = await watch(kb, { cacheDir });
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = "";
    output.on("data", (chunk: Buffer) => {
      printed += chunk.toString();
    });
    const shell = runShell({ input, output, getKnowledgeBase: live.current });
    input.write("sources\n");
    await eventually(() => printed.includes("The documents I answer from"));
    expect(printed).not.toContain(LATE_DOC.title);

    await writeDoc(dir, LATE_DOC);
    await eventually(() => hasDocument(live, LATE_DOC.id));
    input.write(
      "sources\nHow many improvised explosive devices were used on the road between Gao and Ansongo?\n",
    );
    input.end();
    await shell;
    expect(printed).toContain(`  1. OCHA, "${LATE_DOC.title}", 10 Feb 2023`);
    expect(printed).toMatch(
      /over 68 improvised explosive devices .*\[1\]\n.*\n?\[1\] OCHA, "Explosive devices on the Gao road"/u,
    );
    expect(capture.at("info").join("\n")).toMatch(
      /\[minusma\] knowledge: reloaded .* in \d+ ms \(updated in place, \d+ ms to apply here\): 3 documents; added ied-2023$/u,
    );
  });

  it("gives the new document to the next digest", async () => {
    const { work, dir, cacheDir, kb } = await folder();
    const { live } = await watch(kb, { build: inWorker(cacheDir) });
    const clock = new FakeClock("2024-06-03T09:00:00Z");
    const scheduler = createDigestScheduler({
      channel: "C0DIGEST",
      time: "08:00",
      timeZone: "UTC",
      store: await SqliteStore.open(path.join(work, "state"), {
        log: { info: () => {}, warn: () => {} },
        role: "tool",
        instanceId: "live-test",
      }),
      getKnowledgeBase: live.current,
      post: async () => ({ ts: String(clock.now().getTime() / 1000) }),
      clock,
      log: { info: () => {}, warn: () => {}, error: () => {} },
    });
    const first = await scheduler.tick();
    expect(first.status).toBe("posted");

    await writeDoc(dir, LATE_DOC);
    await eventually(() => hasDocument(live, LATE_DOC.id));
    await clock.advance(24 * 3_600_000);
    const next = await scheduler.tick();
    if (next.status !== "posted") throw new Error(`expected a posted digest, got ${next.status}`);
    expect(next.digest.items.map((item) => [item.doc.id, item.status])).toEqual([["ied-2023", "new"]]);
  });

  it("logs a file that fails validation and keeps answering from the others", async () => {
    const { dir, cacheDir, kb } = await folder();
    const { live, capture } = await watch(kb, { cacheDir });
    await writeFile(path.join(dir, "broken.md"), "---\ntitle: No date\nsource: AFP\n---\n\nText.\n");
    await writeDoc(dir, LATE_DOC);
    await eventually(() => hasDocument(live, LATE_DOC.id));
    expect(capture.at("warn")).toEqual([
      expect.stringMatching(/\[minusma\] knowledge: skipped .*broken\.md: front matter: date is missing$/u),
    ]);
    expect(answerQuestion(live.current(), "troop ceiling").text).toContain("13,289");
  });

  it("keeps the documents it has when the folder is emptied, and says so", async () => {
    const { dir, cacheDir, kb } = await folder();
    const { live, capture } = await watch(kb, { cacheDir });
    await rm(path.join(dir, `${CEILING_DOC.id}.md`));
    await rm(path.join(dir, `${ATTACK_DOC.id}.md`));
    const warned = await eventually(() => capture.at("warn")[0]);
    expect(warned.value).toMatch(
      /knowledge: no usable documents left in .*, so the 2 documents loaded before are still used: put the files back or fix the ones skipped above$/u,
    );
    expect(live.current()).toBe(kb);
    expect(answerQuestion(live.current(), "troop ceiling").found).toBe(true);
  });

  it("keeps the documents it has when the folder itself goes away", async () => {
    const { dir, cacheDir, kb } = await folder();
    const { live, capture } = await watch(kb, { cacheDir });
    await rm(dir, { recursive: true });
    const warned = await eventually(() =>
      capture.at("warn").find((line) => line.includes("could not reload")),
    );
    expect(warned.value).toMatch(
      /knowledge: could not reload .* \(knowledge: cannot read the folder .*ENOENT.*\); still answering from the 2 documents loaded before$/u,
    );
    expect(live.current()).toBe(kb);
  });

  it("follows a change to the glossary (updated in place)", async () => {
    const { dir, cacheDir, kb } = await folder();
    const { live } = await watch(kb, { cacheDir });
    await writeFile(
      path.join(dir, "glossary.yml"),
      "synonyms:\n  - [IED, improvised explosive device]\nexamples: []\n",
    );
    const reloaded = await eventually(() => live.current().glossary.groups[0]);
    expect(reloaded.value.names).toEqual(["IED", "improvised explosive device"]);
  });
});

describe("swapping the knowledge base", () => {
  /** A build the test finishes by hand, to see what is answered while it runs. */
  function manualBuild(result: (dir: string) => Promise<KnowledgeBase>) {
    const calls: Array<{ dir: string; finished: boolean; finish: () => Promise<void> }> = [];
    const build = (dir: string) =>
      new Promise<KnowledgeBase>((resolve, reject) => {
        const call = {
          dir,
          finished: false,
          finish: () => {
            call.finished = true;
            return result(dir).then(resolve, reject);
          },
        };
        calls.push(call);
      });
    return { build, calls };
  }

  it("answers from the old base until the new one is complete, then from the new one", async () => {
    const { dir, kb } = await folder();
    const { build, calls } = manualBuild((folderDir) => openKnowledgeBase(folderDir));
    const { live } = await watch(kb, { build, debounceMs: 50 });
    await writeDoc(dir, LATE_DOC);
    await eventually(() => calls.length === 1);
    expect(live.current()).toBe(kb);
    expect(answerQuestion(live.current(), "troop ceiling").found).toBe(true);
    await calls[0]!.finish();
    await live.settled();
    expect(live.current()).not.toBe(kb);
    expect(hasDocument(live, LATE_DOC.id)).toBe(true);
  });

  it("rebuilds once for a burst of files, and again for a change made during a rebuild", async () => {
    const { dir, kb } = await folder();
    const { build, calls } = manualBuild((folderDir) => openKnowledgeBase(folderDir));
    // The debounce runs on a clock the test moves: "the folder has been quiet" is a step, not a wait.
    const clock = new FakeClock("2024-06-03T09:00:00Z");
    const { live, saw } = await watch(kb, { build, clock });
    const burst = [0, 1, 2, 3, 4].map((i) => ({
      ...LATE_DOC,
      id: `burst-${i}`,
      body: `${LATE_DOC.body}\nBurst ${i}.`,
    }));
    for (const doc of burst) await writeDoc(dir, doc);
    await eventually(() => burst.every((doc) => saw(`${doc.id}.md`)));
    expect(calls).toHaveLength(0);
    await clock.advance(RELOAD_DEBOUNCE_MS);
    expect(calls).toHaveLength(1);

    await writeDoc(dir, { ...LATE_DOC, id: "during" });
    await eventually(() => saw("during.md"));
    await clock.advance(RELOAD_DEBOUNCE_MS);
    // Seen and due, but a rebuild is running: it waits for that one rather than building twice at once.
    expect(calls).toHaveLength(1);
    await calls[0]!.finish();
    await eventually(() => calls.length === 2);
    // A file system may report a write twice (created, then written): any late report is one more rebuild of
    // the same files, run here until the folder is quiet.
    while (calls.some((call) => !call.finished) || clock.pending > 0) {
      for (const call of calls.filter((each) => !each.finished)) await call.finish();
      await clock.advance(RELOAD_DEBOUNCE_MS);
    }
    await live.settled();
    expect(Object.keys(live.current().hashes).sort()).toEqual(
      ["attack-2021", "burst-0", "burst-1", "burst-2", "burst-3", "burst-4", "ceiling-2019", "during"].sort(),
    );
  });

  it("ignores hidden files, such as the importer's temporary ones, and files that are not documents", async () => {
    const { dir, kb } = await folder();
    const { build, calls } = manualBuild((folderDir) => openKnowledgeBase(folderDir));
    const { capture, saw } = await watch(kb, { build, clock: new FakeClock("2024-06-03T09:00:00Z") });
    await writeFile(path.join(dir, ".new.md.1a2b.tmp"), "partial");
    await writeFile(path.join(dir, "notes.txt"), "not knowledge");
    // A document written after them: once the watcher has seen it, it has had the others' events too.
    await writeDoc(dir, LATE_DOC);
    await eventually(() => saw(`${LATE_DOC.id}.md`));
    expect(capture.at("debug").filter((line) => /\.tmp|notes\.txt/u.test(line))).toEqual([]);
    expect(calls).toHaveLength(0);
  });

  it("stops at close: a reload that was due is dropped, and later changes are not followed", async () => {
    const { dir, kb } = await folder();
    const { build, calls } = manualBuild((folderDir) => openKnowledgeBase(folderDir));
    const clock = new FakeClock("2024-06-03T09:00:00Z");
    const { live, saw } = await watch(kb, { build, clock });
    // A second watcher on the same folder, left open: when it has seen a change, the closed one would have.
    const witness = await watch(kb, {
      build: manualBuild((folderDir) => openKnowledgeBase(folderDir)).build,
    });
    await writeDoc(dir, LATE_DOC);
    await eventually(() => saw(`${LATE_DOC.id}.md`));
    await live.close();
    expect(clock.pending).toBe(0);
    await writeDoc(dir, { ...LATE_DOC, id: "after-close" });
    await eventually(() => witness.saw("after-close.md"));
    expect(saw("after-close.md")).toBe(false);
    expect(calls).toHaveLength(0);
    expect(live.current()).toBe(kb);
  });
});
