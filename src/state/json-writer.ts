import { writeJsonFile } from "./json-file.ts";

/** What the writer needs of a logger: where to say that saving failed. */
export interface WarnLog {
  warn(...message: unknown[]): void;
  info(...message: unknown[]): void;
}

/**
 * Saves one JSON state file whenever it is told the state changed. Each save is atomic (see `writeJsonFile`);
 * a change made while a save is in flight is not lost but folded into one more save, so a burst of events
 * costs two writes, not one per event, and writes never interleave.
 */
export class JsonFileWriter {
  readonly file: string;
  readonly #snapshot: () => unknown;
  readonly #log: WarnLog;
  #dirty = false;
  #running: Promise<void> | null = null;
  #failing = false;

  constructor(file: string, snapshot: () => unknown, log: WarnLog) {
    this.file = file;
    this.#snapshot = snapshot;
    this.#log = log;
  }

  /** Notes that the state changed; it is written soon, without waiting for the caller. */
  schedule(): void {
    this.#dirty = true;
    this.#running ??= this.#drain();
  }

  /** Resolves once every change scheduled so far is on disk (or failed to be written, which was logged). */
  async flush(): Promise<void> {
    while (this.#running) await this.#running;
  }

  async #drain(): Promise<void> {
    try {
      while (this.#dirty) {
        this.#dirty = false;
        try {
          await writeJsonFile(this.file, this.#snapshot());
          if (this.#failing) this.#log.info(`state: ${this.file} is being saved again`);
          this.#failing = false;
        } catch (error) {
          // Said once per failure streak: the bot keeps answering from memory, only a restart would lose state.
          if (!this.#failing) {
            this.#log.warn(
              `state: cannot save ${this.file} (${(error as Error).message}); the bot keeps running, but what ` +
                "it remembers will not survive a restart until STATE_DIR is writable again",
            );
          }
          this.#failing = true;
        }
      }
    } finally {
      this.#running = null;
    }
  }
}
