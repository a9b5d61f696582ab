import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import { decodePassageValue } from "../../blocks/action-values.ts";
import { passageMessage } from "../../blocks/passage.ts";
import type { SlackDeps } from "../../deps.ts";
import { describeError } from "../../errors.ts";
import { APOLOGY_TEXT, EXPIRED_BUTTON_TEXT, PASSAGE_GONE_TEXT } from "../../strings.ts";
import { replyPrivately } from "./private-reply.ts";

/** "Show passage": the whole passage behind citation [1], to the person who clicked only. */
export function showPassage(deps: SlackDeps) {
  return async ({
    ack,
    body,
    action,
    respond,
    client,
  }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs) => {
    await ack();
    const log = deps.log.child("slack");
    try {
      const value = decodePassageValue(action.value);
      const passage = value ? deps.getKnowledgeBase().index.passages.get(value.p) : undefined;
      const message =
        value && passage
          ? passageMessage(passage, value.n)
          : { text: value ? PASSAGE_GONE_TEXT : EXPIRED_BUTTON_TEXT, blocks: [] };
      await replyPrivately(body, client, respond, deps, message);
      log.info(`showed passage ${value?.p ?? "(expired button)"} to ${body.user.id}`);
    } catch (error) {
      log.error(`could not show a passage to ${body.user.id}: ${describeError(error)}`);
      await respond({ response_type: "ephemeral", replace_original: false, text: APOLOGY_TEXT }).catch(
        (respondError: unknown) =>
          log.warn(`could not apologise for the passage either: ${describeError(respondError)}`),
      );
    }
  };
}
