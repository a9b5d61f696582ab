import type { AllMiddlewareArgs, BlockButtonAction, RespondFn, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { threadKey } from "../../../core/conversation/thread-memory.ts";
import { answerFor } from "../../../knowledge/answer-pool.ts";
import { decodeShareValue } from "../../blocks/action-values.ts";
import { answerMessage } from "../../blocks/answer.ts";
import type { SlackDeps } from "../../deps.ts";
import { describeError, failureReply, slackFailure } from "../../errors.ts";
import { messageMetadata } from "../../post-once.ts";
import { ALREADY_SHARED_TEXT, EXPIRED_BUTTON_TEXT } from "../../strings.ts";

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
    const container = body.container as { message_ts?: string } | undefined;
    const click: ShareClick = {
      channel: body.channel?.id,
      user: body.user.id,
      value: action.value,
      answerTs: container?.message_ts ?? body.message?.ts,
    };
    await deps.detach(`sharing an answer for ${click.user}`, () => share(deps, click, respond, client));
  };
}

/** What a click on "Share in channel" carries, taken out of Bolt's request so the request can go. */
interface ShareClick {
  channel: string | undefined;
  user: string;
  /** the button's value: the question, encoded */
  value: string | undefined;
  /** the private answer's message ts: with the channel, which answer is shared */
  answerTs: string | undefined;
}

/** Everything after the acknowledgement; it catches its own errors and apologises. */
async function share(
  deps: SlackDeps,
  click: ShareClick,
  respond: RespondFn,
  client: WebClient,
): Promise<void> {
  const log = deps.log.child("slack");
  const { channel } = click;
  try {
    const value = decodeShareValue(click.value);
    if (!value) {
      await respond({ response_type: "ephemeral", replace_original: false, text: EXPIRED_BUTTON_TEXT });
      return;
    }
    // The same question against the same documents gives the same answer; the button carries the question
    // rather than the answer because an answer does not fit in a button's 2,000 characters.
    // One share per answer, however often (and on however many instances) the button is clicked.
    const shareId = `${channel ?? "?"}:${click.answerTs ?? click.user}:${value.q}`;
    if (!(await deps.state.events.claim(`share:${shareId}`))) {
      log.info(`did not share an answer twice for ${click.user} in ${channel ?? "an unknown channel"}`);
      await respond({ response_type: "ephemeral", replace_original: false, text: ALREADY_SHARED_TEXT });
      return;
    }
    const answer = await answerFor(deps.answers, deps.getKnowledgeBase(), value.q, []);
    const shared = answerMessage(answer, { kind: "shared", question: value.q, asker: click.user });
    let postedTs: string | undefined;
    try {
      if (!channel) throw new Error("slack: the click came without a channel");
      const posted = await client.chat.postMessage({
        channel,
        ...shared,
        unfurl_links: false,
        unfurl_media: false,
        metadata: messageMetadata("share", { share: `${channel}:${click.answerTs ?? click.user}` }),
      });
      postedTs = posted.ts;
    } catch (error) {
      const failure = slackFailure(error);
      if (channel && !failure?.unreachable) {
        // Not shared: a later click may try again.
        await deps.state.events.release(`share:${shareId}`);
        throw error;
      }
      // A channel the bot was never invited to (or a DM between people): the command's response_url can
      // still post there, as the app, without membership.
      log.info(`sharing through the response_url: ${describeError(error)}`);
      await respond({ response_type: "in_channel", replace_original: false, ...shared });
    }
    if (channel && postedTs) await deps.state.threads.append(threadKey(channel, postedTs), answer.turn);
    await respond({
      replace_original: true,
      ...answerMessage(answer, { kind: "private", question: value.q, shared: true }),
    });
    log.info(`shared an answer for ${click.user} in ${channel ?? "an unknown channel"}`);
  } catch (error) {
    const reply = failureReply(error);
    log[reply.level](`could not share an answer for ${click.user} in ${channel}: ${describeError(error)}`);
    await respond({ response_type: "ephemeral", replace_original: false, text: reply.text }).catch(
      (respondError: unknown) =>
        log.warn(`could not apologise for the share either: ${describeError(respondError)}`),
    );
  }
}
