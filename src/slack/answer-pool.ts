import { availableParallelism } from "node:os";
import type { Worker } from "node:worker_threads";
import { answerQuestion } from "../core/answer/answer.ts";
import type { Answer, Turn } from "../core/answer/types.ts";
import type { KnowledgeBase } from "../core/knowledge-base.ts";
import { serializePassageIndex } from "../core/search/passage-index.ts";
import type { AppLogger } from "../log.ts";
import { startWorker } from "../runtime/worker.ts";
import type { FromWorker, ToWorker, TransferredKnowledgeBase } from "./answer-worker.ts";
import { answerTurns } from "./turns.ts";

/**
 * The longest one question may take on a worker. Answers take milliseconds; a question that runs this long
 * has hit something pathological, and its worker is replaced rather than left to block the questions queued
 * behind it.
 */
export const ANSWER_TIMEOUT_MS = 10_000;
/** Workers that crash this often (in CRASH_WINDOW_MS) are given up on: the main thread answers instead. */
const MAX_CRASHES = 5;
const CRASH_WINDOW_MS = 60_000;
/**
 * Questions handed to a worker at once: two, so it has the next one as soon as it is done. The rest wait
 * here, in order, which is also why the time limit above measures answering and not waiting.
 */
const PER_WORKER = 2;

/** One worker per core beyond the first (which serves Slack), up to four: the default of ANSWER_WORKERS. */
export function defaultAnswerWorkers(): number {
  return Math.min(4, Math.max(0, availableParallelism() - 1));
}

export class AnswerTimeoutError extends Error {
  override name = "AnswerTimeoutError";
}

export interface AnswerPoolOptions {
  /** worker threads; 0 answers on the main thread, taking turns with the requests (see turns.ts) */
  size: number;
  log: AppLogger;
  timeoutMs?: number;
}

interface Job {
  id: number;
  question: string;
  history: Turn[];
  resolve: (answer: Answer) => void;
  reject: (error: Error) => void;
  timer?: NodeJS.Timeout;
  /** whether the job was already moved once to another worker after its worker died */
  moved: boolean;
}

interface Slot {
  worker: Worker;
  pending: Map<number, Job>;
  /** set when the pool ends the worker itself, so its exit is not taken for a crash */
  retired: boolean;
}

/**
 * Answers questions on worker threads, each holding a copy of the knowledge base, so the main thread only
 * talks to Slack: finding an answer costs milliseconds of CPU, and on one thread a busy workspace's questions
 * would queue behind each other. The knowledge base is asked for at every question, as everywhere; when it
 * is a new one (the documents changed), it is sent to every worker before the next question. A worker that
 * crashes is replaced and its questions answered by another; a question that hangs is given up with an
 * error (the listener apologises) and its worker replaced. With no workers, or when they keep crashing,
 * the main thread answers.
 */
export class AnswerPool {
  readonly size: number;
  readonly #log: AppLogger;
  readonly #timeoutMs: number;
  readonly #slots: Slot[] = [];
  /** questions not yet handed to a worker, oldest first */
  readonly #queue: Job[] = [];
  #kb: KnowledgeBase | null = null;
  #nextId = 1;
  #crashes: number[] = [];
  #onMainThread = false;
  #closed = false;

  constructor(options: AnswerPoolOptions) {
    this.size = options.size;
    this.#log = options.log;
    this.#timeoutMs = options.timeoutMs ?? ANSWER_TIMEOUT_MS;
  }

  /** Starts the workers with `kb` now, so the first question does not wait for them to load it. */
  warm(kb: KnowledgeBase): void {
    if (this.#workersInUse()) this.#sync(kb);
  }

  /** Answers `question` from `kb`, as `answerQuestion` does, on a worker when there is one. */
  answer(kb: KnowledgeBase, question: string, history: Turn[]): Promise<Answer> {
    if (!this.#workersInUse()) return answerHere(kb, question, history);
    this.#sync(kb);
    return new Promise<Answer>((resolve, reject) => {
      this.#queue.push({ id: this.#nextId++, question, history, resolve, reject, moved: false });
      this.#pump();
    });
  }

  /** Questions waiting for a worker (not counting the ones being answered). */
  get waiting(): number {
    return this.#queue.length;
  }

  /** The worker threads running now (for diagnostics and tests). */
  get workers(): readonly Worker[] {
    return this.#slots.map((slot) => slot.worker);
  }

  /** Whether the pool has given up on workers and answers on the main thread. */
  get onMainThread(): boolean {
    return this.#onMainThread;
  }

  /** Ends the workers. Call it once nothing is being answered; a question still pending is refused. */
  async close(): Promise<void> {
    this.#closed = true;
    const slots = this.#slots.splice(0);
    const stopping = () => new Error("slack: the bot is stopping");
    for (const job of this.#queue.splice(0)) this.#settle(job, stopping());
    for (const slot of slots) {
      slot.retired = true;
      for (const job of slot.pending.values()) this.#settle(job, stopping());
    }
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }

  #workersInUse(): boolean {
    return this.size > 0 && !this.#onMainThread && !this.#closed;
  }

  /** Makes every worker hold `kb`, starting the workers the first time. */
  #sync(kb: KnowledgeBase): void {
    if (kb === this.#kb && this.#slots.length === this.size) return;
    const changed = kb !== this.#kb;
    this.#kb = kb;
    const transferred = transfer(kb);
    if (changed) for (const slot of this.#slots) post(slot, { type: "kb", kb: transferred });
    while (this.#slots.length < this.size) this.#slots.push(this.#spawn(transferred));
  }

  #spawn(kb: TransferredKnowledgeBase): Slot {
    const worker = startWorker(import.meta.url, "answer-worker");
    // The pool never keeps the process alive by itself: the server does, and stopping closes the pool.
    worker.unref();
    const slot: Slot = { worker, pending: new Map(), retired: false };
    post(slot, { type: "kb", kb });
    worker.on("message", (message: FromWorker) => {
      const job = slot.pending.get(message.id);
      if (!job) return;
      slot.pending.delete(message.id);
      if (message.type === "answer") this.#settle(job, message.answer);
      else this.#settle(job, new Error(`answer worker: ${message.message}`));
      this.#pump();
    });
    worker.on("error", (error) => this.#lost(slot, `it failed: ${error.stack ?? error.message}`));
    worker.on("exit", (code) => this.#lost(slot, `it exited with code ${code}`));
    return slot;
  }

  /** Hands waiting questions to workers with room, or answers them here when workers are not in use. */
  #pump(): void {
    const kb = this.#kb;
    if (!this.#workersInUse() || !kb) {
      for (const job of this.#queue.splice(0)) {
        if (!kb) {
          this.#settle(job, new Error("slack: no knowledge base to answer from"));
          continue;
        }
        answerHere(kb, job.question, job.history).then(
          (answer) => this.#settle(job, answer),
          (error: unknown) => this.#settle(job, error instanceof Error ? error : new Error(String(error))),
        );
      }
      return;
    }
    if (this.#slots.length < this.size) this.#sync(kb);
    for (;;) {
      const job = this.#queue[0];
      const slot = this.#slots
        .filter((candidate) => candidate.pending.size < PER_WORKER)
        .reduce<Slot | null>(
          (least, candidate) => (!least || candidate.pending.size < least.pending.size ? candidate : least),
          null,
        );
      if (!job || !slot) return;
      this.#queue.shift();
      slot.pending.set(job.id, job);
      job.timer = setTimeout(() => this.#timedOut(slot, job), this.#timeoutMs);
      post(slot, { type: "answer", id: job.id, question: job.question, history: job.history });
    }
  }

  #settle(job: Job, outcome: Answer | Error): void {
    clearTimeout(job.timer);
    if (outcome instanceof Error) job.reject(outcome);
    else job.resolve(outcome);
  }

  #timedOut(slot: Slot, job: Job): void {
    if (!slot.pending.delete(job.id)) return;
    this.#settle(
      job,
      new AnswerTimeoutError(
        `slack: answering ${JSON.stringify(job.question.slice(0, 200))} took over ${this.#timeoutMs} ms; ` +
          "gave it up and replaced its worker (if a question keeps doing this, report it with the question)",
      ),
    );
    this.#retire(slot);
  }

  /** Ends a worker on purpose, putting the question handed to it after the slow one back in front. */
  #retire(slot: Slot): void {
    slot.retired = true;
    this.#remove(slot);
    void slot.worker.terminate();
    this.#requeue([...slot.pending.values()]);
    slot.pending.clear();
    this.#pump();
  }

  #requeue(jobs: Job[]): void {
    for (const job of jobs) clearTimeout(job.timer);
    this.#queue.unshift(...jobs);
  }

  /** A worker that died on its own: replaced, its questions moved once (a question that kills workers fails). */
  #lost(slot: Slot, why: string): void {
    if (slot.retired) return;
    slot.retired = true;
    this.#remove(slot);
    const now = Date.now();
    this.#crashes = [...this.#crashes.filter((at) => now - at < CRASH_WINDOW_MS), now];
    if (this.#crashes.length >= MAX_CRASHES && !this.#onMainThread) {
      this.#onMainThread = true;
      this.#log.error(
        `slack: answer workers crashed ${this.#crashes.length} times in a minute (last: ${why}); answering on ` +
          "the main thread from now on, which is slower under load: restart the bot, and report the crash",
      );
    } else {
      this.#log.warn(`slack: an answer worker stopped (${why}); starting another`);
    }
    const again: Job[] = [];
    for (const job of slot.pending.values()) {
      if (job.moved) {
        this.#settle(
          job,
          new Error(`slack: answering ${JSON.stringify(job.question.slice(0, 200))} stopped two workers`),
        );
      } else {
        job.moved = true;
        again.push(job);
      }
    }
    slot.pending.clear();
    this.#requeue(again);
    this.#pump();
  }

  #remove(slot: Slot): void {
    const at = this.#slots.indexOf(slot);
    if (at !== -1) this.#slots.splice(at, 1);
  }
}

/** On the main thread, after the requests that arrived meanwhile have been read (see turns.ts). */
async function answerHere(kb: KnowledgeBase, question: string, history: Turn[]): Promise<Answer> {
  await answerTurns.next();
  return answerQuestion(kb, question, history);
}

function transfer(kb: KnowledgeBase): TransferredKnowledgeBase {
  return { ...kb, index: serializePassageIndex(kb.index) };
}

function post(slot: Slot, message: ToWorker): void {
  slot.worker.postMessage(message);
}

/**
 * Answers with the pool when there is one (the running app), on this thread otherwise (a test of one
 * listener). Every listener that answers a question goes through here.
 */
export function answerFor(
  pool: AnswerPool | undefined,
  kb: KnowledgeBase,
  question: string,
  history: Turn[],
): Promise<Answer> {
  return pool ? pool.answer(kb, question, history) : answerHere(kb, question, history);
}
