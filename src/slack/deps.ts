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
  subcommands: Subcommand[];
  /** How many questions each person may ask a minute (QUESTIONS_PER_MINUTE; 0: nobody is limited). */
  questions: QuestionLimiter;
  /** Where questions are answered: worker threads in the running app (size 0: on the calling thread). */
  answers: AnswerPool;
  /**
   * Takes over the work that follows an acknowledgement (answering), so the listener can return and Bolt let
   * go of the request; the promise it returns is what the listener waits for before returning.
   */
  detach: Detach;
  /** the clock: feedback timestamps, the digest preview's "today" */
  now: () => Date;
}

/**
 * What the Slack app is given to start: the knowledge, the state and the log. The rest of `SlackDeps` it
 * builds from the configuration (the per-person limit, the answer workers, the in-flight tracking, the
 * clock); a caller may give its own instead, as the tests do.
 */
export type SlackBotInputs = Pick<SlackDeps, "getKnowledgeBase" | "state" | "log"> &
  Partial<Omit<SlackDeps, "getKnowledgeBase" | "state" | "log">>;

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
