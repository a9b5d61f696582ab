import { spawn } from "node:child_process";
import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it, type onTestFinished } from "vitest";
import { LATE_DOC, writeDoc } from "./digest/helpers/knowledge.ts";
import { SlackStandIn } from "./helpers/slack-stand-in.ts";

const ROOT = path.resolve(import.meta.dirname, "..");

/** The test's own clean-up registrar: the tests run side by side, so each cleans up after itself only. */
type Finally = typeof onTestFinished;

/** A copy of the repository's knowledge folder and an empty state folder. */
async function folders(onFinished: Finally) {
  const work = await mkdtemp(path.join(tmpdir(), "minusma-reload-"));
  onFinished(() => rm(work, { recursive: true, force: true }));
  const knowledge = path.join(work, "knowledge");
  await cp(path.join(ROOT, "knowledge"), knowledge, { recursive: true });
  return { knowledge, state: path.join(work, "state") };
}

/** Starts `npm start`'s entry point; `output()` is everything it printed so far, on either stream. */
function startMain(env: Record<string, string>, onFinished: Finally) {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "src/main.ts")], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
  onFinished(async () => {
    child.kill("SIGKILL");
    await exited;
  });
  return { child, exited, stdout: () => stdout, stderr: () => stderr };
}

async function until<T>(
  what: string,
  check: () => T | undefined | null | false,
  timeoutMs = 15_000,
): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

// Each test starts a bot process; they run side by side.
describe.concurrent("a running bot and its knowledge folder", () => {
  it("in the local shell, lists and answers from a document added while it runs, then quits cleanly", async ({
    onTestFinished,
  }) => {
    const { knowledge, state } = await folders(onTestFinished);
    const bot = startMain({ KNOWLEDGE_DIR: knowledge, STATE_DIR: state }, onTestFinished);
    await until("the shell", () => bot.stdout().includes("Type a question"));
    await writeDoc(knowledge, LATE_DOC);
    await until("the reload", () => /knowledge: reloaded .*added ied-2023/u.test(bot.stderr()));
    bot.child.stdin.end(
      "sources\nHow many improvised explosive devices were used between Gao and Ansongo?\nquit\n",
    );
    expect(await bot.exited).toBe(0);
    expect(bot.stdout()).toContain(`1. OCHA, "${LATE_DOC.title}", 10 Feb 2023`);
    expect(bot.stdout()).toMatch(/68 improvised explosive devices.*\[1\]/u);
  }, 30_000);

  it("in HTTP mode, counts the new document at /healthz, and stops cleanly on SIGTERM", async ({
    onTestFinished,
  }) => {
    const { knowledge, state } = await folders(onTestFinished);
    const standIn = await SlackStandIn.start();
    onTestFinished(() => standIn.close());
    const bot = startMain(
      {
        SLACK_BOT_TOKEN: "xoxb-reload-test-0000-abcdef",
        SLACK_SIGNING_SECRET: "reload-test-signing-secret",
        SLACK_API_URL: standIn.apiUrl,
        PORT: "0",
        HOST: "127.0.0.1",
        KNOWLEDGE_DIR: knowledge,
        STATE_DIR: state,
      },
      onTestFinished,
    );
    const port = await until("the bot to listen", () => bot.stdout().match(/HTTP mode on port (\d+)/u)?.[1]);
    const documents = async () =>
      ((await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as { documents: number }).documents;
    expect(await documents()).toBe(3);
    await writeDoc(knowledge, LATE_DOC);
    await until("the reload", () => bot.stdout().includes("knowledge: reloaded"));
    expect(await documents()).toBe(4);
    bot.child.kill("SIGTERM");
    expect(await bot.exited).toBe(0);
  }, 30_000);
});
