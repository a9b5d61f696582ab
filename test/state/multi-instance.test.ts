import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBotProcess } from "../helpers/bot-process.ts";
import { type PostgresServer, postgresInstalled, startPostgres } from "../helpers/postgres-server.ts";
import { eventEnvelope, sendSigned } from "../helpers/signed-request.ts";
import { type RecordedCall, SlackStandIn } from "../helpers/slack-stand-in.ts";

const SECRET = "multi-instance-signing-secret-5b2e";
const TOKEN = "xoxb-multi-instance-0000-not-a-real-token";
const LIMIT = 3;

type Bot = ReturnType<typeof startBotProcess>;

let server: PostgresServer;
let standIn: SlackStandIn;
let databaseUrl: string;
const work: string[] = [];
const bots: Array<{ bot: Bot; url: string }> = [];

function env(stateDir: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    SLACK_BOT_TOKEN: TOKEN,
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: standIn.apiUrl,
    PORT: "0",
    HOST: "127.0.0.1",
    STATE_DIR: stateDir,
    DATABASE_URL: databaseUrl,
    QUESTIONS_PER_MINUTE: String(LIMIT),
    // One thread per process: three bots and a database share two cores.
    ANSWER_WORKERS: "0",
    DIGEST_CHANNEL: "C0DIGEST",
    // Past already, so each instance tries today's digest as soon as it starts: the race.
    DIGEST_TIME: "00:00",
    DIGEST_TZ: "UTC",
    LOG_LEVEL: "debug",
    ...extra,
  };
}

/** Starts one bot process on the shared database, with its own STATE_DIR (its index cache). */
async function startInstance(): Promise<{ bot: Bot; url: string }> {
  const stateDir = await mkdtemp(path.join(tmpdir(), "minusma-multi-"));
  work.push(stateDir);
  const bot = startBotProcess(env(stateDir));
  const url = await bot.eventsUrl();
  return { bot, url };
}

const ok = (call: RecordedCall) => (call.result as { ok?: boolean } | undefined)?.ok === true;
const postsIn = (channel: string, threadTs?: string) =>
  standIn
    .callsTo("chat.postMessage")
    .filter((call) => call.args.channel === channel && ok(call))
    .filter((call) => threadTs === undefined || call.args.thread_ts === threadTs);

function mention(eventId: string, channel: string, ts: string, user = `U${channel}`): string {
  return eventEnvelope(eventId, {
    type: "app_mention",
    channel,
    user,
    text: "<@U0BOT> troop ceiling",
    ts,
    event_ts: ts,
  });
}

/** Waits until `check` holds, polling; the ceiling is for a hang, never the thing measured. */
async function until(what: string, check: () => boolean | Promise<boolean>, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Every line each bot has logged that matches, for waiting on "it handled that". */
function logged(pattern: RegExp): number {
  return bots.reduce((sum, { bot }) => sum + (bot.output().match(new RegExp(pattern, "gu"))?.length ?? 0), 0);
}

describe.runIf(postgresInstalled())("three instances on one PostgreSQL", () => {
  beforeAll(async () => {
    server = await startPostgres();
    databaseUrl = await server.database();
    standIn = await SlackStandIn.start();
    // The first digest post is taken by Slack but answered only after the bot's 15 s timeout: the instance
    // that claimed the day is stuck in it, holding the digest's lock, when the test kills it.
    standIn.failNext("chat.postMessage", { acceptAfterMs: 120_000 });
    // One after the other: starting three at once on two cores only makes each slower.
    for (let i = 0; i < 3; i += 1) bots.push(await startInstance());
  }, 240_000);

  afterAll(async () => {
    for (const { bot } of bots) {
      bot.child.kill("SIGKILL");
      await bot.exited;
    }
    await standIn?.close();
    await server?.stop();
    for (const dir of work) await rm(dir, { recursive: true, force: true });
  }, 120_000);

  it("post the day's digest once, raced by all three, the claimant killed with kill -9 mid-post", async () => {
    const digestPosts = () =>
      standIn.callsTo("chat.postMessage").filter((call) => call.args.channel === "C0DIGEST");
    await until("the first digest post to reach Slack", () => digestPosts().length >= 1);
    // Who holds the digest's lock: the instance stuck in the post.
    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    const owner = String(
      (await db.query("SELECT value FROM meta WHERE key = 'digest_lock_owner'")).rows[0]?.value ?? "",
    );
    await db.end();
    const claimant = bots.findIndex(({ bot }) => bot.output().includes(`(instance ${owner})`));
    expect(claimant).toBeGreaterThanOrEqual(0);
    bots[claimant]!.bot.child.kill("SIGKILL");
    await bots[claimant]!.bot.exited;
    // PostgreSQL lets go of the dead instance's lock; a replacement keeps three running for the other tests.
    bots[claimant] = await startInstance();
    // The next holder finds the day "posting", looks in the channel, finds the digest Slack took, records it.
    await until(
      "an instance to find the digest in the channel",
      () => logged(/digest: the digest for \S+ is already in C0DIGEST/u) >= 1,
      120_000,
    );
    expect(digestPosts()).toHaveLength(1);
    expect(standIn.messages.get("C0DIGEST")).toHaveLength(1);
    expect(standIn.messages.get("C0DIGEST")?.[0]?.metadata).toMatchObject({ event_type: "minusma_digest" });
    expect(standIn.callsTo("conversations.history")[0]?.args).toMatchObject({
      channel: "C0DIGEST",
      include_all_metadata: "true",
    });
  }, 180_000);

  it("answer a Slack retry sent to another instance once, and refuse a replay on a third", async () => {
    const [a, b, c] = bots as [(typeof bots)[0], (typeof bots)[0], (typeof bots)[0]];
    const body = mention("EvRETRY", "CRETRY", "500.1");
    const timestamp = Math.floor(Date.now() / 1000);
    expect((await sendSigned(a.url, body, "application/json", { secret: SECRET, timestamp })).status).toBe(
      200,
    );
    // The same signed request again (a replay) to another instance: acknowledged, not acted on.
    const before = logged(/a replay is answered once/u);
    expect((await sendSigned(c.url, body, "application/json", { secret: SECRET, timestamp })).status).toBe(
      200,
    );
    await until("the replay to be refused", () => logged(/a replay is answered once/u) > before);
    // Slack's retry (new timestamp, same event id) to a third.
    const handled = logged(/already handled \(event EvRETRY\)/u);
    await sendSigned(b.url, body, "application/json", {
      secret: SECRET,
      timestamp: timestamp + 1,
      retryNum: 1,
    });
    await until("the retry to be recognised", () => logged(/already handled \(event EvRETRY\)/u) > handled);
    await until("the answer", () => postsIn("CRETRY", "500.1").length >= 1);
    expect(postsIn("CRETRY", "500.1")).toHaveLength(1);
  });

  it("answer a mention once when its app_mention and message events reach two instances at once", async () => {
    const [a, b] = bots as [(typeof bots)[0], (typeof bots)[0]];
    const asMessage = eventEnvelope("EvBOTH-MESSAGE", {
      type: "message",
      channel: "CBOTH",
      channel_type: "channel",
      user: "UCBOTH",
      text: "<@U0BOT> troop ceiling",
      ts: "600.1",
      event_ts: "600.1",
    });
    const before = logged(/already handled|not in a thread/u);
    await Promise.all([
      sendSigned(a.url, mention("EvBOTH-MENTION", "CBOTH", "600.1"), "application/json", { secret: SECRET }),
      sendSigned(b.url, asMessage, "application/json", { secret: SECRET }),
    ]);
    await until("the answer", () => postsIn("CBOTH", "600.1").length >= 1);
    // The message event is either "not in a thread" (a top-level message is left to the mention) or lost the
    // claim; either way it has been decided once the log says so.
    await until("the second event to be decided", () => logged(/already handled|not in a thread/u) > before);
    expect(postsIn("CBOTH", "600.1")).toHaveLength(1);
  });

  it("understand a follow-up through another instance than the one that answered", async () => {
    const [a, , c] = bots as [(typeof bots)[0], (typeof bots)[0], (typeof bots)[0]];
    await sendSigned(a.url, mention("EvTHREAD", "CTHREAD", "700.1"), "application/json", { secret: SECRET });
    // Answered and remembered: the log line comes after the thread is written (a person replies later still).
    await until("the first answer", () => /answered a mention in CTHREAD/u.test(a.bot.output()));
    const followUp = eventEnvelope("EvTHREAD-FOLLOW", {
      type: "message",
      channel: "CTHREAD",
      channel_type: "channel",
      user: "UCTHREAD",
      text: "and for police?",
      ts: "700.2",
      thread_ts: "700.1",
      event_ts: "700.2",
    });
    await sendSigned(c.url, followUp, "application/json", { secret: SECRET });
    await until("the follow-up's answer", () => /answered a follow-up in CTHREAD/u.test(c.bot.output()));
    expect(postsIn("CTHREAD", "700.1")).toHaveLength(2);
    const answer = JSON.stringify(postsIn("CTHREAD", "700.1")[1]?.args);
    // Read as a follow-up of "troop ceiling": the answer is about the police ceiling.
    expect(answer.toLowerCase()).toContain("police");
  });

  it("hold the per-person limit across instances", async () => {
    const asks = LIMIT + 2;
    for (let i = 0; i < asks; i += 1) {
      const { url } = bots[i % bots.length]!;
      await sendSigned(url, mention(`EvLIMIT${i}`, `CLIMIT${i}`, "800.1", "ULIMITED"), "application/json", {
        secret: SECRET,
      });
    }
    const slowDowns = () =>
      standIn.callsTo("chat.postEphemeral").filter((call) => call.args.user === "ULIMITED");
    const answers = () =>
      standIn
        .callsTo("chat.postMessage")
        .filter((call) => String(call.args.channel).startsWith("CLIMIT") && ok(call));
    await until(
      "every question to be answered or refused",
      () => answers().length + slowDowns().length >= asks,
    );
    expect(answers()).toHaveLength(LIMIT);
    expect(slowDowns()).toHaveLength(2);
  });

  it("show each instance's id and the shared knowledge version on /healthz", async () => {
    const health = await Promise.all(
      bots.map(async ({ url }) => {
        const response = await fetch(url.replace("/slack/events", "/healthz"));
        return { status: response.status, body: (await response.json()) as Record<string, unknown> };
      }),
    );
    expect(health.map((h) => h.status)).toEqual([200, 200, 200]);
    expect(new Set(health.map((h) => h.body.instance)).size).toBe(3);
    expect(new Set(health.map((h) => h.body.knowledge)).size).toBe(1);
    expect(health[0]?.body.state).toEqual({ engine: "postgres" });
  });
});
