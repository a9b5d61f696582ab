import { createHmac } from "node:crypto";

/** Slack's request signature: v0 HMAC-SHA256 of `v0:{timestamp}:{body}` with the signing secret. */
export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

export interface SendOptions {
  secret: string;
  /** seconds since the epoch; now by default */
  timestamp?: number;
  /** replaces the computed signature, for forged requests */
  signature?: string;
  /** sets X-Slack-Retry-Num (and a retry reason), as Slack does when it retries an event */
  retryNum?: number;
}

/** Posts a body to the bot exactly as Slack does: content type, timestamp and signature headers. */
export async function sendSigned(
  url: string,
  body: string,
  contentType: "application/json" | "application/x-www-form-urlencoded",
  options: SendOptions,
): Promise<{ status: number; text: string; ms: number }> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    "Content-Type": contentType,
    "X-Slack-Request-Timestamp": String(timestamp),
    "X-Slack-Signature": options.signature ?? slackSignature(options.secret, timestamp, body),
  };
  if (options.retryNum !== undefined) {
    headers["X-Slack-Retry-Num"] = String(options.retryNum);
    headers["X-Slack-Retry-Reason"] = "http_timeout";
  }
  const started = Date.now();
  const response = await fetch(url, { method: "POST", headers, body });
  return { status: response.status, text: await response.text(), ms: Date.now() - started };
}

/** An Events API envelope around an event. */
export function eventEnvelope(eventId: string, event: Record<string, unknown>, teamId = "T0TEST"): string {
  return JSON.stringify({
    token: "verification-token-unused",
    team_id: teamId,
    api_app_id: "A0TEST",
    event,
    type: "event_callback",
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: teamId, user_id: "U0BOT", is_bot: true, is_enterprise_install: false }],
  });
}

/** A slash command's form body. */
export function commandBody(fields: {
  text: string;
  responseUrl: string;
  user?: string;
  channel?: string;
}): string {
  return new URLSearchParams({
    token: "verification-token-unused",
    team_id: "T0TEST",
    team_domain: "stand-in",
    channel_id: fields.channel ?? "C0CHAN",
    channel_name: "briefings",
    user_id: fields.user ?? "U0ASKER",
    user_name: "asker",
    command: "/minusma",
    text: fields.text,
    api_app_id: "A0TEST",
    is_enterprise_install: "false",
    response_url: fields.responseUrl,
    trigger_id: "1.2.3",
  }).toString();
}

/** A block_actions form body for a button click. */
export function buttonClickBody(fields: {
  actionId: string;
  value: string;
  responseUrl: string;
  user?: string;
  channel?: string;
  message?: { ts: string; thread_ts?: string };
  ephemeral?: boolean;
}): string {
  const channel = fields.channel ?? "C0CHAN";
  const payload = {
    type: "block_actions",
    user: { id: fields.user ?? "U0ASKER", username: "asker", name: "asker", team_id: "T0TEST" },
    api_app_id: "A0TEST",
    token: "verification-token-unused",
    container: fields.ephemeral
      ? { type: "message", message_ts: "1700000000.000001", channel_id: channel, is_ephemeral: true }
      : { type: "message", message_ts: fields.message?.ts, channel_id: channel, is_ephemeral: false },
    trigger_id: "1.2.3",
    team: { id: "T0TEST", domain: "stand-in" },
    channel: { id: channel, name: "briefings" },
    ...(fields.message && !fields.ephemeral ? { message: { type: "message", ...fields.message } } : {}),
    response_url: fields.responseUrl,
    actions: [
      {
        type: "button",
        action_id: fields.actionId,
        block_id: "b1",
        text: { type: "plain_text", text: "button" },
        value: fields.value,
        action_ts: "1700000000.1",
      },
    ],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}
