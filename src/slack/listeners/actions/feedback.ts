import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import { decodeFeedbackValue } from "../../blocks/action-values.ts";
import type { SlackDeps } from "../../deps.ts";
import { describeError } from "../../errors.ts";
import {
  APOLOGY_TEXT,
  EXPIRED_BUTTON_TEXT,
  FEEDBACK_THANKS_HELPFUL,
  FEEDBACK_THANKS_NOT_HELPFUL,
} from "../../strings.ts";
import { replyPrivately } from "./private-reply.ts";

/** "Helpful" / "Not helpful": recorded in the state store, written to the log, thanked privately. */
export function recordFeedback(deps: SlackDeps, helpful: boolean) {
  return async ({
    ack,
    body,
    action,
    respond,
    client,
  }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs) => {
    await ack();
    const log = deps.log.child("feedback");
    try {
      const value = decodeFeedbackValue(action.value);
      if (!value) {
        await replyPrivately(body, client, respond, deps, { text: EXPIRED_BUTTON_TEXT, blocks: [] });
        return;
      }
      const channel = body.channel?.id ?? null;
      const container = body.container as { message_ts?: string };
      const messageTs = container.message_ts ?? body.message?.ts ?? "";
      await deps.state.feedback.add({
        key: `${channel}:${messageTs}:${body.user.id}`,
        at: deps.now().toISOString(),
        user: body.user.id,
        channel,
        question: value.q,
        helpful,
        docs: value.d,
      });
      // JSON.stringify keeps a question's line breaks from forging log lines.
      log.info(
        `${helpful ? "helpful" : "not helpful"} from ${body.user.id} in ${channel ?? "?"} on ${JSON.stringify(value.q)} ` +
          `(${value.f ? `sources: ${value.d.join(", ")}` : "answer was not found"})`,
      );
      const thanks = helpful ? FEEDBACK_THANKS_HELPFUL : FEEDBACK_THANKS_NOT_HELPFUL;
      await replyPrivately(body, client, respond, deps, { text: thanks, blocks: [] });
    } catch (error) {
      log.error(`could not record feedback from ${body.user.id}: ${describeError(error)}`);
      await respond({ response_type: "ephemeral", replace_original: false, text: APOLOGY_TEXT }).catch(
        (respondError: unknown) =>
          log.warn(`could not apologise for the feedback either: ${describeError(respondError)}`),
      );
    }
  };
}
