import { getHeapStatistics, setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

// The memory of an answer worker's thread: what it reports to the pool, and when it collects its garbage.
//
// Measured in the load benchmark (issue 12): an answer worker's old generation grows by 2 to 5 MB a second
// while it answers (objects that were alive when the young generation was swept, promoted, then dropped),
// and V8 does not collect the old generation before it reaches its first limit, about 256 MB on a 64-bit
// machine, whatever the worker really holds (about 75 MB at 10k passages). A worker that answered a burst of
// questions and then fell quiet kept that garbage for good: RSS rose by 100-150 MB a worker and stayed there.
// The worker now collects it once it has been quiet for a moment; see `IdleCollector`.

/** A thread's heap, as V8 reports it, in bytes. */
export interface HeapFigures {
  /** what live and not yet collected objects take */
  usedBytes: number;
  /** what V8 has reserved for the heap, used or not */
  totalBytes: number;
  /** memory V8 itself allocated outside the heap (compiler zones, for instance) */
  mallocedBytes: number;
  /** memory held by ArrayBuffers and other external memory V8 knows of */
  externalBytes: number;
}

/** A thread's memory: its heap, what it held after its last collection, and whether it is at rest. */
export interface ThreadMemory extends HeapFigures {
  /** the used heap right after its last collection: what it holds (null when it cannot collect) */
  liveBytes: number | null;
  /** full collections it ran when quiet */
  collections: number;
  /** nothing left to do before it rests: no collection pending (and, for a worker, its warm-up done) */
  settled: boolean;
}

/** This thread's heap figures. */
export function heapFigures(): HeapFigures {
  const heap = getHeapStatistics();
  return {
    usedBytes: heap.used_heap_size,
    totalBytes: heap.total_heap_size,
    mallocedBytes: heap.malloced_memory,
    externalBytes: heap.external_memory,
  };
}

/**
 * A function that runs a full, compacting garbage collection of this thread's heap. Node exposes V8's `gc` only
 * with the `--expose-gc` flag; the flag is set here for the contexts made from now on (it changes nothing
 * else), and `gc` taken from a new context, which collects the whole heap of the thread (V8 collects a heap,
 * not a context); `globalThis.gc` is used when the process was started with the flag. A plain full collection
 * frees the garbage but keeps nearly every page it was on, since a few live objects stay on each (measured:
 * a worker at 73 MB used kept 175 MB); compacting moves them together so the emptied pages go back to the
 * system. V8's flag for it is process-wide, so it is set for this one collection only (a collection another
 * thread starts meanwhile compacts too, which costs it time, not correctness).
 */
export function fullCollection(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  let gc: unknown = exposed;
  if (typeof gc !== "function") {
    setFlagsFromString("--expose-gc");
    gc = runInNewContext("gc");
  }
  if (typeof gc !== "function") {
    throw new Error("answer worker: V8 did not expose gc; the worker cannot return its garbage when idle");
  }
  const collect = gc as () => void;
  return () => {
    setFlagsFromString("--compact-on-every-full-gc");
    try {
      collect();
    } finally {
      setFlagsFromString("--no-compact-on-every-full-gc");
    }
  };
}

/**
 * How an answer worker returns its garbage. Both numbers are measured in the load benchmark (README,
 * Performance).
 */
export const WORKER_MEMORY = {
  /**
   * How long a worker must have had no question before it collects: long enough that a collection (30-80 ms
   * at 10k passages) never lands between two questions of a steady stream (at 250 questions a second each
   * worker waits milliseconds between questions), short enough that a bot between bursts is back at its
   * steady state within seconds.
   */
  quietMs: 1_000,
  /**
   * How much the heap V8 reserved (what RSS holds) must have grown since the last collection for a quiet
   * thread to collect again: a few questions grow it by less, so a bot asked a question now and then does not
   * collect after each one (a full collection costs more CPU than an answer); a burst grows it by tens of
   * megabytes. Reserved, not used: V8's own collections during a burst can leave little used in many pages.
   */
  growthBytes: 16 * 1024 * 1024,
} as const;

/** What an IdleCollector needs from its thread; tests pass their own. */
export interface CollectorThread {
  /** the heap's used and reserved bytes */
  heap(): { used: number; reserved: number };
  collect(): void;
  /** a clock in milliseconds */
  now(): number;
  /** calls `run` after `ms`, unless cancelled first; the timer must not keep the thread alive */
  schedule(run: () => void, ms: number): { cancel(): void };
}

/**
 * Collects a thread's garbage when it falls quiet: once `quietMs` have passed since the last `worked()`
 * (a question was answered) and the heap V8 reserved has grown by `growthBytes` since the last collection, a
 * full, compacting collection runs. `settle()` collects at once (after the idle warm-up, so that a fresh worker starts from
 * the heap it keeps). Collecting also hands V8 a measured live size, from which it sets the heap's next
 * limit, instead of the first limit of a new heap. One timer at a time: an answer only notes the time, so
 * a steady stream of questions costs no timer each.
 */
export class IdleCollector {
  readonly #thread: CollectorThread;
  readonly #quietMs: number;
  readonly #growthBytes: number;
  #timer: { cancel(): void } | null = null;
  #lastWork = Number.NEGATIVE_INFINITY;
  /** the used heap right after the last collection: what the thread holds (0 before the first) */
  #live = 0;
  /** the heap reserved right after the last collection (0 before the first) */
  #reserved = 0;
  #collections = 0;

  constructor(thread: CollectorThread, options: { quietMs?: number; growthBytes?: number } = {}) {
    this.#thread = thread;
    this.#quietMs = options.quietMs ?? WORKER_MEMORY.quietMs;
    this.#growthBytes = options.growthBytes ?? WORKER_MEMORY.growthBytes;
  }

  /**
   * The thread did work (answered a question, took in a knowledge base): the quiet time starts again. The
   * first quiet time always collects (what the thread's start left is garbage too).
   */
  worked(): void {
    this.#lastWork = this.#thread.now();
    if (!this.#timer) this.#wait(this.#quietMs);
  }

  #wait(ms: number): void {
    this.#timer = this.#thread.schedule(() => {
      this.#timer = null;
      const quiet = this.#thread.now() - this.#lastWork;
      if (quiet < this.#quietMs) this.#wait(this.#quietMs - quiet);
      else if (this.#thread.heap().reserved - this.#reserved >= this.#growthBytes) this.settle();
    }, ms);
  }

  /** Collects now. */
  settle(): void {
    this.#timer?.cancel();
    this.#timer = null;
    this.#thread.collect();
    this.#collections += 1;
    const heap = this.#thread.heap();
    this.#live = heap.used;
    this.#reserved = heap.reserved;
  }

  /** Whether it is waiting for the quiet time to pass (a collection may follow). */
  get pending(): boolean {
    return this.#timer !== null;
  }

  /** The used heap right after the last collection, in bytes (0 before the first). */
  get liveBytes(): number {
    return this.#live;
  }

  /** How many collections it ran. */
  get collections(): number {
    return this.#collections;
  }
}

/**
 * An IdleCollector of this thread, on its real heap and timers; null when V8 would not expose its collector
 * (never seen): the thread then leaves collecting to V8.
 */
export function quietCollector(): IdleCollector | null {
  let collect: () => void;
  try {
    collect = fullCollection();
  } catch {
    return null;
  }
  return new IdleCollector({
    heap: () => {
      const heap = getHeapStatistics();
      return { used: heap.used_heap_size, reserved: heap.total_heap_size };
    },
    collect,
    now: () => performance.now(),
    schedule: (run, ms) => {
      const timer = setTimeout(run, ms);
      timer.unref();
      return { cancel: () => clearTimeout(timer) };
    },
  });
}

/** The memory of this thread, collected by `collector`. */
export function threadMemory(collector: IdleCollector | null, busy = false): ThreadMemory {
  return {
    ...heapFigures(),
    liveBytes: collector?.liveBytes ?? null,
    collections: collector?.collections ?? 0,
    settled: !busy && !(collector?.pending ?? false),
  };
}
