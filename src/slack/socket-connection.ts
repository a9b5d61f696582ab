import type { Logger, SocketModeReceiver } from "@slack/bolt";
import type { RetryOptions, WebClientOptions } from "@slack/web-api";
import type { AppLogger } from "../log.ts";
import { BoltSocketModeReceiver } from "./bolt.ts";
import { describeError } from "./errors.ts";

/**
 * How Socket Mode asks Slack for a new connection (apps.connections.open) after a refresh or an outage: for as
 * long as the process runs, one second after the first failure, then doubling up to 30 s, each wait drawn at
 * random between once and twice its step (jitter, so many bots cut off together do not come back together).
 * A 429 waits as long as Slack asks, then counts as one more attempt. This is the Socket Mode client's own
 * policy: the Web API's (two quick retries, for a person waiting on an answer) would give up in seconds and
 * leave the bot running without a connection.
 */
export const SOCKET_RETRY: RetryOptions = {
  forever: true,
  factor: 2,
  minTimeout: 1_000,
  maxTimeout: 30_000,
  randomize: true,
};

/**
 * How long the connection may be down before the health check says so (503). Slack refreshes each connection
 * every few hours and a reconnection takes a second or two; a minute without one is an outage, not a refresh.
 */
export const UNHEALTHY_AFTER_MS = 60_000;

/** Whether the bot is connected to Slack, and since when it is not. */
export class ConnectionState {
  #connected = false;
  /** when the connection was lost (or the bot started), while it is not connected */
  #downSince: number;
  readonly #now: () => number;
  readonly #unhealthyAfterMs: number;

  constructor(options: { now?: () => number; unhealthyAfterMs?: number } = {}) {
    this.#now = options.now ?? Date.now;
    this.#unhealthyAfterMs = options.unhealthyAfterMs ?? UNHEALTHY_AFTER_MS;
    this.#downSince = this.#now();
  }

  get connected(): boolean {
    return this.#connected;
  }

  /** Milliseconds since the connection was lost; 0 while connected. */
  get downForMs(): number {
    return this.#connected ? 0 : this.#now() - this.#downSince;
  }

  /** Healthy while connected, or not connected for less than the refresh gap. */
  get healthy(): boolean {
    return this.#connected || this.downForMs <= this.#unhealthyAfterMs;
  }

  /** Marks it connected; returns for how long it was down, if it was. */
  up(): number | null {
    if (this.#connected) return null;
    const down = this.downForMs;
    this.#connected = true;
    return down;
  }

  /** Marks it down; true when it was up until now. */
  down(): boolean {
    if (!this.#connected) return false;
    this.#connected = false;
    this.#downSince = this.#now();
    return true;
  }
}

export interface SocketConnectionOptions {
  appToken: string;
  /** the Web API settings of the bot (URL, timeout, fetch); the retry policy is replaced by `retry` */
  clientOptions: WebClientOptions;
  log: AppLogger;
  boltLogger: Logger;
  /** the reconnection policy (SOCKET_RETRY); tests shorten it */
  retry?: RetryOptions;
  unhealthyAfterMs?: number;
  now?: () => number;
}

/**
 * Bolt's Socket Mode receiver with a client that heals: its own retry policy (SOCKET_RETRY) for
 * apps.connections.open, a warning for each failed attempt, a line when the connection comes back, and the
 * connection's state for the health check.
 */
export function socketModeConnection(options: SocketConnectionOptions): {
  receiver: SocketModeReceiver;
  state: ConnectionState;
} {
  const { log } = options;
  const state = new ConnectionState({
    ...(options.now ? { now: options.now } : {}),
    ...(options.unhealthyAfterMs !== undefined ? { unhealthyAfterMs: options.unhealthyAfterMs } : {}),
  });
  // p-retry (behind the Web API client) calls onFailedAttempt after each failure, before it waits.
  const retry = {
    ...(options.retry ?? SOCKET_RETRY),
    onFailedAttempt: (error: Error & { attemptNumber?: number }) => {
      log.warn(
        `slack: could not open a Socket Mode connection (attempt ${error.attemptNumber ?? "?"}: ` +
          `${describeError(error)}); trying again, for as long as the bot runs`,
      );
    },
  } as RetryOptions;
  const receiver = new BoltSocketModeReceiver({
    appToken: options.appToken,
    logger: options.boltLogger,
    installerOptions: { clientOptions: { ...options.clientOptions, retryConfig: retry } },
  });
  const client = receiver.client;
  let attempting = false;
  let everConnected = false;
  client.on("connecting", () => {
    attempting = true;
  });
  client.on("connected", () => {
    attempting = false;
    const down = state.up();
    if (down !== null && everConnected) {
      log.info(`slack: Socket Mode connected again after ${Math.round(down / 100) / 10} s`);
    }
    everConnected = true;
  });
  client.on("close", () => {
    if (state.down()) {
      log.info("slack: the Socket Mode connection closed (Slack refreshes connections); reconnecting");
    } else if (attempting) {
      log.warn("slack: a Socket Mode connection could not be opened; trying again");
    }
    attempting = false;
  });
  return { receiver, state };
}
