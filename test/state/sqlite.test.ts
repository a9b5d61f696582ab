import { spawn } from "node:child_process";
import { chmod, mkdtemp, readdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SQLITE_FILE, SqliteStore } from "../../src/state/sqlite.ts";
import { STATE_BOUNDS, StateError } from "../../src/state/types.ts";
import { captureLog } from "../helpers/slack-fakes.ts";
import { describeStateStore } from "./store-contract.ts";

const turn = { question: "troop ceiling", focus: ["troop", "ceiling"], docs: ["doc-a"], found: true };

async function freshDir(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), "minusma-sqlite-"));
}

describeStateStore("SQLite (a real file)", async (now) => {
  const dir = await freshDir();
  const { log } = captureLog();
  return SqliteStore.open(dir, { log, role: "tool", instanceId: "test", now });
});

describe("SqliteStore", () => {
  it("keeps everything across a restart, in one file in STATE_DIR", async () => {
    const dir = await freshDir();
    const { log } = captureLog();
    const first = await SqliteStore.open(dir, { log, role: "bot", instanceId: "first" });
    await first.threads.append("C1:1", turn);
    await first.events.claim("event:Ev1");
    await first.feedback.add({
      key: "C1:2:U1",
      at: "2024-05-01T08:00:00.000Z",
      user: "U1",
      channel: "C1",
      question: "troop ceiling",
      helpful: false,
      docs: ["doc-a"],
    });
    await first.close();

    const second = await SqliteStore.open(dir, { log, role: "bot", instanceId: "second" });
    expect(await second.threads.history("C1:1")).toEqual([turn]);
    expect(await second.events.claim("event:Ev1")).toBe(false);
    expect((await second.feedback.list()).map((r) => r.helpful)).toEqual([false]);
    await second.close();
    expect((await readdir(dir)).filter((f) => !f.startsWith(`${SQLITE_FILE}-`))).toEqual([SQLITE_FILE]);
  });

  it("refuses a second bot on the same STATE_DIR, saying what to do, and lets a tool share it", async () => {
    const dir = await freshDir();
    const { log } = captureLog();
    const bot = await SqliteStore.open(dir, { log, role: "bot", instanceId: "one" });
    const second = SqliteStore.open(dir, { log, role: "bot", instanceId: "two" });
    await expect(second).rejects.toBeInstanceOf(StateError);
    await expect(second).rejects.toThrow(
      /another minusma-bot \(pid \d+ on .*\) already uses STATE_DIR .*stop it first, give this one its own STATE_DIR, or set DATABASE_URL/u,
    );
    const tool = await SqliteStore.open(dir, { log, role: "tool", instanceId: "tool" });
    await bot.threads.append("C1:1", turn);
    expect(await tool.threads.has("C1:1")).toBe(true);
    await tool.close();
    await bot.close();
    // Once the first has stopped, the folder is free again.
    const third = await SqliteStore.open(dir, { log, role: "bot", instanceId: "three" });
    await third.close();
  });

  it("takes over the folder of a bot killed with kill -9 (its lock names a process that is gone)", async () => {
    const dir = await freshDir();
    const child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        "--input-type=module",
        "-e",
        `import { SqliteStore } from ${JSON.stringify(path.resolve(import.meta.dirname, "../../src/state/sqlite.ts"))};
         const store = await SqliteStore.open(${JSON.stringify(dir)}, { log: console, role: "bot", instanceId: "doomed" });
         await store.threads.append("C1:9", { question: "q", focus: [], docs: [], found: true });
         console.log("open");
         setInterval(() => {}, 1000);`,
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    await new Promise<void>((resolve, reject) => {
      child.on("error", reject);
      child.stdout.on("data", (chunk: Buffer) => {
        if (chunk.toString().includes("open")) resolve();
      });
    });
    const exited = new Promise((resolve) => child.on("exit", resolve));
    child.kill("SIGKILL");
    await exited;
    const { log } = captureLog();
    const store = await SqliteStore.open(dir, { log, role: "bot", instanceId: "next" });
    expect(await store.threads.has("C1:9")).toBe(true);
    await store.close();
  }, 30_000);

  it("stops the start with one message saying what to do when the file is not a database", async () => {
    const dir = await freshDir();
    await writeFile(path.join(dir, SQLITE_FILE), "this is not a database, it is a text file ".repeat(200));
    const { log } = captureLog();
    const opening = SqliteStore.open(dir, { log, role: "bot", instanceId: "x" });
    await expect(opening).rejects.toBeInstanceOf(StateError);
    await expect(opening).rejects.toThrow(
      /minusma\.db is not a readable SQLite database .*move the file aside .*restore it from a backup.*looks in the channel for that day's/su,
    );
    // The refused start let go of the folder: after moving the file aside, the bot starts.
    await writeFile(path.join(dir, SQLITE_FILE), "");
    const store = await SqliteStore.open(dir, { log, role: "bot", instanceId: "y" });
    await store.close();
  });

  it("refuses a STATE_DIR it cannot write to, saying what to do", async () => {
    const parent = await freshDir();
    const file = path.join(parent, "a-file");
    await writeFile(file, "");
    const { log } = captureLog();
    const opening = SqliteStore.open(path.join(file, "state"), { log, role: "bot", instanceId: "x" });
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
      await expect(SqliteStore.open(dir, { log, role: "bot", instanceId: "x" })).rejects.toThrow(
        /cannot use STATE_DIR/u,
      );
    },
  );

  it("when the disk is full, says so once and keeps answering", async () => {
    const dir = await freshDir();
    const logs = captureLog();
    // A size cap the file reaches is what a full disk is to SQLite: every write fails with SQLITE_FULL.
    const store = await SqliteStore.open(dir, {
      log: logs.log,
      role: "tool",
      instanceId: "x",
      maxBytes: 256 * 1024,
    });
    const long = { ...turn, question: "y".repeat(STATE_BOUNDS.questionChars) };
    for (let i = 0; i < 200; i += 1) {
      for (let t = 0; t < STATE_BOUNDS.turnsPerThread; t += 1) await store.threads.append(`C1:${i}`, long);
    }
    expect(await store.events.claim("event:Ev1")).toBe(true);
    expect((await store.questions.take("U1", 10)).allowed).toBe(true);
    const warnings = logs.at("warn");
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /state: cannot remember a thread in .*minusma\.db \(database or disk is full\); the bot keeps answering/u,
    );
    expect(store.health()).toMatchObject({ ok: true, problem: expect.stringMatching(/disk is full/u) });
    await store.close();
  });

  it("cuts long questions and keeps only the last turns of a thread", async () => {
    const store = SqliteStore.inMemory({ log: captureLog().log });
    const long = { ...turn, question: "x".repeat(40_000) };
    for (let i = 0; i < STATE_BOUNDS.turnsPerThread + 5; i += 1) await store.threads.append("C1:1", long);
    const history = await store.threads.history("C1:1");
    expect(history).toHaveLength(STATE_BOUNDS.turnsPerThread);
    expect(history[0]?.question).toHaveLength(STATE_BOUNDS.questionChars);
  });
});
