import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import { parse as parseForm } from "node:querystring";
import { verifySlackRequest } from "./bolt.ts";

/**
 * The largest request body read. Slack's events, commands and button clicks are a few kilobytes; the
 * largest, a message event carrying a long message with its blocks, stays well under this.
 */
export const MAX_REQUEST_BYTES = 1024 * 1024;
/** Slack's rule, applied both ways: a request dated more than five minutes from our clock is refused. */
export const MAX_CLOCK_SKEW_SECONDS = 300;
/** Signatures remembered against replays: more than five minutes of the heaviest traffic the bot takes. */
export const MAX_REMEMBERED_SIGNATURES = 100_000;

/**
 * What an unauthenticated client may cost before its signature is checked. Slack posts a few small requests a
 * second, each sent whole at once; anything slower or bigger is not Slack.
 */
export const REQUEST_LIMITS = {
  /** requests being read and checked at once; past it, 503 with Retry-After (Slack retries) */
  maxPending: 64,
  /** body bytes held at once across all of them; past it, 503: 64 requests of 128 KB, far over Slack's */
  maxBufferedBytes: 8 * 1024 * 1024,
  /** how long a body may take to arrive once its headers did; past it, 408 and the connection closed */
  bodyTimeoutMs: 5_000,
  /** Node's limits on the server: headers within 5 s, the whole request within 10 s */
  headersTimeoutMs: 5_000,
  requestTimeoutMs: 10_000,
  /** open connections at most (keep-alive ones included); past it, new ones are closed at once */
  maxConnections: 512,
} as const;

export type RequestLimits = { -readonly [K in keyof typeof REQUEST_LIMITS]: number };

/** Applies REQUEST_LIMITS' server side (timeouts, connections) to the HTTP server Bolt started. */
export function boundServer(
  server: {
    headersTimeout: number;
    requestTimeout: number;
    maxConnections: number;
  },
  limits: RequestLimits = REQUEST_LIMITS,
): void {
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = limits.requestTimeoutMs;
  server.maxConnections = limits.maxConnections;
}

export interface RequestGuardOptions {
  signingSecret: string;
  /** the paths Slack posts to (Bolt's `/slack/events`); other paths (`/healthz`) pass untouched */
  endpoints: readonly string[];
  log: { warn(...message: unknown[]): void; info(...message: unknown[]): void };
  maxBodyBytes?: number;
  /** what unauthenticated requests may cost (REQUEST_LIMITS); tests lower them */
  limits?: Partial<RequestLimits>;
  /** milliseconds since the epoch */
  now?: () => number;
  /**
   * Where signatures are remembered: the state store, so a replay after a restart, or to another instance,
   * is caught too. Without it, in this process's memory.
   */
  replays?: { claim(signature: string, untilMs: number): Promise<boolean> } | undefined;
}

type BufferedRequest = IncomingMessage & { rawBody?: Buffer };

/**
 * Checks what Slack posts before Bolt sees it, closing what Bolt leaves open: a body is read only up to
 * MAX_REQUEST_BYTES (413 past it, without reading the rest); a request dated in the future is refused like a
 * stale one; a signed request seen before (a replay) is answered 200 and not acted on again; a correctly
 * signed body that is not a Slack payload is refused with 400 rather than left to time out. After `stop()`
 * every request gets 503, so a stopping bot takes no new work. What passes goes to Bolt with its body
 * already read, and Bolt checks the signature again.
 */
export class RequestGuard {
  readonly #options: Required<Omit<RequestGuardOptions, "replays" | "limits">> &
    Pick<RequestGuardOptions, "replays">;
  readonly limits: RequestLimits;
  /** signature -> when its timestamp leaves the five-minute window (ms); older is refused anyway */
  readonly #seen = new Map<string, number>();
  #stopping = false;
  #pending = 0;
  #buffered = 0;
  #peakBuffered = 0;
  #warnedBusy = false;

  constructor(options: RequestGuardOptions) {
    const { limits, ...rest } = options;
    this.#options = { maxBodyBytes: MAX_REQUEST_BYTES, now: Date.now, ...rest };
    this.limits = { ...REQUEST_LIMITS, ...limits };
  }

  /** Requests being read and checked now, the body bytes they hold, and the most they ever held. */
  get stats(): { pending: number; bufferedBytes: number; peakBufferedBytes: number } {
    return { pending: this.#pending, bufferedBytes: this.#buffered, peakBufferedBytes: this.#peakBuffered };
  }

  /** From now on every request is answered 503 with `Connection: close`. */
  stop(): void {
    this.#stopping = true;
  }

  /** Bolt's request listener with the checks in front of it. */
  wrap(listener: RequestListener): RequestListener {
    return (request, response) => {
      if (this.#stopping) {
        refuse(response, 503, "the bot is stopping; try again in a moment", { "Retry-After": "5" });
        return;
      }
      const path = new URL(request.url ?? "/", "http://localhost").pathname;
      if (request.method !== "POST" || !this.#options.endpoints.includes(path)) {
        listener(request, response);
        return;
      }
      if (this.#pending >= this.limits.maxPending) {
        this.#busy(`${this.#pending} requests are being read at once`);
        refuse(response, 503, "too many requests at once; try again in a moment", { "Retry-After": "1" });
        closeAfter(request, response);
        return;
      }
      this.#pending += 1;
      this.#check(request, response)
        .then(
          (passed) => {
            if (passed) listener(request, response);
          },
          (error: unknown) => {
            this.#options.log.warn(`slack: could not read a request: ${(error as Error).message}`);
            if (!response.headersSent) refuse(response, 400, "could not read the request");
          },
        )
        .finally(() => {
          this.#pending -= 1;
          if (this.#pending === 0) this.#warnedBusy = false;
        });
    };
  }

  /** True when the request may go on to Bolt; otherwise it has been answered. */
  async #check(request: BufferedRequest, response: ServerResponse): Promise<boolean> {
    const { log, maxBodyBytes } = this.#options;
    const declared = Number(request.headers["content-length"]);
    if (Number.isFinite(declared) && declared > maxBodyBytes) {
      log.warn(`slack: refused a request of ${declared} bytes (the limit is ${maxBodyBytes})`);
      refuse(response, 413, `the body is over ${maxBodyBytes} bytes`);
      return false;
    }
    const body = await this.#readBody(request, maxBodyBytes);
    if (body === "aborted") return false;
    if (body === "over budget") {
      this.#busy(`the requests being read hold ${this.#buffered} bytes`);
      refuse(response, 503, "too many requests at once; try again in a moment", { "Retry-After": "1" });
      closeAfter(request, response);
      return false;
    }
    if (body === "too slow") {
      log.warn(`slack: refused a request whose body took over ${this.limits.bodyTimeoutMs} ms to arrive`);
      refuse(response, 408, "the body took too long to arrive");
      closeAfter(request, response);
      return false;
    }
    if (body === "too large") {
      log.warn(`slack: refused a request whose body grew past ${maxBodyBytes} bytes`);
      refuse(response, 413, `the body is over ${maxBodyBytes} bytes`);
      return false;
    }
    const text = body.toString("utf8");
    const contentType = (request.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
    // Slack's SSL check is sent unsigned; Bolt answers it and drops anything else in it.
    if (contentType === "application/x-www-form-urlencoded" && parseForm(text).ssl_check === "1") {
      request.rawBody = body;
      return true;
    }

    const signature = request.headers["x-slack-signature"];
    const timestamp = request.headers["x-slack-request-timestamp"];
    if (typeof signature !== "string" || typeof timestamp !== "string" || !/^\d{1,12}$/u.test(timestamp)) {
      log.warn("slack: refused a request without a valid X-Slack-Signature and X-Slack-Request-Timestamp");
      refuse(response, 401, "missing or malformed Slack signature headers");
      return false;
    }
    const nowMs = this.#options.now();
    const ahead = Number(timestamp) - Math.floor(nowMs / 1000);
    if (ahead > MAX_CLOCK_SKEW_SECONDS) {
      log.warn(
        `slack: refused a request dated ${ahead} s in the future; if Slack's own requests are refused too, ` +
          "set this machine's clock right (NTP)",
      );
      refuse(response, 401, "the request timestamp is in the future");
      return false;
    }
    try {
      verifySlackRequest({
        signingSecret: this.#options.signingSecret,
        body: text,
        headers: { "x-slack-signature": signature, "x-slack-request-timestamp": Number(timestamp) },
        nowMilliseconds: nowMs,
      });
    } catch (error) {
      log.warn(`slack: refused a request: ${(error as Error).message}`);
      refuse(response, 401, "the request is not signed by Slack");
      return false;
    }

    const shape = payloadProblem(contentType, text);
    if (shape) {
      log.warn(`slack: refused a signed request whose body is not a Slack payload: ${shape}`);
      refuse(response, 400, shape);
      return false;
    }
    if (await this.#replayed(signature, Number(timestamp), nowMs)) {
      log.info("slack: ignored a request already received (same signature): a replay is answered once");
      response.writeHead(200);
      response.end();
      return false;
    }
    request.rawBody = body;
    return true;
  }

  /**
   * Reads a body within the limits: its own size, the bytes all pending requests may hold together, and the
   * time it may take. What it held is given back when it is done, whatever the outcome.
   */
  async #readBody(request: IncomingMessage, max: number) {
    let held = 0;
    const budget = {
      take: (bytes: number) => {
        if (this.#buffered + bytes > this.limits.maxBufferedBytes) return false;
        this.#buffered += bytes;
        held += bytes;
        this.#peakBuffered = Math.max(this.#peakBuffered, this.#buffered);
        return true;
      },
    };
    try {
      return await readLimited(request, max, budget, this.limits.bodyTimeoutMs);
    } finally {
      this.#buffered -= held;
    }
  }

  /** One warning per busy spell (until no request is pending), not one per refused request. */
  #busy(why: string): void {
    if (this.#warnedBusy) return;
    this.#warnedBusy = true;
    this.#options.log.warn(
      `slack: refusing requests with 503 for now: ${why} (limits: ${this.limits.maxPending} requests, ` +
        `${this.limits.maxBufferedBytes} bytes); Slack retries what it sent`,
    );
  }

  /** Remembers a signature for as long as its timestamp is accepted; true if it was already there. */
  async #replayed(signature: string, timestamp: number, nowMs: number): Promise<boolean> {
    const until = (timestamp + MAX_CLOCK_SKEW_SECONDS + 1) * 1000;
    if (this.#options.replays) return !(await this.#options.replays.claim(signature, until));
    return this.#replayedInMemory(signature, until, nowMs);
  }

  #replayedInMemory(signature: string, untilMs: number, nowMs: number): boolean {
    // Insertion order is roughly timestamp order, so expired signatures are found at the front.
    for (const [seen, until] of this.#seen) {
      if (until > nowMs && this.#seen.size <= MAX_REMEMBERED_SIGNATURES) break;
      this.#seen.delete(seen);
    }
    const seenUntil = this.#seen.get(signature);
    if (seenUntil !== undefined && seenUntil > nowMs) return true;
    this.#seen.set(signature, untilMs);
    return false;
  }
}

/** Why a correctly signed body is not something Slack sends, or null when it is. */
export function payloadProblem(contentType: string, text: string): string | null {
  if (contentType === "application/json") {
    return isObjectJson(text) ? null : "the JSON body does not parse to an object";
  }
  if (contentType === "application/x-www-form-urlencoded") {
    const form = parseForm(text);
    if (typeof form.payload === "string") {
      return isObjectJson(form.payload) ? null : "the form's payload field is not a JSON object";
    }
    if (typeof form.command === "string") return null;
    return "the form has neither a command nor a payload";
  }
  return `the content type ${JSON.stringify(contentType)} is not one Slack sends`;
}

function isObjectJson(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

type ReadOutcome = Buffer | "too large" | "over budget" | "too slow" | "aborted";

/**
 * Reads a body up to `max` bytes, each chunk taken from a shared `budget`, within `timeoutMs`; stops reading
 * (and keeps nothing) as soon as one of them is over.
 */
function readLimited(
  request: IncomingMessage,
  max: number,
  budget: { take(bytes: number): boolean },
  timeoutMs: number,
): Promise<ReadOutcome> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const timer = setTimeout(() => stopWith("too slow"), timeoutMs);
    const finish = (outcome: ReadOutcome) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const stopWith = (outcome: "too large" | "over budget" | "too slow") => {
      if (done) return;
      chunks.length = 0;
      request.pause();
      finish(outcome);
    };
    request.on("data", (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > max) {
        stopWith("too large");
        return;
      }
      if (!budget.take(chunk.length)) {
        stopWith("over budget");
        return;
      }
      chunks.push(chunk);
    });
    request.on("end", () => finish(Buffer.concat(chunks)));
    request.on("close", () => finish("aborted"));
    request.on("error", (error) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      reject(error);
    });
  });
}

/**
 * Answers with a status and a one-line reason. The connection is closed after it, so a body left unread
 * (a refused upload) is never read.
 */
function refuse(
  response: ServerResponse,
  status: number,
  reason: string,
  headers: Record<string, string> = {},
) {
  response.writeHead(status, {
    "Content-Type": "text/plain; charset=utf-8",
    Connection: "close",
    ...headers,
  });
  response.end(`${reason}\n`);
}

/** Closes the connection once the refusal is sent, so a body left unread never arrives. */
function closeAfter(request: IncomingMessage, response: ServerResponse): void {
  response.once("finish", () => request.socket.destroy());
}
