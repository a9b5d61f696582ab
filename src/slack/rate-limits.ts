import { type PacerClock, systemPacerClock } from "./pace.ts";

/**
 * How many times one call is sent again after a 429 before it is given up (the listener then apologises).
 * Slack's Retry-After is seconds to a minute; ten in a row means something else is wrong.
 */
export const MAX_RATE_LIMITED_RETRIES = 10;

interface GateLog {
  warn(...message: unknown[]): void;
}

/**
 * Slack's rate limits are per method, and for chat.postMessage per channel
 * (https://docs.slack.dev/apis/web-api/rate-limits). The Web API client, on a 429, pauses every call it makes
 * for the Retry-After, so one busy channel would delay every other channel's answers. This gate waits per
 * call instead: a 429 makes only the calls with the same key (the method, and the channel for posts) wait
 * until the Retry-After has passed, then the call is sent again. Posts in one channel stay in order because
 * the channel's pacer sends them one after the other; nothing is dropped.
 */
export class RateLimitGate {
  readonly #clock: PacerClock;
  readonly #log: GateLog | undefined;
  /** key -> when its calls may go again (ms) */
  readonly #until = new Map<string, number>();

  constructor(options: { clock?: PacerClock; log?: GateLog } = {}) {
    this.#clock = options.clock ?? systemPacerClock;
    this.#log = options.log;
  }

  /** How many keys are waiting out a 429 now. */
  get waiting(): number {
    const now = this.#clock.now();
    return [...this.#until.values()].filter((until) => until > now).length;
  }

  /** Waits until calls with `key` may go. */
  async ready(key: string): Promise<void> {
    for (;;) {
      const until = this.#until.get(key);
      if (until === undefined) return;
      const wait = until - this.#clock.now();
      if (wait <= 0) {
        if (this.#until.get(key) === until) this.#until.delete(key);
        return;
      }
      await this.#clock.sleep(wait);
    }
  }

  /** Records a 429 for `key`: its calls wait `seconds` from now (or longer, if an earlier 429 said so). */
  limited(key: string, seconds: number): void {
    const until = this.#clock.now() + seconds * 1000;
    this.#until.set(key, Math.max(this.#until.get(key) ?? 0, until));
    this.#log?.warn(
      `slack: rate limited on ${key}: waiting ${seconds} s before sending it again (other channels and methods go on)`,
    );
  }
}

/** The key of a Web API call: its method, with the channel for messages (Slack's limits are per channel). */
export function rateLimitKey(url: string, body: unknown): string {
  const path = new URL(url).pathname;
  const api = path.lastIndexOf("/api/");
  if (api === -1) return `POST ${new URL(url).origin}${path}`;
  const method = path.slice(api + "/api/".length);
  if (!method.startsWith("chat.")) return method;
  const channel = channelOf(body);
  return channel ? `${method} in ${channel}` : method;
}

function channelOf(body: unknown): string | null {
  if (typeof body === "string") {
    if (body.startsWith("{")) {
      try {
        const channel = (JSON.parse(body) as { channel?: unknown }).channel;
        return typeof channel === "string" ? channel : null;
      } catch {
        return null;
      }
    }
    return new URLSearchParams(body).get("channel");
  }
  if (body instanceof URLSearchParams) return body.get("channel");
  return null;
}

/**
 * A fetch for the Web API client that honours 429s per call (see RateLimitGate): the client never sees a 429,
 * so it never pauses its other calls. A body that cannot be sent twice (a stream) is passed back as is. Each
 * new attempt gets a fresh time limit from `fetchFn` (the first one's may have run out while waiting).
 */
export function rateLimitedFetch(
  gate: RateLimitGate,
  fetchFn: typeof fetch,
  maxRetries = MAX_RATE_LIMITED_RETRIES,
): typeof fetch {
  return async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    const body = init?.body;
    const resendable =
      body === undefined || body === null || typeof body === "string" || body instanceof URLSearchParams;
    const key = rateLimitKey(url, body);
    for (let attempt = 0; ; attempt += 1) {
      await gate.ready(key);
      const response = await fetchFn(input, attempt === 0 ? init : { ...init, signal: null });
      // A 429 without a usable Retry-After (Slack always sends one; a proxy might not) goes back to the client,
      // which gives the call up with an error saying so (errors.ts), rather than guessing a wait.
      const seconds = retryAfterSeconds(response.headers.get("retry-after"));
      if (response.status !== 429 || !resendable || seconds === null) return response;
      await response.body?.cancel();
      if (attempt >= maxRetries) {
        throw new Error(`slack: ${key} was still rate limited after ${maxRetries} waits`);
      }
      gate.limited(key, seconds);
    }
  };
}

function retryAfterSeconds(header: string | null): number | null {
  if (header === null || !/^\d+$/u.test(header.trim())) return null;
  return Number(header.trim());
}
