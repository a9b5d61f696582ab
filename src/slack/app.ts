import type { Server } from "node:http";
import { App, type CustomRoute, type LogLevel } from "@slack/bolt";
import type { RetryOptions } from "@slack/web-api";
import type { Config } from "../config.ts";
import type { SlackDeps } from "./deps.ts";
import { describeError, slackFailure } from "./errors.ts";
import * as actions from "./listeners/actions/index.ts";
import * as commands from "./listeners/commands/index.ts";
import * as events from "./listeners/events/index.ts";
import * as messages from "./listeners/messages/index.ts";

export class SlackStartError extends Error {
  override name = "SlackStartError";
}

export interface RunningSlackBot {
  app: App;
  mode: "socket" | "http";
  /** the port HTTP mode listens on (the real one when PORT=0), null in Socket Mode */
  port: number | null;
  stop(): Promise<void>;
}

/**
 * A person waits for each answer, so a failed call to Slack is retried twice within seconds rather than the
 * SDK's default ten times over half an hour. A rate-limited call still waits as long as Slack asks.
 */
const RETRY: RetryOptions = { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 2_000, randomize: true };
/** No single call to Slack may hang a listener for longer than this. */
const REQUEST_TIMEOUT_MS = 15_000;

/** The surfaces, each registering its listeners: commands, events, messages and button actions. */
const SURFACES = [commands, events, messages, actions];

/**
 * Builds the Bolt app for the configured mode, with every listener registered. Nothing talks to Slack until
 * `app.init()` (which checks the token) and `app.start()`.
 */
export function buildSlackApp(config: Config, deps: SlackDeps): App {
  if (config.mode === "shell") {
    throw new SlackStartError("slack: no Slack credentials are set, so there is no Slack app to build");
  }
  const log = deps.log.child("slack");
  const common = {
    token: config.SLACK_BOT_TOKEN,
    logger: deps.log.child("bolt"),
    logLevel: config.LOG_LEVEL as LogLevel,
    clientOptions: {
      slackApiUrl: config.SLACK_API_URL,
      retryConfig: RETRY,
      timeout: REQUEST_TIMEOUT_MS,
    },
    // Bolt's conversation store would keep every conversation in memory for nothing: the bot has its own.
    convoStore: false as const,
    // auth.test runs in start, where its failure can stop the process with a clear message.
    deferInitialization: true,
  };
  const app =
    config.mode === "socket"
      ? new App({ ...common, socketMode: true, appToken: config.SLACK_APP_TOKEN })
      : new App({
          ...common,
          signingSecret: config.SLACK_SIGNING_SECRET,
          customRoutes: [healthRoute(deps)],
          // Acknowledge first, answer after: Slack wants its HTTP response within 3 seconds.
          processBeforeResponse: false,
        });

  // The last resort: every listener catches its own errors, so this sees what escaped them (and Bolt's own).
  app.error(async (error) => {
    const original = (error as { original?: unknown }).original ?? error;
    log.error(`unhandled error in a listener: ${describeError(original)}`);
  });
  for (const surface of SURFACES) surface.register(app, deps);
  return app;
}

/** `GET /healthz`: 200 while the process serves, with how many documents it answers from. */
function healthRoute(deps: SlackDeps): CustomRoute {
  return {
    path: "/healthz",
    method: ["GET"],
    handler: (_request, response) => {
      const documents = deps.getKnowledgeBase().index.documents.length;
      response.writeHead(200, { "Content-Type": "application/json" });
      response.end(JSON.stringify({ ok: true, documents }));
    },
  };
}

/**
 * Builds, checks and starts the Slack app: the token is verified with auth.test, then Socket Mode connects or
 * the HTTP server listens. A failure is a SlackStartError whose message says what to fix.
 */
export async function startSlackBot(config: Config, deps: SlackDeps): Promise<RunningSlackBot> {
  const app = buildSlackApp(config, deps);
  try {
    await app.init();
  } catch (error) {
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
      const failure = slackFailure(error);
      throw new SlackStartError(
        failure?.code === "request_error"
          ? `slack: ${failure.description}`
          : `slack: Slack refused the Socket Mode connection (${failure?.code ?? describeError(error)}): check ` +
              "SLACK_APP_TOKEN (an app-level token with connections:write, under Basic Information > App-Level " +
              "Tokens) and that Socket Mode is on in the app settings",
      );
    }
    return { app, mode: "socket", port: null, stop: () => app.stop().then(() => undefined) };
  }

  let server: Server;
  try {
    server = (await app.start({ port: config.PORT, host: config.HOST })) as Server;
  } catch (error) {
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
  return { app, mode: "http", port, stop: () => app.stop().then(() => undefined) };
}
