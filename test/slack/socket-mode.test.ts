import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { answerQuestion } from "../../src/core/answer/answer.ts";
import type { KnowledgeBase } from "../../src/core/knowledge-base.ts";
import { processLogger } from "../../src/log.ts";
import { type RunningSlackBot, SlackStartError, startSlackBot } from "../../src/slack/app.ts";
import { answerMessage } from "../../src/slack/blocks/answer.ts";
import { SqliteStore } from "../../src/state/sqlite.ts";
import { loopbackOnly } from "../helpers/loopback-only.ts";
import { eventEnvelope } from "../helpers/signed-request.ts";
import { captureLog, realKnowledgeBase } from "../helpers/slack-fakes.ts";
import { SlackStandIn } from "../helpers/slack-stand-in.ts";

// Socket Mode, the default for a team trying the bot: the real app opens its connection through
// apps.connections.open and a WebSocket, both served by the stand-in on 127.0.0.1.

const BOT_TOKEN = "xoxb-socket-1111-not-real";
const APP_TOKEN = "xapp-1-A0TEST-2222-not-real";

let standIn: SlackStandIn;
let kb: KnowledgeBase;
let bot: RunningSlackBot;
let network: ReturnType<typeof loopbackOnly>;

function socketConfig(appToken = APP_TOKEN) {
  return loadConfig({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_APP_TOKEN: appToken, SLACK_API_URL: standIn.apiUrl });
}

beforeAll(async () => {
  network = loopbackOnly();
  standIn = await SlackStandIn.start();
  kb = await realKnowledgeBase();
  const config = socketConfig();
  const log = processLogger(config, () => undefined);
  bot = await startSlackBot(config, {
    getKnowledgeBase: () => kb,
    state: SqliteStore.inMemory({ log }),
    log,
  });
});

afterAll(async () => {
  await bot.stop();
  await standIn.close();
  network.restore();
});

describe("Socket Mode, end to end", () => {
  it("connects with the app-level token, the bot token checked first", () => {
    expect(bot.mode).toBe("socket");
    expect(bot.port).toBeNull();
    expect(standIn.callsTo("auth.test")[0]?.token).toBe(BOT_TOKEN);
    expect(standIn.callsTo("apps.connections.open")[0]?.token).toBe(APP_TOKEN);
    expect(standIn.socketConnected).toBe(true);
  });

  it("acknowledges an event envelope and answers the mention in its thread", async () => {
    const event = {
      type: "app_mention",
      channel: "CSOCK",
      user: "U0ASKER",
      text: "<@U0BOT> troop ceiling",
      ts: "1.1",
      event_ts: "1.1",
    };
    standIn.sendEnvelope({
      envelope_id: "env-1",
      type: "events_api",
      accepts_response_payload: false,
      retry_attempt: 0,
      retry_reason: "",
      payload: JSON.parse(eventEnvelope("EvSocket1", event)),
    });
    await standIn.waitFor("the envelope's acknowledgement", () =>
      standIn.socketMessages.find((message) => message.envelope_id === "env-1"),
    );
    const answer = await standIn.waitFor("the answer", () =>
      standIn.callsTo("chat.postMessage").find((call) => call.args.channel === "CSOCK"),
    );
    expect(answer.args.thread_ts).toBe("1.1");
    expect(answer.args.text).toBe(
      answerMessage(answerQuestion(kb, "troop ceiling"), { kind: "thread" }).text,
    );
  });

  it("acknowledges a slash command envelope and answers on its response_url", async () => {
    standIn.sendEnvelope({
      envelope_id: "env-2",
      type: "slash_commands",
      accepts_response_payload: true,
      payload: {
        command: "/minusma",
        text: "sources",
        user_id: "U0ASKER",
        channel_id: "CSOCK",
        team_id: "T0TEST",
        api_app_id: "A0TEST",
        response_url: standIn.responseUrl("socket-cmd"),
        trigger_id: "1.2.3",
      },
    });
    await standIn.waitFor("the command's acknowledgement", () =>
      standIn.socketMessages.find((message) => message.envelope_id === "env-2"),
    );
    const [reply] = await standIn.waitFor(
      "the sources",
      () => standIn.responsesTo("socket-cmd").length > 0 && standIn.responsesTo("socket-cmd"),
    );
    expect(reply?.body.response_type).toBe("ephemeral");
  });

  it("sent nothing anywhere but 127.0.0.1", () => {
    expect(network.refused).toEqual([]);
  });

  it("stops with what to do when Slack refuses the app-level token", async () => {
    standIn.failNext("apps.connections.open", { body: { ok: false, error: "invalid_auth" } });
    const config = socketConfig("xapp-1-A0TEST-revoked");
    const log = processLogger(config, () => undefined);
    const starting = startSlackBot(config, {
      getKnowledgeBase: () => kb,
      state: SqliteStore.inMemory({ log }),
      log,
    });
    await expect(starting).rejects.toBeInstanceOf(SlackStartError);
    await expect(starting).rejects.toThrow(
      /^slack: Slack refused the Socket Mode connection \(invalid_auth\): check SLACK_APP_TOKEN/u,
    );
  });
});

describe("Socket Mode through an outage during one of Slack's connection refreshes", () => {
  it("keeps retrying through 503s and three 429s, warns at each attempt, says when it is back, and answers again", async () => {
    const outage = await SlackStandIn.start();
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown) => rejections.push(reason);
    process.on("unhandledRejection", onRejection);
    const config = loadConfig({
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_APP_TOKEN: APP_TOKEN,
      SLACK_API_URL: outage.apiUrl,
      HEALTH_PORT: "0",
      HOST: "127.0.0.1",
    });
    const capture = captureLog("info");
    const healing = await startSlackBot(
      config,
      { getKnowledgeBase: () => kb, state: SqliteStore.inMemory({ log: capture.log }), log: capture.log },
      {
        // Short waits for the test; the bot waits 1 s, doubling up to 30 s (SOCKET_RETRY).
        socketRetry: { forever: true, factor: 2, minTimeout: 20, maxTimeout: 100, randomize: true },
        unhealthyAfterMs: 0,
      },
    );
    const health = async () => {
      const response = await fetch(`http://127.0.0.1:${healing.healthPort}/healthz`);
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    const warnings = () =>
      capture.at("warn").filter((line) => /could not open a Socket Mode connection/u.test(line));
    try {
      expect(await health()).toMatchObject({ status: 200, body: { ok: true, connected: true } });
      const opened = outage.callsTo("apps.connections.open").length;

      // Slack asks for a refresh, and apps.connections.open then fails with 503 for a while.
      outage.failing.set("apps.connections.open", { status: 503, body: { ok: false } });
      outage.sendEnvelope({ type: "disconnect", reason: "refresh_requested" });
      await outage.waitFor("the socket to close", () => !outage.socketConnected, 10_000);
      await outage.waitFor("four failed attempts", () => warnings().length >= 4, 30_000);
      expect(await health()).toMatchObject({ status: 503, body: { ok: false, connected: false } });

      // Then three 429s (Retry-After 1 s each), then Slack is back.
      for (let i = 0; i < 3; i += 1) {
        outage.failNext("apps.connections.open", { status: 429, headers: { "Retry-After": "1" } });
      }
      outage.failing.delete("apps.connections.open");
      await outage.waitFor("the connection to come back", () => outage.socketConnected, 30_000);
      await outage.waitFor("the line saying so", () =>
        capture.at("info").find((line) => /Socket Mode connected again after/u.test(line)),
      );
      const attempts = outage.callsTo("apps.connections.open").slice(opened);
      expect(
        attempts.filter((call) => (call.result as { ok?: boolean } | undefined)?.ok === true),
      ).toHaveLength(1);
      expect(attempts.length).toBeGreaterThanOrEqual(4 + 3 + 1);
      expect(warnings().length).toBeGreaterThanOrEqual(4 + 3);
      expect(await health()).toMatchObject({ status: 200, body: { ok: true, connected: true } });

      outage.sendEnvelope({
        envelope_id: "env-after-outage",
        type: "events_api",
        accepts_response_payload: false,
        retry_attempt: 0,
        retry_reason: "",
        payload: JSON.parse(
          eventEnvelope("EvAfterOutage", {
            type: "app_mention",
            channel: "CHEAL",
            user: "U0ASKER",
            text: "<@U0BOT> troop ceiling",
            ts: "2.1",
            event_ts: "2.1",
          }),
        ),
      });
      await outage.waitFor("the answer after the outage", () =>
        outage.callsTo("chat.postMessage").find((call) => call.args.channel === "CHEAL"),
      );
      expect(rejections).toEqual([]);
    } finally {
      process.off("unhandledRejection", onRejection);
      await healing.stop();
      await outage.close();
    }
  }, 60_000);
});
