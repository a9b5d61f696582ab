import type { Config } from "../config.ts";
import type { KnowledgeBase } from "../core/knowledge-base.ts";
import { attachDigest } from "../digest/attach.ts";
import type { AnswerPool } from "../knowledge/answer-pool.ts";
import type { AppLogger } from "../log.ts";
import { startSlackBot } from "../slack/app.ts";
import { chatFinder, chatPoster } from "../slack/digest-poster.ts";
import { digestSubcommand } from "../slack/listeners/commands/digest.ts";
import { openStateStore } from "../state/open.ts";

// The Slack side of `npm start`, loaded by main.ts only in Slack mode and only once the answer workers have
// started loading the knowledge base: Bolt, its HTTP and Socket Mode receivers, the state store and the digest
// are most of the bot's modules, and the workers' start runs beside their loading rather than after it.

/** Opens the state, starts the Slack app and attaches the digest; each is added to `opened` to be closed. */
export async function startSlack(
  config: Config,
  inputs: { log: AppLogger; getKnowledgeBase: () => KnowledgeBase; answers: AnswerPool },
  opened: Array<() => Promise<unknown>>,
) {
  const { log, getKnowledgeBase, answers } = inputs;
  const state = await openStateStore(config, { log: log.child("state"), role: "bot" });
  opened.push(() => state.close());
  const subcommands = [digestSubcommand({ timeZone: config.DIGEST_TZ })];
  const bot = await startSlackBot(config, { getKnowledgeBase, state, log, subcommands, answers });
  opened.push(() => bot.stop());
  const digest = await attachDigest(config, {
    post: chatPoster(bot.app.client, config.DIGEST_CHANNEL ?? ""),
    // Before each digest, the channel is read for that day's: a lost record or a timed-out post does not
    // become a second digest.
    find: chatFinder(bot.app.client, config.DIGEST_CHANNEL ?? ""),
    store: state,
    getKnowledgeBase,
    log: log.child("digest"),
  }).catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    if (/^[a-z]+: /u.test(message)) throw error;
    throw new Error(
      `digest: cannot start the daily digest (${message}): its records in ${config.STATE_DIR} may be damaged; ` +
        "restore them from a backup, or unset DIGEST_CHANNEL to run without the digest",
    );
  });
  return { state, bot, digest };
}
