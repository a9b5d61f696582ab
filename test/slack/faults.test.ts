import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { answerQuestion } from "../../src/core/answer/answer.ts";
import type { KnowledgeBase } from "../../src/core/knowledge-base.ts";
import { answerMessage } from "../../src/slack/blocks/answer.ts";
import { POST_BURST, POST_INTERVAL_MS } from "../../src/slack/pace.ts";
import { APOLOGY_TEXT, slowDownText } from "../../src/slack/strings.ts";
import { HTTP_BOT_SECRET, HTTP_BOT_TOKEN, type HttpBot, startHttpBot } from "../helpers/http-bot.ts";
import { loopbackOnly } from "../helpers/loopback-only.ts";
import { realKnowledgeBase } from "../helpers/slack-fakes.ts";
import type { RecordedCall } from "../helpers/slack-stand-in.ts";

// Slack misbehaving, against the real app in HTTP mode on 127.0.0.1 with the stand-in scripted to fail.
// Every fault must end in one logged error, an apology where someone is waiting and the bot can reach them,
// and the bot answering the next question.

let kb: KnowledgeBase;
let bot: HttpBot;
let network: ReturnType<typeof loopbackOnly>;
/** set to make the next question fail inside its listener, as a bug in the answer path would */
let breakNextAnswer = false;

beforeAll(async () => {
  network = loopbackOnly();
  kb = await realKnowledgeBase();
  bot = await startHttpBot({
    // One asker asks everything here; the limit has its own bot below.
    env: { QUESTIONS_PER_MINUTE: "0" },
    // Each fault is in its own channel, so Slack's pace would only make the file slower; it has its own test.
    app: { postIntervalMs: 20 },
    deps: {
      getKnowledgeBase: () => {
        if (breakNextAnswer) {
          breakNextAnswer = false;
          throw new Error("index unavailable");
        }
        return kb;
      },
    },
  });
});

afterAll(async () => {
  await bot.close();
  network.restore();
});

const ok = (call: RecordedCall) => (call.result as { ok?: boolean } | undefined)?.ok === true;
const expectedAnswer = (question: string) =>
  answerMessage(answerQuestion(kb, question), { kind: "thread" }).text;

/** The messages Slack accepted in a thread (refused attempts are recorded too, and left out here). */
const delivered = (channel: string, threadTs: string) => bot.postsIn(channel, threadTs).filter(ok);

/** Error lines logged since `from` (an index into the error lines). */
const errorsSince = (from: number) => bot.logsAt("error").slice(from);

/** The bot answers the next question, in a fresh channel: it kept serving. */
async function stillServes(channel: string) {
  await bot.mention(channel, "999.1", "troop ceiling");
  const answer = await bot.standIn.waitFor(`the answer in ${channel}`, () => delivered(channel, "999.1")[0]);
  expect(answer.args.text).toBe(expectedAnswer("troop ceiling"));
}

describe("chat.postMessage rate limited (429)", () => {
  it("with Retry-After: 2, posts the answer once, after the wait: not twice, not never", async () => {
    bot.standIn.failNext("chat.postMessage", {
      status: 429,
      headers: { "Retry-After": "2" },
      body: { ok: false, error: "ratelimited" },
    });
    await bot.mention("C429", "10.1", "troop ceiling");
    const answer = await bot.standIn.waitFor(
      "the answer after the wait",
      () => delivered("C429", "10.1")[0],
      8_000,
    );
    const attempts = bot.postsIn("C429", "10.1");
    expect(attempts).toHaveLength(2);
    expect(answer.at - (attempts[0]?.at ?? 0)).toBeGreaterThanOrEqual(2_000);
    expect(answer.args.text).toBe(expectedAnswer("troop ceiling"));
    await stillServes("C429-NEXT");
    expect(delivered("C429", "10.1")).toHaveLength(1);
  });

  it.each([
    ["no Retry-After", {}, "null"],
    ["a garbage Retry-After", { "Retry-After": "soon" }, "soon"],
  ])("with %s, logs one error saying so and apologises in the thread", async (_name, headers, shown) => {
    const channel = `C429-${shown.toUpperCase()}`;
    const errors = bot.logsAt("error").length;
    bot.standIn.failNext("chat.postMessage", {
      status: 429,
      headers,
      body: { ok: false, error: "ratelimited" },
    });
    await bot.mention(channel, "11.1", "troop ceiling");
    const apology = await bot.standIn.waitFor("the apology", () => delivered(channel, "11.1")[0]);
    expect(apology.args.text).toBe(APOLOGY_TEXT);
    expect(errorsSince(errors)).toEqual([
      expect.stringMatching(
        new RegExp(
          `could not answer a mention in ${channel}: Slack answered 429 \\(rate limited\\) without a usable Retry-After \\(${shown}\\)`,
          "u",
        ),
      ),
    ]);
    await stillServes(`${channel}-NEXT`);
  });
});

describe("chat.postMessage refused (ok: false)", () => {
  it.each([
    ["not_in_channel", "invite the bot to the channel", false],
    ["channel_not_found", "the channel was deleted, or the bot cannot see it", false],
    ["invalid_auth", "SLACK_BOT_TOKEN is not valid", true],
    ["msg_too_long", "Slack answered msg_too_long", true],
  ])(
    "%s: logs one error saying what to do, apologises where it can still post, keeps serving",
    async (code, advice, apologises) => {
      const channel = `C-${code.toUpperCase()}`;
      const errors = bot.logsAt("error").length;
      bot.standIn.failNext("chat.postMessage", { body: { ok: false, error: code } });
      await bot.mention(channel, "12.1", "troop ceiling");
      await bot.standIn.waitFor("the error in the log", () => errorsSince(errors).length > 0);
      // The working sign is removed last, whatever happened: once it is, the mention is done with.
      await bot.standIn.waitFor("the working sign removed", () =>
        bot.standIn.callsTo("reactions.remove").find((call) => call.args.channel === channel),
      );
      expect(errorsSince(errors)).toEqual([
        expect.stringContaining(`could not answer a mention in ${channel}: Slack answered ${code}`),
      ]);
      expect(errorsSince(errors)[0]).toContain(advice);
      // Where Slack refuses the bot the conversation, an apology would be refused the same way.
      expect(delivered(channel, "12.1").map((call) => call.args.text)).toEqual(
        apologises ? [APOLOGY_TEXT] : [],
      );
      await stillServes(`${channel}-NEXT`);
    },
  );
});

describe("a response_url that answers 404", () => {
  it("logs the error and apologises privately in the channel instead", async () => {
    const errors = bot.logsAt("error").length;
    // Both the answer and the apology are refused by the response_url (it expires 30 minutes after the command).
    bot.standIn.failNextResponse("gone", { status: 404, body: { ok: false, error: "expired_url" } });
    bot.standIn.failNextResponse("gone", { status: 404, body: { ok: false, error: "expired_url" } });
    await bot.command("troop ceiling", "gone", { channel: "C404", user: "U404" });
    const apology = await bot.standIn.waitFor("the private apology", () =>
      bot.standIn.callsTo("chat.postEphemeral").find((call) => call.args.channel === "C404"),
    );
    expect(apology.args).toMatchObject({ channel: "C404", user: "U404", text: APOLOGY_TEXT });
    expect(bot.standIn.responseAttempts("gone").map((post) => post.status)).toEqual([404, 404]);
    expect(errorsSince(errors)).toEqual([
      expect.stringMatching(
        /could not answer \/minusma for U404 in C404: the response_url refused the reply \(HTTP 404\)/u,
      ),
    ]);
    await stillServes("C404-NEXT");
  });
});

describe("a handler that throws", () => {
  it("inside its work: the asker gets an apology, the error is logged once, the next request is served", async () => {
    const errors = bot.logsAt("error").length;
    breakNextAnswer = true;
    await bot.command("troop ceiling", "broken");
    const [apology] = await bot.standIn.waitFor("the apology", () => {
      const posts = bot.standIn.responsesTo("broken");
      return posts.length > 0 && posts;
    });
    expect(apology?.body).toEqual({ response_type: "ephemeral", text: APOLOGY_TEXT });
    expect(errorsSince(errors)).toEqual([
      expect.stringMatching(/could not answer \/minusma .*Error: index unavailable/u),
    ]);
    await bot.command("troop ceiling", "after-broken");
    await bot.standIn.waitFor("the next answer", () => bot.standIn.responsesTo("after-broken")[0]);
    expect(errorsSince(errors)).toHaveLength(1);
  });

  it("before its own error handling: Bolt's last resort apologises in the thread and logs the error once", async () => {
    const errors = bot.logsAt("error").length;
    const claim = vi.spyOn(bot.state.events, "claim").mockImplementationOnce(() => {
      throw new Error("state unavailable");
    });
    await bot.mention("CESCAPED", "13.1", "troop ceiling");
    const apology = await bot.standIn.waitFor("the apology", () => delivered("CESCAPED", "13.1")[0]);
    expect(apology.args.text).toBe(APOLOGY_TEXT);
    claim.mockRestore();
    await stillServes("CESCAPED-NEXT");
    expect(errorsSince(errors)).toEqual([
      expect.stringMatching(/unhandled error in a listener: Error: state unavailable/u),
    ]);
  });
});

describe("secrets", () => {
  it("never appear in the log at debug level, after every fault above, nor in anything shown to people", () => {
    const log = bot.logText();
    expect(log.length).toBeGreaterThan(1_000);
    expect(log).not.toContain(HTTP_BOT_TOKEN);
    expect(log).not.toContain(HTTP_BOT_TOKEN.slice(5));
    expect(log).not.toContain(HTTP_BOT_SECRET);
    const shown = JSON.stringify([
      bot.standIn.calls.map((call) => ({ ...call.args, token: undefined })),
      bot.standIn.responses,
    ]);
    expect(shown).not.toContain(HTTP_BOT_TOKEN.slice(5));
    expect(shown).not.toContain(HTTP_BOT_SECRET);
  });

  it("nothing went anywhere but 127.0.0.1", () => {
    expect(network.refused).toEqual([]);
  });
});

describe("a Web API that never answers", () => {
  it("gives up each call at the client's timeout, logs it, and keeps acknowledging and answering commands", async () => {
    // The production client waits 15 s a call and retries twice; here 400 ms and no retry keep it short.
    const down = await startHttpBot({
      env: { QUESTIONS_PER_MINUTE: "0" },
      app: { postIntervalMs: 20, requestTimeoutMs: 400, retry: { retries: 0 } },
    });
    try {
      down.standIn.unresponsive = true;
      const acked = await down.mention("CDOWN", "14.1", "troop ceiling");
      expect(acked.status).toBe(200);
      // (How fast acknowledgements are, with the Web API down or not, is measured by `npm run bench:load`.)
      // The answer and the apology are both given up; nothing hangs.
      await down.standIn.waitFor("the answer to be given up", () => down.logsAt("error").length > 0);
      await down.standIn.waitFor("the apology to be given up", () =>
        down.logsAt("warn").some((line) => line.includes("could not apologise in CDOWN either")),
      );
      expect(down.logsAt("error")).toEqual([
        expect.stringMatching(/could not answer a mention in CDOWN: cannot reach Slack \(.*timeout.*\)/u),
      ]);
      // A command needs no Web API call: it is still answered while the API is down.
      await down.command("troop ceiling", "while-down");
      await down.standIn.waitFor("the command's answer", () => down.standIn.responsesTo("while-down")[0]);
      // And once the API is back, mentions are answered again.
      down.standIn.unresponsive = false;
      await down.mention("CBACK", "15.1", "troop ceiling");
      await down.standIn.waitFor("the answer once back", () =>
        down.postsIn("CBACK", "15.1").find((call) => ok(call)),
      );
    } finally {
      await down.close();
    }
  });
});

describe("Slack's pace and the limit per person", () => {
  it("posts a short burst, then one message a second in a channel, dropping none, other channels unaffected", async () => {
    const paced = await startHttpBot({ env: { QUESTIONS_PER_MINUTE: "0" } });
    try {
      // One more question than the burst Slack allows: that one waits for the channel's pace.
      const questions = ["troop ceiling", "police ceiling", "Operation Seka", "Kidal"];
      expect(questions).toHaveLength(POST_BURST + 1);
      for (const [i, question] of questions.entries()) await paced.mention("CBUSY", `20.${i + 1}`, question);
      await paced.mention("CQUIET", "21.1", "troop ceiling");
      const posts = await paced.standIn.waitFor(
        "every answer in the busy channel",
        () => paced.postsIn("CBUSY").length === questions.length && paced.postsIn("CBUSY"),
        20_000,
      );
      // Each question has its own thread; they are posted in the order their answers were ready (the order
      // of one queue is tested in pace.test.ts), each once, with its own answer.
      const byThread = new Map(posts.map((call) => [call.args.thread_ts, call.args.text]));
      expect([...byThread.keys()].sort()).toEqual(["20.1", "20.2", "20.3", "20.4"]);
      for (const [i, question] of questions.entries()) {
        expect(byThread.get(`20.${i + 1}`)).toBe(expectedAnswer(question));
      }
      // The last waited for the pace: a whole interval after the first started (the stand-in stamps arrival,
      // which on a busy machine can be a few hundred ms after the bot let the first post go, hence the half);
      // the quiet channel's answer did not wait for the busy one's pace.
      const last = posts[POST_BURST]?.at ?? 0;
      expect(last - (posts[0]?.at ?? 0)).toBeGreaterThanOrEqual(POST_INTERVAL_MS / 2);
      const quiet = paced.postsIn("CQUIET", "21.1")[0];
      expect(quiet?.at).toBeLessThan(last);
    } finally {
      await paced.close();
    }
  });

  it("tells a person asking too fast to slow down, privately, with how long to wait; others are answered", async () => {
    const limited = await startHttpBot({ env: { QUESTIONS_PER_MINUTE: "2" }, app: { postIntervalMs: 20 } });
    try {
      for (const id of ["q1", "q2", "q3"]) await limited.command("troop ceiling", id, { user: "UEAGER" });
      const [third] = await limited.standIn.waitFor("the third reply", () => {
        const posts = limited.standIn.responsesTo("q3");
        return posts.length > 0 && posts;
      });
      expect(third?.body.response_type).toBe("ephemeral");
      expect(String(third?.body.text)).toMatch(
        /^You're asking faster than I can keep up: I answer up to 2 questions a minute from each person\. Please wait (\d+) seconds, then ask again\.$/u,
      );
      await limited.mention("CEAGER", "30.1", "police ceiling", "UEAGER");
      const slowDown = await limited.standIn.waitFor("the private slow-down in the thread", () =>
        limited.standIn.callsTo("chat.postEphemeral").find((call) => call.args.channel === "CEAGER"),
      );
      expect(slowDown.args).toMatchObject({ user: "UEAGER", thread_ts: "30.1" });
      expect(String(slowDown.args.text)).toBe(
        slowDownText(2, Number(/wait (\d+)/u.exec(String(slowDown.args.text))?.[1])),
      );
      // Someone else is answered as usual, and the eager asker's refused mention got no answer or hourglass.
      await limited.command("troop ceiling", "other", { user: "UCALM" });
      await limited.standIn.waitFor(
        "the other person's answer",
        () => limited.standIn.responsesTo("other")[0],
      );
      expect(limited.postsIn("CEAGER")).toEqual([]);
      expect(
        limited.standIn.callsTo("reactions.add").filter((call) => call.args.channel === "CEAGER"),
      ).toEqual([]);
      expect(limited.logsAt("info").join("\n")).toMatch(
        /asked too fast: UEAGER in C0CHAN is over 2 questions a minute/u,
      );
    } finally {
      await limited.close();
    }
  });
});
