import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import { answerQuestion } from "../../../core/answer/answer.ts";
import { threadKey } from "../../../core/conversation/thread-memory.ts";
import { decodeShareValue } from "../../blocks/action-values.ts";
import { answerMessage } from "../../blocks/answer.ts";
import type { SlackDeps } from "../../deps.ts";
import { describeError, slackFailure } from "../../errors.ts";
import { APOLOGY_TEXT, EXPIRED_BUTTON_TEXT } from "../../strings.ts";

/**
 * "Share in channel" under a private /minusma answer: posts the same answer in the channel, attributed to the
 * person who asked, and marks the private copy as shared. Replies in the shared answer's thread are follow-ups.
 */
export function shareAnswer(deps: SlackDeps) {
  return async ({
    ack,
    body,
    action,
    respond,
    client,
  }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs) => {
    await ack();
    const log = deps.log.child("slack");
    const channel = body.channel?.id;
    try {
      const value = decodeShareValue(action.value);
      if (!value) {
        await respond({ response_type: "ephemeral", replace_original: false, text: EXPIRED_BUTTON_TEXT });
        return;
      }
      // The same question against the same documents gives the same answer; the button carries the question
      // rather than the answer because an answer does not fit in a button's 2,000 characters.
      const answer = answerQuestion(deps.getKnowledgeBase(), value.q, []);
      const shared = answerMessage(answer, { kind: "shared", question: value.q, asker: body.user.id });
      let postedTs: string | undefined;
      try {
        if (!channel) throw new Error("slack: the click came without a channel");
        const posted = await client.chat.postMessage({
          channel,
          ...shared,
          unfurl_links: false,
          unfurl_media: false,
        });
        postedTs = posted.ts;
      } catch (error) {
        const failure = slackFailure(error);
        if (channel && !failure?.unreachable) throw error;
        // A channel the bot was never invited to (or a DM between people): the command's response_url can
        // still post there, as the app, without membership.
        log.info(`sharing through the response_url: ${describeError(error)}`);
        await respond({ response_type: "in_channel", replace_original: false, ...shared });
      }
      if (channel && postedTs) deps.state.threads.append(threadKey(channel, postedTs), answer.turn);
      await respond({
        replace_original: true,
        ...answerMessage(answer, { kind: "private", question: value.q, shared: true }),
      });
      log.info(`shared an answer for ${body.user.id} in ${channel ?? "an unknown channel"}`);
    } catch (error) {
      log.error(`could not share an answer for ${body.user.id} in ${channel}: ${describeError(error)}`);
      await respond({ response_type: "ephemeral", replace_original: false, text: APOLOGY_TEXT }).catch(
        (respondError: unknown) =>
          log.warn(`could not apologise for the share either: ${describeError(respondError)}`),
      );
    }
  };
}
