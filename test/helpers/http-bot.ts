import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { loadConfig } from "../../src/config.ts";
import type { KnowledgeBase } from "../../src/core/knowledge-base.ts";
import { type Level, processLogger } from "../../src/log.ts";
import { type RunningSlackBot, type SlackAppOptions, startSlackBot } from "../../src/slack/app.ts";
import type { SlackDeps } from "../../src/slack/deps.ts";
import { openStateStore } from "../../src/state/open.ts";
import { commandBody, eventEnvelope, type SendOptions, sendSigned } from "./signed-request.ts";
import { realKnowledgeBase } from "./slack-fakes.ts";
import { SlackStandIn } from "./slack-stand-in.ts";

export const HTTP_BOT_SECRET = "http-bot-signing-secret-9c1d2f7a";
export const HTTP_BOT_TOKEN = "xoxb-http-bot-3333-4444-not-a-real-token";

export interface HttpBotOptions {
  /** more environment variables (QUESTIONS_PER_MINUTE, ...) */
  env?: Record<string, string>;
  app?: SlackAppOptions;
  kb?: KnowledgeBase;
  deps?: Partial<SlackDeps>;
}

/**
 * The real Slack app in HTTP mode on 127.0.0.1, against a fresh Web API stand-in, logging at debug level
 * into memory: what the fault and hostile-input tests drive. `close()` stops both and removes the state.
 */
export async function startHttpBot(options: HttpBotOptions = {}) {
  const standIn = await SlackStandIn.start();
  const stateDir = await mkdtemp(path.join(tmpdir(), "minusma-http-bot-"));
  const config = loadConfig({
    SLACK_BOT_TOKEN: HTTP_BOT_TOKEN,
    SLACK_SIGNING_SECRET: HTTP_BOT_SECRET,
    SLACK_API_URL: standIn.apiUrl,
    PORT: "0",
    HOST: "127.0.0.1",
    STATE_DIR: stateDir,
    LOG_LEVEL: "debug",
    ...options.env,
  });
  const lines: Array<{ level: Level; line: string }> = [];
  const log = processLogger(config, (level, line) => lines.push({ level, line }));
  const state = await openStateStore(config, { log, role: "bot" });
  const kb = options.kb ?? (await realKnowledgeBase());
  const bot: RunningSlackBot = await startSlackBot(
    config,
    { getKnowledgeBase: () => kb, state, log, ...options.deps },
    options.app,
  );
  const url = `http://127.0.0.1:${bot.port}/slack/events`;
  let events = 0;
  let stopped = false;

  return {
    standIn,
    bot,
    state,
    kb,
    url,
    /** every log line so far */
    logText: () => lines.map((entry) => entry.line).join("\n"),
    logsAt: (level: Level) => lines.filter((entry) => entry.level === level).map((entry) => entry.line),
    /** `/minusma <text>`, answered on the response_url named `id` */
    command(text: string, id: string, fields: { user?: string; channel?: string } = {}) {
      const body = commandBody({ text, responseUrl: standIn.responseUrl(id), ...fields });
      return sendSigned(url, body, "application/x-www-form-urlencoded", { secret: HTTP_BOT_SECRET });
    },
    /** an Events API event, with a fresh event id unless one is given */
    event(event: Record<string, unknown>, extra: Partial<SendOptions> & { eventId?: string } = {}) {
      events += 1;
      const body = eventEnvelope(extra.eventId ?? `EvHttpBot${events}`, { event_ts: event.ts, ...event });
      return sendSigned(url, body, "application/json", { secret: HTTP_BOT_SECRET, ...extra });
    },
    /** `@minusma <text>` at the top of `channel` */
    mention(channel: string, ts: string, text: string, user = "U0ASKER") {
      return this.event({ type: "app_mention", channel, user, text: `<@U0BOT> ${text}`, ts });
    },
    /** the messages posted in a thread, in order */
    postsIn(channel: string, threadTs?: string) {
      return standIn
        .callsTo("chat.postMessage")
        .filter(
          (call) =>
            call.args.channel === channel && (threadTs === undefined || call.args.thread_ts === threadTs),
        );
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await bot.stop();
      await state.close();
    },
    async close() {
      await this.stop();
      await standIn.close();
      await rm(stateDir, { recursive: true, force: true });
    },
  };
}

export type HttpBot = Awaited<ReturnType<typeof startHttpBot>>;
