import { cp, mkdtemp, rm } from "node:fs/promises";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "libsql";
import { describe, expect, it, onTestFinished } from "vitest";
import { answerQuestion } from "../src/core/answer/answer.ts";
import { answerAsText } from "../src/core/answer/format.ts";
import { SHELL_BANNER } from "../src/shell/shell.ts";
import { openStateStore } from "../src/state/open.ts";
import { SQLITE_FILE, SqliteStore } from "../src/state/sqlite.ts";
import { LATE_DOC, writeDoc } from "./digest/helpers/knowledge.ts";
import { spawnMain, startBotProcess } from "./helpers/bot-process.ts";
import { commandBody, eventEnvelope, sendSigned } from "./helpers/signed-request.ts";
import { captureLog, realKnowledgeBase } from "./helpers/slack-fakes.ts";
import { type RecordedCall, SlackStandIn } from "./helpers/slack-stand-in.ts";

const SECRET = "main-test-signing-secret";
const TOKEN = "xoxb-main-test-0000-abcdef";

/** The environment of a bot in HTTP mode on 127.0.0.1 against the stand-in. */
function httpEnv(standIn: SlackStandIn, stateDir: string, extra: Record<string, string> = {}) {
  return {
    SLACK_BOT_TOKEN: TOKEN,
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: standIn.apiUrl,
    PORT: "0",
    HOST: "127.0.0.1",
    STATE_DIR: stateDir,
    ...extra,
  };
}

function mentionBody(eventId: string, channel: string, ts: string, text: string): string {
  return eventEnvelope(eventId, {
    type: "app_mention",
    channel,
    user: `U${channel}`,
    text: `<@U0BOT> ${text}`,
    ts,
    event_ts: ts,
  });
}

/** A request on a connection of its own (no keep-alive reuse): refused or answered, say which. */
function freshRequest(url: string, body: string): Promise<number | string> {
  return new Promise((resolve) => {
    const request = httpRequest(
      url,
      { method: "POST", agent: false, headers: { "Content-Type": "application/json" } },
      (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      },
    );
    request.on("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    request.end(body);
  });
}

const ok = (call: RecordedCall) => (call.result as { ok?: boolean } | undefined)?.ok === true;

/** Runs `npm start`'s entry point with the given environment (and no Slack credentials unless given). */
async function start(env: Record<string, string>, stdin: string, args: string[] = []) {
  const child = spawnMain(env, "sources", args);
  const output = captured(child);
  child.stdin.end(stdin);
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  return { code, ...output };
}

/** What a child process has written so far to each stream, read live (a test waits on it growing). */
function captured(child: ReturnType<typeof spawnMain>): { stdout: string; stderr: string } {
  const output = { stdout: "", stderr: "" };
  child.stdout.on("data", (chunk: Buffer) => {
    output.stdout += chunk.toString();
  });
  child.stderr.on("data", (chunk: Buffer) => {
    output.stderr += chunk.toString();
  });
  return output;
}

const ROOT = path.resolve(import.meta.dirname, "..");

/** A copy of the repository's knowledge folder and a state folder, removed after the test. */
async function folders() {
  const work = await mkdtemp(path.join(tmpdir(), "minusma-main-"));
  onTestFinished(() => rm(work, { recursive: true, force: true }));
  const knowledge = path.join(work, "knowledge");
  await cp(path.join(ROOT, "knowledge"), knowledge, { recursive: true });
  return { knowledge, state: path.join(work, "state") };
}

/** Which of these threads the state folder remembers, read as a tool beside the bot would read it. */
async function savedThreads(state: string, keys: string[]): Promise<string[]> {
  const store = await SqliteStore.open(state, { log: console, role: "tool", instanceId: "reader" });
  try {
    const saved: string[] = [];
    for (const key of keys) if (await store.threads.has(key)) saved.push(key);
    return saved.sort();
  } finally {
    await store.close();
  }
}

/** Waits until `check` gives something, polling; the ceiling is for a hang, never the thing measured. */
async function until<T>(what: string, check: () => Promise<T | undefined | false> | T | undefined | false) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

// Each test starts one or two bot processes (seconds each through tsx); they run one after another, so a busy
// machine is not asked to boot several at once. Ceilings are generous: they catch a hang, they measure nothing.
describe("npm start", () => {
  it("opens the local shell on the folder given with --knowledge, answers from piped input, follows a document added while it runs, and exits cleanly at the end", async () => {
    const { knowledge, state } = await folders();
    const child = spawnMain(
      { STATE_DIR: state, KNOWLEDGE_DIR: path.join(state, "not-this-one") },
      "sources",
      ["--knowledge", knowledge],
    );
    const output = captured(child);
    const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
    onTestFinished(() => {
      child.kill("SIGKILL");
    });
    await until("the shell", () => output.stdout.includes("Type a question"));
    expect(output.stdout.split("\n")[0]).toBe(SHELL_BANNER);

    const kb = await realKnowledgeBase();
    const first = answerQuestion(kb, "troop ceiling");
    const followUp = answerAsText(answerQuestion(kb, "and for police?", [first.turn]));
    child.stdin.write("troop ceiling\nand for police?\n");
    await until("the follow-up's answer", () => output.stdout.includes(followUp));
    expect(output.stdout).toContain(answerAsText(first));

    await writeDoc(knowledge, LATE_DOC);
    await until("the reload", () => /knowledge: reloaded .*added ied-2023/u.test(output.stderr));
    child.stdin.end(
      "sources\nHow many improvised explosive devices were used between Gao and Ansongo?\nquit\n",
    );
    expect(await exited).toBe(0);
    expect(output.stdout).toContain(`1. OCHA, "${LATE_DOC.title}", 10 Feb 2023`);
    expect(output.stdout).toMatch(/68 improvised explosive devices.*\[1\]/u);
  }, 120_000);

  it("piped into a reader that stops early (| head), stops quietly when the pipe closes", async () => {
    const { knowledge, state } = await folders();
    const child = spawnMain({ STATE_DIR: state, KNOWLEDGE_DIR: knowledge });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
    onTestFinished(() => {
      child.kill("SIGKILL");
    });
    // Far more than a pipe holds (64 KB), so the shell is still writing when the reader goes.
    child.stdin.end("help\n".repeat(2_000));
    child.stdout.once("data", () => child.stdout.destroy());
    expect(await exited).toBe(0);
    expect(stderr).not.toMatch(/EPIPE|\n\s+at /u);
  }, 120_000);

  it("exits non-zero listing every bad variable with what to do", async () => {
    const { code, stdout, stderr } = await start({ SLACK_BOT_TOKEN: "xoxp-wrong-kind", PORT: "seventy" }, "");
    expect(code).toBe(78);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/^config: fix these environment variables \(see \.env\.example\):/u);
    expect(stderr).toMatch(/SLACK_BOT_TOKEN: must be a bot token starting with xoxb-/u);
    expect(stderr).toMatch(/PORT: must be a port number/u);
    expect(stderr).not.toContain("xoxp-wrong-kind");
  }, 120_000);

  it("exits non-zero saying what to fix when the folder given with --knowledge is missing", async () => {
    const { state } = await folders();
    const { code, stderr } = await start({ STATE_DIR: state }, "", [
      "--knowledge",
      path.join(state, "nowhere"),
    ]);
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /^knowledge: cannot read the folder .*nowhere.*check --knowledge or KNOWLEDGE_DIR/u,
    );
  }, 120_000);

  it("in HTTP mode: counts a document added while it runs at /healthz; on SIGTERM with requests in flight, takes no new ones, answers those it took, saves the state and exits 0; never prints the token", async () => {
    const { knowledge, state } = await folders();
    const standIn = await SlackStandIn.start();
    onTestFinished(() => standIn.close());
    const bot = startBotProcess(httpEnv(standIn, state, { LOG_LEVEL: "debug", KNOWLEDGE_DIR: knowledge }));
    onTestFinished(() => {
      bot.child.kill("SIGKILL");
    });
    const url = await bot.eventsUrl();
    const documents = async () =>
      ((await (await fetch(url.replace("/slack/events", "/healthz"))).json()) as { documents: number })
        .documents;
    expect(await documents()).toBe(3);
    await writeDoc(knowledge, LATE_DOC);
    await bot.waitForOutput(/knowledge: reloaded/u);
    expect(await documents()).toBe(4);

    // Slack answers slowly from now on, so what the bot acknowledged is still being answered at SIGTERM.
    standIn.latencyMs = 1_000;
    const commands = ["stop-1", "stop-2", "stop-3"];
    for (const id of commands) {
      const body = commandBody({
        text: "troop ceiling",
        responseUrl: standIn.responseUrl(id),
        user: `U${id}`,
      });
      expect(
        (await sendSigned(url, body, "application/x-www-form-urlencoded", { secret: SECRET })).status,
      ).toBe(200);
    }
    for (const channel of ["CSTOP1", "CSTOP2"]) {
      const body = mentionBody(`Ev${channel}`, channel, "700.1", "troop ceiling");
      expect((await sendSigned(url, body, "application/json", { secret: SECRET })).status).toBe(200);
    }
    bot.child.kill("SIGTERM");
    await bot.waitForOutput(/no longer taking requests; finishing the \d+ being answered/u);
    const late = await freshRequest(url, mentionBody("EvLATE", "CLATE", "701.1", "troop ceiling"));
    expect(["ECONNREFUSED", "ECONNRESET", 503]).toContain(late);

    expect((await bot.exited).code).toBe(0);
    expect(bot.output()).toMatch(/stopping \(SIGTERM\)/u);
    for (const id of commands) expect(standIn.responsesTo(id)).toHaveLength(1);
    for (const channel of ["CSTOP1", "CSTOP2"]) {
      expect(
        standIn.callsTo("chat.postMessage").filter((call) => call.args.channel === channel && ok(call)),
      ).toHaveLength(1);
    }
    expect(standIn.calls.filter((call) => call.args.channel === "CLATE")).toEqual([]);
    expect(await savedThreads(state, ["CSTOP1:700.1", "CSTOP2:700.1"])).toEqual([
      "CSTOP1:700.1",
      "CSTOP2:700.1",
    ]);
    expect(bot.output()).not.toMatch(/still being answered/u);
    expect(standIn.callsTo("auth.test")).toHaveLength(1);
    expect(bot.output()).not.toContain(TOKEN);
    expect(bot.output()).not.toContain(SECRET);
  }, 120_000);

  it("closes everything and exits 1 with one message when the start fails after the server listens", async () => {
    const { state } = await folders();
    const standIn = await SlackStandIn.start();
    onTestFinished(() => standIn.close());
    // A digest record of the wrong shape: found only once the HTTP server already listens.
    const store = await openStateStore({ STATE_DIR: state }, { log: captureLog().log, role: "tool" });
    await store.close();
    const db = new Database(path.join(state, SQLITE_FILE));
    db.prepare(
      "INSERT INTO digest_days (day, status, channel, hashes, ts, turn, attempts, updated_at, error, owner) " +
        "VALUES ('2024-01-01', 'posted', 'C0DIGEST', '{}', '1.1', '{not json', 1, '2024-01-01T08:00:00Z', NULL, 'x')",
    ).run();
    db.close();
    const bot = startBotProcess(httpEnv(standIn, state, { DIGEST_CHANNEL: "C0DIGEST" }));
    onTestFinished(() => {
      bot.child.kill("SIGKILL");
    });
    // It leaves by itself: no signal is sent.
    expect(await bot.exited).toMatchObject({ code: 1, signal: null });
    const lines = bot.output().trim().split("\n");
    expect(lines.at(-1)).toMatch(/^digest: cannot start the daily digest \(.*\): .*unset DIGEST_CHANNEL/u);
    expect(bot.output()).not.toMatch(/connected to Slack|at .*\(.*\.ts:\d+/u);
    expect(standIn.callsTo("auth.test")).toHaveLength(1);
  }, 120_000);

  it("in Socket Mode, an error nothing handled (the app token refused while reconnecting) stops the bot with exit 1 and says why", async () => {
    const { knowledge, state } = await folders();
    const standIn = await SlackStandIn.start();
    onTestFinished(() => standIn.close());
    const bot = startBotProcess({
      SLACK_BOT_TOKEN: TOKEN,
      SLACK_APP_TOKEN: "xapp-1-A0TEST-main-revoked-later",
      SLACK_API_URL: standIn.apiUrl,
      KNOWLEDGE_DIR: knowledge,
      STATE_DIR: state,
    });
    onTestFinished(() => {
      bot.child.kill("SIGKILL");
    });
    await bot.waitForOutput(/connected to Slack in Socket Mode/u, 60_000);
    // The app-level token is revoked; Slack then asks for one of its routine refreshes.
    standIn.failing.set("apps.connections.open", { body: { ok: false, error: "invalid_auth" } });
    standIn.sendEnvelope({ type: "disconnect", reason: "refresh_requested" });
    expect(await bot.exited).toMatchObject({ code: 1, signal: null });
    expect(bot.output()).toMatch(/fatal: a promise failed that nothing handled: .*invalid_auth/u);
    expect(bot.output()).toMatch(/stopping \(an error nothing handled\)/u);
    expect(bot.output()).not.toMatch(/still running/u);
  }, 120_000);

  it("after kill -9 in the middle of a burst, the next start finds the last complete state and carries on", async () => {
    const standIn = await SlackStandIn.start();
    const state = await mkdtemp(path.join(tmpdir(), "minusma-main-"));
    const first = startBotProcess(httpEnv(standIn, state));
    const channels = Array.from({ length: 30 }, (_, i) => `CBURST${i}`);
    try {
      const url = await first.eventsUrl();
      const answered = () => standIn.callsTo("chat.postMessage").filter(ok);
      // The first mentions are answered (and saved) before the burst goes on while the process is killed.
      for (const channel of channels.slice(0, 5)) {
        await sendSigned(
          url,
          mentionBody(`Ev${channel}`, channel, "800.1", "troop ceiling"),
          "application/json",
          {
            secret: SECRET,
          },
        );
      }
      await standIn.waitFor("the first five answers", () => answered().length >= 5);
      const firstFive = channels.slice(0, 5).map((channel) => `${channel}:800.1`);
      await until(
        "the first five threads to be saved",
        async () => (await savedThreads(state, firstFive)).length >= 5,
      );
      const burst = channels.slice(5).map((channel) =>
        sendSigned(url, mentionBody(`Ev${channel}`, channel, "800.1", "troop ceiling"), "application/json", {
          secret: SECRET,
        }).catch(() => null),
      );
      await standIn.waitFor("the burst to be under way", () => answered().length >= 8);
      first.child.kill("SIGKILL");
      expect((await first.exited).signal).toBe("SIGKILL");
      await Promise.all(burst);

      const second = startBotProcess(httpEnv(standIn, state));
      try {
        const again = await second.eventsUrl();
        // The database was not torn, and the dead bot's lock on the folder was taken over: nothing to warn about.
        expect(second.output()).not.toMatch(/not a readable|cannot|WARN/u);
        const before = answered().length;
        // Slack retrying a mention answered before the kill: remembered, not answered again.
        await sendSigned(
          again,
          mentionBody("EvCBURST0", "CBURST0", "800.1", "troop ceiling"),
          "application/json",
          {
            secret: SECRET,
            retryNum: 1,
          },
        );
        // A follow-up in a thread answered before the kill: the thread is remembered, and it is answered.
        const followUp = eventEnvelope("EvFOLLOW", {
          type: "message",
          channel: "CBURST1",
          channel_type: "channel",
          user: "UCBURST1",
          text: "and for police?",
          ts: "800.2",
          thread_ts: "800.1",
        });
        await sendSigned(again, followUp, "application/json", { secret: SECRET });
        await standIn.waitFor("the follow-up's answer", () =>
          answered().find((call, i) => i >= before && call.args.channel === "CBURST1"),
        );
        expect(
          answered()
            .slice(before)
            .map((call) => call.args.channel),
        ).toEqual(["CBURST1"]);
      } finally {
        second.child.kill("SIGTERM");
        await second.exited;
      }
    } finally {
      first.child.kill("SIGKILL");
      await standIn.close();
      await rm(state, { recursive: true, force: true });
    }
  }, 120_000);
});
