import { spawn } from "node:child_process";
import { chmod, mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { StateError } from "../../src/state/json-file.ts";
import { STATE_FILES, StateStore } from "../../src/state/store.ts";
import { captureLog } from "../helpers/slack-fakes.ts";

const turn = { question: "troop ceiling", focus: ["troop", "ceiling"], docs: ["doc-a"], found: true };

async function freshDir(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), "minusma-state-"));
}

describe("StateStore", () => {
  it("keeps threads, handled events and feedback across a restart", async () => {
    const dir = await freshDir();
    const { log } = captureLog();
    const first = await StateStore.open(dir, { log });
    first.threads.append("C1:1", turn);
    first.events.claim("event:Ev1");
    first.feedback.add({
      key: "C1:2:U1",
      at: "2024-05-01T08:00:00.000Z",
      user: "U1",
      channel: "C1",
      question: "troop ceiling",
      helpful: false,
      docs: ["doc-a"],
    });
    await first.flush();

    const second = await StateStore.open(dir, { log });
    expect(second.threads.history("C1:1")).toEqual([turn]);
    expect(second.events.claim("event:Ev1")).toBe(false);
    expect(second.feedback.list().map((r) => r.helpful)).toEqual([false]);
    expect((await readdir(dir)).sort()).toEqual(Object.values(STATE_FILES).sort());
  });

  it("moves aside a file that is not JSON, or not the expected shape, and starts without it", async () => {
    const dir = await freshDir();
    await writeFile(path.join(dir, STATE_FILES.threads), "{ not json");
    await writeFile(path.join(dir, STATE_FILES.events), JSON.stringify({ unexpected: true }));
    const logs = captureLog();
    const store = await StateStore.open(dir, { log: logs.log });
    expect(store.threads.size).toBe(0);
    expect(store.events.size).toBe(0);
    const files = await readdir(dir);
    expect(files.some((f) => f.startsWith(`${STATE_FILES.threads}.corrupt-`))).toBe(true);
    expect(files.some((f) => f.startsWith(`${STATE_FILES.events}.invalid-`))).toBe(true);
    expect(logs.at("warn").join("\n")).toMatch(
      /handled-events\.json does not have the expected shape; moved it/u,
    );
  });

  it("refuses a STATE_DIR it cannot write to, saying what to do", async () => {
    const parent = await freshDir();
    const file = path.join(parent, "a-file");
    await writeFile(file, "");
    const { log } = captureLog();
    const opening = StateStore.open(path.join(file, "state"), { log });
    await expect(opening).rejects.toBeInstanceOf(StateError);
    await expect(opening).rejects.toThrow(
      /state: cannot use STATE_DIR .*set STATE_DIR to a folder the bot can write to/u,
    );
  });

  it.skipIf(process.getuid?.() === 0)(
    "refuses a read-only STATE_DIR (root may write anywhere, so not as root)",
    async () => {
      const dir = await freshDir();
      await chmod(dir, 0o500);
      const { log } = captureLog();
      await expect(StateStore.open(dir, { log })).rejects.toThrow(/cannot use STATE_DIR/u);
    },
  );

  it("in memory, persists nothing", async () => {
    const { log } = captureLog();
    const store = StateStore.inMemory({ log });
    store.threads.append("C1:1", turn);
    await store.flush();
    expect(store.dir).toBeNull();
    expect(store.threads.has("C1:1")).toBe(true);
  });

  it("leaves the last complete state when the process is killed (kill -9) in the middle of writing", async () => {
    const dir = await freshDir();
    const writer = spawn(
      process.execPath,
      ["--import", "tsx", path.resolve(import.meta.dirname, "../helpers/state-writer.ts"), dir],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    // Let it complete a few saves, then kill it without warning while it keeps writing.
    await new Promise<void>((resolve, reject) => {
      writer.on("error", reject);
      writer.stdout.on("data", (chunk: Buffer) => {
        if (/saved [3-9]/u.test(chunk.toString())) resolve();
      });
    });
    const killed = new Promise((resolve) => writer.on("exit", resolve));
    writer.kill("SIGKILL");
    await killed;

    // Whatever moment it died at, the file holds a complete state.
    const text = await readFile(path.join(dir, STATE_FILES.threads), "utf8");
    expect(() => JSON.parse(text)).not.toThrow();
    const logs = captureLog();
    const store = await StateStore.open(dir, { log: logs.log });
    expect(store.threads.size).toBe(200);
    expect(logs.at("warn")).toEqual([]);
    // The half-written temporary file a kill can leave is cleaned up at the next start.
    expect((await readdir(dir)).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  }, 30_000);
});
