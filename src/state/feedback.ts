/** One helpful / not helpful click. */
export interface FeedbackRecord {
  /** one vote per person per answer: a second click on the same answer replaces the first */
  key: string;
  /** ISO 8601 */
  at: string;
  user: string;
  channel: string | null;
  question: string;
  helpful: boolean;
  /** the ids of the documents the answer cited */
  docs: string[];
}

/** The most recent votes kept; older ones stay in the log. */
export const MAX_FEEDBACK_RECORDS = 5_000;

export interface FeedbackLogOptions {
  max?: number;
  onChange?: () => void;
}

/** The feedback given on answers, newest last, for whoever tunes the documents and the answers. */
export class FeedbackLog {
  readonly max: number;
  readonly #onChange: () => void;
  #records: FeedbackRecord[] = [];

  constructor(options: FeedbackLogOptions = {}) {
    this.max = options.max ?? MAX_FEEDBACK_RECORDS;
    this.#onChange = options.onChange ?? (() => undefined);
  }

  add(record: FeedbackRecord): void {
    this.#records = [...this.#records.filter((r) => r.key !== record.key), record].slice(-this.max);
    this.#onChange();
  }

  list(): readonly FeedbackRecord[] {
    return this.#records;
  }

  toJSON(): FeedbackRecord[] {
    return this.#records;
  }

  restore(records: FeedbackRecord[]): void {
    this.#records = records.slice(-this.max);
  }
}
