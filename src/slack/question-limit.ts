import type { QuestionVerdict, StateStore } from "../state/types.ts";

export type { QuestionVerdict };

export interface QuestionLimiterOptions {
  /** questions a person may ask in any 60 seconds; 0 turns the limit off */
  perMinute: number;
  /** where each person's questions of the last minute are counted: the state store, shared by instances */
  store: StateStore["questions"];
}

/**
 * How many questions each person may ask a minute, over a sliding minute: the bot answers a colleague at
 * their own pace, and one person (or a script) pasting questions in a loop cannot take the answers, and
 * Slack's rate limits, from everyone else. Refused questions are not counted, so waiting is always enough.
 * The count lives in the state store, so it holds across restarts and across instances.
 */
export class QuestionLimiter {
  readonly perMinute: number;
  readonly #store: StateStore["questions"];

  constructor(options: QuestionLimiterOptions) {
    this.perMinute = options.perMinute;
    this.#store = options.store;
  }

  /** Counts a question from `user` if the limit allows it; otherwise says how long to wait. */
  take(user: string): Promise<QuestionVerdict> {
    if (this.perMinute <= 0) return Promise.resolve({ allowed: true });
    return this.#store.take(user, this.perMinute);
  }
}
