import path from "node:path";
import { performance } from "node:perf_hooks";
import { openCommandKnowledge } from "./cli/knowledge.ts";
import { runCli } from "./cli/run.ts";
import { parseStartOptions, START_USAGE } from "./cli/start-options.ts";
import { loadConfig, loadDotEnv } from "./config.ts";
import type { KnowledgeBase } from "./core/knowledge-base.ts";
import { AnswerPool, defaultAnswerWorkers } from "./knowledge/answer-pool.ts";
import { type LiveKnowledge, watchKnowledge } from "./knowledge/live.ts";
import { type AppLogger, processLogger } from "./log.ts";
import { runShell, ShellNotices } from "./shell/shell.ts";
import { knowledgeVersion } from "./state/knowledge-version.ts";
import type { StateStore } from "./state/types.ts";

/**
 * How long a clean stop may take before the process leaves anyway (a stuck connection must not hold it):
 * the Slack app's drain (DRAIN_MS) plus time to save the state, inside the 10 s most platforms allow.
 */
const STOP_GRACE_MS = 8_000;

/**
 * The knowledge folder is watched once the answer workers are ready, or this long after the start at the
 * latest: a ceiling for a worker that hangs while loading (they are ready within seconds, even at 100k).
 */
const WATCH_AT_THE_LATEST_MS = 30_000;

/**
 * The composition root: reads the configuration, opens the knowledge base, then runs the local shell or
 * connects to Slack, and stops cleanly on SIGINT or SIGTERM.
 */
runCli(async (argv) => {
  const options = parseStartOptions(argv);
  if (options.help) {
    console.log(START_USAGE);
    return 0;
  }
  loadDotEnv();
  const config = loadConfig();
  // In the local shell the log (a reload, a skipped file) is written above the prompt, which is drawn again.
  const notices = new ShellNotices((line) => process.stderr.write(`${line}\n`));
  const log = processLogger(
    config,
    config.mode === "shell" ? (_level, line) => notices.write(line) : undefined,
  );
  const knowledgeDir = options.knowledge ?? config.KNOWLEDGE_DIR;
  // Refuses a file given as the folder, or a folder with no usable document, as `ask` and `digest` do.
  const { kb, skipped } = await openCommandKnowledge("start", START_USAGE, {
    dir: knowledgeDir,
    stateDir: config.STATE_DIR,
    errors: process.stderr,
    terminal: process.stderr.isTTY === true,
  });
  // The watcher swaps in a new knowledge base when the files change: everything asks getKnowledgeBase(), never
  // keeps one. It stops at SIGINT/SIGTERM, or once nothing else is left to run (the shell's `quit`).
  // Set once the state store is open (not in the shell): a rebuild is announced to the other instances.
  let announce: (next: KnowledgeBase) => void = () => undefined;
  const watch = () =>
    watchKnowledge(kb, {
      cacheDir: path.join(config.STATE_DIR, "index"),
      log: log.child("knowledge"),
      onReload: (next) => announce(next),
    });
  const stopping = stopOnSignals();

  if (config.mode === "shell") {
    const knowledge = await watch();
    stopping.signal.addEventListener("abort", () => void knowledge.close(), { once: true });
    process.once("beforeExit", () => void knowledge.close());
    await runShell({
      input: process.stdin,
      output: process.stdout,
      getKnowledgeBase: knowledge.current,
      signal: stopping.signal,
      notes: skipped,
      notices,
    });
    return 0;
  }

  for (const line of skipped) log.warn(line);
  const fatal = stopOnStrayErrors(log, stopping);
  // Slack first, the watcher after (see below): until the watcher runs, the base opened above is the one.
  let knowledge: LiveKnowledge | null = null;
  const getKnowledgeBase = () => knowledge?.current() ?? kb;
  // A start that fails at any stage closes what it opened, newest first (the store's lock included), and
  // leaves with its one message (runCli prints it): never a half-started bot serving without its digest or
  // deaf to SIGTERM.
  const opened: Array<() => Promise<unknown>> = [];
  // The answer workers start loading the base first, beside the main thread's start (the Slack app's modules,
  // the state store, Slack's token check); the Slack side is loaded only now, and only in Slack mode.
  const answers = new AnswerPool({
    size: config.ANSWER_WORKERS ?? defaultAnswerWorkers(),
    log,
    mainThreadUntilReady: true,
  });
  answers.warm(kb);
  opened.push(() => answers.close());
  let started: Awaited<ReturnType<typeof import("./runtime/slack-start.ts").startSlack>>;
  try {
    const { startSlack } = await import("./runtime/slack-start.ts");
    started = await startSlack(config, { log, getKnowledgeBase, answers }, opened);
  } catch (error) {
    for (const close of opened.reverse()) await close().catch(() => undefined);
    // Whatever a library left open (a socket, a timer) must not keep a failed start alive.
    setTimeout(() => process.exit(process.exitCode ?? 1), STOP_GRACE_MS).unref();
    throw error;
  }
  const { bot, state, digest } = started;
  log.info(
    `connected to Slack in ${bot.mode === "socket" ? "Socket Mode" : `HTTP mode on port ${bot.port} (/slack/events, /healthz)`}` +
      `${bot.healthPort !== null ? ` (health check on port ${bot.healthPort}, /healthz)` : ""}, ` +
      `answering from ${kb.index.documents.length} documents in ${kb.dir} (index ${kb.origin}); ` +
      `started in ${Math.round(performance.now())} ms`,
  );
  // The folder is watched once the answer workers hold the base (or have been given up), so that its first
  // scan (a stat of every file) and the build worker's start (it reads every file) do not take the CPU a
  // restart's first answers need; a change made meanwhile is found by one look at the folder once it runs.
  if (!stopping.signal.aborted) {
    let ceiling: NodeJS.Timeout | undefined;
    await Promise.race([
      bot.answersReady(),
      new Promise((resolve) => stopping.signal.addEventListener("abort", resolve, { once: true })),
      // Workers that never get ready (a file read that hangs) must not leave the bot blind to new documents.
      new Promise((resolve) => {
        ceiling = setTimeout(resolve, WATCH_AT_THE_LATEST_MS);
      }),
    ]);
    clearTimeout(ceiling);
  }
  if (!stopping.signal.aborted) {
    log.debug(
      `answers: every answer worker holds the knowledge base, ${Math.round(performance.now())} ms after start`,
    );
    try {
      knowledge = await watch();
    } catch (error) {
      // A bot that would never see a new document is not the bot that was asked for: it stops (exit 1).
      log.error(
        `knowledge: cannot watch ${kb.dir} for changes (${error instanceof Error ? error.message : String(error)}); ` +
          "stopping, so that the supervisor starts the bot again",
      );
      fatal.happened = true;
      process.exitCode = 1;
      stopping.abort("the knowledge folder cannot be watched");
    }
  }
  if (knowledge) {
    const live = knowledge;
    stopping.signal.addEventListener("abort", () => void live.close(), { once: true });
    if (stopping.signal.aborted) void live.close();
    // A document changed between the index's load and the watcher's start is found by one look now.
    else live.reloadNow();
    followKnowledge(state, live, log);
  }
  announce = (next) => {
    state.knowledge.publish(knowledgeVersion(next)).catch((error: unknown) => {
      log.warn(`state: could not announce the knowledge version: ${(error as Error).message}`);
    });
  };

  // A signal that came while starting is acted on now (an aborted signal fires no more events).
  if (!stopping.signal.aborted) {
    await new Promise((resolve) => stopping.signal.addEventListener("abort", resolve, { once: true }));
  }
  const code = fatal.happened ? 1 : 0;
  log.info(`stopping (${String(stopping.signal.reason)})`);
  setTimeout(() => process.exit(code), STOP_GRACE_MS).unref();
  // At once and side by side: the bot refuses new requests and finishes the ones it acknowledged, and a
  // digest being posted is let finish (and recorded). Then the store is closed (every change is already in it).
  await Promise.all([
    digest?.stop(),
    bot.stop().catch((error: unknown) => log.warn("slack: could not stop cleanly:", error)),
  ]);
  await state.close();
  return code;
});

/**
 * Keeps this instance's knowledge in step with the others' (PostgreSQL): its version is published at start,
 * and a version another instance announces that this one does not have starts a rebuild here, once per
 * version (two instances with different folders do not keep asking each other to rebuild).
 */
function followKnowledge(state: StateStore, knowledge: LiveKnowledge, log: AppLogger): void {
  const own = knowledgeVersion(knowledge.current());
  state.knowledge.publish(own).catch((error: unknown) => {
    log.warn(`state: could not record the knowledge version: ${(error as Error).message}`);
  });
  if (!state.shared) return;
  let asked: string | null = null;
  state.knowledge.watch((version) => {
    if (version === knowledgeVersion(knowledge.current()) || version === asked) return;
    asked = version;
    log.info(`knowledge: another instance announced version ${version}; rebuilding to pick it up`);
    knowledge.reloadNow();
  });
}

/** Aborts on the first SIGINT or SIGTERM; a second one leaves at once. */
function stopOnSignals(): AbortController {
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) process.exit(130);
    controller.abort(signal);
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  return controller;
}

/**
 * An error nothing handled (a promise nobody awaited, an exception thrown where nobody catches) means some
 * part of the bot is in a state nobody planned for, such as a Slack connection given up for good. The bot
 * does not go on as if nothing happened: it says what it was, stops cleanly (finishing what it acknowledged)
 * and exits 1, so a supervisor restarts it whole.
 */
function stopOnStrayErrors(log: AppLogger, stopping: AbortController): { happened: boolean } {
  const fatal = { happened: false };
  const stop = (what: string, reason: unknown) => {
    log.error(
      `fatal: ${what} that nothing handled: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}; ` +
        "stopping, so that the supervisor starts the bot again (please report this)",
    );
    fatal.happened = true;
    process.exitCode = 1;
    if (!stopping.signal.aborted) stopping.abort("an error nothing handled");
  };
  process.on("unhandledRejection", (reason) => stop("a promise failed", reason));
  process.on("uncaughtException", (error) => stop("an exception was thrown", error));
  return fatal;
}
