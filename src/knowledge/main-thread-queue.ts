/**
 * Shares the main thread's CPU between the work after an acknowledgement and the requests arriving (not to be
 * confused with a conversation's `Turn`): finding and composing an answer costs a few
 * milliseconds of uninterrupted JavaScript, and a burst of questions answered back to back would keep the
 * process from reading the requests that arrive meanwhile, so their acknowledgements (which Slack wants
 * within 3 seconds) would wait for every answer before them. Each slot starts on a fresh pass of the event
 * loop, one at a time and in order, so requests that arrived are read and acknowledged between two answers.
 * Under more load than the CPU can answer, acknowledgements stay fast and answers queue, in order.
 */
export class MainThreadQueue {
  readonly #waiting: Array<() => void> = [];
  #scheduled = false;

  /** Resolves when it is this caller's slot; the caller's synchronous work right after runs alone. */
  next(): Promise<void> {
    return new Promise((resolve) => {
      this.#waiting.push(resolve);
      this.#schedule();
    });
  }

  /** Callers waiting for their slot. */
  get waiting(): number {
    return this.#waiting.length;
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    // setImmediate, not a microtask: an immediate queued while immediates run waits for the next pass of the
    // event loop, after the I/O that arrived, which is the point.
    setImmediate(() => {
      this.#scheduled = false;
      this.#waiting.shift()?.();
      if (this.#waiting.length > 0) this.#schedule();
    });
  }
}

/** The process's one queue, so every surface's answers share the main thread fairly. */
export const mainThreadQueue = new MainThreadQueue();
