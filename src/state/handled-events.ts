const HOUR_MS = 60 * 60 * 1000;

/**
 * Slack retries an event it thinks was not received three times within about five minutes, so an hour of
 * memory covers every retry with room to spare; 10,000 ids is far more than an hour of a team's questions.
 */
export const HANDLED_EVENTS_DEFAULTS = { ttlMs: HOUR_MS, max: 10_000 } as const;

export interface HandledEventsOptions {
  ttlMs?: number;
  max?: number;
  now?: () => number;
  onChange?: () => void;
}

/**
 * The ids of the events and messages already handled, so a Slack retry, or the same message arriving both as
 * an `app_mention` and as a `message` event, is answered once. Bounded in time and size.
 */
export class HandledEvents {
  readonly ttlMs: number;
  readonly max: number;
  readonly #now: () => number;
  readonly #onChange: () => void;
  // Insertion order is age order, so expiry and eviction only ever look at the front.
  readonly #seen = new Map<string, number>();

  constructor(options: HandledEventsOptions = {}) {
    this.ttlMs = options.ttlMs ?? HANDLED_EVENTS_DEFAULTS.ttlMs;
    this.max = options.max ?? HANDLED_EVENTS_DEFAULTS.max;
    this.#now = options.now ?? Date.now;
    this.#onChange = options.onChange ?? (() => undefined);
  }

  /** Records an id: true the first time it is seen within the TTL, false for a repeat. */
  claim(id: string): boolean {
    this.#expire();
    if (this.#seen.has(id)) return false;
    this.#seen.set(id, this.#now());
    while (this.#seen.size > this.max) {
      const oldest = this.#seen.keys().next().value;
      if (oldest === undefined) break;
      this.#seen.delete(oldest);
    }
    this.#onChange();
    return true;
  }

  get size(): number {
    return this.#seen.size;
  }

  /** The live ids with when they were first seen (milliseconds since the epoch), oldest first. */
  toJSON(): Array<[string, number]> {
    this.#expire();
    return [...this.#seen];
  }

  restore(entries: Array<[string, number]>): void {
    this.#seen.clear();
    for (const [id, at] of [...entries].sort((a, b) => a[1] - b[1]).slice(-this.max)) this.#seen.set(id, at);
    this.#expire();
  }

  #expire(): void {
    const now = this.#now();
    for (const [id, at] of this.#seen) {
      if (now - at < this.ttlMs) break;
      this.#seen.delete(id);
    }
  }
}
