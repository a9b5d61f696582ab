import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { answerQuestion } from "../../src/core/answer/answer.ts";
import type { KnowledgeBase } from "../../src/core/knowledge-base.ts";
import { type Level, processLogger } from "../../src/log.ts";
import { type RunningSlackBot, SlackStartError, startSlackBot } from "../../src/slack/app.ts";
import { ACTION_IDS } from "../../src/slack/blocks/action-values.ts";
import { answerMessage } from "../../src/slack/blocks/answer.ts";
import { METHOD_SCOPES } from "../../src/slack/requirements.ts";
import { WORKING_REACTION } from "../../src/slack/strings.ts";
import { knowledgeVersion } from "../../src/state/knowledge-version.ts";
import { openStateStore } from "../../src/state/open.ts";
import { SqliteStore } from "../../src/state/sqlite.ts";
import type { StateStore } from "../../src/state/types.ts";
import { loopbackOnly } from "../helpers/loopback-only.ts";
import {
  buttonClickBody,
  commandBody,
  eventEnvelope,
  type SendOptions,
  sendSigned,
} from "../helpers/signed-request.ts";
import { realKnowledgeBase } from "../helpers/slack-fakes.ts";
import { type RecordedCall, SlackStandIn } from "../helpers/slack-stand-in.ts";
import { allTexts } from "./blocks/fixtures.ts";

// The real app in HTTP mode on 127.0.0.1, its Web API pointed at a stand-in on 127.0.0.1, and requests signed
// with the signing secret exactly as Slack signs them.

const SECRET = "e2e-signing-secret-5f4dcc3b5aa765d61d83";
const TOKEN = "xoxb-e2e-1111-2222-not-a-real-token";
const BOT = "U0BOT";

let standIn: SlackStandIn;
let kb: KnowledgeBase;
let stateDir: string;
let bot: RunningSlackBot;
let state: StateStore;
const logLines: Array<{ level: Level; line: string }> = [];
let network: ReturnType<typeof loopbackOnly>;

async function startBot(): Promise<void> {
  const config = loadConfig({
    SLACK_BOT_TOKEN: TOKEN,
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: standIn.apiUrl,
    PORT: "0",
    HOST: "127.0.0.1",
    STATE_DIR: stateDir,
    LOG_LEVEL: "debug",
    // One asker asks everything here; the limit per person has its own tests (test/slack/faults.test.ts).
    QUESTIONS_PER_MINUTE: "0",
  });
  const log = processLogger(config, (level, line) => logLines.push({ level, line }));
  state = await openStateStore(config, { log, role: "bot" });
  // Slack's pace of a message a second per channel has its own tests; here it would only make the file slow.
  bot = await startSlackBot(config, { getKnowledgeBase: () => kb, state, log }, { postIntervalMs: 10 });
}

async function stopBot(): Promise<void> {
  await bot.stop();
  await state.close();
}

beforeAll(async () => {
  network = loopbackOnly();
  standIn = await SlackStandIn.start();
  kb = await realKnowledgeBase();
  stateDir = await mkdtemp(path.join(tmpdir(), "minusma-e2e-"));
  await startBot();
});

afterAll(async () => {
  await stopBot();
  await standIn.close();
  network.restore();
});

const url = () => `http://127.0.0.1:${bot.port}/slack/events`;
const signed = (extra: Partial<SendOptions> = {}) => ({ secret: SECRET, ...extra });

let eventCounter = 0;
/** Sends one event as Slack would; a fresh event id unless one is given. */
function sendEvent(
  event: Record<string, unknown>,
  options: Partial<SendOptions> & { eventId?: string } = {},
) {
  eventCounter += 1;
  const body = eventEnvelope(options.eventId ?? `Ev${eventCounter}`, { event_ts: event.ts, ...event });
  return sendSigned(url(), body, "application/json", signed(options));
}

function mention(channel: string, ts: string, text: string, extra: Record<string, unknown> = {}) {
  return { type: "app_mention", channel, user: "U0ASKER", text: `<@${BOT}> ${text}`, ts, ...extra };
}

function reply(
  channel: string,
  ts: string,
  threadTs: string,
  text: string,
  extra: Record<string, unknown> = {},
) {
  return {
    type: "message",
    channel,
    channel_type: "channel",
    user: "U0ASKER",
    text,
    ts,
    thread_ts: threadTs,
    ...extra,
  };
}

const posts = (channel: string, threadTs?: string) =>
  standIn
    .callsTo("chat.postMessage")
    .filter(
      (call) => call.args.channel === channel && (threadTs === undefined || call.args.thread_ts === threadTs),
    );

/** Waits for the n-th answer posted in a thread. */
function answerIn(channel: string, threadTs: string, n = 1): Promise<RecordedCall> {
  return standIn.waitFor(`answer ${n} in ${channel}:${threadTs}`, () => posts(channel, threadTs)[n - 1]);
}

/** Waits for a message that has been sent after the ones before it, so that everything before it was handled. */
async function barrier(channel: string): Promise<void> {
  const ts = `${900 + eventCounter}.000001`;
  await sendEvent(mention(channel, ts, "troop ceiling"));
  await answerIn(channel, ts);
}

describe("HTTP mode, end to end", () => {
  it("answers Slack's url_verification challenge", async () => {
    const body = JSON.stringify({
      token: "x",
      challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
      type: "url_verification",
    });
    const response = await sendSigned(url(), body, "application/json", signed());
    expect(response.status).toBe(200);
    expect(JSON.parse(response.text)).toEqual({
      challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
    });
  });

  it("serves GET /healthz", async () => {
    const response = await fetch(`http://127.0.0.1:${bot.port}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      ok: true,
      documents: kb.index.documents.length,
      instance: state.instanceId,
      knowledge: knowledgeVersion(kb),
      state: { engine: "sqlite" },
    });
  });

  it("refuses a forged signature and a stale timestamp, and acts on neither", async () => {
    const forged = await sendEvent(mention("CFORGE", "1.1", "troop ceiling"), {
      signature: "v0=0000000000000000000000000000000000000000000000000000000000000000",
    });
    const wrongSecret = await sendSigned(
      url(),
      eventEnvelope("EvWrongSecret", mention("CFORGE", "1.2", "troop ceiling")),
      "application/json",
      { secret: "not-the-signing-secret" },
    );
    // Signed correctly, but 10 minutes old: a replayed request. Slack's limit is 5 minutes.
    const stale = await sendEvent(mention("CFORGE", "1.3", "troop ceiling"), {
      timestamp: Math.floor(Date.now() / 1000) - 600,
    });
    expect([forged.status, wrongSecret.status, stale.status]).toEqual([401, 401, 401]);
    await barrier("CFORGE");
    expect(posts("CFORGE")).toHaveLength(1);
    expect(
      standIn.calls.filter((call) => call.args.timestamp === "1.1" || call.args.timestamp === "1.3"),
    ).toEqual([]);
  });

  it("acknowledges a slash command at once and answers it privately on its response_url", async () => {
    const response = await sendSigned(
      url(),
      commandBody({ text: "troop ceiling", responseUrl: standIn.responseUrl("cmd-1") }),
      "application/x-www-form-urlencoded",
      signed(),
    );
    expect(response.status).toBe(200);
    expect(response.text).toBe("");
    // How fast acknowledgements are is measured by `npm run bench:load`, not here.
    const [posted] = await standIn.waitFor(
      "the command's answer",
      () => standIn.responsesTo("cmd-1").length > 0 && standIn.responsesTo("cmd-1"),
    );
    const expected = answerMessage(answerQuestion(kb, "troop ceiling"), {
      kind: "private",
      question: "troop ceiling",
    });
    expect(posted?.body).toEqual({ response_type: "ephemeral", ...expected });
  });

  it("shares a private answer in the channel, attributed to the asker, and replies in its thread follow up", async () => {
    const question = "troop ceiling";
    const value = JSON.stringify({ q: question });
    const response = await sendSigned(
      url(),
      buttonClickBody({
        actionId: ACTION_IDS.share,
        value,
        responseUrl: standIn.responseUrl("share-1"),
        channel: "CSHARE",
        ephemeral: true,
      }),
      "application/x-www-form-urlencoded",
      signed(),
    );
    expect(response.status).toBe(200);
    const shared = await standIn.waitFor("the shared answer", () => posts("CSHARE")[0]);
    const answer = answerQuestion(kb, question);
    expect(shared.args).toMatchObject({
      ...answerMessage(answer, { kind: "shared", question, asker: "U0ASKER" }),
      unfurl_links: "false",
    });
    expect(String(shared.args.text)).toMatch(/^<@U0ASKER> asked: troop ceiling/u);
    await standIn.waitFor("the private copy marked shared", () => standIn.responsesTo("share-1")[0]);

    const sharedTs = (shared.result as { ts: string }).ts;
    await sendEvent(reply("CSHARE", "2.2", sharedTs, "and for police?"));
    const followUp = await answerIn("CSHARE", sharedTs);
    expect(followUp.args.text).toBe(
      answerMessage(answerQuestion(kb, "and for police?", [answer.turn]), { kind: "thread" }).text,
    );
  });

  it("answers a mention in its thread, with a working sign added before and removed after", async () => {
    await sendEvent(mention("CMENTION", "10.1", "troop ceiling"));
    const answer = await answerIn("CMENTION", "10.1");
    const expected = answerMessage(answerQuestion(kb, "troop ceiling"), { kind: "thread" });
    expect(answer.args.text).toBe(expected.text);
    expect(answer.args.blocks).toEqual(expected.blocks);
    const removed = await standIn.waitFor("the working sign removed", () =>
      standIn.callsTo("reactions.remove").find((call) => call.args.timestamp === "10.1"),
    );
    const added = standIn.callsTo("reactions.add").find((call) => call.args.timestamp === "10.1");
    expect(added?.args).toMatchObject({ channel: "CMENTION", name: WORKING_REACTION });
    const order = [added, answer, removed].map((call) => standIn.calls.indexOf(call as RecordedCall));
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it("answers a follow-up in that thread from the thread's context, without a mention", async () => {
    const first = answerQuestion(kb, "troop ceiling");
    const inContext = answerQuestion(kb, "and for police?", [first.turn]);
    // The test means something only if the context changes the answer.
    expect(inContext.text).not.toBe(answerQuestion(kb, "and for police?").text);

    await sendEvent(reply("CMENTION", "10.2", "10.1", "and for police?"));
    const answer = await answerIn("CMENTION", "10.1", 2);
    expect(answer.args.text).toBe(answerMessage(inContext, { kind: "thread" }).text);
  });

  it("answers a retried event (X-Slack-Retry-Num) once", async () => {
    const event = mention("CRETRY", "20.1", "troop ceiling");
    const first = await sendEvent(event, { eventId: "EvRetried" });
    await answerIn("CRETRY", "20.1");
    const retry = await sendEvent(event, { eventId: "EvRetried", retryNum: 1 });
    const again = await sendEvent(event, { eventId: "EvRetried", retryNum: 2 });
    expect([first.status, retry.status, again.status]).toEqual([200, 200, 200]);
    await barrier("CRETRY");
    expect(posts("CRETRY", "20.1")).toHaveLength(1);
  });

  it("answers an @mention that also arrives as a message event once", async () => {
    await sendEvent(mention("CBOTH", "30.1", "troop ceiling"));
    await answerIn("CBOTH", "30.1");
    const text = `<@${BOT}> and for police?`;
    await sendEvent(reply("CBOTH", "30.2", "30.1", text));
    await sendEvent(mention("CBOTH", "30.2", "and for police?", { thread_ts: "30.1" }));
    await answerIn("CBOTH", "30.1", 2);
    await barrier("CBOTH");
    expect(posts("CBOTH", "30.1")).toHaveLength(2);
  });

  it("answers a direct message in its thread", async () => {
    await sendEvent({
      type: "message",
      channel: "D0DM",
      channel_type: "im",
      user: "U0ASKER",
      text: "troop ceiling",
      ts: "40.1",
    });
    const answer = await answerIn("D0DM", "40.1");
    expect(answer.args.text).toBe(
      answerMessage(answerQuestion(kb, "troop ceiling"), { kind: "thread" }).text,
    );
  });

  it("ignores itself, other bots, edits, deletions, joins and threads it is not in", async () => {
    await sendEvent(mention("CIGNORE", "50.1", "troop ceiling"));
    await answerIn("CIGNORE", "50.1");
    await sendEvent(reply("CIGNORE", "50.2", "50.1", "troop ceiling", { user: BOT }));
    await sendEvent(
      reply("CIGNORE", "50.3", "50.1", "troop ceiling", { bot_id: "B0OTHER", user: "U0OTHERBOT" }),
    );
    await sendEvent(reply("CIGNORE", "50.4", "50.1", "troop ceiling", { subtype: "bot_message" }));
    await sendEvent({
      type: "message",
      subtype: "message_changed",
      channel: "CIGNORE",
      channel_type: "channel",
      ts: "50.5",
      message: { type: "message", user: "U0ASKER", text: "troop ceiling", ts: "50.2", thread_ts: "50.1" },
    });
    await sendEvent({
      type: "message",
      subtype: "message_deleted",
      channel: "CIGNORE",
      channel_type: "channel",
      ts: "50.6",
      deleted_ts: "50.2",
    });
    await sendEvent({
      type: "message",
      subtype: "channel_join",
      channel: "CIGNORE",
      channel_type: "channel",
      user: "U0NEW",
      text: "<@U0NEW> has joined the channel",
      ts: "50.7",
    });
    await sendEvent(reply("CIGNORE", "60.2", "60.1", "troop ceiling"));
    await barrier("CIGNORE");
    expect(posts("CIGNORE", "50.1")).toHaveLength(1);
    expect(posts("CIGNORE", "60.1")).toHaveLength(0);
    expect(standIn.calls.filter((call) => /^50\.[2-7]$/u.test(String(call.args.timestamp)))).toEqual([]);
  });

  it("never echoes markup from a query live: no ping, no disguised link", async () => {
    const hostile =
      "<!channel> &lt;!here&gt; <@U0BOSS> <https://evil.example|the official report> troop ceiling";
    await sendSigned(
      url(),
      commandBody({ text: hostile, responseUrl: standIn.responseUrl("cmd-markup") }),
      "application/x-www-form-urlencoded",
      signed(),
    );
    const [posted] = await standIn.waitFor(
      "the answer",
      () => standIn.responsesTo("cmd-markup").length > 0 && standIn.responsesTo("cmd-markup"),
    );
    await sendEvent(mention("CMARKUP", "70.1", hostile));
    const answered = await answerIn("CMARKUP", "70.1");
    const share = JSON.stringify({ q: "<!channel> <@U0BOSS> troop ceiling" });
    await sendSigned(
      url(),
      buttonClickBody({
        actionId: ACTION_IDS.share,
        value: share,
        responseUrl: standIn.responseUrl("share-markup"),
        channel: "CMARKUP",
        ephemeral: true,
      }),
      "application/x-www-form-urlencoded",
      signed(),
    );
    const shared = await standIn.waitFor("the shared answer", () =>
      posts("CMARKUP").find((call) => call.args.thread_ts === undefined),
    );
    // Every text Slack renders (the fallback and each block's text); button values are data, never rendered.
    const rendered = [posted?.body, answered.args, shared.args].map((message) =>
      allTexts(message as { text: string; blocks: unknown[] }).join("\n"),
    );
    for (const text of rendered) expect(text).not.toMatch(/<!channel>|<!here>|<@U0BOSS>|<https:\/\/evil/u);
    expect(rendered[0]).toContain(
      "*You asked:* @channel &lt;!here&gt; @U0BOSS the official report troop ceiling",
    );
    expect(rendered[2]).toContain("asked:* &lt;!channel&gt; &lt;@U0BOSS&gt; troop ceiling");
  });

  it("waits and retries when Slack rate limits it, answering once, and logs it", async () => {
    standIn.failNext("chat.postMessage", {
      status: 429,
      headers: { "Retry-After": "1" },
      body: { ok: false, error: "ratelimited" },
    });
    await sendEvent(mention("CLIMIT", "80.1", "troop ceiling"));
    await standIn.waitFor("the answer after the wait", () => posts("CLIMIT", "80.1")[1]);
    await barrier("CLIMIT");
    expect(posts("CLIMIT", "80.1")).toHaveLength(2);
    expect(logLines.map((entry) => entry.line).join("\n")).toMatch(/rate limit/iu);
  });

  it("keeps a thread's context across a restart", async () => {
    await sendEvent(mention("CRESTART", "90.1", "troop ceiling"));
    await answerIn("CRESTART", "90.1");
    await stopBot();
    await startBot();
    await sendEvent(reply("CRESTART", "90.2", "90.1", "and for police?"));
    const answer = await answerIn("CRESTART", "90.1", 2);
    const first = answerQuestion(kb, "troop ceiling");
    expect(answer.args.text).toBe(
      answerMessage(answerQuestion(kb, "and for police?", [first.turn]), { kind: "thread" }).text,
    );
  });

  it("only calls Web API methods the manifest grants, always with a fallback text, always with its token", () => {
    expect(standIn.calls.length).toBeGreaterThan(10);
    for (const call of standIn.calls) {
      expect(Object.keys(METHOD_SCOPES)).toContain(call.method);
      expect(call.token).toBe(TOKEN);
      if (call.method.startsWith("chat.")) expect(call.args.text).toEqual(expect.stringMatching(/\S/u));
    }
    for (const post of standIn.responses) expect(post.body.text).toEqual(expect.stringMatching(/\S/u));
  });

  it("never logs the token or the signing secret, even at debug level", () => {
    expect(logLines.length).toBeGreaterThan(10);
    const all = logLines.map((entry) => entry.line).join("\n");
    expect(all).not.toContain(TOKEN);
    expect(all).not.toContain(SECRET);
    expect(all).not.toContain("e2e-1111-2222");
  });

  it("sent nothing anywhere but 127.0.0.1", () => {
    expect(network.refused).toEqual([]);
  });
});

describe("start-up against Slack", () => {
  it("stops with what to do when Slack refuses the bot token", async () => {
    standIn.failNext("auth.test", { body: { ok: false, error: "invalid_auth" } });
    const config = loadConfig({
      SLACK_BOT_TOKEN: "xoxb-revoked-token-0000",
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: standIn.apiUrl,
      PORT: "0",
      HOST: "127.0.0.1",
    });
    const log = processLogger(config, () => undefined);
    const starting = startSlackBot(config, {
      getKnowledgeBase: () => kb,
      state: SqliteStore.inMemory({ log }),
      log,
    });
    await expect(starting).rejects.toBeInstanceOf(SlackStartError);
    await expect(starting).rejects.toThrow(
      /^slack: Slack refused SLACK_BOT_TOKEN \(invalid_auth\): copy the Bot User OAuth Token .* again/u,
    );
  });

  it("stops with what to do when the port is taken", async () => {
    const config = loadConfig({
      SLACK_BOT_TOKEN: TOKEN,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: standIn.apiUrl,
      PORT: String(bot.port),
      HOST: "127.0.0.1",
    });
    const log = processLogger(config, () => undefined);
    await expect(
      startSlackBot(config, { getKnowledgeBase: () => kb, state: SqliteStore.inMemory({ log }), log }),
    ).rejects.toThrow(/^slack: cannot listen on port \d+ \(EADDRINUSE\): another process uses it/u);
  });
});
