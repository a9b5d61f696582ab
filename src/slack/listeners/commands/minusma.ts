import type { AllMiddlewareArgs, RespondFn, SlackCommandMiddlewareArgs, SlashCommand } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { answerFor } from "../../../knowledge/answer-pool.ts";
import { mainThreadQueue } from "../../../knowledge/main-thread-queue.ts";
import { answerMessage } from "../../blocks/answer.ts";
import type { SlackDeps } from "../../deps.ts";
import { describeError, failureReply } from "../../errors.ts";
import { slackTextToPlain } from "../../mrkdwn.ts";
import { slowDownText } from "../../strings.ts";
import { findSubcommand, helpSubcommand, type Subcommand } from "./subcommands.ts";

/**
 * `/minusma <question>`, `/minusma` (help) and the subcommands. Acknowledged at once with nothing, so Slack
 * never shows a timeout; the answer goes privately to the person through the command's response_url.
 */
export function minusmaCommand(deps: SlackDeps, subcommands: readonly Subcommand[]) {
  return async ({ command, ack, respond, client }: SlackCommandMiddlewareArgs & AllMiddlewareArgs) => {
    await ack();
    await deps.detach(`answering ${command.command} for ${command.user_id}`, () =>
      answerCommand(deps, subcommands, command, respond, client),
    );
  };
}

/** Everything after the acknowledgement; it catches its own errors and apologises. */
async function answerCommand(
  deps: SlackDeps,
  subcommands: readonly Subcommand[],
  command: SlashCommand,
  respond: RespondFn,
  client: WebClient,
): Promise<void> {
  const log = deps.log.child("slack");
  try {
    const verdict = await deps.questions.take(command.user_id);
    if (!verdict.allowed) {
      await respond({
        response_type: "ephemeral",
        text: slowDownText(deps.questions.perMinute, verdict.retryInSeconds),
      });
      log.info(
        `asked too fast: ${command.user_id} in ${command.channel_id} is over ${deps.questions.perMinute} ` +
          `questions a minute; told to wait ${verdict.retryInSeconds} s`,
      );
      return;
    }
    const text = slackTextToPlain(command.text ?? "");
    const called = text === "" ? { subcommand: helpSubcommand, args: "" } : findSubcommand(text, subcommands);
    if (called) {
      // A subcommand (a digest preview) runs here: it waits its turn, so others' acknowledgements are not held up.
      await mainThreadQueue.next();
      await called.subcommand.run({ args: called.args, command, respond, client, deps, subcommands });
      log.info(`ran ${command.command} ${called.subcommand.name} for ${command.user_id}`);
      return;
    }
    const answer = await answerFor(deps.answers, deps.getKnowledgeBase(), text, []);
    await respond({
      response_type: "ephemeral",
      ...answerMessage(answer, { kind: "private", question: text }),
    });
    log.info(
      `answered ${command.command} for ${command.user_id} in ${command.channel_id}: ` +
        `${answer.found ? `${answer.citations.length} source(s)` : "not found"}, confidence ${answer.confidence}`,
    );
  } catch (error) {
    const reply = failureReply(error);
    log[reply.level](
      `could not answer ${command.command} for ${command.user_id} in ${command.channel_id}: ${describeError(error)}`,
    );
    await respond({ response_type: "ephemeral", text: reply.text }).catch(async (respondError: unknown) => {
      // The response_url is gone (expired after 30 minutes, or refused): a private message in the channel
      // still reaches the person, if the bot may post there.
      await client.chat
        .postEphemeral({ channel: command.channel_id, user: command.user_id, text: reply.text })
        .catch((ephemeralError: unknown) =>
          log.warn(
            `could not apologise for ${command.command} either: through the response_url: ` +
              `${describeError(respondError)}; privately in the channel: ${describeError(ephemeralError)}`,
          ),
        );
    });
  }
}
