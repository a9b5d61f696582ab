import type { WebClient } from "@slack/web-api";

/**
 * Slack accepts about one chat.postMessage a second in a channel, with short bursts, and answers the rest
 * with 429 (https://docs.slack.dev/apis/web-api/rate-limits). Waiting here costs nothing; a 429 costs a
 * Retry-After wait for the channel's next posts (rate-limits.ts).
 */
export const POST_INTERVAL_MS = 1_000;
/**
 * Posts a channel may send at once before the pace applies: Slack's limit allows "short bursts >1", and a
 * strict one-a-second queue makes a busy channel's answers wait seconds behind each other (two questions in
 * the same second are common in a busy channel: at half a question a second in a channel, one answer in
 * twenty waited over 2 s). Three at once, then one a second, keeps the long-run rate at Slack's and the
 * bursts short; a 429 still holds the channel for its Retry-After (rate-limits.ts).
 */
export const POST_BURST = 3;
/** A channel with this many messages waiting is worth a line in the log (once, until its queue empties). */
export const BACKLOG_WARNING = 20;

/** Time for the pacer, injectable so tests run without waiting. */
export interface PacerClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemPacerClock: PacerClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export interface ChannelPacerOptions {
  intervalMs?: number;
  /** posts sent at once before the interval applies (POST_BURST) */
  burst?: number;
  clock?: PacerClock;
  log?: { warn(...message: unknown[]): void; info(...message: unknown[]): void };
  backlogWarning?: number;
  /**
   * The channels' slots shared with other instances (the PostgreSQL state store): each message also takes
   * the channel's next slot there, so the pace holds across instances. Without it, this process's own pace.
   */
  shared?:
    | { reserve(channel: string, intervalMs: number, burst: number): Promise<{ waitMs: number }> }
    | undefined;
}

interface Lane {
  /** settles when the last message queued in this channel has been sent (or failed) */
  tail: Promise<void>;
  /**
   * The channel's pace as a "theoretical arrival time" (the generic cell rate algorithm): a message may
   * start once the clock is within `burst - 1` intervals of it, and each start moves it one interval past
   * the later of itself and now. With a burst of 1 it is simply the last start plus the interval.
   */
  due: number;
  /** messages queued or being sent */
  pending: number;
  warned: boolean;
}

// The pace's rule, shared by the pacer and by what the benchmark says Slack's limit alone costs: a channel's
// `due` is when its next message could go at one every `interval`; the first `burst` of a quiet channel go at once.
/** The earliest a channel's next message may be sent. */
function earliestSend(due: number, interval: number, burst: number): number {
  return due - (burst - 1) * interval;
}

/** The channel's `due` once a message is sent at `sentAt`. */
function nextDue(due: number, sentAt: number, interval: number): number {
  return Math.max(due, sentAt) + interval;
}

/**
 * One queue per channel: messages for a channel are sent one after the other, in the order they were queued,
 * the first `burst` of a quiet channel at once and then one every `intervalMs`. None is dropped: each `run` settles with what its own send settled with.
 * Channels do not wait for each other.
 */
export class ChannelPacer {
  readonly intervalMs: number;
  readonly burst: number;
  readonly #clock: PacerClock;
  readonly #log: ChannelPacerOptions["log"];
  readonly #backlogWarning: number;
  readonly #shared: ChannelPacerOptions["shared"];
  readonly #lanes = new Map<string, Lane>();
  // Idle channels are forgotten in sweeps, each when the map has doubled since the last: O(1) per message.
  #sweepAt = 256;

  constructor(options: ChannelPacerOptions = {}) {
    this.intervalMs = options.intervalMs ?? POST_INTERVAL_MS;
    this.burst = Math.max(1, Math.floor(options.burst ?? POST_BURST));
    this.#clock = options.clock ?? systemPacerClock;
    this.#log = options.log;
    this.#backlogWarning = options.backlogWarning ?? BACKLOG_WARNING;
    this.#shared = options.shared;
  }

  /** Queues `send` behind the channel's earlier messages and runs it when the channel's pace allows. */
  run<T>(channel: string, send: () => Promise<T>): Promise<T> {
    const lane = this.#lane(channel);
    lane.pending += 1;
    if (lane.pending >= this.#backlogWarning && !lane.warned) {
      lane.warned = true;
      this.#log?.warn(
        `slack: ${lane.pending} messages are waiting to be posted in ${channel}; Slack takes about one a ` +
          "second per channel, so they go out in order, more slowly",
      );
    }
    const result = lane.tail.then(async () => {
      const wait = earliestSend(lane.due, this.intervalMs, this.burst) - this.#clock.now();
      if (wait > 0) await this.#clock.sleep(wait);
      if (this.#shared) {
        const slot = await this.#shared.reserve(channel, this.intervalMs, this.burst);
        if (slot.waitMs > 0) await this.#clock.sleep(slot.waitMs);
      }
      lane.due = nextDue(lane.due, this.#clock.now(), this.intervalMs);
      return send();
    });
    lane.tail = result.then(
      () => this.#settled(channel, lane),
      () => this.#settled(channel, lane),
    );
    return result;
  }

  /** Messages queued or being sent, in every channel. */
  get pending(): number {
    let total = 0;
    for (const lane of this.#lanes.values()) total += lane.pending;
    return total;
  }

  /** How many channels the pacer remembers (tests check that idle ones are forgotten). */
  get channels(): number {
    return this.#lanes.size;
  }

  #lane(channel: string): Lane {
    let lane = this.#lanes.get(channel);
    if (lane) return lane;
    if (this.#lanes.size >= this.#sweepAt) {
      this.#sweep();
      this.#sweepAt = Math.max(256, this.#lanes.size * 2);
    }
    lane = { tail: Promise.resolve(), due: Number.NEGATIVE_INFINITY, pending: 0, warned: false };
    this.#lanes.set(channel, lane);
    return lane;
  }

  #settled(channel: string, lane: Lane): void {
    lane.pending -= 1;
    if (lane.pending === 0 && lane.warned) {
      lane.warned = false;
      this.#log?.info(`slack: the messages waiting for ${channel} are all posted`);
    }
    // A lane whose pace has caught up with the clock holds nothing the next message needs.
    if (lane.pending === 0 && this.#clock.now() >= lane.due) {
      if (this.#lanes.get(channel) === lane) this.#lanes.delete(channel);
    }
  }

  #sweep(): void {
    const now = this.#clock.now();
    for (const [channel, lane] of this.#lanes) {
      if (lane.pending === 0 && now >= lane.due) this.#lanes.delete(channel);
    }
  }
}

/**
 * How long each message would wait for its channel's pace, for messages arriving at the given times (in
 * order of arrival) if sending took no time: what Slack's limit alone makes them wait, whatever the bot does.
 * The load benchmark prints it for its own mentions, so the part of their wait that is Slack's is told apart
 * from the bot's. The same rule as ChannelPacer (test/slack/pace.test.ts runs both on the same arrivals).
 */
export function paceDelays(
  arrivals: ReadonlyArray<{ channel: string; at: number }>,
  options: { intervalMs?: number; burst?: number } = {},
): number[] {
  const interval = options.intervalMs ?? POST_INTERVAL_MS;
  const burst = Math.max(1, Math.floor(options.burst ?? POST_BURST));
  const due = new Map<string, number>();
  return arrivals.map(({ channel, at }) => {
    const previous = due.get(channel) ?? Number.NEGATIVE_INFINITY;
    const start = Math.max(at, earliestSend(previous, interval, burst));
    due.set(channel, nextDue(previous, start, interval));
    return start - at;
  });
}

const paced = new WeakSet<WebClient>();

/** How a message is sent once its channel's turn comes: by default the client's own chat.postMessage. */
export type SendPost = (
  client: WebClient,
  args: Parameters<WebClient["chat"]["postMessage"]>[0],
) => ReturnType<WebClient["chat"]["postMessage"]>;

/**
 * Makes every `chat.postMessage` of a Web API client go through the pacer: answers, apologies, shared
 * answers, the digest, and anything Bolt's `say()` sends. Replacing the method on the client, rather than
 * changing each caller, means a new caller cannot forget it. Calling it twice on a client is harmless.
 * `send` posts when the turn comes (the app gives the exactly-once poster, src/slack/post-once.ts).
 */
export function paceChatPosts(client: WebClient, pacer: ChannelPacer, send?: SendPost): WebClient {
  if (paced.has(client)) return client;
  const post = client.chat.postMessage;
  client.chat.postMessage = (args) => pacer.run(args.channel, () => (send ? send(client, args) : post(args)));
  paced.add(client);
  return client;
}
