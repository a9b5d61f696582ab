import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { attachDigest } from "../../src/digest/attach.ts";
import { digestSettings } from "../../src/digest/scheduler.ts";
import { startSlackBot } from "../../src/slack/app.ts";
import { PREVIEW_NOTE } from "../../src/slack/blocks/digest.ts";
import { type ChatClient, chatPoster } from "../../src/slack/digest-poster.ts";
import { digestSubcommand } from "../../src/slack/listeners/commands/digest.ts";
import { commandBody, eventEnvelope, sendSigned } from "../helpers/signed-request.ts";
import { realKnowledgeBase, testDeps } from "../helpers/slack-fakes.ts";
import { SlackStandIn } from "../helpers/slack-stand-in.ts";
import { FakeClock } from "./helpers/fake-clock.ts";
import { tempDir } from "./helpers/knowledge.ts";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const SECRET = "e2e-signing-secret";

/**
 * The bot as main.ts should wire it (see the digest section of the README): the Slack app in HTTP mode
 * against the Web API stand-in on 127.0.0.1, the digest scheduler posting with the app's client and seeding
 * the digest's thread in the thread memory, and `/minusma digest` registered as a subcommand.
 */
async function bot() {
  const standIn = await SlackStandIn.start();
  cleanups.push(() => standIn.close());
  const state = await tempDir("e2e-state");
  cleanups.push(state.remove);
  const config = loadConfig({
    SLACK_BOT_TOKEN: "xoxb-e2e-token",
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: standIn.apiUrl,
    PORT: "0",
    HOST: "127.0.0.1",
    STATE_DIR: state.dir,
    DIGEST_CHANNEL: "C0DIGEST",
    DIGEST_TIME: "08:00",
    DIGEST_TZ: "Europe/Paris",
    LOG_LEVEL: "error",
  });
  const kb = await realKnowledgeBase();
  const settings = digestSettings(config)!;
  const { deps } = testDeps(kb, { subcommands: [digestSubcommand(settings)] });
  const running = await startSlackBot(config, deps);
  cleanups.push(() => running.stop());

  const clock = new FakeClock("2024-06-03T05:59:00Z");
  const posted: string[] = [];
  const client = running.app.client;
  const recording: ChatClient = {
    chat: {
      postMessage: async (message) => {
        const result = await client.chat.postMessage(message);
        if (result.ts) posted.push(result.ts);
        return result;
      },
    },
  };
  const scheduler = await attachDigest(config, {
    post: chatPoster(recording, config.DIGEST_CHANNEL ?? ""),
    store: deps.state,
    getKnowledgeBase: deps.getKnowledgeBase,
    log: deps.log.child("digest"),
    clock,
  });
  cleanups.push(() => scheduler?.stop() ?? Promise.resolve());
  return {
    standIn,
    clock,
    posted,
    entries: () => deps.state.digest.entries(),
    events: `http://127.0.0.1:${running.port}/slack/events`,
  };
}

describe("the digest through the Slack app", () => {
  it("posts the scheduled digest to DIGEST_CHANNEL and answers a question in its thread, in that thread", async () => {
    const { standIn, clock, posted, events } = await bot();
    await clock.advanceTo("2024-06-03T06:00:00Z");
    const [digestPost] = standIn.callsTo("chat.postMessage");
    expect(digestPost?.args.channel).toBe("C0DIGEST");
    expect(digestPost?.token).toBe("xoxb-e2e-token");
    expect(String(digestPost?.args.text)).toContain("MINUSMA briefing — Monday 3 June 2024");
    expect(posted).toHaveLength(1);
    const digestTs = posted[0]!;

    const question = eventEnvelope("Ev0DIGEST1", {
      type: "message",
      channel: "C0DIGEST",
      channel_type: "channel",
      user: "U0READER",
      text: "What is the troop ceiling?",
      ts: "1717394500.000200",
      thread_ts: digestTs,
    });
    const sent = await sendSigned(events, question, "application/json", { secret: SECRET });
    expect(sent.status).toBe(200);
    const answer = await standIn.waitFor("the answer in the digest's thread", () =>
      standIn.callsTo("chat.postMessage").find((call) => call.args.thread_ts === digestTs),
    );
    expect(answer.args.channel).toBe("C0DIGEST");
    expect(JSON.stringify(answer.args)).toContain("13,289");
  });

  it("retries a digest due while the Web API is failing, and posts and records it once when it recovers", async () => {
    const { standIn, clock, posted, entries } = await bot();
    // Slack refuses, then rate limits without saying for how long: neither is retried by the Web API client
    // itself, so the scheduler's own retries (a minute, then two) are what bring the digest through.
    standIn.failNext("chat.postMessage", { body: { ok: false, error: "internal_error" } });
    standIn.failNext("chat.postMessage", { status: 429, headers: { "Retry-After": "soon" } });
    await clock.advanceTo("2024-06-03T06:00:00Z");
    expect(await entries()).toEqual([
      expect.objectContaining({ day: "2024-06-03", status: "failed", attempts: 1 }),
    ]);
    await clock.advanceTo("2024-06-03T06:01:00Z");
    expect(standIn.callsTo("chat.postMessage")).toHaveLength(2);
    expect(posted).toEqual([]);
    await clock.advanceTo("2024-06-03T06:03:00Z");
    await clock.advanceTo("2024-06-03T21:00:00Z");
    const attempts = standIn.callsTo("chat.postMessage");
    expect(attempts.map((call) => (call.result as { ok?: boolean }).ok ?? false)).toEqual([
      false,
      false,
      true,
    ]);
    expect(attempts.every((call) => call.args.channel === "C0DIGEST")).toBe(true);
    expect(posted).toHaveLength(1);
    expect(await entries()).toEqual([
      expect.objectContaining({
        day: "2024-06-03",
        status: "posted",
        attempts: 3,
        ts: posted[0],
        error: null,
      }),
    ]);
  });

  it("previews the digest privately with /minusma digest, without posting or recording it", async () => {
    const { standIn, entries, events } = await bot();
    const body = commandBody({ text: "digest 2024-06-03", responseUrl: standIn.responseUrl("preview") });
    const sent = await sendSigned(events, body, "application/x-www-form-urlencoded", { secret: SECRET });
    expect(sent.status).toBe(200);
    const [response] = await standIn.waitFor("the preview", () => {
      const responses = standIn.responsesTo("preview");
      return responses.length > 0 ? responses : null;
    });
    expect(response!.body.response_type).toBe("ephemeral");
    expect(String(response!.body.text)).toContain("MINUSMA briefing — Monday 3 June 2024");
    expect(JSON.stringify(response!.body.blocks)).toContain(PREVIEW_NOTE);
    expect(standIn.callsTo("chat.postMessage")).toEqual([]);
    expect(await entries()).toEqual([]);
  });
});
