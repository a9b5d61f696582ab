import path from "node:path";
import { requireFolderNotFile, usableKnowledge } from "./cli/knowledge.ts";
import { runCli } from "./cli/run.ts";
import { parseStartOptions, START_USAGE } from "./cli/start-options.ts";
import { loadConfig, loadDotEnv } from "./config.ts";
import { attachDigest } from "./digest/attach.ts";
import { digestSubcommand } from "./digest/subcommand.ts";
import { watchKnowledge } from "./knowledge/live.ts";
import { openKnowledgeBase } from "./knowledge/open.ts";
import { type AppLogger, processLogger } from "./log.ts";
import { runShell, ShellNotices } from "./shell/shell.ts";
import { startSlackBot } from "./slack/app.ts";
import { openStateStore } from "./state/open.ts";

/**
 * How long a clean stop may take before the process leaves anyway (a stuck connection must not hold it):
 * the Slack app's drain (DRAIN_MS) plus time to save the state, inside the 10 s most platforms allow.
 */
const STOP_GRACE_MS = 8_000;

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
  await requireFolderNotFile("start", knowledgeDir, START_USAGE);
  const kb = await openKnowledgeBase(knowledgeDir, {
    cacheDir: path.join(config.STATE_DIR, "index"),
  });
  // Refuses a folder with no usable document, as `ask` and `digest` do.
  const skipped = usableKnowledge(kb);
  // The watcher swaps in a new knowledge base when the files change: everything asks getKnowledgeBase(), never
  // keeps one. It stops at SIGINT/SIGTERM, or once nothing else is left to run (the shell's `quit`).
  const knowledge = await watchKnowledge(kb, {
    cacheDir: path.join(config.STATE_DIR, "index"),
    log: log.child("knowledge"),
  });
  const getKnowledgeBase = knowledge.current;
  const stopping = stopOnSignals();
  stopping.signal.addEventListener("abort", () => void knowledge.close(), { once: true });
  process.once("beforeExit", () => void knowledge.close());

  if (config.mode === "shell") {
    await runShell({
      input: process.stdin,
      output: process.stdout,
      getKnowledgeBase,
      signal: stopping.signal,
      notes: skipped,
      notices,
    });
    return 0;
  }

  for (const line of skipped) log.warn(line);
  keepRunningOnStrayErrors(log);
  const state = await openStateStore(config, { log: log.child("state"), role: "bot" });
  const subcommands = [digestSubcommand({ timeZone: config.DIGEST_TZ })];
  let bot: Awaited<ReturnType<typeof startSlackBot>>;
  try {
    bot = await startSlackBot(config, { getKnowledgeBase, state, log, subcommands });
  } catch (error) {
    // The store's lock would otherwise outlive a failed start until the process is gone.
    await state.close();
    throw error;
  }
  log.info(
    `connected to Slack in ${bot.mode === "socket" ? "Socket Mode" : `HTTP mode on port ${bot.port} (/slack/events, /healthz)`}, ` +
      `answering from ${kb.index.documents.length} documents in ${kb.dir} (index ${kb.origin})`,
  );

  const digest = await attachDigest(config, {
    client: bot.app.client,
    store: state,
    getKnowledgeBase,
    log: log.child("digest"),
  });

  await new Promise((resolve) => stopping.signal.addEventListener("abort", resolve, { once: true }));
  log.info(`stopping (${String(stopping.signal.reason)})`);
  setTimeout(() => process.exit(0), STOP_GRACE_MS).unref();
  // At once and side by side: the bot refuses new requests and finishes the ones it acknowledged, and a
  // digest being posted is let finish (and recorded). Then the store is closed (every change is already in it).
  await Promise.all([
    digest?.stop(),
    bot.stop().catch((error: unknown) => log.warn("slack: could not stop cleanly:", error)),
  ]);
  await state.close();
  return 0;
});

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
 * A bot serving a team must not die of one stray error (a dropped socket emitting where nobody listens, a
 * promise nobody awaited): it is logged, and the bot goes on answering.
 */
function keepRunningOnStrayErrors(log: AppLogger): void {
  process.on("unhandledRejection", (reason) =>
    log.error("unhandled promise rejection (still running):", reason),
  );
  process.on("uncaughtException", (error) => log.error("uncaught exception (still running):", error));
}
