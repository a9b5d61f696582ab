import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { SqliteStore } from "../src/state/sqlite.ts";
import { startBotProcess } from "./helpers/bot-process.ts";
import { commandBody, eventEnvelope, sendSigned } from "./helpers/signed-request.ts";
import { type RecordedCall, SlackStandIn } from "./helpers/slack-stand-in.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const SECRET = "production-test-signing-secret";
const TOKEN = "xoxb-production-test-0000-abcdef";
const run = promisify(execFile);
const ok = (call: RecordedCall) => (call.result as { ok?: boolean } | undefined)?.ok === true;

// The compiled bot, as a supervisor runs it: `npm run build` once (tsc, incremental), then `node dist/main.js`
// with nothing in front of it, so SIGTERM reaches the bot itself. The tests in this file run one after another:
// they share dist/.
describe("the production start command", () => {
  beforeAll(async () => {
    await run("npm", ["run", "-s", "build"], { cwd: ROOT });
  }, 120_000);

  it("on SIGTERM with questions in flight, answers every acknowledged one through the compiled workers and exits 0", async () => {
    const standIn = await SlackStandIn.start();
    const state = await mkdtemp(path.join(tmpdir(), "minusma-production-"));
    const bot = startBotProcess(
      {
        SLACK_BOT_TOKEN: TOKEN,
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: standIn.apiUrl,
        PORT: "0",
        HOST: "127.0.0.1",
        STATE_DIR: state,
      },
      "production",
    );
    try {
      const url = await bot.eventsUrl();
      // Slack answers slowly from now on, so what the bot acknowledged is still being answered at SIGTERM.
      standIn.latencyMs = 1_000;
      const commands = ["prod-1", "prod-2"];
      for (const id of commands) {
        const body = commandBody({
          text: "troop ceiling",
          responseUrl: standIn.responseUrl(id),
          user: `U${id}`,
        });
        const ack = await sendSigned(url, body, "application/x-www-form-urlencoded", { secret: SECRET });
        expect(ack.status).toBe(200);
      }
      for (const channel of ["CPROD1", "CPROD2"]) {
        const body = eventEnvelope(`Ev${channel}`, {
          type: "app_mention",
          channel,
          user: `U${channel}`,
          text: "<@U0BOT> troop ceiling",
          ts: "900.1",
          event_ts: "900.1",
        });
        expect((await sendSigned(url, body, "application/json", { secret: SECRET })).status).toBe(200);
      }
      bot.child.kill("SIGTERM");
      await bot.waitForOutput(/no longer taking requests; finishing the \d+ being answered/u);
      const exit = await bot.exited;
      expect(exit).toMatchObject({ code: 0, signal: null });
      expect(bot.output()).toMatch(/stopping \(SIGTERM\)/u);
      // Answered by the compiled answer workers: the answer names the troop ceiling's figure.
      for (const id of commands) {
        expect(standIn.responsesTo(id)).toHaveLength(1);
        expect(JSON.stringify(standIn.responsesTo(id)[0]?.body)).toContain("13,289");
      }
      for (const channel of ["CPROD1", "CPROD2"]) {
        const posts = standIn
          .callsTo("chat.postMessage")
          .filter((call) => call.args.channel === channel && ok(call));
        expect(posts).toHaveLength(1);
      }
      const saved = await SqliteStore.open(state, { log: console, role: "tool", instanceId: "after" });
      expect(await saved.threads.has("CPROD1:900.1")).toBe(true);
      expect(await saved.threads.has("CPROD2:900.1")).toBe(true);
      await saved.close();
      expect(bot.output()).not.toContain(TOKEN);
      // No worker failed to start from the compiled files (the pool would fall back to answering here).
      expect(bot.output()).not.toMatch(/worker (stopped|failed)|workers crashed/u);
    } finally {
      bot.child.kill("SIGKILL");
      await standIn.close();
      await rm(state, { recursive: true, force: true });
    }
  }, 60_000);

  it("in Socket Mode, answers a command sent the moment it connects, from the bundle and its workers", async () => {
    const standIn = await SlackStandIn.start();
    const state = await mkdtemp(path.join(tmpdir(), "minusma-production-"));
    const bot = startBotProcess(
      {
        SLACK_BOT_TOKEN: TOKEN,
        SLACK_APP_TOKEN: "xapp-1-A0TEST-production",
        SLACK_API_URL: standIn.apiUrl,
        STATE_DIR: state,
        LOG_LEVEL: "debug",
      },
      "production",
    );
    try {
      await standIn.waitFor("the WebSocket", () => standIn.socketConnected, 60_000);
      // Asked at once: the main thread answers until an answer worker holds the knowledge base.
      for (const [id, envelope] of [
        ["first", "env-first"],
        ["later", "env-later"],
      ] as const) {
        if (id === "later") {
          await bot.waitForOutput(/every answer worker holds the knowledge base/u);
        }
        standIn.sendEnvelope({
          envelope_id: envelope,
          type: "slash_commands",
          accepts_response_payload: true,
          payload: {
            command: "/minusma",
            text: "troop ceiling",
            user_id: `U${id}`,
            channel_id: "CSOCK",
            team_id: "T0TEST",
            api_app_id: "A0TEST",
            response_url: standIn.responseUrl(id),
            trigger_id: "1.2.3",
          },
        });
        const [answer] = await standIn.waitFor(
          `the ${id} answer`,
          () => standIn.responsesTo(id).length > 0 && standIn.responsesTo(id),
        );
        expect(JSON.stringify(answer?.body)).toContain("13,289");
      }
      // The folder is watched once the workers are ready (the watcher then starts the build worker).
      await bot.waitForOutput(/connected to Slack in Socket Mode.*started in \d+ ms/u);
      bot.child.kill("SIGTERM");
      expect((await bot.exited).code).toBe(0);
      expect(bot.output()).not.toMatch(/worker (stopped|failed)|workers crashed|Cannot find module/u);
    } finally {
      bot.child.kill("SIGKILL");
      await standIn.close();
      await rm(state, { recursive: true, force: true });
    }
  }, 90_000);

  it("picks up a document added while it runs, rebuilt by the compiled build worker", async () => {
    const work = await mkdtemp(path.join(tmpdir(), "minusma-production-"));
    const { cp, writeFile } = await import("node:fs/promises");
    const knowledge = path.join(work, "knowledge");
    await cp(path.join(ROOT, "knowledge"), knowledge, { recursive: true });
    const bot = startBotProcess(
      { KNOWLEDGE_DIR: knowledge, STATE_DIR: path.join(work, "state") },
      "production",
    );
    try {
      await bot.waitForOutput(/Type a question/u, 30_000);
      await writeFile(
        path.join(knowledge, "late.md"),
        '---\ntitle: "Late note"\nsource: OCHA\ndate: 2023-02-10\n---\n\nThe convoy reached Gao on 9 February 2023.\n',
      );
      await bot.waitForOutput(/knowledge: reloaded .*added late/u, 30_000);
      bot.child.stdin.end("quit\n");
      expect((await bot.exited).code).toBe(0);
    } finally {
      bot.child.kill("SIGKILL");
      await rm(work, { recursive: true, force: true });
    }
  }, 60_000);

  it("npm start still starts the bot for a newcomer: builds when needed, then runs the compiled bot", async () => {
    const state = await mkdtemp(path.join(tmpdir(), "minusma-production-"));
    try {
      const child = execFile("npm", ["start", "-s"], {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", STATE_DIR: state },
      });
      let stdout = "";
      child.stdout?.on("data", (chunk: Buffer) => {
        stdout += chunk.toString();
      });
      child.stdin?.end("troop ceiling\nquit\n");
      const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
      expect(code).toBe(0);
      expect(stdout).toMatch(/troop ceiling of 13,289/u);
    } finally {
      await rm(state, { recursive: true, force: true });
    }
  }, 120_000);
});
