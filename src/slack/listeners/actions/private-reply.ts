import type { BlockButtonAction, RespondFn } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import type { SlackMessage } from "../../blocks/limits.ts";
import type { SlackDeps } from "../../deps.ts";
import { describeError } from "../../errors.ts";

/**
 * Shows a message to the person who clicked, and to no one else: in the thread of the message they clicked
 * when it is a real message, through the click's response_url when it is itself private (the reply to a
 * slash command) or when Slack refuses the first way.
 */
export async function replyPrivately(
  body: BlockButtonAction,
  client: WebClient,
  respond: RespondFn,
  deps: SlackDeps,
  message: SlackMessage,
): Promise<void> {
  const channel = body.channel?.id;
  const container = body.container as { is_ephemeral?: boolean };
  if (channel && body.message && !container.is_ephemeral) {
    try {
      const threadTs = typeof body.message.thread_ts === "string" ? body.message.thread_ts : undefined;
      await client.chat.postEphemeral({ channel, user: body.user.id, thread_ts: threadTs, ...message });
      return;
    } catch (error) {
      deps.log
        .child("slack")
        .warn(`could not post privately in ${channel}, using the response_url: ${describeError(error)}`);
    }
  }
  await respond({ response_type: "ephemeral", replace_original: false, ...message });
}
