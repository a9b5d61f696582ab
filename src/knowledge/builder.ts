import type { Worker } from "node:worker_threads";
import { KnowledgeError } from "../core/knowledge/files.ts";
import { deserializeKnowledgeBase, type KnowledgeBase } from "../core/knowledge-base.ts";
import { startWorker } from "../runtime/worker.ts";
import type { BuildReply, BuildRequest } from "./build-worker.ts";

/** How long an idle build worker is kept: long enough for a burst of edits, short enough to give its memory back. */
export const WORKER_IDLE_MS = 60_000;

/**
 * Builds knowledge bases in a worker thread, so the main thread keeps answering while thousands of passages are
 * cleaned and indexed. The worker is started on the first build, kept for the next ones (it keeps the word list
 * it loaded) and stopped after WORKER_IDLE_MS without work. Only a build in progress keeps the process alive.
 */
export class KnowledgeBuilder {
  #worker: Worker | null = null;
  #pending = new Map<number, { resolve: (kb: KnowledgeBase) => void; reject: (error: Error) => void }>();
  #nextId = 1;
  #idle: NodeJS.Timeout | null = null;
  readonly #idleMs: number;

  constructor(options: { idleMs?: number } = {}) {
    this.#idleMs = options.idleMs ?? WORKER_IDLE_MS;
  }

  /** Whether a worker is running now (one is started by a build and stopped after `idleMs` without one). */
  get running(): boolean {
    return this.#worker !== null;
  }

  /** Opens the knowledge folder in the worker (persisting its index in `cacheDir`) and returns the result. */
  build(dir: string, cacheDir: string | undefined): Promise<KnowledgeBase> {
    if (this.#idle) clearTimeout(this.#idle);
    this.#idle = null;
    const worker = this.#worker ?? this.#start();
    const id = this.#nextId++;
    // A build in progress keeps the process alive; an idle worker does not.
    worker.ref();
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      worker.postMessage({ id, dir, cacheDir } satisfies BuildRequest);
    });
  }

  /** Stops the worker; a build in progress is abandoned with an error. */
  async close(): Promise<void> {
    if (this.#idle) clearTimeout(this.#idle);
    const worker = this.#worker;
    this.#worker = null;
    this.#failAll(new Error("knowledge: the build was stopped because the bot is stopping"));
    await worker?.terminate();
  }

  #start(): Worker {
    const worker = startWorker(import.meta.url, "build-worker");
    worker.on("message", (reply: BuildReply) => {
      const waiting = this.#pending.get(reply.id);
      this.#pending.delete(reply.id);
      if (waiting) {
        if (reply.ok) {
          try {
            waiting.resolve({
              ...deserializeKnowledgeBase(JSON.parse(reply.packed), reply.origin),
              file: reply.file,
            });
          } catch (error) {
            waiting.reject(error instanceof Error ? error : new Error(String(error)));
          }
        } else {
          // A KnowledgeError (such as a folder that cannot be read) keeps its class, so callers can tell it apart.
          const error =
            reply.name === "KnowledgeError" ? new KnowledgeError(reply.message) : new Error(reply.message);
          waiting.reject(error);
        }
      }
      if (this.#pending.size === 0) {
        worker.unref();
        this.#scheduleIdleStop(worker);
      }
    });
    // Only the current worker's end fails the builds waiting: a worker stopped for being idle exits after a new
    // one may have taken new builds, and those are not its to fail.
    worker.on("error", (error) => {
      if (this.#worker !== worker) return;
      this.#worker = null;
      this.#failAll(new Error(`knowledge: the build worker failed: ${error.message}`));
    });
    worker.on("exit", (code) => {
      if (this.#worker !== worker) return;
      this.#worker = null;
      this.#failAll(new Error(`knowledge: the build worker stopped (exit code ${code})`));
    });
    // Idle until asked; after the listeners, since adding a "message" listener refs the worker again.
    worker.unref();
    this.#worker = worker;
    return worker;
  }

  #scheduleIdleStop(worker: Worker): void {
    this.#idle = setTimeout(() => {
      if (this.#worker !== worker || this.#pending.size > 0) return;
      this.#worker = null;
      void worker.terminate();
    }, this.#idleMs);
    this.#idle.unref();
  }

  #failAll(error: Error): void {
    const waiting = [...this.#pending.values()];
    this.#pending.clear();
    for (const { reject } of waiting) reject(error);
  }
}
