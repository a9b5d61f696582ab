import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import type { SlackDeps } from "../../deps.ts";
import { classifyMessage, firstDelivery, type IncomingMessage } from "../../incoming.ts";
import { answerInThread, type ThreadQuestion } from "../../reply.ts";

/** Any message in a DM with the bot, and replies in threads where it answered: answered in the thread. */
export function directOrFollowUp(deps: SlackDeps) {
  return async ({
    message,
    body,
    context,
    client,
  }: SlackEventMiddlewareArgs<"message"> & AllMiddlewareArgs) => {
    const log = deps.log.child("slack");
    // The message union's variants all carry these fields or lack them; the decision reads them as optional.
    const incoming = message as unknown as IncomingMessage;
    const decision = await classifyMessage(incoming, context.botUserId, (key) => deps.state.threads.has(key));
    if (decision.kind === "ignore") {
      log.debug(`ignored a message in ${incoming.channel}: ${decision.reason}`);
      return;
    }
    if (!(await firstDelivery(deps.state.events, body.event_id, incoming.channel, incoming.ts))) {
      log.debug(`ignored a message in ${incoming.channel}: already handled (event ${body.event_id})`);
      return;
    }
    const question: ThreadQuestion = {
      channel: incoming.channel,
      ts: incoming.ts,
      threadTs: decision.threadTs,
      text: incoming.text ?? "",
      user: incoming.user ?? "",
      via: decision.via,
    };
    const botUserId = context.botUserId;
    await deps.detach(`answering a ${question.via} in ${question.channel}`, () =>
      answerInThread(client, deps, question, botUserId),
    );
  };
}
