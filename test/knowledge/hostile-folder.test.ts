import { execFile, spawn } from "node:child_process";
import { mkdir, mkdtemp, open, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { addCommand } from "../../src/cli/add/workflow.ts";
import { answerQuestion } from "../../src/core/answer/answer.ts";
import { MAX_DOCUMENT_BYTES } from "../../src/core/knowledge/files.ts";
import { loadKnowledge } from "../../src/core/knowledge/load.ts";
import { watchKnowledge } from "../../src/knowledge/live.ts";
import { openKnowledgeBase } from "../../src/knowledge/open.ts";
import { ATTACK_DOC, CEILING_DOC, LATE_DOC, writeDoc } from "../digest/helpers/knowledge.ts";
import { runCommand } from "../helpers/cli.ts";
import { doc } from "../helpers/knowledge-folder.ts";
import { captureLog } from "../helpers/slack-fakes.ts";

// A knowledge folder (or a folder given to `npm run add`) is filled by people and scripts the bot does not
// control. Whatever is in it, reading it ends, in bounded memory, and every file it cannot use is named with
// its reason. Each case here hung, crashed or ate memory before the folder was read defensively.

const ROOT = path.resolve(import.meta.dirname, "../..");
const run = promisify(execFile);

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function workDir(): Promise<string> {
  const work = await mkdtemp(path.join(tmpdir(), "minusma-hostile-folder-"));
  cleanups.push(() => rm(work, { recursive: true, force: true }));
  return work;
}

/** A knowledge folder with two good documents, plus whatever `extra` puts in it. */
async function knowledge(extra: (dir: string) => Promise<void>): Promise<string> {
  const dir = path.join(await workDir(), "knowledge");
  await mkdir(dir);
  await writeDoc(dir, CEILING_DOC);
  await writeDoc(dir, ATTACK_DOC);
  await extra(dir);
  return dir;
}

/** Makes a FIFO with the system's mkfifo (Node has no call for it). */
async function mkfifo(file: string): Promise<void> {
  await run("mkfifo", [file]);
}

/** A sparse file of `bytes`: it takes no disk space, but says it is that big. */
async function sparse(file: string, bytes: number): Promise<void> {
  const handle = await open(file, "w");
  await handle.truncate(bytes);
  await handle.close();
}

const reasons = (skipped: Array<{ file: string; reason: string }>) =>
  Object.fromEntries(skipped.map(({ file, reason }) => [file, reason]));

describe("a knowledge folder that tries to hang or exhaust the bot", () => {
  it("skips a FIFO named like a document, a link to /dev/zero, symlink loops and a 3 GB sparse file, with reasons", async () => {
    const dir = await knowledge(async (d) => {
      await mkfifo(path.join(d, "pipe.md"));
      await symlink("/dev/zero", path.join(d, "zero.md"));
      await symlink("loop-b.md", path.join(d, "loop-a.md"));
      await symlink("loop-a.md", path.join(d, "loop-b.md"));
      await symlink(".", path.join(d, "self"));
      await symlink(".", path.join(d, "again"));
      await mkdir(path.join(d, "sub"));
      await symlink("..", path.join(d, "sub", "up"));
      await sparse(path.join(d, "huge.md"), 3 * 1024 ** 3);
    });
    const kb = await openKnowledgeBase(dir, { cacheDir: path.join(dir, "..", "index") });
    expect(kb.index.documents.map((document) => document.id).sort()).toEqual(
      [ATTACK_DOC.id, CEILING_DOC.id].sort(),
    );
    expect(reasons(kb.skipped)).toEqual({
      "huge.md": "it is 3072 MB, over the 5 MB limit for a knowledge file: split it into smaller documents",
      "loop-a.md": "it is a symlink loop (ELOOP): remove the link",
      "loop-b.md": "it is a symlink loop (ELOOP): remove the link",
      "pipe.md": "it is a FIFO (named pipe), not a regular file",
      "zero.md": "it is a device, not a regular file",
    });
    expect(answerQuestion(kb, "troop ceiling").found).toBe(true);
  });

  it("follows a symlink to a document and a symlinked folder once, never listing a file twice", async () => {
    const elsewhere = await workDir();
    await writeDoc(elsewhere, LATE_DOC);
    const dir = await knowledge(async (d) => {
      await symlink(elsewhere, path.join(d, "linked"));
      await symlink(elsewhere, path.join(d, "linked-again"));
    });
    const { documents, skipped } = await loadKnowledge(dir);
    expect(documents.filter((document) => document.id === LATE_DOC.id)).toHaveLength(1);
    // The second link to the same folder is not walked again, so the document's id does not clash with itself.
    expect(skipped).toEqual([]);
  });

  it("keeps reloading after a FIFO is dropped into the folder of a running bot", async () => {
    const dir = await knowledge(async (d) => {
      await symlink(".", path.join(d, "self"));
      await symlink(".", path.join(d, "again"));
    });
    const kb = await openKnowledgeBase(dir);
    const capture = captureLog("info");
    const live = await watchKnowledge(kb, { log: capture.log, debounceMs: 50 });
    cleanups.push(() => live.close());
    await mkfifo(path.join(dir, "dropped.md"));
    await writeDoc(dir, LATE_DOC);
    await live.settled();
    for (let i = 0; i < 200 && !(LATE_DOC.id in live.current().hashes); i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      await live.settled();
    }
    expect(LATE_DOC.id in live.current().hashes).toBe(true);
    expect(capture.text()).toMatch(/skipped .*dropped\.md: it is a FIFO/u);
  }, 30_000);

  // The limit leaves room for Node's own module loading, which opens a package's files side by side (zod alone
  // has dozens of locale files): at 128 a quiet machine loads them fast enough to run out before any document.
  it("starts with more documents than the process may open files at once (ulimit -n 384)", async () => {
    const dir = await knowledge(async (d) => {
      for (let i = 0; i < 800; i += 1) {
        await writeFile(
          path.join(d, `note-${i}.md`),
          doc(
            { title: `Note ${i}`, source: "OCHA", date: "2023-01-01", id: `note-${i}` },
            `Convoy ${i} reached Gao.`,
          ),
        );
      }
    });
    const state = path.join(dir, "..", "state");
    const child = spawn(
      "bash",
      ["-c", `ulimit -n 384 && exec "${process.execPath}" --import tsx src/main.ts`],
      {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH ?? "",
          HOME: process.env.HOME ?? "",
          KNOWLEDGE_DIR: dir,
          STATE_DIR: state,
        },
      },
    );
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stdin.end("troop ceiling\nquit\n");
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    expect(output).not.toContain("EMFILE");
    expect(code).toBe(0);
    expect(output).toMatch(/troop ceiling of 13,289/u);
  }, 60_000);

  it("refuses a document over the limit by its size alone", async () => {
    const dir = await knowledge((d) => sparse(path.join(d, "just-over.md"), MAX_DOCUMENT_BYTES + 1));
    const { skipped } = await loadKnowledge(dir);
    expect(reasons(skipped)["just-over.md"]).toMatch(/^it is 5 MB, over the 5 MB limit/u);
  });
});

/** Runs `npm run add` in-process without a terminal; returns its exit code and what it printed (both streams). */
async function add(argv: string[]) {
  const { code, out, err } = await runCommand(addCommand, argv, { extra: { interactive: false } });
  return { code, out: out + err };
}

describe("npm run add, given hostile files", () => {
  it("skips a FIFO given by name, with its reason, instead of waiting for it for ever", async () => {
    const target = await knowledge(async () => undefined);
    const sources = await workDir();
    await mkfifo(path.join(sources, "news.txt"));
    const { code, out } = await add([path.join(sources, "news.txt"), "--knowledge", target]);
    expect(code).toBe(1);
    expect(out).toContain("it is a FIFO (named pipe), not a regular file");
  });

  it("reads a folder with a FIFO, a device link, loops and a sparse giant, adding only the real document", async () => {
    const target = await knowledge(async () => undefined);
    const sources = await workDir();
    await writeFile(
      path.join(sources, "news.md"),
      doc(
        { title: "Peacekeepers leave Ber", source: "AFP", date: "2023-08-14" },
        "Peacekeepers left the camp at Ber on 13 August 2023 after clashes nearby.",
      ),
    );
    await mkfifo(path.join(sources, "pipe.txt"));
    await symlink("/dev/zero", path.join(sources, "zero.pdf"));
    await symlink(".", path.join(sources, "self"));
    await symlink("loop-b.txt", path.join(sources, "loop-a.txt"));
    await symlink("loop-a.txt", path.join(sources, "loop-b.txt"));
    await sparse(path.join(sources, "giant.pdf"), 3 * 1024 ** 3);
    const { code, out } = await add([sources, "--knowledge", target, "--yes"]);
    expect(code).toBe(1);
    expect(out).toContain(`${path.join(sources, "pipe.txt")}: it is a FIFO (named pipe), not a regular file`);
    expect(out).toContain(`${path.join(sources, "zero.pdf")}: it is a device, not a regular file`);
    expect(out).toContain(`${path.join(sources, "loop-a.txt")}: it is a symlink loop (ELOOP)`);
    expect(out).toContain(
      `${path.join(sources, "giant.pdf")}: it is 3072 MB, over the 50 MB limit for a PDF`,
    );
    expect(out).toMatch(/Added 1, replaced 0, skipped 5\./u);
  });
});
