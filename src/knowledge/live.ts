import path from "node:path";
import { performance } from "node:perf_hooks";
import { type FSWatcher, watch } from "chokidar";
import { describeSkipped, type SkippedFile } from "../core/knowledge/files.ts";
import { applyUpdate, GLOSSARY_FILE, type KnowledgeBase } from "../core/knowledge-base.ts";
import { type BuildOutcome, KnowledgeBuilder } from "./builder.ts";

/**
 * How long the folder must be quiet before an update: one update for a burst of files, not one each. Short,
 * since a new document should be answered from within half a second; the importer writes each file whole
 * (a temporary file, then a rename), so a file is never seen half written.
 */
export const RELOAD_DEBOUNCE_MS = 100;

export interface LiveLog {
  debug(...message: unknown[]): void;
  info(...message: unknown[]): void;
  warn(...message: unknown[]): void;
}

/** The timers the debounce uses: the real ones by default; a test passes a fake clock and advances it. */
export interface DebounceClock {
  setTimeout(fn: () => unknown, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const REAL_TIMERS: DebounceClock = {
  setTimeout: (fn, ms) => setTimeout(fn, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface WatchOptions {
  /** where the persisted index lives (STATE_DIR/index); a rebuild persists the new one there, as a start would */
  cacheDir?: string | undefined;
  log: LiveLog;
  debounceMs?: number;
  clock?: DebounceClock;
  /**
   * builds a whole knowledge base from the folder at each change (tests use it to hold a build); by default
   * the build worker follows the folder and sends only what changed
   */
  build?: (dir: string) => Promise<KnowledgeBase>;
  /** called with each new base once it is swapped in (main.ts announces its version to other instances) */
  onReload?: (next: KnowledgeBase) => void;
}

/** A knowledge base that follows its folder. */
export interface LiveKnowledge {
  /** the base to answer from now: the last complete one, never one being built */
  current: () => KnowledgeBase;
  /** resolves once no change is waiting and no rebuild is running */
  settled(): Promise<void>;
  /** resolves once the build worker has learned the base it started from (changes are then updates) */
  ready(): Promise<void>;
  /** stops watching; a rebuild in progress is abandoned */
  close(): Promise<void>;
  /**
   * Rebuilds now, as if the folder had changed: another instance announced a version this one does not have
   * (its watcher may not see changes on a shared network folder).
   */
  reloadNow(): void;
}

/**
 * Watches a knowledge folder and keeps a knowledge base in step with it. A file added, changed or removed
 * (and `glossary.yml`) starts an update once the folder has been quiet for `debounceMs`: the build worker reads
 * and parses the files that changed, off the main thread, and sends back an update that is applied here (and
 * by the answer workers) in one synchronous step, so a question is answered from the old base until then and
 * never from a half-updated one. Many files changed at once are rebuilt whole instead. An update that fails,
 * or that would leave no documents, keeps the old base and says so in the log.
 *
 * @example const live = await watchKnowledge(kb, { cacheDir, log }); startSlackBot(config, { getKnowledgeBase: live.current, ... })
 */
export async function watchKnowledge(initial: KnowledgeBase, options: WatchOptions): Promise<LiveKnowledge> {
  const dir = initial.dir;
  const log = options.log;
  const debounceMs = options.debounceMs ?? RELOAD_DEBOUNCE_MS;
  const clock = options.clock ?? REAL_TIMERS;
  const builder = options.build ? null : new KnowledgeBuilder();
  const given = options.build;
  const update = given
    ? async (folder: string): Promise<BuildOutcome> => ({ kind: "whole", kb: await given(folder) })
    : (folder: string) => builder!.update(folder, options.cacheDir);
  // The worker learns the base opened at the start in the background: the first change is measured from it.
  const adopted = builder
    ? builder.adopt(initial, options.cacheDir).catch((error: unknown) => {
        log.warn(
          `knowledge: could not prepare updates (${error instanceof Error ? error.message : String(error)}); ` +
            "the first change rebuilds the whole index",
        );
      })
    : Promise.resolve();

  let current = initial;
  let timer: unknown = null;
  let running: Promise<void> | null = null;
  let changedWhileRunning = false;
  let closed = false;
  let waiters: Array<() => void> = [];

  const settle = () => {
    if (timer !== null || running !== null) return;
    const ready = waiters;
    waiters = [];
    for (const resolve of ready) resolve();
  };

  const rebuild = async () => {
    const started = performance.now();
    let outcome: BuildOutcome;
    try {
      await adopted;
      outcome = await update(dir);
    } catch (error) {
      if (!closed) {
        log.warn(
          `knowledge: could not reload ${dir} (${error instanceof Error ? error.message : String(error)}); ` +
            `still answering from the ${count(current.index.documents.length, "document")} loaded before`,
        );
      }
      return;
    }
    if (closed || outcome.kind === "none") return;
    const previous = current;
    if (outcome.kind === "empty") {
      log.warn(
        `knowledge: no usable documents left in ${dir}, so the ${count(previous.index.documents.length, "document")} ` +
          "loaded before are still used: put the files back or fix the ones skipped above",
      );
      return;
    }
    const applying = performance.now();
    const next = outcome.kind === "whole" ? outcome.kb : applyUpdate(previous, outcome.update);
    const appliedMs = performance.now() - applying;
    for (const skipped of newlySkipped(previous.skipped, next.skipped))
      log.warn(describeSkipped(dir, skipped));
    if (next.index.documents.length === 0) {
      log.warn(
        `knowledge: no usable documents left in ${dir}, so the ${count(previous.index.documents.length, "document")} ` +
          "loaded before are still used: put the files back or fix the ones skipped above",
      );
      return;
    }
    current = next;
    options.onReload?.(next);
    const ms = Math.round(performance.now() - started);
    log.info(
      `knowledge: reloaded ${dir} in ${ms} ms` +
        `${outcome.kind === "update" ? ` (updated in place, ${appliedMs.toFixed(0)} ms to apply here)` : ""}: ` +
        `${count(next.index.documents.length, "document")}` +
        // Counting passages would build the updated index here, which the main thread may never search.
        `${outcome.kind === "whole" ? `, ${count(next.index.passages.size, "passage")}` : ""}` +
        `${describeChanges(previous, next)}`,
    );
  };

  const start = () => {
    timer = null;
    if (closed) return settle();
    if (running) {
      changedWhileRunning = true;
      return;
    }
    running = rebuild().finally(() => {
      running = null;
      if (changedWhileRunning && !closed && timer === null) {
        changedWhileRunning = false;
        start();
      } else {
        changedWhileRunning = false;
        settle();
      }
    });
  };

  const changed = (event: string, file: string) => {
    if (closed) return;
    // Says what set a reload off: the answer to "why did it (not) reload?", and what tests wait for.
    log.debug(`knowledge: ${event} ${file}; reloading once the folder is quiet for ${debounceMs} ms`);
    if (timer !== null) clock.clearTimeout(timer);
    timer = clock.setTimeout(start, debounceMs);
  };

  const watcher: FSWatcher = watch(dir, {
    ignoreInitial: true,
    // Not persistent: the watcher alone never keeps the process running (the shell ends at `quit`).
    persistent: false,
    // A symlink is watched as a link, never followed: chokidar walks every path through linked folders, so
    // two links back up the tree (`a -> .`, `b -> .`) are an endless walk. The folder read follows each once.
    followSymlinks: false,
    // Hidden files are the importer's temporary files, editors' swap files and .git.
    ignored: (file) => file !== dir && path.basename(file).startsWith("."),
  });
  watcher.on("all", (event, file) => {
    if (isKnowledgeFile(dir, file) || event === "unlinkDir") changed(event, file);
  });
  watcher.on("error", (error) => log.warn(`knowledge: watching ${dir} failed: ${String(error)}`));
  await new Promise<void>((resolve) => watcher.once("ready", () => resolve()));

  return {
    current: () => current,
    reloadNow: () => {
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
      start();
    },
    ready: () => adopted,
    settled: () =>
      new Promise<void>((resolve) => {
        waiters.push(resolve);
        settle();
      }),
    async close() {
      closed = true;
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
      await watcher.close();
      await builder?.close();
      await running;
      settle();
    },
  };
}

/** A file the knowledge base is built from: a Markdown document (not a README) or the glossary. */
function isKnowledgeFile(dir: string, file: string): boolean {
  const relative = path.relative(dir, file).split(path.sep).join("/");
  if (relative === GLOSSARY_FILE) return true;
  return relative.endsWith(".md") && !/(^|\/)readme\.md$/iu.test(relative);
}

function newlySkipped(before: SkippedFile[], after: SkippedFile[]): SkippedFile[] {
  const seen = new Set(before.map((skipped) => `${skipped.file}\0${skipped.reason}`));
  return after.filter((skipped) => !seen.has(`${skipped.file}\0${skipped.reason}`));
}

/** "; added x; changed y; removed z", by document id and content hash. */
function describeChanges(before: KnowledgeBase, after: KnowledgeBase): string {
  const added = Object.keys(after.hashes).filter((id) => !(id in before.hashes));
  const removed = Object.keys(before.hashes).filter((id) => !(id in after.hashes));
  const changed = Object.keys(after.hashes).filter(
    (id) => id in before.hashes && before.hashes[id] !== after.hashes[id],
  );
  const parts = [
    ...(added.length > 0 ? [`added ${list(added)}`] : []),
    ...(changed.length > 0 ? [`changed ${list(changed)}`] : []),
    ...(removed.length > 0 ? [`removed ${list(removed)}`] : []),
  ];
  return parts.length > 0 ? `; ${parts.join("; ")}` : "";
}

function list(ids: string[]): string {
  return ids.length <= 5 ? ids.join(", ") : `${ids.slice(0, 5).join(", ")} and ${ids.length - 5} more`;
}

function count(n: number, word: string): string {
  return `${n.toLocaleString("en-US")} ${word}${n === 1 ? "" : "s"}`;
}
