import type { Config } from "../config.ts";
import { type ThreadMemory, threadKey } from "../core/conversation/thread-memory.ts";
import type { KnowledgeBase } from "../core/knowledge-base.ts";
import { readLedger } from "./ledger.ts";
import { type ChatClient, chatPoster } from "./poster.ts";
import { type Clock, type DigestLogger, type DigestScheduler, startDigestScheduler } from "./scheduler.ts";

export interface AttachDigestOptions {
  client: ChatClient;
  threads: ThreadMemory;
  getKnowledgeBase: () => KnowledgeBase;
  log: DigestLogger;
  clock?: Clock;
}

/**
 * Runs the daily digest beside a connected Slack bot: posts with the bot's client, and makes each digest's
 * thread one the bot follows, so a question asked under the digest is answered there with the digest's
 * documents as context. Returns null (after one log line) when DIGEST_CHANNEL is not set.
 */
export async function attachDigest(
  config: Pick<Config, "DIGEST_CHANNEL" | "DIGEST_TIME" | "DIGEST_TZ" | "STATE_DIR">,
  options: AttachDigestOptions,
): Promise<DigestScheduler | null> {
  if (config.DIGEST_CHANNEL) await rememberDigestThreads(config.STATE_DIR, options.threads);
  return startDigestScheduler({
    channel: config.DIGEST_CHANNEL,
    time: config.DIGEST_TIME,
    timeZone: config.DIGEST_TZ,
    stateDir: config.STATE_DIR,
    getKnowledgeBase: options.getKnowledgeBase,
    post: chatPoster(options.client, config.DIGEST_CHANNEL ?? ""),
    log: options.log,
    ...(options.clock ? { clock: options.clock } : {}),
    onPosted: (posted) => options.threads.append(threadKey(posted.channel, posted.ts), posted.turn),
  });
}

/**
 * Thread memory forgets a thread a week after its last answer, and is lost with the state folder; the digest
 * ledger keeps every posted digest's thread context for 60 days. At start, the digests' threads the memory no
 * longer has are put back, so questions under an older digest are still answered.
 */
export async function rememberDigestThreads(stateDir: string, threads: ThreadMemory): Promise<number> {
  const ledger = await readLedger(stateDir);
  let restored = 0;
  for (const entry of ledger.entries) {
    if (entry.status !== "posted" || !entry.ts || !entry.turn) continue;
    const key = threadKey(entry.channel, entry.ts);
    if (threads.has(key)) continue;
    threads.append(key, entry.turn);
    restored += 1;
  }
  return restored;
}
