import { spawn } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { answerQuestion } from "../src/core/answer/answer.ts";
import { answerAsText } from "../src/core/answer/format.ts";
import { SHELL_BANNER } from "../src/shell/shell.ts";
import { realKnowledgeBase } from "./helpers/slack-fakes.ts";
import { SlackStandIn } from "./helpers/slack-stand-in.ts";

const ROOT = path.resolve(import.meta.dirname, "..");

function spawnMain(env: Record<string, string>) {
  return spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "src/main.ts")], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
}

/** Runs `npm start`'s entry point with the given environment (and no Slack credentials unless given). */
async function start(env: Record<string, string>, stdin: string) {
  const child = spawnMain(env);
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  child.stdin.end(stdin);
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  return { code, stdout, stderr };
}

// Each test starts a process; they run side by side.
describe.concurrent("npm start", () => {
  it("opens the local shell without Slack credentials, answers from piped input and exits cleanly at the end", async () => {
    const state = await mkdtemp(path.join(tmpdir(), "minusma-main-"));
    const { code, stdout } = await start({ STATE_DIR: state }, "troop ceiling\nand for police?\nquit\n");
    expect(code).toBe(0);
    expect(stdout.split("\n")[0]).toBe(SHELL_BANNER);
    const kb = await realKnowledgeBase();
    const first = answerQuestion(kb, "troop ceiling");
    expect(stdout).toContain(answerAsText(first));
    expect(stdout).toContain(answerAsText(answerQuestion(kb, "and for police?", [first.turn])));
  }, 20_000);

  it("exits non-zero listing every bad variable with what to do", async () => {
    const { code, stdout, stderr } = await start({ SLACK_BOT_TOKEN: "xoxp-wrong-kind", PORT: "seventy" }, "");
    expect(code).toBe(78);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/^config: fix these environment variables \(see \.env\.example\):/u);
    expect(stderr).toMatch(/SLACK_BOT_TOKEN: must be a bot token starting with xoxb-/u);
    expect(stderr).toMatch(/PORT: must be a port number/u);
    expect(stderr).not.toContain("xoxp-wrong-kind");
  }, 20_000);

  it("exits non-zero saying what to fix when the knowledge folder is missing", async () => {
    const state = await mkdtemp(path.join(tmpdir(), "minusma-main-"));
    const { code, stderr } = await start(
      { STATE_DIR: state, KNOWLEDGE_DIR: path.join(state, "nowhere") },
      "",
    );
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /^knowledge: cannot read the folder .*nowhere.*check --knowledge or KNOWLEDGE_DIR/u,
    );
  }, 20_000);

  it("in HTTP mode, serves until SIGTERM, then stops cleanly with exit code 0, never printing the token", async () => {
    const standIn = await SlackStandIn.start();
    const state = await mkdtemp(path.join(tmpdir(), "minusma-main-"));
    const token = "xoxb-main-test-0000-abcdef";
    const child = spawnMain({
      SLACK_BOT_TOKEN: token,
      SLACK_SIGNING_SECRET: "main-test-signing-secret",
      SLACK_API_URL: standIn.apiUrl,
      PORT: "0",
      HOST: "127.0.0.1",
      STATE_DIR: state,
      LOG_LEVEL: "debug",
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
    try {
      const port = await standIn.waitFor(
        "the bot to listen",
        () => output.match(/HTTP mode on port (\d+)/u)?.[1],
        15_000,
      );
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(200);
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
      expect(output).toMatch(/stopping \(SIGTERM\)/u);
      expect(standIn.callsTo("auth.test")).toHaveLength(1);
      expect(output).not.toContain(token);
    } finally {
      child.kill("SIGKILL");
      await standIn.close();
    }
  }, 20_000);
});
