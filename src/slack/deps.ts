import type { KnowledgeBase } from "../core/knowledge-base.ts";
import type { AppLogger } from "../log.ts";
import type { StateStore } from "../state/store.ts";
import type { Subcommand } from "./listeners/commands/subcommands.ts";

/** What the Slack listeners need from the rest of the bot. */
export interface SlackDeps {
  /**
   * The knowledge base to answer from, asked for at every question: it is replaced while the bot runs when the
   * knowledge files change, so no listener keeps one.
   */
  getKnowledgeBase: () => KnowledgeBase;
  state: StateStore;
  log: AppLogger;
  /** More `/minusma` subcommands (such as the digest's), listed in the help after the built-in ones. */
  subcommands?: Subcommand[];
  /** the clock, for feedback timestamps */
  now?: () => Date;
}
