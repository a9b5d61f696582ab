import { afterEach, describe, expect, it } from "vitest";
import { type HttpBot, startHttpBot } from "../helpers/http-bot.ts";

let bot: HttpBot | null = null;
afterEach(async () => {
  await bot?.close();
  bot = null;
});

/** The messages the stand-in holds in a thread: what people would see. */
function shown(b: HttpBot, channel: string, threadTs: string) {
  return (b.standIn.messages.get(channel) ?? []).filter((m) => m.thread_ts === threadTs);
}

async function until(what: string, check: () => boolean, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("posting exactly once", () => {
  it("a post Slack took but answered after the client's timeout is found, not posted again", async () => {
    // The client gives up a call after 300 ms and would retry it; the stand-in takes the post and answers at 1.5 s.
    bot = await startHttpBot({
      app: {
        requestTimeoutMs: 300,
        retry: { retries: 2, minTimeout: 50, maxTimeout: 100 },
        postIntervalMs: 0,
      },
    });
    bot.standIn.failNext("chat.postMessage", { acceptAfterMs: 1_500 });
    await bot.mention("CSLOW", "10.1", "troop ceiling");
    const b = bot;
    await until("the bot to find its own answer", () => /but Slack had taken it/u.test(b.logText()));
    expect(shown(bot, "CSLOW", "10.1")).toHaveLength(1);
    expect(shown(bot, "CSLOW", "10.1")[0]?.metadata).toEqual({
      event_type: "minusma_answer",
      event_payload: { question: "CSLOW:10.1" },
    });
    expect(bot.standIn.callsTo("conversations.replies")[0]?.args).toMatchObject({
      channel: "CSLOW",
      ts: "10.1",
      include_all_metadata: "true",
    });
    // The post counted as done: the thread is remembered, and nothing was apologised for.
    await until("the answer to be logged", () => /answered a mention in CSLOW/u.test(b.logText()));
    expect(await bot.state.threads.has("CSLOW:10.1")).toBe(true);
  });

  it("a post that failed before Slack took it is looked for, then posted once", async () => {
    bot = await startHttpBot({
      app: {
        requestTimeoutMs: 5_000,
        retry: { retries: 2, minTimeout: 50, maxTimeout: 100 },
        postIntervalMs: 0,
      },
    });
    bot.standIn.failNext("chat.postMessage", { status: 503, body: "upstream unavailable" });
    await bot.mention("CFAIL", "20.1", "troop ceiling");
    const b = bot;
    await until("the answer", () => shown(b, "CFAIL", "20.1").length >= 1);
    await until("the answer to be logged", () => /answered a mention in CFAIL/u.test(b.logText()));
    expect(bot.logText()).toMatch(/is not in the channel; posting it again/u);
    expect(bot.standIn.callsTo("chat.postMessage").filter((c) => c.args.channel === "CFAIL")).toHaveLength(2);
    expect(shown(bot, "CFAIL", "20.1")).toHaveLength(1);
  });

  it("a post refused by Slack (ok: false) is not looked for or sent again: Slack said it did not post", async () => {
    bot = await startHttpBot({ app: { postIntervalMs: 0 } });
    bot.standIn.failNext("chat.postMessage", { body: { ok: false, error: "msg_too_long" } });
    await bot.mention("CREFUSED", "30.1", "troop ceiling");
    const b = bot;
    await until("the apology", () => shown(b, "CREFUSED", "30.1").length >= 1);
    expect(bot.standIn.callsTo("conversations.replies")).toEqual([]);
    expect(shown(bot, "CREFUSED", "30.1")[0]?.metadata?.event_type).toBe("minusma_apology");
  });
});
