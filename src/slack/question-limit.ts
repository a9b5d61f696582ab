const MINUTE_MS = 60_000;

export type QuestionVerdict = { allowed: true } | { allowed: false; retryInSeconds: number };

export interface QuestionLimiterOptions {
  /** questions a person may ask in any 60 seconds; 0 turns the limit off */
  perMinute: number;
  now?: () => number;
}

/**
 * How many questions each person may ask a minute, over a sliding minute: the bot answers a colleague at
 * their own pace, and one person (or a script) pasting questions in a loop cannot take the answers, and
 * Slack's rate limits, from everyone else. Refused questions are not counted, so waiting is always enough.
 */
export class QuestionLimiter {
  readonly perMinute: number;
  readonly #now: () => number;
  /** each person's accepted questions of the last minute, oldest first */
  readonly #asked = new Map<string, number[]>();
  // People with nothing left in their minute are forgotten in sweeps, each when the map has doubled.
  #sweepAt = 1_024;

  constructor(options: QuestionLimiterOptions) {
    this.perMinute = options.perMinute;
    this.#now = options.now ?? Date.now;
  }

  /** Counts a question from `user` if the limit allows it; otherwise says how long to wait. */
  take(user: string): QuestionVerdict {
    if (this.perMinute <= 0) return { allowed: true };
    const now = this.#now();
    const recent = this.#recent(user, now);
    if (recent.length >= this.perMinute) {
      const oldest = recent[0] ?? now;
      return { allowed: false, retryInSeconds: Math.max(1, Math.ceil((oldest + MINUTE_MS - now) / 1000)) };
    }
    recent.push(now);
    this.#asked.set(user, recent);
    return { allowed: true };
  }

  /** How many people the limiter remembers (tests check that it forgets). */
  get size(): number {
    return this.#asked.size;
  }

  #recent(user: string, now: number): number[] {
    const kept = (this.#asked.get(user) ?? []).filter((at) => now - at < MINUTE_MS);
    if (!this.#asked.has(user) && this.#asked.size >= this.#sweepAt) {
      for (const [other, times] of this.#asked) {
        const last = times.at(-1);
        if (last === undefined || now - last >= MINUTE_MS) this.#asked.delete(other);
      }
      this.#sweepAt = Math.max(1_024, this.#asked.size * 2);
    }
    return kept;
  }
}
