import { COMMAND } from "./strings.ts";

/**
 * What the bot uses of Slack, and the bot scope each use needs. manifest.yml must declare exactly these (a
 * test checks), and the end-to-end tests check that every Web API method the bot calls is listed here.
 */
export const METHOD_SCOPES: Record<string, string | null> = {
  // Verifies the token at start-up and tells the bot its own user id; needs no scope.
  "auth.test": null,
  "chat.postMessage": "chat:write",
  "chat.postEphemeral": "chat:write",
  "reactions.add": "reactions:write",
  "reactions.remove": "reactions:write",
  // After a post that failed without saying whether Slack took it, the bot reads the channel (or thread) for
  // its own message, by its metadata, before posting again; and checks the digest channel before each digest.
  // Public channels need channels:history; private channels and DMs need groups:history and im:history, which
  // the bot already has for its message events.
  "conversations.history": "channels:history",
  "conversations.replies": "channels:history",
};

/** The events the bot subscribes to, by their manifest names, with the scope each needs. */
export const EVENT_SCOPES: Record<string, string> = {
  app_mention: "app_mentions:read",
  "message.channels": "channels:history",
  "message.groups": "groups:history",
  "message.im": "im:history",
};

export const SLASH_COMMANDS: Record<string, string> = { [COMMAND]: "commands" };

/** Why the bot needs each scope: the README's list. */
export const SCOPE_REASONS: Record<string, string> = {
  "app_mentions:read": "receive @minusma mentions in the channels the bot is in",
  "channels:history":
    "receive replies in public-channel threads where the bot answered (follow-ups), and read its own messages back after a post Slack did not confirm (posting exactly once)",
  "groups:history": "the same in private channels the bot was invited to",
  "im:history": "receive the messages people send the bot in direct messages, and read its own replies back",
  "chat:write": "post answers in threads and DMs, shared answers, and private passages and thank-yous",
  commands: "the /minusma slash command",
  "reactions:write": "add and remove the hourglass reaction that shows a question is being answered",
};

/** Every bot scope the code needs, sorted. */
export function requiredScopes(): string[] {
  const scopes = new Set<string>();
  for (const scope of [
    ...Object.values(METHOD_SCOPES),
    ...Object.values(EVENT_SCOPES),
    ...Object.values(SLASH_COMMANDS),
  ]) {
    if (scope) scopes.add(scope);
  }
  return [...scopes].sort();
}
