import { threadKey } from "../core/conversation/thread-memory.ts";
import type { StateStore } from "../state/types.ts";

/** The fields of a `message` or `app_mention` event the bot decides on. */
export interface IncomingMessage {
  subtype?: string | undefined;
  channel: string;
  channel_type?: string | undefined;
  user?: string | undefined;
  bot_id?: string | undefined;
  text?: string | undefined;
  ts: string;
  thread_ts?: string | undefined;
  edited?: unknown;
}

export type MessageDecision =
  | { kind: "answer"; via: "direct message" | "follow-up"; threadTs: string }
  | { kind: "ignore"; reason: string };

// A reply that is also shown in the channel is still a reply; every other subtype is an edit, a deletion, a
// join, a bot's message or some other event that is not a person asking something.
const ANSWERABLE_SUBTYPES = new Set(["thread_broadcast"]);

/** Why a message or mention is not one to answer, or null when it is from a person and new. */
export function notFromAPerson(message: IncomingMessage, botUserId: string | undefined): string | null {
  if (message.subtype && !ANSWERABLE_SUBTYPES.has(message.subtype)) return `a ${message.subtype} event`;
  if (message.bot_id) return "a bot's message";
  if (!message.user) return "a message without a user";
  if (botUserId && message.user === botUserId) return "the bot's own message";
  if (message.edited) return "an edit";
  if (!message.text || message.text.trim() === "") return "a message without text";
  return null;
}

/**
 * Decides whether a `message` event is for the bot: every message of a direct message with it, and, in
 * channels, the replies in a thread where it answered (follow-ups, no mention needed). A reply that mentions
 * someone else and not the bot is people talking to each other, not a question for the bot. Top-level channel
 * messages are left to the `app_mention` listener.
 */
export async function classifyMessage(
  message: IncomingMessage,
  botUserId: string | undefined,
  isBotThread: (key: string) => boolean | Promise<boolean>,
): Promise<MessageDecision> {
  const notPerson = notFromAPerson(message, botUserId);
  if (notPerson) return { kind: "ignore", reason: notPerson };
  if (message.channel_type === "im") {
    return { kind: "answer", via: "direct message", threadTs: message.thread_ts ?? message.ts };
  }
  const threadTs = message.thread_ts;
  if (!threadTs || threadTs === message.ts) return { kind: "ignore", reason: "not in a thread" };
  if (!(await isBotThread(threadKey(message.channel, threadTs)))) {
    return { kind: "ignore", reason: "a thread the bot is not part of" };
  }
  const mentions = [...(message.text ?? "").matchAll(/<@([A-Z0-9]+)(?:\|[^>]*)?>/gu)].map(
    (match) => match[1],
  );
  if (mentions.length > 0 && !mentions.includes(botUserId)) {
    return { kind: "ignore", reason: "a reply addressed to someone else" };
  }
  return { kind: "answer", via: "follow-up", threadTs };
}

/**
 * True the first time a message reaches the bot, whichever instance it reaches. Slack retries an event with
 * the same event id; a mention also arrives as a `message` event with another id but the same channel and
 * ts. Both are claimed at once, so of two deliveries racing on two instances exactly one wins.
 */
export function firstDelivery(
  handled: StateStore["events"],
  eventId: string | undefined,
  channel: string,
  ts: string,
): Promise<boolean> {
  const message = `message:${channel}:${ts}`;
  return eventId ? handled.claim(`event:${eventId}`, message) : handled.claim(message);
}
