import type { RespondFn, SlashCommand } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import type { KnowledgeBase } from "../core/knowledge-base.ts";
import type { AnswerPool } from "../knowledge/answer-pool.ts";
import type { AppLogger } from "../log.ts";
import type { StateStore } from "../state/types.ts";
import type { Detach } from "./after-ack.ts";
import type { QuestionLimiter } from "./question-limit.ts";

/** What the Slack listeners need from the rest of the bot. */
export interface SlackDeps {
  /**
   * The knowledge base to answer from, asked for at every question: it is replaced while the bot runs when the
   * knowledge files change, so no listener keeps one.
   */
  getKnowledgeBase: () => KnowledgeBase;
  /** everything the bot keeps (src/state/): threads, handled events, limits, feedback, the digest's record */
  state: StateStore;
  log: AppLogger;
  /** More `/minusma` subcommands (such as the digest's), listed in the help after the built-in ones. */
  subcommands?: Subcommand[];
  /**
   * How many questions each person may ask a minute. The app builds one from QUESTIONS_PER_MINUTE; a test of
   * one listener may leave it out, and then nobody is limited.
   */
  questions?: QuestionLimiter;
  /**
   * Where questions are answered: worker threads in the running app. A test of one listener leaves it out,
   * and questions are answered on the test's thread.
   */
  answers?: AnswerPool;
  /**
   * Takes over the work that follows an acknowledgement (answering), so the listener can return and Bolt let
   * go of the request. The app provides it; a test of one listener leaves it out, and the work is awaited.
   */
  detach?: Detach;
  /** the clock, for feedback timestamps */
  now?: () => Date;
}

export interface SubcommandContext {
  /** the words after the subcommand's name, as plain text */
  args: string;
  command: SlashCommand;
  respond: RespondFn;
  client: WebClient;
  deps: SlackDeps;
  /** every subcommand, for the help */
  subcommands: readonly Subcommand[];
}

/**
 * A word that, first after `/minusma`, does something other than ask a question. Adding one (the digest's)
 * is adding an entry: the command's listener and the help pick it up.
 */
export interface Subcommand {
  name: string;
  /** how it is typed after the command, for the help: "sources", "digest [YYYY-MM-DD]" */
  args: string;
  description: string;
  /**
   * Whether words may follow the name. When not, "/minusma sources of funding" is a question about sources
   * of funding, not the `sources` subcommand.
   */
  takesArguments: boolean;
  run(context: SubcommandContext): Promise<void>;
}
