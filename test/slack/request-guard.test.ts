import { request as httpRequest } from "node:http";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_REQUEST_BYTES, payloadProblem } from "../../src/slack/request-guard.ts";
import { HTTP_BOT_SECRET, type HttpBot, startHttpBot } from "../helpers/http-bot.ts";
import { commandBody, eventEnvelope, sendSigned, slackSignature } from "../helpers/signed-request.ts";

// Requests no Slack would send, against the real app on 127.0.0.1: each is refused with the right status,
// none is acted on, and the next real request is answered.

let bot: HttpBot;
beforeAll(async () => {
  bot = await startHttpBot();
});
afterAll(async () => {
  await bot.close();
});

/** Headers exactly as Slack signs a body, at `timestamp` (now by default). */
function signedHeaders(body: string, contentType: string, timestamp = Math.floor(Date.now() / 1000)) {
  return {
    "Content-Type": contentType,
    "X-Slack-Request-Timestamp": String(timestamp),
    "X-Slack-Signature": slackSignature(HTTP_BOT_SECRET, timestamp, body),
  };
}

/**
 * Starts a POST that declares (or streams) a large body but sends only `sent` bytes of it, and resolves
 * with the status the bot answers with. Getting an answer at all proves the bot did not wait for the rest.
 */
function partialUpload(options: { declared?: number; sent: number }): Promise<number> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = {
      "Content-Type": "application/json",
      "X-Slack-Request-Timestamp": String(Math.floor(Date.now() / 1000)),
      "X-Slack-Signature": "v0=0000",
    };
    if (options.declared !== undefined) headers["Content-Length"] = options.declared;
    const req = httpRequest(bot.url, { method: "POST", headers, agent: false }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
      req.destroy();
    });
    req.on("error", (error) => {
      // The bot may close the connection right after its answer; only an error before any answer counts.
      reject(error);
    });
    const chunk = Buffer.alloc(64 * 1024, "a");
    let written = 0;
    const writeMore = () => {
      while (written < options.sent) {
        written += chunk.length;
        if (!req.write(chunk)) {
          req.once("drain", writeMore);
          return;
        }
      }
    };
    writeMore();
  });
}

/** A real question is still answered: the bot kept serving. */
async function stillServes(id: string) {
  const sent = await bot.command("troop ceiling", id);
  expect(sent.status).toBe(200);
  await bot.standIn.waitFor(`the answer on ${id}`, () => bot.standIn.responsesTo(id)[0]);
}

describe("hostile and broken requests", () => {
  it("refuses a 10 MB body with 413 as soon as its length is declared, without reading it", async () => {
    const status = await partialUpload({ declared: 10 * 1024 * 1024, sent: 256 * 1024 });
    expect(status).toBe(413);
    expect(bot.logsAt("warn").join("\n")).toContain(
      `refused a request of ${10 * 1024 * 1024} bytes (the limit is ${MAX_REQUEST_BYTES})`,
    );
    await stillServes("after-413");
  });

  it("refuses a streamed body (no length given) with 413 once it passes the limit, without waiting for the rest", async () => {
    const status = await partialUpload({ sent: MAX_REQUEST_BYTES + 256 * 1024 });
    expect(status).toBe(413);
    expect(bot.logsAt("warn").join("\n")).toContain(`whose body grew past ${MAX_REQUEST_BYTES} bytes`);
  });

  it("refuses correctly signed bodies that are not Slack payloads with 400, and acts on none", async () => {
    const calls = bot.standIn.calls.length;
    const cases: Array<[string, string]> = [
      ["application/json", '{"type":"event_callback","event":'],
      ["application/json", "[1,2,3]"],
      ["application/x-www-form-urlencoded", "payload=%7Bnot%20json"],
      ["application/x-www-form-urlencoded", "text=troop%20ceiling&user_id=U1"],
      ["text/plain", "troop ceiling"],
    ];
    for (const [contentType, body] of cases) {
      const response = await fetch(bot.url, {
        method: "POST",
        headers: signedHeaders(body, contentType),
        body,
      });
      expect(response.status, `${contentType} ${body}`).toBe(400);
    }
    expect(bot.standIn.calls.length).toBe(calls);
    await stillServes("after-400");
  });

  it("refuses requests without Slack's headers, or with a malformed timestamp, with 401", async () => {
    const body = commandBody({ text: "troop ceiling", responseUrl: bot.standIn.responseUrl("unsigned") });
    const headers = signedHeaders(body, "application/x-www-form-urlencoded");
    const without = (name: string) =>
      Object.fromEntries(Object.entries(headers).filter(([key]) => key !== name));
    const statuses = [];
    for (const sent of [
      without("X-Slack-Signature"),
      without("X-Slack-Request-Timestamp"),
      { ...headers, "X-Slack-Request-Timestamp": "soon" },
      { "Content-Type": "application/x-www-form-urlencoded" },
    ]) {
      statuses.push((await fetch(bot.url, { method: "POST", headers: sent, body })).status);
    }
    expect(statuses).toEqual([401, 401, 401, 401]);
    await stillServes("after-401");
    expect(bot.standIn.responseAttempts("unsigned")).toEqual([]);
  });

  it("refuses a correctly signed request dated far in the future, as Slack's five-minute rule says", async () => {
    const future = Math.floor(Date.now() / 1000) + 3_600;
    const body = commandBody({ text: "troop ceiling", responseUrl: bot.standIn.responseUrl("future") });
    const response = await fetch(bot.url, {
      method: "POST",
      headers: signedHeaders(body, "application/x-www-form-urlencoded", future),
      body,
    });
    expect(response.status).toBe(401);
    // The bot reads the age when the request arrives: on a busy machine a second or two after it was signed.
    expect(bot.logsAt("warn").join("\n")).toMatch(
      /refused a request dated 3[56]\d\d s in the future; .*\(NTP\)/u,
    );
    // A minute ahead is ordinary clock drift between Slack and this machine, and is accepted.
    const drift = await sendSigned(
      bot.url,
      commandBody({ text: "troop ceiling", responseUrl: bot.standIn.responseUrl("drift") }),
      "application/x-www-form-urlencoded",
      { secret: HTTP_BOT_SECRET, timestamp: Math.floor(Date.now() / 1000) + 60 },
    );
    expect(drift.status).toBe(200);
    await bot.standIn.waitFor("the answer to a drifting clock", () => bot.standIn.responsesTo("drift")[0]);
    expect(bot.standIn.responseAttempts("future")).toEqual([]);
  });

  it("answers a replayed command once: the copy is acknowledged and ignored", async () => {
    const body = commandBody({ text: "troop ceiling", responseUrl: bot.standIn.responseUrl("replayed") });
    const headers = signedHeaders(body, "application/x-www-form-urlencoded");
    const statuses = [];
    for (let i = 0; i < 3; i += 1) {
      statuses.push((await fetch(bot.url, { method: "POST", headers, body })).status);
    }
    expect(statuses).toEqual([200, 200, 200]);
    await bot.standIn.waitFor("the answer", () => bot.standIn.responsesTo("replayed")[0]);
    await stillServes("after-replay");
    expect(bot.standIn.responseAttempts("replayed")).toHaveLength(1);
    expect(bot.logsAt("info").filter((line) => line.includes("a replay is answered once"))).toHaveLength(2);
  });

  it("answers a replayed event once", async () => {
    const body = eventEnvelope("EvReplayed", {
      type: "app_mention",
      channel: "CREPLAY",
      user: "U0ASKER",
      text: "<@U0BOT> troop ceiling",
      ts: "500.1",
      event_ts: "500.1",
    });
    const headers = signedHeaders(body, "application/json");
    for (let i = 0; i < 2; i += 1) await fetch(bot.url, { method: "POST", headers, body });
    await bot.standIn.waitFor("the answer", () => bot.postsIn("CREPLAY", "500.1")[0]);
    await stillServes("after-event-replay");
    expect(bot.postsIn("CREPLAY")).toHaveLength(1);
  });
});

describe("payloadProblem", () => {
  it("accepts what Slack sends and never throws on anything else", () => {
    expect(payloadProblem("application/json", '{"type":"event_callback"}')).toBeNull();
    expect(payloadProblem("application/x-www-form-urlencoded", "command=%2Fminusma&text=x")).toBeNull();
    expect(
      payloadProblem("application/x-www-form-urlencoded", "payload=%7B%22type%22%3A%22x%22%7D"),
    ).toBeNull();
    fc.assert(
      fc.property(
        fc.constantFrom("application/json", "application/x-www-form-urlencoded", "", "text/html"),
        fc.string({ unit: "binary", maxLength: 300 }),
        (contentType, text) => {
          const problem = payloadProblem(contentType, text);
          expect(problem === null || typeof problem === "string").toBe(true);
        },
      ),
    );
  });
});

/**
 * A POST that declares a 100 KB body, sends `sent` bytes of it and then stalls, holding its connection open:
 * what a slowloris client does. `status` settles with what the bot answers, or the error that closed it.
 */
function stalledUpload(url: string, sent: number) {
  let settle: (outcome: number | string) => void = () => undefined;
  const status = new Promise<number | string>((resolve) => {
    settle = resolve;
  });
  const req = httpRequest(url, {
    method: "POST",
    agent: false,
    headers: {
      "Content-Type": "application/json",
      "Content-Length": 100 * 1024,
      "X-Slack-Request-Timestamp": String(Math.floor(Date.now() / 1000)),
      "X-Slack-Signature": "v0=0000",
    },
  });
  req.on("response", (response) => {
    response.resume();
    settle(response.statusCode ?? 0);
  });
  req.on("error", (error: NodeJS.ErrnoException) => settle(error.code ?? error.message));
  req.write(Buffer.alloc(sent, "a"));
  return { status, close: () => req.destroy() };
}

describe("many stalled connections before authentication", () => {
  // Small limits, so a few dozen connections go past them: 8 requests read at once, 256 KB held between them.
  // The body time limit (5 s, as in production) is long enough for all 40 to arrive on a busy machine.
  const limits = { maxPending: 8, maxBufferedBytes: 256 * 1024, bodyTimeoutMs: 5_000 };
  let guarded: HttpBot;
  beforeAll(async () => {
    guarded = await startHttpBot({ app: { requestLimits: limits } });
  });
  afterAll(async () => {
    await guarded.close();
  });

  it("under the cap, a signed request is acknowledged while stalled ones wait", async () => {
    const stalled = Array.from({ length: 3 }, () => stalledUpload(guarded.url, 16 * 1024));
    try {
      await guarded.standIn.waitFor(
        "the stalled requests to be read",
        () => guarded.bot.guard!.stats.pending >= 3,
      );
      const sent = await guarded.command("troop ceiling", "under-the-cap");
      expect(sent.status).toBe(200);
    } finally {
      for (const upload of stalled) upload.close();
    }
  });

  it("past the cap: refuses the rest with 503 at once, never holds more than the budget, cuts the slow ones off, and serves again", async () => {
    const stalled = Array.from({ length: 40 }, () => stalledUpload(guarded.url, 48 * 1024));
    try {
      const outcomes = await Promise.all(stalled.map((upload) => upload.status));
      const guard = guarded.bot.guard!;
      // Every connection got an answer: 503 for those past the limits, 408 for those that stalled inside them.
      expect(outcomes.filter((outcome) => outcome === 503).length).toBeGreaterThanOrEqual(
        40 - limits.maxPending,
      );
      expect(outcomes.every((outcome) => outcome === 503 || outcome === 408)).toBe(true);
      expect(guard.stats.peakBufferedBytes).toBeLessThanOrEqual(limits.maxBufferedBytes);
      expect(guard.stats).toMatchObject({ pending: 0, bufferedBytes: 0 });
      expect(
        guarded.logsAt("warn").filter((line) => /refusing requests with 503 for now/u.test(line)).length,
      ).toBeGreaterThanOrEqual(1);
      const sent = await guarded.command("troop ceiling", "after-the-crowd");
      expect(sent.status).toBe(200);
      await guarded.standIn.waitFor("its answer", () => guarded.standIn.responsesTo("after-the-crowd")[0]);
    } finally {
      for (const upload of stalled) upload.close();
    }
  });
});
