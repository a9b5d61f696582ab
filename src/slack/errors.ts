import { BusyError } from "../knowledge/answer-pool.ts";
import { APOLOGY_TEXT, BUSY_TEXT } from "./strings.ts";
/**
 * What went wrong in a call to Slack, read from the Web API client's and Bolt's errors by their `code` (their
 * classes come from several packages, so `instanceof` is not reliable).
 */
export interface SlackFailure {
  /** Slack's error string (`not_in_channel`, `ratelimited`, ...), or the client's kind of failure */
  code: string;
  /** one line for the log, with what to do when there is something to do */
  description: string;
  /** whether posting anything else in the same conversation is pointless (the bot cannot post there) */
  unreachable: boolean;
}

const UNREACHABLE = new Set([
  "not_in_channel",
  "channel_not_found",
  "is_archived",
  "restricted_action",
  "cannot_reply_to_message",
  "thread_not_found",
  "ekm_access_denied",
]);

const ADVICE: Record<string, string> = {
  not_in_channel: "invite the bot to the channel (/invite @minusma)",
  channel_not_found: "the channel was deleted, or the bot cannot see it; invite the bot",
  is_archived: "the channel is archived",
  missing_scope: "add the missing scope in the app settings (see manifest.yml) and reinstall the app",
  invalid_auth: "SLACK_BOT_TOKEN is not valid: copy it again from OAuth & Permissions",
  token_revoked: "the app was uninstalled or its token revoked: reinstall it and update SLACK_BOT_TOKEN",
  account_inactive: "the app was uninstalled or its token revoked: reinstall it and update SLACK_BOT_TOKEN",
  ratelimited: "Slack is rate limiting the bot; it retries after the wait Slack asks for",
  restricted_action: "a workspace setting forbids the bot to post there",
};

interface ErrorLike {
  code?: unknown;
  message?: unknown;
  data?: { error?: unknown };
  retryAfter?: unknown;
  statusCode?: unknown;
}

/** Reads a Slack failure out of an error; null for errors that did not come from talking to Slack. */
export function slackFailure(error: unknown): SlackFailure | null {
  if (typeof error !== "object" || error === null) return null;
  const e = error as ErrorLike;
  const make = (code: string, what: string): SlackFailure => ({
    code,
    description: `${what}${ADVICE[code] ? `: ${ADVICE[code]}` : ""}`,
    unreachable: UNREACHABLE.has(code),
  });
  switch (e.code) {
    case "slack_webapi_platform_error": {
      const code = typeof e.data?.error === "string" ? e.data.error : "unknown_error";
      return make(code, `Slack answered ${code}`);
    }
    case "slack_webapi_rate_limited_error":
      return make("ratelimited", `Slack is rate limiting the bot (retry after ${String(e.retryAfter)} s)`);
    case "slack_webapi_request_error":
      return make(
        "request_error",
        `cannot reach Slack (${String(e.message)}): check the network or SLACK_API_URL`,
      );
    case "slack_webapi_http_error":
      return make("http_error", `Slack answered HTTP ${String(e.statusCode)}`);
    case "slack_bolt_respond_error":
      return make(
        "respond_error",
        `the response_url refused the reply (HTTP ${String(e.statusCode)}); it expires 30 minutes after the command`,
      );
    default:
      break;
  }
  const message = typeof e.message === "string" ? e.message : "";
  // The Web API client gives up at once on a 429 whose Retry-After it cannot read, with a plain Error.
  const badRetryAfter = /^Retry header did not contain a valid timeout .*retry-after header: (.*)\)$/u.exec(
    message,
  );
  if (badRetryAfter) {
    return make(
      "ratelimited_without_wait",
      `Slack answered 429 (rate limited) without a usable Retry-After (${badRetryAfter[1]}), so the call was ` +
        "not retried; if a proxy sits between the bot and Slack, check that it passes Retry-After through",
    );
  }
  // A call given up by the client's timeout (the response_url, which Bolt calls with plain fetch).
  if ((error as { name?: unknown }).name === "TimeoutError") {
    return make("timeout", `no answer within the time limit (${message}); the call was given up`);
  }
  return null;
}

/** One line describing any error for the log: Slack failures without a stack (it says nothing more). */
export function describeError(error: unknown): string {
  const failure = slackFailure(error);
  if (failure) return failure.description;
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}

/**
 * What to tell the asker when answering failed, and how loudly to log it: a question refused because the bot
 * is overloaded gets "busy, try again in a minute" and an info line (the answer pool warns about overload
 * once a minute); anything else the apology and an error.
 */
export function failureReply(error: unknown): { text: string; level: "info" | "error" } {
  return error instanceof BusyError
    ? { text: BUSY_TEXT, level: "info" }
    : { text: APOLOGY_TEXT, level: "error" };
}
