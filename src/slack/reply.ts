import type { WebClient } from "@slack/web-api";
import { threadKey } from "../core/conversation/thread-memory.ts";
import { answerFor } from "../knowledge/answer-pool.ts";
import { answerMessage } from "./blocks/answer.ts";
import { helpMessage } from "./blocks/help.ts";
import type { SlackMessage } from "./blocks/limits.ts";
import { sourcesMessage } from "./blocks/sources.ts";
import type { SlackDeps } from "./deps.ts";
import { describeError, failureReply, slackFailure } from "./errors.ts";
import { BUILT_IN_SUBCOMMANDS, usagesOf } from "./listeners/commands/subcommands.ts";
import { slackTextToPlain } from "./mrkdwn.ts";
import { messageMetadata } from "./post-once.ts";
import { slowDownText, WORKING_REACTION } from "./strings.ts";

/** A question to answer in a thread: a mention, a direct message or a follow-up. */
export interface ThreadQuestion {
  channel: string;
  /** the ts of the question's own message, where the working sign goes */
  ts: string;
  /** the thread the answer goes in */
  threadTs: string;
  /** the message's text as Slack sent it (markup and entities included) */
  text: string;
  user: string;
  /** how the question came, for the log */
  via: "mention" | "direct message" | "follow-up";
}

/** What marks the answer to a question, so a post whose reply was lost is found, not posted twice. */
function answerMetadata(question: ThreadQuestion) {
  return messageMetadata("answer", { question: `${question.channel}:${question.ts}` });
}

/** Keeps links in answers from unfurling into large previews under every answer. */
const NO_UNFURL = { unfurl_links: false, unfurl_media: false } as const;

/**
 * Answers a question in its thread, with the thread's earlier turns as context, and remembers the turn. An
 * hourglass reaction shows it is working and is always removed. A failure ends in a short apology in the
 * thread (when the bot can post there) and one error in the log; it never propagates.
 */
export async function answerInThread(
  client: WebClient,
  deps: SlackDeps,
  question: ThreadQuestion,
  botUserId: string | undefined,
): Promise<void> {
  const log = deps.log.child("slack");
  if (!(await withinQuestionLimit(client, deps, question))) return;
  const key = threadKey(question.channel, question.threadTs);
  const reacted = await setWorkingSign(client, deps, question, "add");
  try {
    const text = slackTextToPlain(question.text, botUserId);
    log.debug(
      `question (${question.via}) in ${question.channel} from ${question.user}: ${JSON.stringify(text)}`,
    );
    const word = wordCommand(text, deps);
    if (word) {
      await client.chat.postMessage({
        channel: question.channel,
        thread_ts: question.threadTs,
        ...word,
        ...NO_UNFURL,
        metadata: answerMetadata(question),
      });
      // The thread is the bot's now: a question asked next in it is answered without a mention.
      await deps.state.threads.append(key, { question: text, focus: [], docs: [], found: false });
      log.info(`answered "${text.toLowerCase()}" (${question.via}) in ${question.channel}`);
      return;
    }
    const answer = await answerFor(
      deps.answers,
      deps.getKnowledgeBase(),
      text,
      await deps.state.threads.history(key),
    );
    await client.chat.postMessage({
      channel: question.channel,
      thread_ts: question.threadTs,
      ...answerMessage(answer, { kind: "thread" }),
      ...NO_UNFURL,
      metadata: answerMetadata(question),
    });
    await deps.state.threads.append(key, answer.turn);
    log.info(
      `answered a ${question.via} in ${question.channel}: ` +
        `${answer.found ? `${answer.citations.length} source(s)` : "not found"}, confidence ${answer.confidence}`,
    );
  } catch (error) {
    const failure = slackFailure(error);
    const reply = failureReply(error);
    log[reply.level](`could not answer a ${question.via} in ${question.channel}: ${describeError(error)}`);
    // When Slack refuses the bot the conversation, an apology would be refused the same way.
    if (!failure?.unreachable) {
      await client.chat
        .postMessage({
          channel: question.channel,
          thread_ts: question.threadTs,
          text: reply.text,
          metadata: messageMetadata("apology", { question: `${question.channel}:${question.ts}` }),
        })
        .catch((apologyError: unknown) =>
          log.warn(`could not apologise in ${question.channel} either: ${describeError(apologyError)}`),
        );
    }
  } finally {
    if (reacted) await setWorkingSign(client, deps, question, "remove");
  }
}

/**
 * Counts the question against its asker's limit. Over it, the asker is told privately, in the thread, how
 * long to wait (a private message keeps the thread clean and does not use the channel's posting pace), and
 * false is returned.
 */
async function withinQuestionLimit(
  client: WebClient,
  deps: SlackDeps,
  question: ThreadQuestion,
): Promise<boolean> {
  const limiter = deps.questions;
  const verdict = await limiter.take(question.user);
  if (verdict.allowed) return true;
  const log = deps.log.child("slack");
  log.info(
    `asked too fast: ${question.user} in ${question.channel} is over ${limiter.perMinute} questions a ` +
      `minute; told to wait ${verdict.retryInSeconds} s`,
  );
  await client.chat
    .postEphemeral({
      channel: question.channel,
      user: question.user,
      thread_ts: question.threadTs,
      text: slowDownText(limiter.perMinute, verdict.retryInSeconds),
    })
    .catch((error: unknown) =>
      log.warn(
        `could not tell ${question.user} to slow down in ${question.channel}: ${describeError(error)}`,
      ),
    );
  return false;
}

/**
 * "help" or "sources" alone, said to the bot in a DM or a mention, gets what `/minusma help` and
 * `/minusma sources` give, rather than being searched for as a question.
 */
function wordCommand(text: string, deps: SlackDeps): SlackMessage | null {
  const word = text.toLowerCase().replace(/[?!.]+$/u, "");
  const kb = deps.getKnowledgeBase();
  if (word === "help") {
    return helpMessage(usagesOf([...BUILT_IN_SUBCOMMANDS, ...deps.subcommands]), kb.glossary.examples);
  }
  if (word === "sources") return sourcesMessage(kb.index.documents);
  return null;
}

/** Adds or removes the hourglass; true when it is in place. A failure only costs the sign, so it is logged. */
async function setWorkingSign(
  client: WebClient,
  deps: SlackDeps,
  question: ThreadQuestion,
  change: "add" | "remove",
): Promise<boolean> {
  const args = { channel: question.channel, timestamp: question.ts, name: WORKING_REACTION };
  try {
    await (change === "add" ? client.reactions.add(args) : client.reactions.remove(args));
    return true;
  } catch (error) {
    const failure = slackFailure(error);
    // Reactions are per user: "already_reacted" means the bot's own hourglass is there (left by an earlier
    // attempt), so it is ours to remove; "no_reaction" means it is already gone.
    if (failure?.code === "already_reacted") return true;
    if (failure?.code === "no_reaction") return false;
    deps.log
      .child("slack")
      .warn(`could not ${change} the working sign in ${question.channel}: ${describeError(error)}`);
    return false;
  }
}
