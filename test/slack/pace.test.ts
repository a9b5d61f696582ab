import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  ChannelPacer,
  POST_BURST,
  POST_INTERVAL_MS,
  paceChatPosts,
  paceDelays,
} from "../../src/slack/pace.ts";
import { captureLog, fakeClient } from "../helpers/slack-fakes.ts";

// vitest's fake timers drive the pacer's default clock (Date.now and setTimeout): seconds pass instantly.
beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

/** A send that records when it started and what it was, and takes `ms` to finish. */
function recorder() {
  const sent: Array<{ what: string; at: number }> = [];
  const send =
    (what: string, ms = 0, fail = false) =>
    async () => {
      sent.push({ what, at: Date.now() });
      if (ms > 0) await new Promise((resolve) => setTimeout(resolve, ms));
      if (fail) throw new Error(`${what} failed`);
      return what;
    };
  return { sent, send };
}

describe("paceDelays", () => {
  it("gives each message the wait the pacer gives it, for any arrivals over several channels", async () => {
    // Arrivals a busy workspace could send: clusters and gaps, three channels, some at the same instant.
    let seed = 7;
    const next = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    let at = 0;
    const arrivals = Array.from({ length: 80 }, () => {
      at += Math.floor(next() < 0.3 ? 0 : next() * 900);
      return { channel: `C${Math.floor(next() * 3)}`, at };
    });
    for (const burst of [1, POST_BURST]) {
      vi.setSystemTime(0);
      const pacer = new ChannelPacer({ burst });
      const waited: number[] = [];
      const runs = arrivals.map(
        ({ channel, at }, i) =>
          new Promise<void>((resolve) => {
            setTimeout(() => {
              void pacer
                .run(channel, async () => {
                  waited[i] = Date.now() - at;
                })
                .then(resolve);
            }, at);
          }),
      );
      await vi.advanceTimersByTimeAsync(at + 120 * POST_INTERVAL_MS);
      await Promise.all(runs);
      expect(paceDelays(arrivals, { burst })).toEqual(waited);
    }
  });

  it("makes nobody wait while each channel stays within its burst and its pace", () => {
    const arrivals = [
      { channel: "C1", at: 0 },
      { channel: "C1", at: 0 },
      { channel: "C2", at: 0 },
      { channel: "C1", at: 0 },
      { channel: "C1", at: 1_000 },
      { channel: "C1", at: 1_000 },
    ];
    // The fifth C1 message waits: the burst is spent and one interval has refilled one post.
    expect(paceDelays(arrivals)).toEqual([0, 0, 0, 0, 0, 1_000]);
  });
});

describe("ChannelPacer", () => {
  it("sends a quiet channel's first messages at once, up to the burst, then one a second, in order", async () => {
    expect(POST_BURST).toBe(3);
    const pacer = new ChannelPacer();
    const { sent, send } = recorder();
    const results = ["a", "b", "c", "d", "e"].map((what) => pacer.run("C1", send(what)));
    await vi.advanceTimersByTimeAsync(5_000);
    expect(await Promise.all(results)).toEqual(["a", "b", "c", "d", "e"]);
    expect(sent).toEqual([
      { what: "a", at: 0 },
      { what: "b", at: 0 },
      { what: "c", at: 0 },
      { what: "d", at: POST_INTERVAL_MS },
      { what: "e", at: 2 * POST_INTERVAL_MS },
    ]);
  });

  it("gives a channel its burst back one post per interval of quiet, never more than the burst", async () => {
    const pacer = new ChannelPacer();
    const { sent, send } = recorder();
    await Promise.all(["a", "b", "c"].map((what) => pacer.run("C1", send(what))));
    // One interval of quiet earns one post at once; the next waits its interval.
    await vi.advanceTimersByTimeAsync(POST_INTERVAL_MS);
    const next = ["d", "e"].map((what) => pacer.run("C1", send(what)));
    await vi.advanceTimersByTimeAsync(POST_INTERVAL_MS);
    await Promise.all(next);
    // A long quiet earns the burst again, no more: over the long run the channel posts one a second.
    await vi.advanceTimersByTimeAsync(60_000);
    const later = ["f", "g", "h", "i"].map((what) => pacer.run("C1", send(what)));
    await vi.advanceTimersByTimeAsync(POST_INTERVAL_MS);
    await Promise.all(later);
    const t = 2 * POST_INTERVAL_MS + 60_000;
    expect(sent.map(({ what, at }) => `${what}@${at}`)).toEqual([
      "a@0",
      "b@0",
      "c@0",
      `d@${POST_INTERVAL_MS}`,
      `e@${2 * POST_INTERVAL_MS}`,
      `f@${t}`,
      `g@${t}`,
      `h@${t}`,
      `i@${t + POST_INTERVAL_MS}`,
    ]);
  });

  it("with a burst of 1, sends the first message at once and the next ones a second apart", async () => {
    const pacer = new ChannelPacer({ burst: 1 });
    const { sent, send } = recorder();
    const results = ["a", "b", "c", "d"].map((what) => pacer.run("C1", send(what)));
    await vi.advanceTimersByTimeAsync(5_000);
    expect(await Promise.all(results)).toEqual(["a", "b", "c", "d"]);
    expect(sent).toEqual([
      { what: "a", at: 0 },
      { what: "b", at: POST_INTERVAL_MS },
      { what: "c", at: 2 * POST_INTERVAL_MS },
      { what: "d", at: 3 * POST_INTERVAL_MS },
    ]);
  });

  it("lets channels go side by side: only messages for the same channel wait", async () => {
    const pacer = new ChannelPacer({ burst: 1 });
    const { sent, send } = recorder();
    void pacer.run("C1", send("c1-a"));
    void pacer.run("C2", send("c2-a"));
    void pacer.run("C1", send("c1-b"));
    void pacer.run("C2", send("c2-b"));
    await vi.advanceTimersByTimeAsync(2_000);
    expect(sent.map(({ what, at }) => `${what}@${at}`)).toEqual([
      "c1-a@0",
      "c2-a@0",
      "c1-b@1000",
      "c2-b@1000",
    ]);
  });

  it("does not wait when the channel's last message is older than the interval", async () => {
    const pacer = new ChannelPacer({ burst: 1 });
    const { sent, send } = recorder();
    await pacer.run("C1", send("a"));
    await vi.advanceTimersByTimeAsync(1_500);
    await pacer.run("C1", send("b"));
    expect(sent.map((s) => s.at)).toEqual([0, 1_500]);
  });

  it("drops nothing: a failed send rejects for its own caller only, and the queue goes on", async () => {
    const pacer = new ChannelPacer();
    const { sent, send } = recorder();
    const first = pacer.run("C1", send("a"));
    const second = pacer.run("C1", send("b", 0, true));
    const third = pacer.run("C1", send("c"));
    const settled = Promise.allSettled([first, second, third]);
    await vi.advanceTimersByTimeAsync(3_000);
    expect((await settled).map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    await expect(second).rejects.toThrow("b failed");
    expect(sent.map((s) => s.what)).toEqual(["a", "b", "c"]);
    expect(pacer.pending).toBe(0);
  });

  it("holds the channel while a send waits out Slack's Retry-After, then sends the next at once", async () => {
    const pacer = new ChannelPacer({ burst: 1 });
    const { sent, send } = recorder();
    void pacer.run("C1", send("rate-limited, retried after 3 s", 3_000));
    void pacer.run("C1", send("next"));
    await vi.advanceTimersByTimeAsync(5_000);
    expect(sent.map((s) => s.at)).toEqual([0, 3_000]);
  });

  it("warns once when a channel's queue grows long, and says when it is clear", async () => {
    const logs = captureLog();
    const pacer = new ChannelPacer({ log: logs.log, backlogWarning: 3 });
    const { send } = recorder();
    const all = Array.from({ length: 5 }, (_, i) => pacer.run("CBUSY", send(`m${i}`)));
    expect(pacer.pending).toBe(5);
    await vi.advanceTimersByTimeAsync(5_000);
    await Promise.all(all);
    expect(logs.at("warn")).toEqual([
      expect.stringMatching(/3 messages are waiting to be posted in CBUSY; .*they go out in order/u),
    ]);
    expect(logs.at("info")).toEqual([
      expect.stringMatching(/the messages waiting for CBUSY are all posted/u),
    ]);
  });

  it("forgets channels that have been quiet for the interval, so thousands of channels cost nothing", async () => {
    const pacer = new ChannelPacer();
    const { send } = recorder();
    for (let i = 0; i < 300; i += 1) await pacer.run(`C${i}`, send(`m${i}`));
    expect(pacer.channels).toBe(300);
    await vi.advanceTimersByTimeAsync(POST_INTERVAL_MS);
    // Sweeps run when the map has doubled since the last one: the next 300 channels set one off.
    for (let i = 300; i < 600; i += 1) await pacer.run(`C${i}`, send(`m${i}`));
    expect(pacer.channels).toBeLessThanOrEqual(300);
  });
});

describe("paceChatPosts", () => {
  it("sends every chat.postMessage of a client through the pacer, once however often it is applied", async () => {
    const slack = fakeClient();
    const pacer = new ChannelPacer({ burst: 1 });
    paceChatPosts(slack.client, pacer);
    paceChatPosts(slack.client, pacer);
    const posts = [1, 2, 3].map((n) => slack.client.chat.postMessage({ channel: "C1", text: `answer ${n}` }));
    await vi.advanceTimersByTimeAsync(0);
    expect(slack.callsTo("chat.postMessage")).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(2 * POST_INTERVAL_MS);
    await Promise.all(posts);
    expect(slack.callsTo("chat.postMessage").map((call) => call.args.text)).toEqual([
      "answer 1",
      "answer 2",
      "answer 3",
    ]);
    // Private messages are not posts in the channel, and are not held back.
    await slack.client.chat.postEphemeral({ channel: "C1", user: "U1", text: "private" });
    expect(slack.callsTo("chat.postEphemeral")).toHaveLength(1);
  });
});
