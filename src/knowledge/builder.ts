import type { Worker } from "node:worker_threads";
import { KnowledgeError } from "../core/knowledge/files.ts";
import {
  deserializeKnowledgeBase,
  glossaryData,
  type KnowledgeBase,
  type KnowledgeUpdate,
} from "../core/knowledge-base.ts";
import { startWorker } from "../runtime/worker.ts";
import type { BuildReply, BuildRequest } from "./build-worker.ts";
import { unpackKnowledgeBase } from "./persisted.ts";

/** How long an idle build worker is kept: long enough for a burst of edits, short enough to give its memory back. */
export const WORKER_IDLE_MS = 60_000;

/** What an update of the followed folder gave. */
export type BuildOutcome =
  /** the folder was opened whole (a first build, or too many files changed at once) */
  | { kind: "whole"; kb: KnowledgeBase }
  | { kind: "update"; update: KnowledgeUpdate; documents: number }
  /** nothing changed */
  | { kind: "none"; documents: number }
  /** the change would leave no document, and was not applied */
  | { kind: "empty"; documents: number };

/**
 * Builds knowledge bases in a worker thread, so the main thread keeps answering while thousands of passages are
 * cleaned and indexed, and follows the folder with updates (see build-worker.ts). The worker is started on the
 * first request and kept while it follows a folder (what it knows of the folder is what an update is measured
 * against); one that only built is stopped after WORKER_IDLE_MS without work. Only a request in progress keeps
 * the process alive.
 */
export class KnowledgeBuilder {
  #worker: Worker | null = null;
  #following = false;
  #pending = new Map<
    number,
    { resolve: (outcome: BuildOutcome | null) => void; reject: (error: Error) => void }
  >();
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
  async build(dir: string, cacheDir: string | undefined): Promise<KnowledgeBase> {
    const outcome = await this.#ask({ id: 0, type: "build", dir, cacheDir });
    if (outcome?.kind !== "whole")
      throw new Error("knowledge: the build worker did not send a knowledge base");
    return outcome.kb;
  }

  /**
   * Makes the worker follow `kb`, the base the main thread opened, so that `update` sends what changed since.
   * Without it, the first `update` opens the folder whole.
   */
  async adopt(kb: KnowledgeBase, cacheDir: string | undefined): Promise<void> {
    await this.#ask({
      id: 0,
      type: "adopt",
      dir: kb.dir,
      cacheDir,
      file: kb.file,
      hashes: kb.hashes,
      skipped: kb.skipped,
      glossary: glossaryData(kb.glossary),
    });
  }

  /** What changed in the followed folder since the last update (or the whole base, the first time). */
  async update(dir: string, cacheDir: string | undefined): Promise<BuildOutcome> {
    const outcome = await this.#ask({ id: 0, type: "update", dir, cacheDir });
    if (!outcome) throw new Error("knowledge: the build worker did not answer the update");
    return outcome;
  }

  #ask(request: BuildRequest): Promise<BuildOutcome | null> {
    if (this.#idle) clearTimeout(this.#idle);
    this.#idle = null;
    const worker = this.#worker ?? this.#start();
    const id = this.#nextId++;
    // A request in progress keeps the process alive; an idle worker does not.
    worker.ref();
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      worker.postMessage({ ...request, id } satisfies BuildRequest);
    });
  }

  /** Stops the worker; a build in progress is abandoned with an error. */
  async close(): Promise<void> {
    if (this.#idle) clearTimeout(this.#idle);
    const worker = this.#worker;
    this.#worker = null;
    this.#following = false;
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
            if (reply.kind === "whole" || reply.kind === "adopted") this.#following = true;
            if (reply.kind === "whole") {
              const kb = {
                ...deserializeKnowledgeBase(unpackKnowledgeBase(reply.packed), reply.origin),
                file: reply.file,
              };
              waiting.resolve({ kind: "whole", kb });
            } else if (reply.kind === "update") {
              waiting.resolve({ kind: "update", update: reply.update, documents: reply.documents });
            } else if (reply.kind === "adopted") {
              waiting.resolve(null);
            } else {
              waiting.resolve(
                reply.kind === "none"
                  ? { kind: "none", documents: reply.documents }
                  : { kind: "empty", documents: reply.documents },
              );
            }
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
        // A worker that follows a folder is kept: what it knows is what the next update is measured against.
        if (!this.#following) this.#scheduleIdleStop(worker);
      }
    });
    // Only the current worker's end fails the builds waiting: a worker stopped for being idle exits after a new
    // one may have taken new builds, and those are not its to fail.
    worker.on("error", (error) => {
      if (this.#worker !== worker) return;
      this.#worker = null;
      this.#following = false;
      this.#failAll(new Error(`knowledge: the build worker failed: ${error.message}`));
    });
    worker.on("exit", (code) => {
      if (this.#worker !== worker) return;
      this.#worker = null;
      this.#following = false;
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
