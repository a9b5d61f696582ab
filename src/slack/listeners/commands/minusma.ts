import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from "@slack/bolt";
import { answerQuestion } from "../../../core/answer/answer.ts";
import { answerMessage } from "../../blocks/answer.ts";
import type { SlackDeps } from "../../deps.ts";
import { describeError } from "../../errors.ts";
import { slackTextToPlain } from "../../mrkdwn.ts";
import { APOLOGY_TEXT } from "../../strings.ts";
import { findSubcommand, helpSubcommand, type Subcommand } from "./subcommands.ts";

/**
 * `/minusma <question>`, `/minusma` (help) and the subcommands. Acknowledged at once with nothing, so Slack
 * never shows a timeout; the answer goes privately to the person through the command's response_url.
 */
export function minusmaCommand(deps: SlackDeps, subcommands: readonly Subcommand[]) {
  return async ({ command, ack, respond, client }: SlackCommandMiddlewareArgs & AllMiddlewareArgs) => {
    await ack();
    const log = deps.log.child("slack");
    try {
      const text = slackTextToPlain(command.text ?? "");
      const called =
        text === "" ? { subcommand: helpSubcommand, args: "" } : findSubcommand(text, subcommands);
      if (called) {
        await called.subcommand.run({ args: called.args, command, respond, client, deps, subcommands });
        log.info(`ran ${command.command} ${called.subcommand.name} for ${command.user_id}`);
        return;
      }
      const answer = answerQuestion(deps.getKnowledgeBase(), text, []);
      await respond({
        response_type: "ephemeral",
        ...answerMessage(answer, { kind: "private", question: text }),
      });
      log.info(
        `answered ${command.command} for ${command.user_id} in ${command.channel_id}: ` +
          `${answer.found ? `${answer.citations.length} source(s)` : "not found"}, confidence ${answer.confidence}`,
      );
    } catch (error) {
      log.error(
        `could not answer ${command.command} for ${command.user_id} in ${command.channel_id}: ${describeError(error)}`,
      );
      await respond({ response_type: "ephemeral", text: APOLOGY_TEXT }).catch((respondError: unknown) =>
        log.warn(`could not apologise for ${command.command} either: ${describeError(respondError)}`),
      );
    }
  };
}
