import type { Server } from "node:http";
import type { App, CustomRoute, LogLevel, SocketModeReceiver } from "@slack/bolt";
import { type RetryOptions, WebClient } from "@slack/web-api";
import type { Config } from "../config.ts";
import { AnswerPool, defaultAnswerWorkers } from "../knowledge/answer-pool.ts";
import type { AppLogger } from "../log.ts";
import { knowledgeVersion } from "../state/knowledge-version.ts";
import { detachedWork } from "./after-ack.ts";
import { BoltApp, BoltHTTPReceiver } from "./bolt.ts";
import type { SlackBotInputs, SlackDeps } from "./deps.ts";
import { describeError, slackFailure } from "./errors.ts";
import { startHealthServer } from "./health.ts";
import { InFlight } from "./in-flight.ts";
import * as actions from "./listeners/actions/index.ts";
import * as commands from "./listeners/commands/index.ts";
import * as events from "./listeners/events/index.ts";
import * as messages from "./listeners/messages/index.ts";
import { ChannelPacer, paceChatPosts } from "./pace.ts";
import { exactlyOnce, messageMetadata } from "./post-once.ts";
import { QuestionLimiter } from "./question-limit.ts";
import { RateLimitGate, rateLimitedFetch } from "./rate-limits.ts";
import { boundServer, MAX_REQUEST_BYTES, RequestGuard, type RequestLimits } from "./request-guard.ts";
import { type ConnectionState, socketModeConnection } from "./socket-connection.ts";
import { APOLOGY_TEXT } from "./strings.ts";

export class SlackStartError extends Error {
  override name = "SlackStartError";
}

export interface RunningSlackBot {
  app: App;
  mode: "socket" | "http";
  /** the port HTTP mode listens on (the real one when PORT=0), null in Socket Mode */
  port: number | null;
  /** the port of the Socket Mode health server (HEALTH_PORT, the real one when 0), null without one */
  healthPort: number | null;
  /** the checks in front of Bolt in HTTP mode (with what they hold now), null in Socket Mode */
  guard: RequestGuard | null;
  /** resolves once every answer worker holds the knowledge base (until then the main thread answers) */
  answersReady(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A person waits for each answer, so a failed call to Slack is retried twice within seconds rather than the
 * SDK's default ten times over half an hour. A rate-limited call still waits as long as Slack asks.
 */
const RETRY: RetryOptions = { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 2_000, randomize: true };
/** No single call to Slack (the Web API or a response_url) may hang a listener for longer than this. */
const REQUEST_TIMEOUT_MS = 15_000;
/**
 * How long a stopping bot waits for the questions it has acknowledged to be answered. main.ts leaves after
 * STOP_GRACE_MS whatever happens; this leaves it time to save the state after the wait.
 */
export const DRAIN_MS = 6_000;
const EVENTS_PATH = "/slack/events";

/** Settings tests shorten; the bot runs with the defaults. */
export interface SlackAppOptions {
  /** the shortest time between two messages in one channel (POST_INTERVAL_MS, Slack's pace) */
  postIntervalMs?: number;
  /** how long one call to Slack may take before it is given up (REQUEST_TIMEOUT_MS) */
  requestTimeoutMs?: number;
  /** how the Web API client retries a failed call (RETRY) */
  retry?: RetryOptions;
  /** how long `stop()` waits for acknowledged requests to be answered (DRAIN_MS) */
  drainMs?: number;
  /** what unauthenticated HTTP requests may cost (REQUEST_LIMITS) */
  requestLimits?: Partial<RequestLimits>;
  /** how Socket Mode retries opening a connection (SOCKET_RETRY) */
  socketRetry?: RetryOptions;
  /** how long Socket Mode may be disconnected before the health check answers 503 (UNHEALTHY_AFTER_MS) */
  unhealthyAfterMs?: number;
}

// Bolt does not export the extended error handler's types; the last overload of `app.error` takes it.
type ExtendedErrorHandler = Parameters<App["error"]>[0];
type ExtendedErrorHandlerArgs = Parameters<ExtendedErrorHandler>[0];

/** The app and the parts around it that starting and stopping need. */
interface AssembledApp {
  app: App;
  answers: AnswerPool;
  /** the HTTP checks in front of Bolt, null in Socket Mode */
  guard: RequestGuard | null;
  /** the Socket Mode connection's state, null in HTTP mode */
  connection: ConnectionState | null;
  inFlight: InFlight;
  pacer: ChannelPacer;
}

/** The surfaces, each registering its listeners: commands, events, messages and button actions. */
const SURFACES = [commands, events, messages, actions];

/**
 * Builds the Bolt app for the configured mode, with every listener registered. Nothing talks to Slack until
 * `app.init()` (which checks the token) and `app.start()`.
 */
export function buildSlackApp(config: Config, deps: SlackBotInputs, options: SlackAppOptions = {}): App {
  return assemble(config, deps, options).app;
}

function assemble(config: Config, givenDeps: SlackBotInputs, options: SlackAppOptions): AssembledApp {
  if (config.mode === "shell") {
    throw new SlackStartError("slack: no Slack credentials are set, so there is no Slack app to build");
  }
  const log = givenDeps.log.child("slack");
  const inFlight = new InFlight();
  const deps: SlackDeps = {
    ...givenDeps,
    questions:
      givenDeps.questions ??
      new QuestionLimiter({ perMinute: config.QUESTIONS_PER_MINUTE, store: givenDeps.state.questions }),
    detach: givenDeps.detach ?? detachedWork(inFlight, log),
    answers:
      givenDeps.answers ??
      new AnswerPool({ size: config.ANSWER_WORKERS ?? defaultAnswerWorkers(), log: givenDeps.log }),
    subcommands: givenDeps.subcommands ?? [],
    now: givenDeps.now ?? (() => new Date()),
  };
  const timeoutMs = options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
  const rateLimits = new RateLimitGate({ log });
  const common = {
    token: config.SLACK_BOT_TOKEN,
    logger: deps.log.child("bolt"),
    logLevel: config.LOG_LEVEL as LogLevel,
    clientOptions: {
      slackApiUrl: config.SLACK_API_URL,
      retryConfig: options.retry ?? RETRY,
      timeout: timeoutMs,
      // Bolt posts to response_urls with this fetch, and with no time limit of its own. A 429 makes only the
      // calls it concerns wait (that method, that channel's posts), never the whole client.
      fetch: rateLimitedFetch(rateLimits, fetchWithTimeout(timeoutMs)),
    },
    // Bolt's conversation store would keep every conversation in memory for nothing: the bot has its own.
    convoStore: false as const,
    // auth.test runs in start, where its failure can stop the process with a clear message.
    deferInitialization: true,
    // The error handler gets the request, so it can apologise to whoever asked.
    extendedErrorHandler: true,
  };
  let guard: RequestGuard | null = null;
  let connection: ConnectionState | null = null;
  let app: App;
  if (config.mode === "socket") {
    // A receiver of our own, so the Socket Mode client gets its own retry policy rather than the Web API's.
    const socket = socketModeConnection({
      appToken: config.SLACK_APP_TOKEN ?? "",
      clientOptions: {
        slackApiUrl: config.SLACK_API_URL,
        timeout: timeoutMs,
        fetch: fetchWithTimeout(timeoutMs),
      },
      log,
      boltLogger: deps.log.child("bolt"),
      ...(options.socketRetry ? { retry: options.socketRetry } : {}),
      ...(options.unhealthyAfterMs !== undefined ? { unhealthyAfterMs: options.unhealthyAfterMs } : {}),
    });
    connection = socket.state;
    app = new BoltApp({ ...common, receiver: socket.receiver as SocketModeReceiver });
  } else {
    const signingSecret = config.SLACK_SIGNING_SECRET ?? "";
    const receiver = new BoltHTTPReceiver({
      signingSecret,
      endpoints: [EVENTS_PATH],
      customRoutes: [healthRoute(deps)],
      logger: deps.log.child("bolt"),
      // Acknowledge first, answer after: Slack wants its HTTP response within 3 seconds.
      processBeforeResponse: false,
      bodyLimit: MAX_REQUEST_BYTES,
    });
    guard = new RequestGuard({
      signingSecret,
      endpoints: [EVENTS_PATH],
      log,
      replays: deps.state.replays,
      ...(options.requestLimits ? { limits: options.requestLimits } : {}),
    });
    receiver.requestListener = guard.wrap(receiver.requestListener);
    app = new BoltApp({ ...common, receiver });
  }

  const pacer = new ChannelPacer({
    ...(options.postIntervalMs !== undefined ? { intervalMs: options.postIntervalMs } : {}),
    log,
    shared: deps.state.pace ?? undefined,
  });
  // Posts go out once: through a client that never retries by itself, looking for the message before
  // posting it again after an unclear failure (src/slack/post-once.ts).
  const poster = new WebClient(config.SLACK_BOT_TOKEN, {
    ...(config.SLACK_API_URL ? { slackApiUrl: config.SLACK_API_URL } : {}),
    logger: deps.log.child("bolt"),
    logLevel: config.LOG_LEVEL as LogLevel,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: timeoutMs,
    // The same per-call 429 handling as every other call (a 429 is Slack saying it did not post).
    fetch: rateLimitedFetch(rateLimits, fetchWithTimeout(timeoutMs)),
  });
  const once = exactlyOnce({
    post: (args) => poster.chat.postMessage(args),
    retries: (options.retry ?? RETRY).retries ?? 2,
    log,
  });
  // app.client posts the digest; listeners get clients from Bolt's pool, paced as each request comes in.
  paceChatPosts(app.client, pacer, once);
  app.use(async ({ client, next }) => {
    paceChatPosts(client, pacer, once);
    const done = inFlight.begin();
    try {
      await next();
    } finally {
      done();
    }
  });

  // The last resort: every listener catches its own errors, so this sees what escaped them (and Bolt's own).
  const lastResort = async ({ error, body }: ExtendedErrorHandlerArgs) => {
    const original = (error as { original?: unknown }).original ?? error;
    log.error(`unhandled error in a listener: ${describeError(original)}`);
    await apologiseForEscapedError(body, app.client, log);
  };
  app.error(lastResort as ExtendedErrorHandler);
  for (const surface of SURFACES) surface.register(app, deps);
  return { app, guard, connection, inFlight, pacer, answers: deps.answers };
}

/**
 * Tells the person who asked that something went wrong, when an error escaped a listener before it could:
 * privately through the response_url of a command or a click, in the thread of a mention or a direct
 * message. Other events (a message in a channel, an edit) had no one waiting, so they get nothing.
 */
async function apologiseForEscapedError(body: unknown, client: WebClient, log: AppLogger): Promise<void> {
  const request = (body ?? {}) as {
    response_url?: unknown;
    event?: {
      type?: unknown;
      channel?: unknown;
      channel_type?: unknown;
      ts?: unknown;
      thread_ts?: unknown;
      user?: unknown;
      bot_id?: unknown;
      subtype?: unknown;
    };
  };
  try {
    if (typeof request.response_url === "string") {
      const response = await fetchWithTimeout(REQUEST_TIMEOUT_MS)(request.response_url, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ response_type: "ephemeral", replace_original: false, text: APOLOGY_TEXT }),
      });
      if (!response.ok) throw new Error(`the response_url answered HTTP ${response.status}`);
      return;
    }
    const event = request.event;
    const fromAPerson = typeof event?.user === "string" && !event.bot_id && !event.subtype;
    const asked = event?.type === "app_mention" || (event?.type === "message" && event.channel_type === "im");
    if (event && fromAPerson && asked && typeof event.channel === "string" && typeof event.ts === "string") {
      const threadTs = typeof event.thread_ts === "string" ? event.thread_ts : event.ts;
      await client.chat.postMessage({
        channel: event.channel,
        thread_ts: threadTs,
        text: APOLOGY_TEXT,
        metadata: messageMetadata("apology", { question: `${event.channel}:${event.ts}` }),
      });
    }
  } catch (error) {
    log.warn(`could not apologise for that error either: ${describeError(error)}`);
  }
}

/** A fetch that gives up after `ms` unless the caller brought its own signal (the Web API client does). */
function fetchWithTimeout(ms: number): typeof fetch {
  // globalThis.fetch is looked up at each call, so a fetch replaced later (tests keep to 127.0.0.1) is used.
  return (input, init) =>
    globalThis.fetch(input, { ...init, signal: init?.signal ?? AbortSignal.timeout(ms) });
}

/**
 * `GET /healthz`: 200 while the process serves (503 while its shared state is unreachable), with how many
 * documents it answers from, which instance it is and the knowledge version it answers from.
 */
function healthRoute(deps: SlackDeps): CustomRoute {
  return {
    path: "/healthz",
    method: ["GET"],
    handler: (_request, response) => {
      const kb = deps.getKnowledgeBase();
      const state = deps.state.health();
      // 503 while the shared state is unreachable, so a load balancer sends Slack's requests elsewhere.
      response.writeHead(state.ok ? 200 : 503, { "Content-Type": "application/json" });
      response.end(
        JSON.stringify({
          ok: state.ok,
          documents: kb.index.documents.length,
          instance: deps.state.instanceId,
          knowledge: knowledgeVersion(kb),
          state: { engine: state.engine, ...(state.problem ? { problem: state.problem } : {}) },
        }),
      );
    },
  };
}

/**
 * Builds, checks and starts the Slack app: the token is verified with auth.test, then Socket Mode connects or
 * the HTTP server listens. A failure is a SlackStartError whose message says what to fix.
 */
export async function startSlackBot(
  config: Config,
  deps: SlackBotInputs,
  options: SlackAppOptions = {},
): Promise<RunningSlackBot> {
  const assembled = assemble(config, deps, options);
  const { app } = assembled;
  const log = deps.log.child("slack");
  const drainMs = options.drainMs ?? DRAIN_MS;
  // The answer workers start loading the knowledge base now, while Slack checks the token and the server
  // starts: a restart's first questions are answered on the main thread until one of them holds it.
  assembled.answers.warm(deps.getKnowledgeBase());
  try {
    await app.init();
  } catch (error) {
    await closeQuietly(assembled);
    const failure = slackFailure(error);
    throw new SlackStartError(
      failure?.code === "request_error"
        ? `slack: ${failure.description}`
        : `slack: Slack refused SLACK_BOT_TOKEN (${failure?.code ?? describeError(error)}): copy the Bot User OAuth ` +
            "Token (xoxb-...) again from your app's OAuth & Permissions page, and reinstall the app if it was removed",
    );
  }

  if (config.mode === "socket") {
    try {
      await app.start();
    } catch (error) {
      await closeQuietly(assembled);
      const failure = slackFailure(error);
      throw new SlackStartError(
        failure?.code === "request_error"
          ? `slack: ${failure.description}`
          : `slack: Slack refused the Socket Mode connection (${failure?.code ?? describeError(error)}): check ` +
              "SLACK_APP_TOKEN (an app-level token with connections:write, under Basic Information > App-Level " +
              "Tokens) and that Socket Mode is on in the app settings",
      );
    }
    let health: Server | null = null;
    let healthPort: number | null = null;
    if (config.HEALTH_PORT !== undefined) {
      const connection = assembled.connection!;
      try {
        ({ server: health, port: healthPort } = await startHealthServer(
          config.HEALTH_PORT,
          config.HOST,
          () => ({
            healthy: connection.healthy,
            body: {
              ok: connection.healthy,
              connected: connection.connected,
              ...(connection.connected
                ? {}
                : { disconnectedForSeconds: Math.round(connection.downForMs / 1000) }),
              documents: deps.getKnowledgeBase().index.documents.length,
            },
          }),
        ));
      } catch (error) {
        await closeQuietly(assembled);
        throw new SlackStartError(
          `slack: cannot serve the health check on HEALTH_PORT ${config.HEALTH_PORT} ` +
            `(${(error as NodeJS.ErrnoException).code ?? String(error)}): set HEALTH_PORT to a free port, or unset it`,
        );
      }
    }
    return {
      app,
      mode: "socket",
      port: null,
      healthPort,
      guard: null,
      answersReady: () => assembled.answers.ready(),
      stop: async () => {
        // Disconnecting first stops new events; the ones already acknowledged are then answered.
        await app.stop();
        await drain(assembled, drainMs, log);
        if (health) {
          const closed = health;
          await new Promise<void>((resolve) => closed.close(() => resolve()));
          closed.closeAllConnections();
        }
      },
    };
  }

  let server: Server;
  try {
    server = (await app.start({ port: config.PORT, host: config.HOST })) as Server;
    // Bounded before any request is authenticated: slow headers, slow bodies and idle crowds are cut off.
    boundServer(server, assembled.guard?.limits);
  } catch (error) {
    await closeQuietly(assembled);
    const code = (error as NodeJS.ErrnoException).code;
    const advice =
      code === "EADDRINUSE"
        ? "another process uses it: stop it, or set PORT to a free port"
        : code === "EACCES"
          ? "this user may not listen on it: use a port above 1024"
          : "check PORT and HOST";
    throw new SlackStartError(
      `slack: cannot listen on port ${config.PORT} (${code ?? String(error)}): ${advice}`,
    );
  }
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.PORT;
  return {
    app,
    mode: "http",
    port,
    healthPort: null,
    guard: assembled.guard,
    answersReady: () => assembled.answers.ready(),
    stop: async () => {
      // New requests get 503 and the listening socket closes; idle keep-alive connections are closed now,
      // busy ones once their response is sent.
      assembled.guard?.stop();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await drain(assembled, drainMs, log);
      server.closeAllConnections();
      await closed;
    },
  };
}

/** Waits for the acknowledged requests to be answered, up to `ms`, and says what was left if any. */
async function drain(assembled: AssembledApp, ms: number, log: AppLogger): Promise<void> {
  const { inFlight, pacer } = assembled;
  if (inFlight.size > 0) {
    log.info(`no longer taking requests; finishing the ${inFlight.size} being answered`);
  } else {
    log.info("no longer taking requests");
  }
  const idle = await inFlight.idle(ms);
  await assembled.answers.close();
  if (idle) return;
  log.warn(
    `stopped with ${inFlight.size} request(s) still being answered after ${ms} ms ` +
      `(${pacer.pending} message(s) waiting for their channel's turn); their answers were given up`,
  );
}

/** Closes what a start that failed half-way opened (a connection being retried, answer workers). */
async function closeQuietly(assembled: AssembledApp): Promise<void> {
  await assembled.app.stop().catch(() => undefined);
  await assembled.answers.close().catch(() => undefined);
}
