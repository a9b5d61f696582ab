import { availableParallelism } from "node:os";
import type { Worker } from "node:worker_threads";
import { answerQuestion } from "../core/answer/answer.ts";
import type { Answer, Turn } from "../core/answer/types.ts";
import { type KnowledgeBase, type Root, rootOf, serializeKnowledgeBase } from "../core/knowledge-base.ts";
import type { AppLogger } from "../log.ts";
import { startWorker } from "../runtime/worker.ts";
import type { FromWorker, ToWorker, WorkerMemory } from "./answer-worker.ts";
import { mainThreadQueue } from "./main-thread-queue.ts";
import { type IdleCollector, quietCollector, type ThreadMemory, threadMemory } from "./worker-memory.ts";

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
/**
 * How long a question may wait for a worker. An answer is worth having within about 10 s of the question;
 * past that the asker is better told at once that the bot is busy, and the question is not answered late.
 * 8 s of waiting leaves time to answer and to post within those 10 s.
 */
export const MAX_WAIT_MS = 8_000;
/**
 * How many questions may wait for a worker. Beyond this many, a new question could not be answered in time
 * anyway (two workers answer a few hundred a second), and each one waiting holds memory: it is told at once
 * that the bot is busy. The age limit above is what usually applies; this bounds a sudden flood.
 */
export const MAX_WAITING = 2_000;

/**
 * One worker per core, up to four: the default of ANSWER_WORKERS. The main thread (acknowledging, posting)
 * needs much less CPU than answering, so on two cores both workers and the main thread share both cores.
 */
export function defaultAnswerWorkers(): number {
  return Math.min(4, Math.max(1, availableParallelism()));
}

export class AnswerTimeoutError extends Error {
  override name = "AnswerTimeoutError";
}

/** The question was not answered because too many were waiting: the asker gets a "busy, try again" reply. */
export class BusyError extends Error {
  override name = "BusyError";
}

export interface AnswerPoolOptions {
  /** worker threads; 0 answers on the main thread, taking turns with the requests (see main-thread-queue.ts) */
  size: number;
  log: AppLogger;
  timeoutMs?: number;
  /** how long a question may wait before it is refused as busy (MAX_WAIT_MS) */
  maxWaitMs?: number;
  /** how many questions may wait before new ones are refused as busy (MAX_WAITING) */
  maxWaiting?: number;
  /** the clock questions' waits are measured with (tests pass their own) */
  now?: () => number;
  /**
   * Answer on the main thread until a worker is ready, when the main thread holds the base already (the
   * bot, at a restart): its first questions then wait for no worker to load its modules and the index.
   */
  mainThreadUntilReady?: boolean;
}

interface Job {
  id: number;
  /** when it was asked, by the pool's clock */
  askedAt: number;
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
  /** `memory()` requests waiting for this worker's reply, by id */
  memory: Map<number, (memory: WorkerMemory | null) => void>;
  /** set when the pool ends the worker itself, so its exit is not taken for a crash */
  retired: boolean;
  /** whether the worker holds a knowledge base yet (it says so once it has loaded the first one) */
  ready: boolean;
}

/**
 * Answers questions on worker threads, each holding a copy of the knowledge base, so the main thread only
 * talks to Slack: finding an answer costs milliseconds of CPU, and on one thread a busy workspace's questions
 * would queue behind each other. The knowledge base is asked for at every question, as everywhere; when it
 * is a new one (the documents changed), it is sent to every worker before the next question. A worker that
 * crashes is replaced and its questions answered by another; a question that hangs is given up with an
 * error (the listener apologises) and its worker replaced. With no workers, or when they keep crashing,
 * the main thread answers.
 *
 * Overload is explicit: a question that has waited MAX_WAIT_MS, or that arrives when MAX_WAITING are
 * waiting, is refused with a BusyError (the listener tells the asker to try again in a minute) rather than
 * answered late. The knowledge base reaches the workers as its persisted file when it has one (each worker
 * reads it), serialized here only when it has none.
 */
export class AnswerPool {
  readonly size: number;
  readonly #log: AppLogger;
  readonly #timeoutMs: number;
  readonly #maxWaitMs: number;
  readonly #maxWaiting: number;
  readonly #now: () => number;
  readonly #mainThreadUntilReady: boolean;
  /** refused as busy since the last warning, and when that warning was */
  #busy = { count: 0, warnedAt: Number.NEGATIVE_INFINITY };
  #sweeper: NodeJS.Timeout | null = null;
  /** bumped with each base opened whole that the workers are given; updates of it count in `#step` */
  #generation = 0;
  #step = 0;
  #root: Root | null = null;
  readonly #slots: Slot[] = [];
  /** questions not yet handed to a worker, oldest first */
  readonly #queue: Job[] = [];
  #kb: KnowledgeBase | null = null;
  #nextId = 1;
  #crashes: number[] = [];
  #onMainThread = false;
  #closed = false;
  /** who waits for every worker to hold a knowledge base (`ready()`) */
  #readyWaiters: Array<() => void> = [];

  constructor(options: AnswerPoolOptions) {
    this.size = options.size;
    this.#log = options.log;
    this.#timeoutMs = options.timeoutMs ?? ANSWER_TIMEOUT_MS;
    this.#maxWaitMs = options.maxWaitMs ?? MAX_WAIT_MS;
    this.#maxWaiting = options.maxWaiting ?? MAX_WAITING;
    this.#now = options.now ?? Date.now;
    answerPools.add(this);
    this.#mainThreadUntilReady = options.mainThreadUntilReady ?? false;
  }

  /** Starts the workers with `kb` now, so the first question does not wait for them to load it. */
  warm(kb: KnowledgeBase): void {
    // What opening the base left on this thread is collected once the bot has been quiet for a moment.
    mainCollector()?.worked();
    if (this.#workersInUse()) this.#sync(kb);
  }

  /**
   * Resolves once every worker holds a knowledge base (at once when the pool answers on the main thread):
   * what the bot waits for before it starts work that would take the CPU the workers' loading needs.
   */
  ready(): Promise<void> {
    if (this.#allReady()) return Promise.resolve();
    return new Promise((resolve) => this.#readyWaiters.push(resolve));
  }

  #allReady(): boolean {
    return (
      !this.#workersInUse() || (this.#slots.length === this.size && this.#slots.every((slot) => slot.ready))
    );
  }

  #wakeReadyWaiters(): void {
    if (this.#readyWaiters.length > 0 && this.#allReady())
      for (const wake of this.#readyWaiters.splice(0)) wake();
  }

  /** Answers `question` from `kb`, as `answerQuestion` does, on a worker when there is one. */
  answer(kb: KnowledgeBase, question: string, history: Turn[]): Promise<Answer> {
    const askedAt = this.#now();
    if (!this.#workersInUse()) {
      return this.#answerHere(kb, question, history, askedAt).finally(() => mainCollector()?.worked());
    }
    this.#sync(kb);
    // Until a worker has loaded the base (its modules and the index file: a second at 100k passages after a
    // start), the main thread answers: it holds the base already, so a restart's first questions do not wait.
    if (this.#mainThreadUntilReady && !this.#slots.some((slot) => slot.ready)) {
      return this.#answerHere(kb, question, history, askedAt).finally(() => mainCollector()?.worked());
    }
    if (this.#queue.length >= this.#maxWaiting) return Promise.reject(this.#refuse(question, "waiting"));
    return new Promise<Answer>((resolve, reject) => {
      this.#queue.push({ id: this.#nextId++, askedAt, question, history, resolve, reject, moved: false });
      this.#pump();
    });
  }

  /** On the main thread, bounded like the queue: by how many wait and by how long they waited. */
  async #answerHere(kb: KnowledgeBase, question: string, history: Turn[], askedAt: number): Promise<Answer> {
    if (mainThreadQueue.waiting >= this.#maxWaiting) throw this.#refuse(question, "waiting");
    await mainThreadQueue.next();
    if (this.#now() - askedAt > this.#maxWaitMs) throw this.#refuse(question, "waited");
    return answerQuestion(kb, question, history);
  }

  /** A BusyError for one question, with one warning a minute in the log however many are refused. */
  #refuse(question: string, why: "waiting" | "waited"): BusyError {
    this.#busy.count += 1;
    const now = this.#now();
    if (now - this.#busy.warnedAt >= 60_000) {
      this.#log.warn(
        `answers: too many questions at once: ${this.#busy.count} refused as busy since the last warning ` +
          `(more than ${this.#maxWaiting} waiting, or waiting over ${this.#maxWaitMs} ms); if this lasts, ` +
          "give the bot more cores (ANSWER_WORKERS) or more instances",
      );
      this.#busy = { count: 0, warnedAt: now };
    }
    return new BusyError(
      why === "waiting"
        ? `answers: refused ${JSON.stringify(question.slice(0, 200))}: ${this.#maxWaiting} questions were already waiting`
        : `answers: refused ${JSON.stringify(question.slice(0, 200))}: it waited over ${this.#maxWaitMs} ms`,
    );
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

  /**
   * The memory of the main thread and of each worker (its heap, what it held after its last collection,
   * whether it is at rest), the workers asked now; null for a worker that did not reply within `timeoutMs`
   * (busy with a long question, or stopping). For diagnostics and the load benchmark.
   */
  async memory(timeoutMs = 5_000): Promise<{ main: ThreadMemory; workers: Array<WorkerMemory | null> }> {
    const workers = await Promise.all(
      this.#slots.map(
        (slot) =>
          new Promise<WorkerMemory | null>((resolve) => {
            const id = this.#nextId++;
            const timer = setTimeout(() => {
              slot.memory.delete(id);
              resolve(null);
            }, timeoutMs);
            timer.unref();
            slot.memory.set(id, (memory) => {
              clearTimeout(timer);
              resolve(memory);
            });
            post(slot, { type: "memory", id });
          }),
      ),
    );
    return { main: threadMemory(mainCollector()), workers };
  }

  /** Ends the workers. Call it once nothing is being answered; a question still pending is refused. */
  async close(): Promise<void> {
    this.#closed = true;
    answerPools.delete(this);
    if (this.#sweeper) clearTimeout(this.#sweeper);
    const slots = this.#slots.splice(0);
    const stopping = () => new Error("answers: the bot is stopping");
    for (const job of this.#queue.splice(0)) this.#settle(job, stopping());
    for (const slot of slots) {
      slot.retired = true;
      for (const job of slot.pending.values()) this.#settle(job, stopping());
    }
    this.#wakeReadyWaiters();
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }

  #workersInUse(): boolean {
    return this.size > 0 && !this.#onMainThread && !this.#closed;
  }

  /**
   * Makes every worker hold `kb`, starting the workers the first time: the updates it had since the base the
   * workers hold, when it descends from that one (a document added or changed), else the whole base.
   */
  #sync(kb: KnowledgeBase): void {
    if (kb === this.#kb && this.#slots.length === this.size) return;
    if (kb !== this.#kb) {
      const root = rootOf(kb);
      const updates = kb.lineage?.updates ?? [];
      let messages: ToWorker[];
      if (root === this.#root && updates.length >= this.#step) {
        messages = updates.slice(this.#step).map((update, i) => ({
          type: "update",
          generation: this.#generation,
          step: this.#step + i + 1,
          update,
        }));
      } else {
        this.#generation += 1;
        this.#root = root;
        messages = this.#wholeBase(kb);
      }
      this.#step = updates.length;
      this.#kb = kb;
      for (const slot of this.#slots) for (const message of messages) post(slot, message);
    }
    while (this.#slots.length < this.size) {
      // One worker loads first, the others once it is ready: on a small machine several loading at once (with
      // the main thread starting) would each take longer, and the first answer waits for the first of them.
      if (this.#slots.length > 0 && !this.#slots.some((slot) => slot.ready)) break;
      this.#slots.push(this.#spawn(this.#wholeBase(kb)));
    }
  }

  /**
   * What gives a new worker `kb`: the file its root was persisted in and the updates since, or, without a
   * file (or with `asData`), the base serialized here.
   */
  #wholeBase(kb: KnowledgeBase, asData = false): ToWorker[] {
    const root = rootOf(kb);
    const updates = kb.lineage?.updates ?? [];
    if (!root.file || asData) {
      const data = serializeKnowledgeBase(kb, "");
      return [
        { type: "kb", generation: this.#generation, step: updates.length, source: { kind: "data", data } },
      ];
    }
    return [
      {
        type: "kb",
        generation: this.#generation,
        step: 0,
        source: { kind: "file", file: root.file, dir: root.dir, glossary: root.glossary },
      },
      ...updates.map(
        (update, i): ToWorker => ({ type: "update", generation: this.#generation, step: i + 1, update }),
      ),
    ];
  }

  #spawn(kbMessages: ToWorker[]): Slot {
    const worker = startWorker(import.meta.url, "answer-worker");
    // The pool never keeps the process alive by itself: the server does, and stopping closes the pool.
    worker.unref();
    const slot: Slot = { worker, pending: new Map(), memory: new Map(), retired: false, ready: false };
    for (const message of kbMessages) post(slot, message);
    worker.on("message", (message: FromWorker) => {
      if (message.type === "ready") {
        slot.ready = true;
        if (this.#kb && this.#workersInUse()) this.#sync(this.#kb);
        this.#wakeReadyWaiters();
        this.#pump();
        return;
      }
      if (message.type === "memory") {
        slot.memory.get(message.id)?.(message.memory);
        slot.memory.delete(message.id);
        return;
      }
      if (message.type === "kb-unreadable") {
        // The file went (a newer index replaced it) before this worker read it: send it the base as data.
        if (this.#kb) for (const whole of this.#wholeBase(this.#kb, true)) post(slot, whole);
        return;
      }
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
          this.#settle(job, new Error("answers: no knowledge base to answer from"));
          continue;
        }
        this.#answerHere(kb, job.question, job.history, job.askedAt).then(
          (answer) => this.#settle(job, answer),
          (error: unknown) => this.#settle(job, error instanceof Error ? error : new Error(String(error))),
        );
      }
      return;
    }
    if (this.#slots.length < this.size) this.#sync(kb);
    this.#expire();
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

  /**
   * Refuses the questions that waited too long (the oldest are first), and makes sure the next one to
   * expire is looked at in time even if no worker finishes meanwhile (all of them stuck on slow questions).
   */
  #expire(): void {
    const now = this.#now();
    while (this.#queue.length > 0 && now - this.#queue[0]!.askedAt > this.#maxWaitMs) {
      const job = this.#queue.shift()!;
      this.#settle(job, this.#refuse(job.question, "waited"));
    }
    if (this.#sweeper) clearTimeout(this.#sweeper);
    this.#sweeper = null;
    const oldest = this.#queue[0];
    if (oldest) {
      this.#sweeper = setTimeout(
        () => {
          this.#sweeper = null;
          this.#pump();
        },
        Math.max(1, oldest.askedAt + this.#maxWaitMs - now + 1),
      );
      this.#sweeper.unref();
    }
  }

  #settle(job: Job, outcome: Answer | Error): void {
    clearTimeout(job.timer);
    mainCollector()?.worked();
    if (outcome instanceof Error) job.reject(outcome);
    else job.resolve(outcome);
  }

  #timedOut(slot: Slot, job: Job): void {
    if (!slot.pending.delete(job.id)) return;
    this.#settle(
      job,
      new AnswerTimeoutError(
        `answers: answering ${JSON.stringify(job.question.slice(0, 200))} took over ${this.#timeoutMs} ms; ` +
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
        `answers: answer workers crashed ${this.#crashes.length} times in a minute (last: ${why}); answering on ` +
          "the main thread from now on, which is slower under load: restart the bot, and report the crash",
      );
    } else {
      this.#log.warn(`answers: an answer worker stopped (${why}); starting another`);
    }
    const again: Job[] = [];
    for (const job of slot.pending.values()) {
      if (job.moved) {
        this.#settle(
          job,
          new Error(`answers: answering ${JSON.stringify(job.question.slice(0, 200))} stopped two workers`),
        );
      } else {
        job.moved = true;
        again.push(job);
      }
    }
    slot.pending.clear();
    this.#requeue(again);
    this.#wakeReadyWaiters();
    this.#pump();
  }

  #remove(slot: Slot): void {
    const at = this.#slots.indexOf(slot);
    if (at !== -1) this.#slots.splice(at, 1);
  }
}

/**
 * The open pools of this process. Also reachable as `globalThis[Symbol.for("minusma.answerPools")]`, so the
 * load benchmark's probe (preloaded into the bot, importing none of its modules) can ask for the workers'
 * memory.
 */
const answerPools: Set<AnswerPool> = (() => {
  const key = Symbol.for("minusma.answerPools");
  const global = globalThis as unknown as Record<symbol, Set<AnswerPool> | undefined>;
  global[key] ??= new Set();
  return global[key];
})();

let main: IdleCollector | null | undefined;
/**
 * The main thread's collector: a burst of questions leaves garbage on the main thread too (requests, replies,
 * and under overload the questions waiting), which it returns once it has had no question for a moment, as
 * each worker does (worker-memory.ts).
 */
function mainCollector(): IdleCollector | null {
  if (main === undefined) main = quietCollector();
  return main;
}

/** On the main thread, after the requests that arrived meanwhile have been read (see main-thread-queue.ts). */
async function answerHere(kb: KnowledgeBase, question: string, history: Turn[]): Promise<Answer> {
  await mainThreadQueue.next();
  return answerQuestion(kb, question, history);
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
