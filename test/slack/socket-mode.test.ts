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
import { realKnowledgeBase } from "../helpers/slack-fakes.ts";
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
