import type { Config } from "../config.ts";
import { type Day, formatInstant, localDay, nextDay, scheduledInstant } from "../core/digest/day.ts";
import type { KnowledgeBase } from "../core/knowledge-base.ts";
import type { StateStore } from "../state/types.ts";
import { type FindFn, type PostedDigest, type PostFn, type PostOutcome, postDigestOnce } from "./poster.ts";

/** Time and timers, injectable so tests run days in milliseconds with a fake clock. */
export interface Clock {
  now(): Date;
  /** calls `fn` after `ms`; a fake clock may await what `fn` returns */
  setTimeout(fn: () => unknown, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => new Date(),
  setTimeout: (fn, ms) => {
    const handle = setTimeout(fn, ms);
    // The digest alone should never keep a process alive that has nothing else to do.
    handle.unref();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** What the scheduler logs with: `console`, or Bolt's logger. */
export interface DigestLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** How often the scheduler looks at the clock; it also wakes exactly at the digest time. */
export const TICK_MS = 30_000;
/** The wait before retrying a failed post; it doubles with each failure, up to RETRY_MAX_MS. */
export const RETRY_FIRST_MS = 60_000;
export const RETRY_MAX_MS = 30 * 60_000;

export interface DigestSchedulerOptions {
  channel: string;
  /** HH:mm, local time in `timeZone` */
  time: string;
  /** IANA zone, such as Africa/Bamako */
  timeZone: string;
  store: StateStore;
  /** called at each digest, so a knowledge base swapped at run time is the one digested */
  getKnowledgeBase: () => KnowledgeBase;
  post: PostFn;
  /** looks for the day's digest in the channel before posting (see postDigestOnce) */
  find?: FindFn;
  clock?: Clock;
  log?: DigestLogger;
  tickMs?: number;
  retryFirstMs?: number;
  retryMaxMs?: number;
  /** called once for each digest posted, so the Slack layer can remember the digest's thread */
  onPosted?: (posted: PostedDigest) => void;
}

/** What one look at the clock did. */
export type TickResult =
  | { status: "waiting"; day: Day; due: Date }
  | { status: "done"; day: Day }
  | { status: "backoff"; day: Day; retryAt: Date }
  | { status: "error"; day: Day; error: Error }
  | PostOutcome;

export interface DigestScheduler {
  /** looks at the clock once and posts if the day's digest is due; the loop calls this */
  tick(): Promise<TickResult>;
  /** stops the loop and waits for a post in progress to finish */
  stop(): Promise<void>;
}

/** The scheduler's settings from the configuration, or null when DIGEST_CHANNEL is not set. */
export function digestSettings(
  config: Pick<Config, "DIGEST_CHANNEL" | "DIGEST_TIME" | "DIGEST_TZ">,
): { channel: string; time: string; timeZone: string } | null {
  if (!config.DIGEST_CHANNEL) return null;
  return { channel: config.DIGEST_CHANNEL, time: config.DIGEST_TIME, timeZone: config.DIGEST_TZ };
}

/** The start-up line when there is no digest channel. */
export const NO_DIGEST_CHANNEL_LOG =
  "digest: DIGEST_CHANNEL is not set, so no daily digest will be posted (set it to a channel id to turn it on)";

/**
 * Starts the daily digest: at DIGEST_TIME in DIGEST_TZ it posts the day's digest once. A bot that starts
 * after the time posts that day's missed digest once; earlier days are never posted late. A failed post is
 * retried with a growing wait until it succeeds or the day ends. Returns null, after one log line, when
 * there is no channel.
 *
 * @example
 * const digest = startDigestScheduler({ ...digestSettings(config)!, store, getKnowledgeBase: () => kb,
 *   post: chatPoster(app.client, config.DIGEST_CHANNEL!), log: console });
 */
export function startDigestScheduler(
  options: Omit<DigestSchedulerOptions, "channel"> & { channel: string | undefined },
): DigestScheduler | null {
  const log = options.log ?? console;
  if (!options.channel) {
    log.info(NO_DIGEST_CHANNEL_LOG);
    return null;
  }
  const scheduler = createDigestScheduler({ ...options, channel: options.channel });
  scheduler.start();
  return scheduler;
}

/** The scheduler without its loop started: tests call `tick()` themselves, or `start()`. */
export function createDigestScheduler(options: DigestSchedulerOptions): DigestScheduler & { start(): void } {
  const clock = options.clock ?? systemClock;
  const log = options.log ?? console;
  const tickMs = options.tickMs ?? TICK_MS;
  const retryFirstMs = options.retryFirstMs ?? RETRY_FIRST_MS;
  const retryMaxMs = options.retryMaxMs ?? RETRY_MAX_MS;
  const { channel, time, timeZone, store } = options;
  const owner = store.instanceId;

  // Memory of the current day, so the ledger is read only when a post may be due.
  let doneDay: Day | null = null;
  let retry: { day: Day; at: Date; failures: number } | null = null;
  let timer: unknown = null;
  let running: Promise<unknown> | null = null;
  let stopped = false;

  async function tick(): Promise<TickResult> {
    const now = clock.now();
    const day = localDay(now, timeZone);
    if (doneDay === day) return { status: "done", day };
    const due = scheduledInstant(day, time, timeZone);
    if (now < due) return { status: "waiting", day, due };
    if (retry && retry.day === day && now < retry.at) return { status: "backoff", day, retryAt: retry.at };

    let outcome: PostOutcome;
    try {
      outcome = await postDigestOnce({
        store,
        channel,
        day,
        now,
        kb: options.getKnowledgeBase(),
        post: options.post,
        ...(options.find ? { find: options.find } : {}),
        owner,
      });
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      const at = scheduleRetry(day, now);
      log.error(`digest: could not post the digest for ${day}: ${failure.message}; next try ${when(at)}`);
      return { status: "error", day, error: failure };
    }
    switch (outcome.status) {
      case "posted":
        doneDay = day;
        retry = null;
        log.info(`digest: posted the digest for ${day} to ${channel} (ts ${outcome.ts})`);
        options.onPosted?.(outcome);
        break;
      case "found":
        doneDay = day;
        retry = null;
        log.info(
          `digest: the digest for ${day} is already in ${channel} (ts ${outcome.ts}), posted by an earlier ` +
            "attempt whose record was lost or whose answer timed out; recorded it, not posting it again",
        );
        options.onPosted?.(outcome);
        break;
      case "already":
        doneDay = day;
        retry = null;
        log.info(
          outcome.entry.status === "posted"
            ? `digest: the digest for ${day} was already posted (ts ${outcome.entry.ts}); not posting it again`
            : `digest: the digest for ${day} was being posted when a run stopped, so it may be in the channel ` +
                "already; not posting it again today (npm run digest -- --post --force posts it anyway)",
        );
        break;
      case "busy":
        // Another instance is posting; the next tick will find its record and stop there.
        log.info(`digest: another instance (${outcome.holder.owner}) is posting the digest for ${day}`);
        break;
      case "failed": {
        const at = scheduleRetry(day, now);
        log.warn(
          `digest: Slack did not take the digest for ${day} (attempt ${outcome.attempts}: ` +
            `${outcome.error.message}); trying again ${when(at)}`,
        );
        break;
      }
    }
    return outcome;
  }

  function scheduleRetry(day: Day, now: Date): Date {
    const failures = retry?.day === day ? retry.failures + 1 : 1;
    const wait = Math.min(retryFirstMs * 2 ** (failures - 1), retryMaxMs);
    retry = { day, at: new Date(now.getTime() + wait), failures };
    return retry.at;
  }

  function when(at: Date): string {
    return `at ${formatInstant(at, timeZone)}`;
  }

  /** Sleeps until the next tick, waking exactly at the digest time when it comes sooner. */
  function delayAfter(result: TickResult | null): number {
    const now = clock.now().getTime();
    let target = now + tickMs;
    if (result?.status === "waiting") target = Math.min(target, result.due.getTime());
    if (result?.status === "backoff") target = Math.min(target, result.retryAt.getTime());
    return Math.max(0, target - now);
  }

  function loop(): Promise<void> {
    const run = tick().then(
      (result) => result,
      (error: unknown) => {
        log.error(`digest: ${error instanceof Error ? error.message : String(error)}`);
        return null;
      },
    );
    running = run;
    return run.then((result) => {
      running = null;
      if (!stopped) timer = clock.setTimeout(loop, delayAfter(result));
    });
  }

  return {
    tick,
    start() {
      const now = clock.now();
      const day = localDay(now, timeZone);
      const due = scheduledInstant(day, time, timeZone);
      const next =
        now < due
          ? `next at ${formatInstant(due, timeZone)}`
          : `today's time has passed, so today's digest goes out now unless it is already recorded; ` +
            `then next at ${formatInstant(scheduledInstant(nextDay(day), time, timeZone), timeZone)}`;
      log.info(`digest: posting daily at ${time} ${timeZone} to ${channel}; ${next}`);
      timer = clock.setTimeout(loop, 0);
    },
    async stop() {
      stopped = true;
      if (timer !== null) clock.clearTimeout(timer);
      await running;
    },
  };
}
