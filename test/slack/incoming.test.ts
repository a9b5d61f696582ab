import { describe, expect, it } from "vitest";
import {
  classifyMessage,
  firstDelivery,
  type IncomingMessage,
  notFromAPerson,
} from "../../src/slack/incoming.ts";
import { SqliteStore } from "../../src/state/sqlite.ts";
import { captureLog } from "../helpers/slack-fakes.ts";

const handledEvents = () => SqliteStore.inMemory({ log: captureLog().log }).events;

const BOT = "U0BOT";
const botThreads = new Set(["C1:100.1"]);
const isBotThread = (key: string) => botThreads.has(key);

function message(fields: Partial<IncomingMessage>): IncomingMessage {
  return {
    channel: "C1",
    channel_type: "channel",
    user: "U0ASKER",
    text: "and for police?",
    ts: "100.2",
    ...fields,
  };
}

describe("classifyMessage", () => {
  it("answers a reply in a thread where the bot answered, without a mention", async () => {
    expect(await classifyMessage(message({ thread_ts: "100.1" }), BOT, isBotThread)).toEqual({
      kind: "answer",
      via: "follow-up",
      threadTs: "100.1",
    });
  });

  it("answers a reply also sent to the channel (thread_broadcast) like any reply", async () => {
    const broadcast = message({ thread_ts: "100.1", subtype: "thread_broadcast" });
    expect((await classifyMessage(broadcast, BOT, isBotThread)).kind).toBe("answer");
  });

  it("answers every direct message, in the message's own thread", async () => {
    expect(
      await classifyMessage(message({ channel: "D1", channel_type: "im", ts: "5.5" }), BOT, isBotThread),
    ).toEqual({
      kind: "answer",
      via: "direct message",
      threadTs: "5.5",
    });
    expect(
      await classifyMessage(
        message({ channel: "D1", channel_type: "im", ts: "5.6", thread_ts: "5.5" }),
        BOT,
        isBotThread,
      ),
    ).toMatchObject({ threadTs: "5.5" });
  });

  it.each([
    ["a thread the bot is not part of", message({ thread_ts: "999.9" })],
    ["not in a thread", message({})],
    ["the bot's own message", message({ thread_ts: "100.1", user: BOT })],
    ["a bot's message", message({ thread_ts: "100.1", bot_id: "B0OTHER" })],
    ["a message_changed event", message({ thread_ts: "100.1", subtype: "message_changed" })],
    ["a message_deleted event", message({ thread_ts: "100.1", subtype: "message_deleted" })],
    ["a channel_join event", message({ subtype: "channel_join" })],
    ["a bot_message event", message({ channel_type: "im", subtype: "bot_message" })],
    ["a message without text", message({ channel_type: "im", text: " " })],
    ["a message without a user", message({ channel_type: "im", user: undefined })],
    ["an edit", message({ thread_ts: "100.1", edited: { user: "U0ASKER", ts: "1" } })],
    [
      "a reply addressed to someone else",
      message({ thread_ts: "100.1", text: "<@U0COLLEAGUE> can you check?" }),
    ],
  ])("ignores %s", async (reason, incoming) => {
    expect(await classifyMessage(incoming, BOT, isBotThread)).toEqual({ kind: "ignore", reason });
  });

  it("answers a reply that mentions the bot as well as someone else", async () => {
    const both = message({ thread_ts: "100.1", text: "<@U0COLLEAGUE> see <@U0BOT|minusma> and for police?" });
    expect((await classifyMessage(both, BOT, isBotThread)).kind).toBe("answer");
  });
});

describe("notFromAPerson", () => {
  it("passes a person's new mention", async () => {
    expect(notFromAPerson(message({ text: "<@U0BOT> troop ceiling" }), BOT)).toBeNull();
  });
});

describe("firstDelivery", () => {
  it("refuses a Slack retry (same event id)", async () => {
    const handled = handledEvents();
    expect(await firstDelivery(handled, "Ev1", "C1", "100.1")).toBe(true);
    expect(await firstDelivery(handled, "Ev1", "C1", "100.1")).toBe(false);
  });

  it("refuses the same message arriving as another event (app_mention and message)", async () => {
    const handled = handledEvents();
    expect(await firstDelivery(handled, "EvMention", "C1", "100.1")).toBe(true);
    expect(await firstDelivery(handled, "EvMessage", "C1", "100.1")).toBe(false);
    expect(await firstDelivery(handled, "EvOther", "C1", "100.2")).toBe(true);
  });
});
