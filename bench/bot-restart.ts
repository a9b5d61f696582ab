import { type ChildProcess, spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import { request } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { APOLOGY_TEXT, BUSY_TEXT, slowDownText } from "../src/slack/strings.ts";
import { freePort } from "../test/helpers/free-port.ts";
import { commandBody, slackSignature } from "../test/helpers/signed-request.ts";
import { SlackStandIn } from "../test/helpers/slack-stand-in.ts";

// The bot's own restart, as a supervisor runs it: `node dist/main.js` with a persisted index, its Web API and
// response_urls pointed at the stand-in on 127.0.0.1. A slash command is sent the moment the bot can take
// one (HTTP mode: its port accepts a connection; Socket Mode: it has opened its WebSocket), and the time is
// from spawning the process to the answer arriving at the response_url. Nothing leaves 127.0.0.1.

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SECRET = "restart-bench-signing-secret-7d1e";
const TOKEN = "xoxb-restart-bench-0000-not-a-real-token";
const APP_TOKEN = "xapp-1-A0TEST-restart-bench";
/** How the reply to an asker over the per-person limit begins: not an answer. */
const SLOW_DOWN_START = slowDownText(1, 1).slice(0, 30);
/** A start that has not answered after this long is a hang, not a figure. */
const GIVE_UP_MS = 120_000;
/** How often the port is tried and the stand-in looked at: the resolution of the figure. */
const POLL_MS = 2;

export type BotMode = "http" | "socket";

export interface BotRestart {
  /** spawn to the answer at the stand-in, ms */
  wall: number;
  /** the bot's CPU (all its threads) from its start to that moment, ms; null where /proc is missing */
  cpu: number | null;
  /** spawn to the bot taking the question (its port accepting, or its WebSocket open), ms */
  ready: number;
}

/**
 * Starts the compiled bot on `dir` (whose index is already persisted in `stateDir/index`) in `mode`, asks it
 * `question` as a slash command as soon as it can take one, and stops it (SIGTERM, waiting for its exit)
 * once the answer has arrived. The answer must be one: a "busy" reply or an apology fails the run.
 */
export async function restartBot(
  mode: BotMode,
  dir: string,
  stateDir: string,
  question: string,
): Promise<BotRestart> {
  const standIn = await SlackStandIn.start();
  const port = mode === "http" ? await freePort() : 0;
  let bot: ChildProcess | null = null;
  let output = "";
  try {
    const start = Date.now();
    bot = spawn(process.execPath, [path.join(root, "dist/main.js")], {
      cwd: root,
      // Every variable is given, empty when unset, so a developer's .env cannot change the run.
      env: {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? "",
        SLACK_BOT_TOKEN: TOKEN,
        SLACK_SIGNING_SECRET: mode === "http" ? SECRET : "",
        SLACK_APP_TOKEN: mode === "socket" ? APP_TOKEN : "",
        SLACK_API_URL: standIn.apiUrl,
        PORT: String(port),
        HOST: "127.0.0.1",
        HEALTH_PORT: "",
        KNOWLEDGE_DIR: dir,
        STATE_DIR: stateDir,
        DATABASE_URL: "",
        DIGEST_CHANNEL: "",
        ANSWER_WORKERS: "",
        LOG_LEVEL: "info",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const child = bot;
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
    };
    child.stdout?.on("data", collect);
    child.stderr?.on("data", collect);
    const alive = () => {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`bench: the bot exited while starting; its output was:\n${output}`);
      }
      if (Date.now() - start > GIVE_UP_MS) {
        throw new Error(`bench: the bot gave no answer within ${GIVE_UP_MS} ms; its output was:\n${output}`);
      }
    };

    const id = `restart-${process.hrtime.bigint()}`;
    // A new asker each time: restarts in a row on one state folder must not meet the per-person limit.
    const user = `U${id.toUpperCase().replace(/[^A-Z0-9]/gu, "")}`;
    const responseUrl = standIn.responseUrl(id);
    let ready: number;
    if (mode === "http") {
      const body = commandBody({ text: question, responseUrl, user });
      for (;;) {
        alive();
        const status = await postSigned(port, body).catch(() => null);
        if (status === 200) break;
        if (status !== null) throw new Error(`bench: the bot answered the command with HTTP ${status}`);
        await sleep(POLL_MS);
      }
      ready = Date.now() - start;
    } else {
      while (!standIn.socketConnected) {
        alive();
        await sleep(POLL_MS);
      }
      ready = Date.now() - start;
      standIn.sendEnvelope({
        envelope_id: `env-${id}`,
        type: "slash_commands",
        accepts_response_payload: true,
        payload: {
          command: "/minusma",
          text: question,
          user_id: user,
          channel_id: "C0CHAN",
          team_id: "T0TEST",
          api_app_id: "A0TEST",
          response_url: responseUrl,
          trigger_id: "1.2.3",
        },
      });
    }
    let cpu: number | null = null;
    for (;;) {
      const [answer] = standIn.responsesTo(id);
      if (answer) {
        cpu = await processCpuMs(child.pid);
        const text = String(answer.body.text ?? "");
        if (text === "" || text === BUSY_TEXT || text === APOLOGY_TEXT || text.startsWith(SLOW_DOWN_START)) {
          throw new Error(
            `bench: the restarted bot did not answer: ${JSON.stringify(answer.body).slice(0, 300)}`,
          );
        }
        return { wall: answer.at - start, cpu, ready };
      }
      alive();
      await sleep(POLL_MS);
    }
  } finally {
    if (bot && bot.exitCode === null && bot.signalCode === null) {
      const exited = new Promise((resolve) => bot?.once("exit", resolve));
      bot.kill("SIGTERM");
      const timer = setTimeout(() => bot?.kill("SIGKILL"), 15_000);
      await exited;
      clearTimeout(timer);
    }
    await standIn.close();
  }
}

/** Posts a signed slash command to the bot; resolves with the HTTP status, rejects while nothing listens. */
function postSigned(port: number, body: string): Promise<number> {
  const timestamp = Math.floor(Date.now() / 1000);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: "127.0.0.1",
        port,
        path: "/slack/events",
        method: "POST",
        agent: false,
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          "content-length": Buffer.byteLength(body),
          "x-slack-request-timestamp": String(timestamp),
          "x-slack-signature": slackSignature(SECRET, timestamp, body),
        },
      },
      (response) => {
        response.resume();
        response.on("end", () => resolve(response.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/** CPU time (user + system, every thread) of a running process so far, in ms, from /proc; null elsewhere. */
async function processCpuMs(pid: number | undefined): Promise<number | null> {
  if (pid === undefined) return null;
  try {
    const stat = await readFile(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name: utime and stime are the 12th and 13th, in clock ticks (100 a second).
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
