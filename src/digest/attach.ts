import type { Config } from "../config.ts";
import { threadKey } from "../core/conversation/thread-memory.ts";
import type { KnowledgeBase } from "../core/knowledge-base.ts";
import type { StateStore } from "../state/types.ts";
import type { FindFn, PostFn } from "./poster.ts";
import { type Clock, type DigestLogger, type DigestScheduler, startDigestScheduler } from "./scheduler.ts";

export interface AttachDigestOptions {
  /** posts a digest to DIGEST_CHANNEL: the Slack layer's `chatPoster(client, channel)` */
  post: PostFn;
  store: StateStore;
  getKnowledgeBase: () => KnowledgeBase;
  log: DigestLogger;
  /** looks for the day's digest in the channel before posting (the Slack layer's metadata search) */
  find?: FindFn;
  clock?: Clock;
}

/**
 * Runs the daily digest beside a connected Slack bot: posts with what it is given, and makes each digest's
 * thread one the bot follows, so a question asked under the digest is answered there with the digest's
 * documents as context. Returns null (after one log line) when DIGEST_CHANNEL is not set.
 */
export async function attachDigest(
  config: Pick<Config, "DIGEST_CHANNEL" | "DIGEST_TIME" | "DIGEST_TZ">,
  options: AttachDigestOptions,
): Promise<DigestScheduler | null> {
  const { store } = options;
  if (config.DIGEST_CHANNEL) await rememberDigestThreads(store);
  return startDigestScheduler({
    channel: config.DIGEST_CHANNEL,
    time: config.DIGEST_TIME,
    timeZone: config.DIGEST_TZ,
    store,
    getKnowledgeBase: options.getKnowledgeBase,
    post: options.post,
    ...(options.find ? { find: options.find } : {}),
    log: options.log,
    ...(options.clock ? { clock: options.clock } : {}),
    onPosted: (posted) => {
      store.threads.append(threadKey(posted.channel, posted.ts), posted.turn).catch((error: unknown) => {
        options.log.warn(`digest: could not remember the digest's thread: ${(error as Error).message}`);
      });
    },
  });
}

/**
 * Thread memory forgets a thread a week after its last answer; the digest's record keeps every posted
 * digest's thread context for 60 days. At start, the digests' threads the memory no longer has are put back,
 * so questions under an older digest are still answered.
 */
export async function rememberDigestThreads(store: StateStore): Promise<number> {
  let restored = 0;
  for (const entry of await store.digest.entries()) {
    if (entry.status !== "posted" || !entry.ts || !entry.turn) continue;
    const key = threadKey(entry.channel, entry.ts);
    if (await store.threads.has(key)) continue;
    await store.threads.append(key, entry.turn);
    restored += 1;
  }
  return restored;
}
