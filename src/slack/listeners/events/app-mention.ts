import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import type { SlackDeps } from "../../deps.ts";
import { firstDelivery, notFromAPerson } from "../../incoming.ts";
import { answerInThread, type ThreadQuestion } from "../../reply.ts";

/** `@minusma <question>` in a channel: answered in the question's thread. */
export function appMention(deps: SlackDeps) {
  return async ({
    event,
    body,
    context,
    client,
  }: SlackEventMiddlewareArgs<"app_mention"> & AllMiddlewareArgs) => {
    const log = deps.log.child("slack");
    const ignored = notFromAPerson(event, context.botUserId);
    if (ignored) {
      log.debug(`ignored a mention in ${event.channel}: ${ignored}`);
      return;
    }
    if (!(await firstDelivery(deps.state.events, body.event_id, event.channel, event.ts))) {
      log.debug(`ignored a mention in ${event.channel}: already handled (event ${body.event_id})`);
      return;
    }
    const question: ThreadQuestion = {
      channel: event.channel,
      ts: event.ts,
      threadTs: event.thread_ts ?? event.ts,
      text: event.text,
      user: event.user ?? "",
      via: "mention",
    };
    const botUserId = context.botUserId;
    await deps.detach(`answering a mention in ${question.channel}`, () =>
      answerInThread(client, deps, question, botUserId),
    );
  };
}
