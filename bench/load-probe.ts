import { monitorEventLoopDelay } from "node:perf_hooks";

// Preloaded into the bot by the load benchmark (`node --import tsx --import ./bench/load-probe.ts
// dist/main.js`), so the bot under load is the real entry point, unchanged. It measures what can only be
// measured inside the process (event-loop delay, memory), keeps every fetch on 127.0.0.1, and answers the
// benchmark's questions over the IPC channel.

/** A thread's memory, as the answer pool reports it (src/knowledge/worker-memory.ts, ThreadMemory). */
export interface ThreadSample {
  usedBytes: number;
  totalBytes: number;
  mallocedBytes: number;
  externalBytes: number;
  liveBytes: number | null;
  collections: number;
  settled: boolean;
}

/** A sample of the bot's process, sent to the benchmark. */
export interface ProbeSample {
  rssBytes: number;
  /** the highest RSS seen since the last reset, sampled every PEAK_EVERY_MS */
  peakRssBytes: number;
  /** the main thread's memory as its answer pool sees it (null when the bot has no pool) */
  main: ThreadSample | null;
  /** each answer worker's memory; null for a worker that did not reply in time */
  workers: Array<ThreadSample | null>;
  heapUsedBytes: number;
  /** what V8 has reserved for the heap, used or not */
  heapTotalBytes: number;
  /** memory outside the heap that JavaScript objects hold (buffers) */
  externalBytes: number;
  /** CPU time the process used since it started, in milliseconds (user + system) */
  cpuMs: number;
  /** how late the event loop ran a timer, since the last reset, in milliseconds */
  loopDelay: { p50: number; p99: number; max: number };
  /** fetches the probe refused because they were not to 127.0.0.1 */
  refused: string[];
  /** writes the state store has made since the process started */
  stateWrites: number;
}

// tsx (preloaded only for this probe) turns on source maps for stack traces; `node dist/main.js` does not. Left
// on, the bot's first error stack (a "busy" refusal under overload) parsed the bundle's source map and kept it:
// 270k arrays, 28 MB of the main thread's heap (measured from two heap snapshots) that production never holds.
process.setSourceMapsEnabled(false);

const RESOLUTION_MS = 10;
const delay = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
delay.enable();
// The histogram records the whole time between two of its timer's runs, the resolution included: what is
// over the resolution is how late the loop was.
const late = (nanoseconds: number) => Math.max(0, nanoseconds / 1e6 - RESOLUTION_MS);

/** How often the probe looks at RSS for the peak: often enough to see a rise that lasts a second. */
const PEAK_EVERY_MS = 200;
let peakRss = process.memoryUsage.rss();
setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
}, PEAK_EVERY_MS).unref();

/** The bot's answer pools (src/knowledge/answer-pool.ts registers them under this symbol). */
interface PoolMemory {
  main: ThreadSample;
  workers: Array<ThreadSample | null>;
}

function answerPools(): Array<{ memory(): Promise<PoolMemory> }> {
  const pools = (globalThis as unknown as Record<symbol, Set<unknown> | undefined>)[
    Symbol.for("minusma.answerPools")
  ];
  return [...(pools ?? [])] as Array<{ memory(): Promise<PoolMemory> }>;
}

const refused: string[] = [];
const realFetch = globalThis.fetch;
globalThis.fetch = async (input, init) => {
  const url = new URL(input instanceof Request ? input.url : String(input));
  if (url.hostname !== "127.0.0.1") {
    refused.push(url.href);
    throw new Error(`load probe: refused a request to ${url.host}; the benchmark only talks to 127.0.0.1`);
  }
  return realFetch(input, init);
};

process.on("message", (message: { type?: string }) => {
  if (message.type === "reset") {
    delay.reset();
    peakRss = process.memoryUsage.rss();
    return;
  }
  if (message.type !== "sample") return;
  // Memory as the bot holds it: no collection is forced here (the answer workers collect by themselves when
  // they fall quiet, as in production).
  void Promise.all(answerPools().map((pool) => pool.memory())).then((perPool) => {
    const memory = process.memoryUsage();
    const cpu = process.cpuUsage();
    peakRss = Math.max(peakRss, memory.rss);
    const sample: ProbeSample = {
      rssBytes: memory.rss,
      peakRssBytes: peakRss,
      main: perPool[0]?.main ?? null,
      workers: perPool.flatMap((pool) => pool.workers),
      heapUsedBytes: memory.heapUsed,
      heapTotalBytes: memory.heapTotal,
      externalBytes: memory.external,
      cpuMs: (cpu.user + cpu.system) / 1000,
      loopDelay: { p50: late(delay.percentile(50)), p99: late(delay.percentile(99)), max: late(delay.max) },
      refused,
      // Counted by the state store (src/state/stats.ts) under a global symbol: no import of the bot's modules here.
      stateWrites:
        (globalThis as unknown as Record<symbol, { writes: number } | undefined>)[
          Symbol.for("minusma.stateStats")
        ]?.writes ?? 0,
    };
    process.send?.(sample);
  });
});
// The channel must not keep the bot alive: it stops on SIGTERM like any other run.
process.channel?.unref();
