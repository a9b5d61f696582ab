import type { Turn } from "../answer/types.ts";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * How long and how much the bot remembers of its threads. A thread is forgotten 7 days after its last answer
 * (a reply after that is a new conversation, and a thread the bot no longer remembers is not followed);
 * at most 2,000 threads are kept, the least recently answered going first, and 10 turns each (follow-ups
 * only look back at the last turns).
 */
export const THREAD_MEMORY_DEFAULTS = { ttlMs: 7 * DAY_MS, maxThreads: 2_000, maxTurns: 10 } as const;

export interface ThreadMemoryOptions {
  ttlMs?: number;
  maxThreads?: number;
  maxTurns?: number;
  /** the clock, in milliseconds; tests pass their own */
  now?: () => number;
  /** called after every change, so a store can persist the memory */
  onChange?: () => void;
}

/** One remembered thread, as persisted. */
export interface ThreadRecord {
  key: string;
  /** when the thread was last answered, in milliseconds since the epoch */
  updatedAt: number;
  turns: Turn[];
}

export interface ThreadMemorySnapshot {
  threads: ThreadRecord[];
}

/** The key of a Slack thread: its channel and the ts of its first message. */
export function threadKey(channel: string, threadTs: string): string {
  return `${channel}:${threadTs}`;
}

/**
 * The key of the thread a message belongs to: a reply carries its thread's ts, a top-level message starts
 * its own thread.
 */
export function threadKeyOf(message: {
  channel: string;
  ts: string;
  thread_ts?: string | undefined;
}): string {
  return threadKey(message.channel, message.thread_ts ?? message.ts);
}

/**
 * What the bot remembers of each conversation thread: the turns it answered, oldest first, so a follow-up
 * such as "and for police?" is read in the light of the thread. Bounded in time and size, and serialisable,
 * so it survives a restart.
 */
export class ThreadMemory {
  readonly ttlMs: number;
  readonly maxThreads: number;
  readonly maxTurns: number;
  readonly #now: () => number;
  readonly #onChange: () => void;
  // Insertion order is recency order: a thread is deleted and re-inserted when it is answered, so the first
  // entry is always the least recently answered one, the one to evict.
  readonly #threads = new Map<string, { updatedAt: number; turns: Turn[] }>();

  constructor(options: ThreadMemoryOptions = {}) {
    this.ttlMs = options.ttlMs ?? THREAD_MEMORY_DEFAULTS.ttlMs;
    this.maxThreads = options.maxThreads ?? THREAD_MEMORY_DEFAULTS.maxThreads;
    this.maxTurns = options.maxTurns ?? THREAD_MEMORY_DEFAULTS.maxTurns;
    if (!(this.ttlMs > 0 && this.maxThreads >= 1 && this.maxTurns >= 1)) {
      throw new RangeError("conversation: thread memory needs a positive ttlMs, maxThreads and maxTurns");
    }
    this.#now = options.now ?? Date.now;
    this.#onChange = options.onChange ?? (() => undefined);
  }

  /** The thread's turns, oldest first; empty when the thread is unknown or was forgotten. */
  history(key: string): Turn[] {
    const thread = this.#live(key);
    return thread ? [...thread.turns] : [];
  }

  /** Whether the bot answered in this thread recently enough to still follow it. */
  has(key: string): boolean {
    return this.#live(key) !== undefined;
  }

  /** Records an answered turn; the thread's clock restarts. */
  append(key: string, turn: Turn): void {
    const previous = this.#live(key);
    this.#threads.delete(key);
    const turns = [...(previous?.turns ?? []), turn].slice(-this.maxTurns);
    this.#threads.set(key, { updatedAt: this.#now(), turns });
    this.#evict();
    this.#onChange();
  }

  /** Forgets one thread. */
  forget(key: string): void {
    if (this.#threads.delete(key)) this.#onChange();
  }

  /** How many threads are remembered, counting ones that expired but were not looked at since. */
  get size(): number {
    return this.#threads.size;
  }

  /** The live threads, least recently answered first. */
  toJSON(): ThreadMemorySnapshot {
    this.#evict();
    return {
      threads: [...this.#threads].map(([key, thread]) => ({
        key,
        updatedAt: thread.updatedAt,
        turns: thread.turns,
      })),
    };
  }

  /** Replaces the memory with a snapshot's threads, dropping the expired ones and keeping within the bounds. */
  restore(snapshot: ThreadMemorySnapshot): void {
    this.#threads.clear();
    const byAge = [...snapshot.threads].sort((a, b) => a.updatedAt - b.updatedAt);
    for (const thread of byAge) {
      this.#threads.set(thread.key, {
        updatedAt: thread.updatedAt,
        turns: thread.turns.slice(-this.maxTurns),
      });
    }
    this.#evict();
  }

  #live(key: string): { updatedAt: number; turns: Turn[] } | undefined {
    const thread = this.#threads.get(key);
    if (!thread) return undefined;
    if (this.#now() - thread.updatedAt >= this.ttlMs) {
      this.#threads.delete(key);
      return undefined;
    }
    return thread;
  }

  #evict(): void {
    const now = this.#now();
    for (const [key, thread] of this.#threads) {
      // Recency order means the first live entry ends the scan of expired ones.
      if (now - thread.updatedAt < this.ttlMs) break;
      this.#threads.delete(key);
    }
    while (this.#threads.size > this.maxThreads) {
      const oldest = this.#threads.keys().next().value;
      if (oldest === undefined) break;
      this.#threads.delete(oldest);
    }
  }
}
