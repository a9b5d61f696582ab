import { WebClient } from "@slack/web-api";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ChannelPacer, type PacerClock, paceChatPosts } from "../../src/slack/pace.ts";
import { RateLimitGate, rateLimitedFetch, rateLimitKey } from "../../src/slack/rate-limits.ts";
import { captureLog } from "../helpers/slack-fakes.ts";
import { type RecordedCall, SlackStandIn } from "../helpers/slack-stand-in.ts";

/** A clock whose sleeps end only when the test moves time on: a Retry-After of 40 s passes at once. */
class ManualClock implements PacerClock {
  #now = 0;
  #sleepers: Array<{ at: number; wake: () => void }> = [];
  now(): number {
    return this.#now;
  }
  sleep(ms: number): Promise<void> {
    return new Promise((wake) => this.#sleepers.push({ at: this.#now + ms, wake }));
  }
  /** How many sleeps are waiting. */
  get sleeping(): number {
    return this.#sleepers.length;
  }
  advance(ms: number): void {
    this.#now += ms;
    const due = this.#sleepers.filter((sleeper) => sleeper.at <= this.#now);
    this.#sleepers = this.#sleepers.filter((sleeper) => sleeper.at > this.#now);
    for (const sleeper of due) sleeper.wake();
  }
}

let standIn: SlackStandIn;
let clock: ManualClock;
let client: WebClient;
let capture: ReturnType<typeof captureLog>;
beforeEach(async () => {
  standIn = await SlackStandIn.start();
  clock = new ManualClock();
  capture = captureLog("info");
  // The bot's Web API client as app.ts makes it: its fetch goes through the gate, its posts through a pacer.
  client = new WebClient("xoxb-rate-limits-test", {
    slackApiUrl: standIn.apiUrl,
    retryConfig: { retries: 0 },
    fetch: rateLimitedFetch(new RateLimitGate({ clock, log: capture.log }), (input, init) =>
      globalThis.fetch(input, init),
    ),
  });
  paceChatPosts(client, new ChannelPacer({ intervalMs: 0, clock }));
});
afterEach(async () => {
  await standIn.close();
});

const posts = (channel: string) =>
  standIn.callsTo("chat.postMessage").filter((call: RecordedCall) => call.args.channel === channel);

describe("a 429 delays only the calls it concerns", () => {
  it("Retry-After 40 in one channel: another channel is answered at once; the first channel's posts go after, in order, none dropped", async () => {
    standIn.failNext("chat.postMessage", { status: 429, headers: { "Retry-After": "40" } });
    let firstDone = false;
    const first = client.chat.postMessage({ channel: "CBUSY", text: "first" }).then((result) => {
      firstDone = true;
      return result;
    });
    await standIn.waitFor("the 429", () => posts("CBUSY").length === 1 && clock.sleeping === 1);
    const second = client.chat.postMessage({ channel: "CBUSY", text: "second" });

    // Another channel, and another method, are not held by CBUSY's 429.
    const elsewhere = await client.chat.postMessage({ channel: "CQUIET", text: "elsewhere" });
    expect(elsewhere.ok).toBe(true);
    expect((await client.reactions.add({ channel: "CBUSY", timestamp: "1.1", name: "eyes" })).ok).toBe(true);
    expect(firstDone).toBe(false);
    expect(posts("CBUSY").map((call) => call.args.text)).toEqual(["first"]);
    expect(capture.at("warn").join("\n")).toMatch(
      /rate limited on chat\.postMessage in CBUSY: waiting 40 s/u,
    );

    clock.advance(39_000);
    expect(firstDone).toBe(false);
    clock.advance(1_000);
    expect((await first).ok).toBe(true);
    expect((await second).ok).toBe(true);
    expect(posts("CBUSY").map((call) => call.args.text)).toEqual(["first", "first", "second"]);
  });

  it("a 429 on one method holds later calls of that method until its Retry-After, and not the others", async () => {
    standIn.failNext("reactions.add", { status: 429, headers: { "Retry-After": "5" } });
    const reaction = client.reactions.add({ channel: "C1", timestamp: "1.1", name: "eyes" });
    await standIn.waitFor("the 429", () => clock.sleeping === 1);
    const another = client.reactions.add({ channel: "C2", timestamp: "2.2", name: "eyes" });
    expect((await client.chat.postMessage({ channel: "C1", text: "answer" })).ok).toBe(true);
    await standIn.waitFor("the second call to wait too", () => clock.sleeping === 2);
    expect(standIn.callsTo("reactions.add")).toHaveLength(1);
    clock.advance(5_000);
    expect((await reaction).ok).toBe(true);
    expect((await another).ok).toBe(true);
    expect(standIn.callsTo("reactions.add")).toHaveLength(3);
  });

  it("keys each call by its method, and a message by its channel", () => {
    const api = "https://slack.com/api/";
    expect(rateLimitKey(`${api}chat.postMessage`, "channel=C1&text=hi")).toBe("chat.postMessage in C1");
    expect(rateLimitKey(`${api}chat.postMessage`, '{"channel":"C2"}')).toBe("chat.postMessage in C2");
    expect(rateLimitKey(`${api}reactions.add`, "channel=C1")).toBe("reactions.add");
    expect(rateLimitKey("https://hooks.slack.com/commands/T1/2/abc", "{}")).toBe(
      "POST https://hooks.slack.com/commands/T1/2/abc",
    );
  });
});
