import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { availableParallelism, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import autocannon, { type Instance, type Result } from "autocannon";
import { defaultAnswerWorkers } from "../src/knowledge/answer-pool.ts";
import { POST_BURST, paceDelays } from "../src/slack/pace.ts";
import { APOLOGY_TEXT, BUSY_TEXT } from "../src/slack/strings.ts";
import { commandBody, eventEnvelope, slackSignature } from "../test/helpers/signed-request.ts";
import { SlackStandIn } from "../test/helpers/slack-stand-in.ts";
import type { ProbeSample } from "./load-probe.ts";
import { random, syntheticQuestions, writeSyntheticCorpus } from "./synthetic.ts";
import { machineLoad, Targets } from "./targets.ts";

// The load benchmark of issues 6 and 12: the real bot (compiled, dist/main.js, HTTP mode, Bolt's receiver) on 127.0.0.1,
// answering from 10,000 passages, its Web API and response_urls pointed at the stand-in in this process,
// driven by autocannon with requests signed as Slack signs them: 200 slash commands and 50 mentions a
// second. Nothing leaves 127.0.0.1; the run is bounded in requests and in time, and stops by itself.
// Usage: npm run bench:load [-- --seconds N] [--commands N] [--mentions N] [--mention-channels N] [--workers N]
//   (defaults: 60 s, 200 commands/s, 50 mentions/s, the bot's own number of answer workers)

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

const COMMANDS_PER_SECOND = 200;
const MENTIONS_PER_SECOND = 50;
const PASSAGES = 10_000;
/** Enough askers that nobody passes QUESTIONS_PER_MINUTE (10): 200/s over 3,000 people is 4 a minute each. */
const COMMAND_USERS = 3_000;
const MENTION_USERS = 1_000;
/**
 * Mentions land in 500 channels at random, one every 10 s in each on average: every channel as busy as a busy
 * channel gets, for the whole run. Slack posts about one message a second in a channel, with short bursts
 * (src/slack/pace.ts: three at once, then one a second); at 100 channels (half a mention a second in each, at
 * random) one mention in 17 met a channel whose burst was spent, and their wait for Slack's pace (p99 1.4-1.7 s)
 * was the whole mentions' tail. That wait is Slack's limit, not the bot's: `--mention-channels 100` shows it,
 * and the run prints what the pace alone makes its mentions wait. (Slack itself delivers at most 30,000 events
 * an hour from one workspace to an app, about 8 a second: the 50 a second here are a CPU load, not a workspace.)
 */
const MENTION_CHANNELS = 500;
/**
 * autocannon paces each connection by sending its quota at the start of every second. Spreading each kind
 * of request over several autocannon instances started a fraction of a second apart makes the arrivals
 * closer to the steady stream a workspace sends, rather than one burst a second.
 */
const COMMAND_WAVES = 10;
const MENTION_WAVES = 5;
// The targets of issue 12, on 2 cores at 250 questions a second.
const TARGET_ACK_P99_MS = 100;
const TARGET_ANSWER_P99_MS = 1_000;
const TARGET_RSS_GROWTH_MB = 50;
/** A question claims its event, counts against its asker's limit and remembers its thread: three writes. */
const TARGET_STATE_WRITES = 4;
/** CPU of the main thread (HTTP, Bolt, state, posting) per question */
const TARGET_MAIN_CPU_MS = 1.5;
/** CPU of the other threads (answer workers, and V8's helpers such as GC) per answer */
const TARGET_ANSWER_CPU_MS = 3;
/** Linux's clock ticks a second, the unit of /proc/<pid>/task/<tid>/stat (USER_HZ is 100 everywhere). */
const TICKS_PER_SECOND = 100;
const SECRET = "load-bench-signing-secret-0f3c9a";
const TOKEN = "xoxb-load-bench-0000-not-a-real-token";
/** The longest the answers may take to arrive after the last request, before the run gives up waiting. */
const DELIVERY_GRACE_MS = 120_000;

/** The value of `--name N` or `--name=N`, a whole number from `min` to `max`, or `fallback` when absent. */
function numberFlag(argv: string[], name: string, fallback: number, min: number, max: number): number {
  const at = argv.findIndex((arg) => arg === `--${name}` || arg.startsWith(`--${name}=`));
  if (at === -1) return fallback;
  const raw = argv[at]?.includes("=") ? argv[at]?.split("=")[1] : argv[at + 1];
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(
      `bench: --${name} must be a whole number from ${min} to ${max} (got ${raw ?? "nothing"})`,
    );
  }
  return value;
}

const mb = (bytes: number) => bytes / 1024 / 1024;

/**
 * CPU time the bot's threads used so far, from /proc (Linux): its main thread's (the thread whose id is the
 * process id) and all its other threads' together, in milliseconds. Node 20 has no per-thread CPU clock.
 */
async function threadCpu(pid: number): Promise<{ main: number; others: number } | null> {
  try {
    let main = 0;
    let others = 0;
    for (const tid of await readdir(`/proc/${pid}/task`)) {
      const stat = await readFile(`/proc/${pid}/task/${tid}/stat`, "utf8").catch(() => "");
      if (stat === "") continue;
      // Fields after the command name: state is the 3rd field; utime and stime the 14th and 15th.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const ms = ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
      if (Number(tid) === pid) main += ms;
      else others += ms;
    }
    return { main, others };
  } catch {
    return null;
  }
}

function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

const ms = (value: number) => `${value < 10 ? value.toFixed(1) : value.toFixed(0)} ms`;

/**
 * The bot as production runs it (`node dist/main.js`, compiled by `npm run build`), with the probe preloaded
 * (through tsx, which only the probe needs) and an IPC channel to ask it for samples.
 */
function spawnBot(env: Record<string, string>): ChildProcess {
  return spawn(
    process.execPath,
    // No --expose-gc: memory is measured as the bot holds it, its workers collecting when they fall quiet.
    [
      "--import",
      "tsx",
      "--import",
      pathToFileURL(path.join(root, "bench/load-probe.ts")).href,
      "dist/main.js",
    ],
    {
      cwd: root,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
      stdio: ["ignore", "pipe", "pipe", "ipc"],
    },
  );
}

/** One sample at a time: replies come back in order, and each is taken by the request that asked for it. */
let sampling: Promise<unknown> = Promise.resolve();

function sample(bot: ChildProcess, options: { reset?: boolean } = {}): Promise<ProbeSample> {
  const next = sampling.then(() => sampleNow(bot, options));
  sampling = next.catch(() => undefined);
  return next;
}

function sampleNow(bot: ChildProcess, options: { reset?: boolean }): Promise<ProbeSample> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error("bench: the bot did not answer the probe within 10 s")),
      10_000,
    );
    bot.once("message", (message) => {
      clearTimeout(timer);
      resolve(message as ProbeSample);
    });
    bot.send({ type: "sample" });
    if (options.reset) bot.send({ type: "reset" });
  });
}

interface Traffic {
  /** request id -> when it was sent (Date.now()); ids are response_url ids and mention thread keys */
  commands: Map<string, number>;
  mentions: Map<string, number>;
  ackMs: number[];
  acked: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  seconds: number;
}

interface Counters {
  command: number;
  mention: number;
}

/**
 * Sends `commandsPerSecond` slash commands and `mentionsPerSecond` mentions for `seconds`, every request
 * signed with a fresh timestamp, and resolves when autocannon has had every response.
 */
async function drive(
  url: string,
  standIn: SlackStandIn,
  questions: string[],
  counters: Counters,
  rates: { commandsPerSecond: number; mentionsPerSecond: number; seconds: number; mentionChannels: number },
): Promise<Traffic> {
  const traffic: Traffic = {
    commands: new Map(),
    mentions: new Map(),
    ackMs: [],
    acked: 0,
    non2xx: 0,
    errors: 0,
    timeouts: 0,
    seconds: rates.seconds,
  };
  const channelOf = random(11 + counters.mention);
  const signed = (body: string, contentType: string) => {
    const timestamp = Math.floor(Date.now() / 1000);
    return {
      method: "POST",
      path: "/slack/events",
      headers: {
        "content-type": contentType,
        "x-slack-request-timestamp": String(timestamp),
        "x-slack-signature": slackSignature(SECRET, timestamp, body),
      },
      body,
    };
  };
  const commandRequest = () => {
    counters.command += 1;
    const n = counters.command;
    const id = `c${n}`;
    traffic.commands.set(id, Date.now());
    const body = commandBody({
      text: questions[n % questions.length] ?? "troop ceiling",
      responseUrl: standIn.responseUrl(id),
      user: `UC${n % COMMAND_USERS}`,
      channel: `CC${n % 50}`,
    });
    return signed(body, "application/x-www-form-urlencoded");
  };
  const mentionRequest = () => {
    counters.mention += 1;
    const n = counters.mention;
    const channel = `CL${Math.floor(channelOf() * rates.mentionChannels)}`;
    const ts = `${1_700_000_000 + n}.000100`;
    traffic.mentions.set(`${channel}:${ts}`, Date.now());
    const body = eventEnvelope(`EvLoad${n}`, {
      type: "app_mention",
      channel,
      user: `UM${n % MENTION_USERS}`,
      text: `<@U0BOT> ${questions[(n * 7) % questions.length] ?? "troop ceiling"}`,
      ts,
      event_ts: ts,
    });
    return signed(body, "application/json");
  };

  const waves: Array<Promise<Result>> = [];
  const launch = (
    rate: number,
    connections: number,
    build: () => ReturnType<typeof signed>,
    delayMs: number,
  ) => {
    waves.push(
      new Promise<Result>((resolve, reject) => {
        setTimeout(() => {
          const instance: Instance = autocannon(
            {
              url: url.replace("/slack/events", ""),
              connections,
              overallRate: rate,
              amount: rate * rates.seconds,
              timeout: 10,
              requests: [{ setupRequest: () => build() }],
            },
            (error, result) => (error ? reject(error) : resolve(result)),
          );
          instance.on("response", (_client: unknown, status: number, _bytes: number, responseMs: number) => {
            if (status >= 200 && status < 300) {
              traffic.acked += 1;
              traffic.ackMs.push(responseMs);
            } else {
              traffic.non2xx += 1;
            }
          });
        }, delayMs);
      }),
    );
  };
  // Each wave takes an equal share of the rate, the first ones one more when it does not divide evenly.
  const share = (total: number, waves: number, i: number) =>
    Math.floor(total / waves) + (i < total % waves ? 1 : 0);
  for (let i = 0; i < COMMAND_WAVES; i += 1) {
    const rate = share(rates.commandsPerSecond, COMMAND_WAVES, i);
    if (rate > 0) launch(rate, Math.min(2, rate), commandRequest, (i * 1000) / COMMAND_WAVES);
  }
  for (let i = 0; i < MENTION_WAVES; i += 1) {
    const rate = share(rates.mentionsPerSecond, MENTION_WAVES, i);
    if (rate > 0) launch(rate, 1, mentionRequest, 50 + (i * 1000) / MENTION_WAVES);
  }
  for (const result of await Promise.all(waves)) {
    traffic.errors += result.errors;
    traffic.timeouts += result.timeouts;
  }
  return traffic;
}

/** What reached Slack (the stand-in) for the traffic: answers, and answers that were apologies. */
function delivered(standIn: SlackStandIn, traffic: Traffic) {
  const commandAnswers = new Map<string, { at: number; text: string }>();
  for (const post of standIn.responses) {
    if (post.status >= 300 || !traffic.commands.has(post.id) || commandAnswers.has(post.id)) continue;
    commandAnswers.set(post.id, { at: post.at, text: String(post.body.text ?? "") });
  }
  const mentionAnswers = new Map<string, { at: number; text: string }>();
  let duplicates = 0;
  for (const call of standIn.calls) {
    if (call.method !== "chat.postMessage") continue;
    const key = `${String(call.args.channel)}:${String(call.args.thread_ts)}`;
    if (!traffic.mentions.has(key)) continue;
    if (mentionAnswers.has(key)) duplicates += 1;
    else mentionAnswers.set(key, { at: call.at, text: String(call.args.text ?? "") });
  }
  return { commandAnswers, mentionAnswers, duplicates };
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  const seconds = numberFlag(argv, "seconds", 60, 1, 600);
  // Other rates, to find what the bot sustains on a machine: the issue's figures are the defaults.
  const commandsPerSecond = numberFlag(argv, "commands", COMMANDS_PER_SECOND, 0, 1_000);
  const mentionsPerSecond = numberFlag(argv, "mentions", MENTIONS_PER_SECOND, 0, 1_000);
  const mentionChannels = numberFlag(argv, "mention-channels", MENTION_CHANNELS, 1, 100_000);
  // ANSWER_WORKERS for the bot; unset (-1 here) leaves the bot's own choice, one per core beyond the first.
  const workers = numberFlag(argv, "workers", -1, 0, 16);
  const work = await mkdtemp(path.join(tmpdir(), "minusma-load-"));
  let bot: ChildProcess | null = null;
  let standIn: SlackStandIn | null = null;
  // However the run goes, it ends: the load, the answers and the stop each have a bound; this is the last one.
  const deadline = setTimeout(
    () => {
      console.error("bench: the run went past its time limit; stopping everything");
      bot?.kill("SIGKILL");
      process.exit(2);
    },
    (seconds + 300) * 1000,
  );
  deadline.unref();
  try {
    console.log(
      `minusma-bot load benchmark, node ${process.version}: ${commandsPerSecond} slash commands/s + ` +
        `${mentionsPerSecond} mentions/s (in ${mentionChannels} channels) for ${seconds} s, ${PASSAGES} passages, HTTP mode on 127.0.0.1; ` +
        `machine: ${machineLoad()}`,
    );
    await new Promise<void>((resolve, reject) =>
      spawn("npm", ["run", "-s", "build"], { cwd: root, stdio: "inherit" }).on("exit", (code) =>
        code === 0 ? resolve() : reject(new Error(`bench: npm run build failed (exit ${code})`)),
      ),
    );
    const corpus = await writeSyntheticCorpus(path.join(work, "knowledge"), PASSAGES);
    const questions = syntheticQuestions(corpus, 2_000);
    standIn = await SlackStandIn.start();
    const started = Date.now();
    // Every variable is given, empty when unset, so a developer's .env cannot change the run.
    bot = spawnBot({
      SLACK_BOT_TOKEN: TOKEN,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_APP_TOKEN: "",
      SLACK_API_URL: standIn.apiUrl,
      PORT: "0",
      HOST: "127.0.0.1",
      KNOWLEDGE_DIR: corpus.dir,
      STATE_DIR: path.join(work, "state"),
      LOG_LEVEL: "info",
      DIGEST_CHANNEL: "",
      QUESTIONS_PER_MINUTE: "",
      ANSWER_WORKERS: workers >= 0 ? String(workers) : "",
    });
    const logCounts = { warn: 0, error: 0 };
    const firstProblems: string[] = [];
    let output = "";
    const onOutput = (chunk: Buffer) => {
      const text = chunk.toString();
      if (!output.includes("HTTP mode on port")) output += text;
      for (const line of text.split("\n")) {
        const level = / (WARN|ERROR) /u.exec(line)?.[1];
        if (!level) continue;
        logCounts[level === "WARN" ? "warn" : "error"] += 1;
        if (firstProblems.length < 5) firstProblems.push(line);
      }
    };
    bot.stdout?.on("data", onOutput);
    bot.stderr?.on("data", onOutput);
    const exited = new Promise<{ code: number | null; at: number }>((resolve) =>
      bot?.on("exit", (code) => resolve({ code, at: Date.now() })),
    );
    const port = await new Promise<string>((resolve, reject) => {
      const poll = setInterval(() => {
        const found = /HTTP mode on port (\d+)/u.exec(output)?.[1];
        if (found) {
          clearInterval(poll);
          resolve(found);
        } else if (Date.now() - started > 180_000 || bot?.exitCode !== null) {
          clearInterval(poll);
          reject(new Error(`bench: the bot did not start; its output was:\n${output}`));
        }
      }, 50);
    });
    const url = `http://127.0.0.1:${port}/slack/events`;
    const booted = await sample(bot);
    console.log(
      `start: listening after ${((Date.now() - started) / 1000).toFixed(1)} s (index built over ${PASSAGES} passages), ` +
        `RSS ${mb(booted.rssBytes).toFixed(0)} MB; answer workers: ${workers >= 0 ? workers : `${defaultAnswerWorkers()} (the default)`}`,
    );

    // A short warm-up at a quarter of the rate, as a bot that has been running a while is warm.
    const counters: Counters = { command: 0, mention: 0 };
    const warm = await drive(url, standIn, questions, counters, {
      commandsPerSecond: Math.ceil(commandsPerSecond / 4),
      mentionsPerSecond: Math.ceil(mentionsPerSecond / 4),
      seconds: 3,
      mentionChannels,
    });
    await waitForDelivery(standIn, warm, 30_000);
    // The start sample is taken once every answer worker is at rest: its idle warm-up done (postings unpacked,
    // role statements and the word list read) and the warm-up questions' garbage collected, as a bot that has
    // been up a little while is.
    const rested = await atRest(bot, SETTLE_LIMIT_MS);
    const before = await sample(bot, { reset: true });
    const cpuBefore = bot.pid ? await threadCpu(bot.pid) : null;

    const loadStart = Date.now();
    const ownCpuBefore = process.cpuUsage();
    // Memory every second while the load runs and the answers drain: a leak climbs, a warming heap levels off,
    // garbage not yet collected comes and goes. The peak and each thread's largest heap come from these.
    const during: Array<{ at: number; sample: ProbeSample }> = [];
    let sampling = true;
    const sampler = (async () => {
      while (sampling && bot) {
        const at = Date.now();
        const taken = await sample(bot).catch(() => null);
        if (taken) during.push({ at, sample: taken });
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, MEMORY_EVERY_MS - (Date.now() - at))));
      }
    })();
    const traffic = await drive(url, standIn, questions, counters, {
      commandsPerSecond,
      mentionsPerSecond,
      seconds,
      mentionChannels,
    });
    const loadSeconds = (Date.now() - loadStart) / 1000;
    const drained = await waitForDelivery(standIn, traffic, DELIVERY_GRACE_MS);
    const drainSeconds = (Date.now() - loadStart) / 1000 - loadSeconds;
    sampling = false;
    await sampler;
    const busySeconds = (Date.now() - loadStart) / 1000;
    const ownCpu = process.cpuUsage(ownCpuBefore);
    // The end sample once the answers have drained and the workers are at rest again (they collect after a
    // second without questions); the CPU read after it, so the collection counts in the answers' CPU.
    const settledAt = Date.now();
    const restedAfter = await atRest(bot, SETTLE_LIMIT_MS);
    const settleMs = Date.now() - settledAt;
    const after = await sample(bot);
    const cpuAfter = bot.pid ? await threadCpu(bot.pid) : null;

    const signalled = Date.now();
    bot.kill("SIGTERM");
    const exit = await exited;

    // The report.
    const targets = new Targets();
    const acks = [...traffic.ackMs].sort((a, b) => a - b);
    const { commandAnswers, mentionAnswers, duplicates } = delivered(standIn, traffic);
    const answers = [...commandAnswers.values(), ...mentionAnswers.values()];
    const apologies = answers.filter((answer) => answer.text === APOLOGY_TEXT).length;
    const busy = answers.filter((answer) => answer.text === BUSY_TEXT).length;
    const slowDowns = answers.filter((answer) => answer.text.startsWith("You're asking faster")).length;
    // Each answer with when its request was sent, so the report can say when in the run the slow ones were.
    const timed = [
      ...[...commandAnswers].map(([id, answer]) => ({
        sent: traffic.commands.get(id) ?? answer.at,
        at: answer.at,
      })),
      ...[...mentionAnswers].map(([key, answer]) => ({
        sent: traffic.mentions.get(key) ?? answer.at,
        at: answer.at,
      })),
    ];
    const answerMs = timed.map((answer) => answer.at - answer.sent).sort((a, b) => a - b);
    const kindMs = (answers: Map<string, { at: number }>, sentAt: Map<string, number>) =>
      [...answers].map(([id, answer]) => answer.at - (sentAt.get(id) ?? answer.at)).sort((a, b) => a - b);
    const commandMs = kindMs(commandAnswers, traffic.commands);
    const mentionMs = kindMs(mentionAnswers, traffic.mentions);
    const sent = traffic.commands.size + traffic.mentions.size;
    const ackP99 = percentile(acks, 0.99);
    const answerP99 = percentile(answerMs, 0.99);
    const growth = mb(after.rssBytes - before.rssBytes);
    const errors =
      traffic.errors +
      traffic.timeouts +
      traffic.non2xx +
      apologies +
      slowDowns +
      logCounts.warn +
      logCounts.error;
    const allDelivered =
      drained &&
      commandAnswers.size === traffic.commands.size &&
      mentionAnswers.size === traffic.mentions.size;
    const refused = after.refused.length;

    console.log(
      `load: ${sent} requests in ${loadSeconds.toFixed(1)} s (${(sent / loadSeconds).toFixed(0)}/s: ` +
        `${traffic.commands.size} commands, ${traffic.mentions.size} mentions), ${traffic.acked} acknowledged`,
    );
    console.log(
      `acks: p50 ${ms(percentile(acks, 0.5))}, p99 ${ms(ackP99)}, max ${ms(acks.at(-1) ?? Number.NaN)} ` +
        targets.check("ack p99", ackP99, TARGET_ACK_P99_MS, "ms"),
    );
    console.log(
      `replies delivered: ${commandAnswers.size}/${traffic.commands.size} commands, ` +
        `${mentionAnswers.size}/${traffic.mentions.size} mentions, ${duplicates} twice ` +
        targets.require("delivered", allDelivered && duplicates === 0, "all, once") +
        `; last one ${drainSeconds.toFixed(1)} s after the last request`,
    );
    console.log(
      `questions answered: ${answers.length - busy - apologies - slowDowns} of ${sent} (${busy} told the bot ` +
        `was busy, ${apologies} apologies, ${slowDowns} slow-downs) ` +
        targets.require(
          "every question answered",
          allDelivered && busy + apologies + slowDowns === 0,
          "every one",
        ),
    );
    console.log(
      `request to answer: p50 ${ms(percentile(answerMs, 0.5))}, p99 ${ms(answerP99)}, max ` +
        `${ms(answerMs.at(-1) ?? Number.NaN)} ${targets.check("request to answer p99", answerP99, TARGET_ANSWER_P99_MS, "ms")}; slash commands p50 ` +
        `${ms(percentile(commandMs, 0.5))}, p99 ${ms(percentile(commandMs, 0.99))}; mentions p50 ` +
        `${ms(percentile(mentionMs, 0.5))}, p99 ${ms(percentile(mentionMs, 0.99))}`,
    );
    // What Slack's pace alone makes these mentions wait (each channel's burst, then one a second), whatever the
    // bot does: the part of the mentions' wait that is Slack's limit, not the bot's.
    const paced = paceDelays(
      [...traffic.mentions]
        .map(([key, at]) => ({ channel: key.slice(0, key.indexOf(":")), at }))
        .sort((a, b) => a.at - b.at),
    ).sort((a, b) => a - b);
    console.log(
      `mentions in ${mentionChannels} channels (${(mentionsPerSecond / mentionChannels).toFixed(2)} a second each): ` +
        `Slack's pace alone (${POST_BURST} at once, then one a second a channel) makes ` +
        `${paced.filter((wait) => wait > 0).length} of ${paced.length} wait on these arrivals, p99 ` +
        `${ms(percentile(paced, 0.99))}, max ${ms(paced.at(-1) ?? 0)}`,
    );
    console.log(overTime(timed, loadStart, seconds));
    console.log(
      `errors: ${errors} (${traffic.errors} connection errors, ${traffic.timeouts} timeouts, ${traffic.non2xx} non-2xx, ` +
        `${apologies} apologies, ${slowDowns} slow-downs, ${logCounts.warn} warnings and ${logCounts.error} errors ` +
        `in the bot's log) ${targets.require("no errors", errors === 0, "none")}`,
    );
    for (const line of firstProblems) console.log(`  ${line}`);
    const peak = during.reduce(
      (top, { at, sample: taken }) =>
        taken.peakRssBytes > top.bytes ? { bytes: taken.peakRssBytes, at } : top,
      { bytes: Math.max(before.rssBytes, after.rssBytes), at: Number.NaN },
    );
    console.log(
      `RSS: ${mb(before.rssBytes).toFixed(0)} MB at start (answer workers warmed up, the bot at rest${rested ? "" : ": NOT reached"}), ` +
        `${mb(after.rssBytes).toFixed(0)} MB at end (answers drained, then at rest and RSS steady ${restedAfter ? `after ${(settleMs / 1000).toFixed(1)} s` : `: NOT reached in ${SETTLE_LIMIT_MS / 1000} s`}), ` +
        `${growth >= 0 ? "+" : ""}${growth.toFixed(0)} MB ` +
        `${targets.check("RSS growth", growth, TARGET_RSS_GROWTH_MB, "MB", true)}; peak ${mb(peak.bytes).toFixed(0)} MB` +
        (Number.isNaN(peak.at) ? "" : ` at ${((peak.at - loadStart) / 1000).toFixed(0)} s`),
    );
    console.log(memoryByThread(before, during, after));
    const timeline = during.filter((_, i) => i % TIMELINE_EVERY === TIMELINE_EVERY - 1);
    console.log(
      timeline.length > 0
        ? `RSS every ${TIMELINE_EVERY} s of the run: ${timeline.map(({ sample: taken }) => mb(taken.rssBytes).toFixed(0)).join(", ")} MB`
        : `RSS every ${TIMELINE_EVERY} s of the run: none sampled (the run was shorter)`,
    );
    console.log(
      `event-loop delay during the load: p50 ${ms(after.loopDelay.p50)}, p99 ${ms(after.loopDelay.p99)}, ` +
        `max ${ms(after.loopDelay.max)}`,
    );
    console.log(
      `CPU while loaded and draining (${busySeconds.toFixed(0)} s): the bot ` +
        `${((after.cpuMs - before.cpuMs) / 10 / busySeconds).toFixed(0)}% of a core, this process (load ` +
        `generator and Web API stand-in) ${((ownCpu.user + ownCpu.system) / 10_000 / busySeconds).toFixed(0)}%, ` +
        `on ${availableParallelism()} cores; machine: ${machineLoad()}`,
    );
    if (cpuBefore && cpuAfter) {
      const mainPerQuestion = (cpuAfter.main - cpuBefore.main) / sent;
      const othersPerAnswer = (cpuAfter.others - cpuBefore.others) / Math.max(1, answers.length - busy);
      console.log(
        `CPU per question: main thread ${mainPerQuestion.toFixed(2)} ms ` +
          `${targets.check("main-thread CPU per question", mainPerQuestion, TARGET_MAIN_CPU_MS, "ms")}; ` +
          `other threads (answer workers, GC helpers) ${othersPerAnswer.toFixed(2)} ms per answer ` +
          targets.check("answer CPU per answer", othersPerAnswer, TARGET_ANSWER_CPU_MS, "ms"),
      );
    } else {
      console.log(
        `CPU per question: not measured (no /proc here) ${targets.require("CPU per question", false, "measured")}`,
      );
    }
    const writesPerQuestion = (after.stateWrites - before.stateWrites) / sent;
    console.log(
      `state writes per question: ${writesPerQuestion.toFixed(2)} (${after.stateWrites - before.stateWrites} ` +
        `rows written through for ${sent} questions) ` +
        targets.check("state writes per question", writesPerQuestion, TARGET_STATE_WRITES, ""),
    );
    console.log(
      `stop: SIGTERM -> exit code ${exit.code} in ${exit.at - signalled} ms; requests to anything but 127.0.0.1: ` +
        `${refused} ${targets.require("clean stop", exit.code === 0 && refused === 0, "exit 0, nothing outside")}`,
    );
    console.log(targets.summary());
    const met = targets.missed.length === 0;
    return met ? 0 : 1;
  } finally {
    clearTimeout(deadline);
    if (bot && bot.exitCode === null) bot.kill("SIGKILL");
    await standIn?.close();
    await rm(work, { recursive: true, force: true });
  }
}

/** How often memory is sampled during the run. */
const MEMORY_EVERY_MS = 1_000;
/** Samples between two figures of the printed RSS timeline (one every 10 s). */
const TIMELINE_EVERY = 10;
/** The longest the bot may take to come to rest (warm-up done, garbage collected) before a memory sample. */
const SETTLE_LIMIT_MS = 60_000;
/** RSS is steady when it fell by less than this over RSS_STEADY_EVERY_MS. */
const RSS_STEADY_BYTES = 2 * 1024 * 1024;
const RSS_STEADY_EVERY_MS = 500;

/**
 * Waits until the bot is at rest: every answer worker holds a base and has done its idle warm-up, no thread
 * has a collection pending after its last question (each collects after a second without one), and RSS has
 * stopped falling; false when `limitMs` passes first.
 */
async function atRest(bot: ChildProcess, limitMs: number): Promise<boolean> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const taken = await sample(bot);
    if ((taken.main?.settled ?? true) && taken.workers.every((worker) => worker?.settled)) break;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  // V8 hands the pages a collection emptied back to the system from a helper thread, within a second or
  // two: RSS is read once it has stopped falling.
  let last = await sample(bot);
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, RSS_STEADY_EVERY_MS));
    const next = await sample(bot);
    if (last.rssBytes - next.rssBytes < RSS_STEADY_BYTES) return true;
    if (Date.now() > deadline) return false;
    last = next;
  }
}

/**
 * Where the memory is, thread by thread, at the start, at its largest during the run and at the end: the
 * main thread's heap (used/reserved) and each answer worker's (used/reserved, and what it held after its
 * last collection), in MB. RSS is the whole process: these heaps, plus each thread's stack, V8's code and
 * buffers, and the allocator's free lists.
 */
function memoryByThread(
  before: ProbeSample,
  during: Array<{ sample: ProbeSample }>,
  after: ProbeSample,
): string {
  const f = (bytes: number | null | undefined) => (bytes == null ? "?" : mb(bytes).toFixed(0));
  const largest = (pick: (taken: ProbeSample) => number | undefined) =>
    Math.max(...during.map(({ sample: taken }) => pick(taken) ?? 0), 0);
  const main =
    `main thread ${f(before.heapUsedBytes)}/${f(before.heapTotalBytes)} -> ` +
    `${f(largest((t) => t.heapUsedBytes))}/${f(largest((t) => t.heapTotalBytes))} -> ` +
    `${f(after.heapUsedBytes)}/${f(after.heapTotalBytes)} (held after its last collection ` +
    `${f(after.main?.liveBytes)}, ${(after.main?.collections ?? 0) - (before.main?.collections ?? 0)} collections since the start)`;
  const workers = after.workers.map((end, i) => {
    const start = before.workers[i];
    return (
      `answer worker ${i + 1} ${f(start?.usedBytes)}/${f(start?.totalBytes)} -> ` +
      `${f(largest((t) => t.workers[i]?.usedBytes))}/${f(largest((t) => t.workers[i]?.totalBytes))} -> ` +
      `${f(end?.usedBytes)}/${f(end?.totalBytes)} (held after its last collection ${f(end?.liveBytes)}, ` +
      `${(end?.collections ?? 0) - (start?.collections ?? 0)} collections since the start)`
    );
  });
  // What RSS holds besides the JavaScript heaps: code, stacks, buffers, SQLite's cache, the allocator's free lists.
  const outside = (taken: ProbeSample) =>
    taken.rssBytes -
    taken.heapTotalBytes -
    taken.workers.reduce((sum, worker) => sum + (worker?.totalBytes ?? 0), 0);
  return (
    `heap by thread, used/reserved MB at start -> largest during the run -> at end: ${[main, ...workers].join("; ")}; ` +
    `RSS outside the heaps ${f(outside(before))} -> ${f(outside(after))} MB`
  );
}

/** Seconds of the run a line of the request-to-answer timeline covers. */
const TIMELINE_STEP_S = 5;

/**
 * Request to answer over the run, by when the request was sent: the p99 and max of each TIMELINE_STEP_S
 * seconds, and when the slowest answers were asked. A tail from one stall (a worker starting, a long GC)
 * shows as one bad step; a tail from too little CPU shows as steps getting worse.
 */
function overTime(timed: Array<{ sent: number; at: number }>, loadStart: number, seconds: number): string {
  const steps: number[][] = [];
  for (const { sent, at } of timed) {
    const step = Math.max(0, Math.floor((sent - loadStart) / 1000 / TIMELINE_STEP_S));
    const values = steps[step] ?? [];
    values.push(at - sent);
    steps[step] = values;
  }
  const cells: string[] = [];
  for (let i = 0; i < Math.max(steps.length, Math.ceil(seconds / TIMELINE_STEP_S)); i += 1) {
    const values = (steps[i] ?? []).sort((a, b) => a - b);
    cells.push(
      values.length === 0 ? "-" : `${percentile(values, 0.99).toFixed(0)}/${(values.at(-1) ?? 0).toFixed(0)}`,
    );
  }
  const slowest = [...timed]
    .sort((a, b) => b.at - b.sent - (a.at - a.sent))
    .slice(0, 5)
    .map(({ sent, at }) => `${at - sent} ms at ${((sent - loadStart) / 1000).toFixed(1)} s`);
  return (
    `request to answer every ${TIMELINE_STEP_S} s of the run (p99/max ms, by when it was asked): ${cells.join(" ")}; ` +
    `slowest: ${slowest.join(", ")}`
  );
}

/** Waits until every request of `traffic` has its answer at the stand-in, or `limitMs` passes (false). */
async function waitForDelivery(standIn: SlackStandIn, traffic: Traffic, limitMs: number): Promise<boolean> {
  const deadline = Date.now() + limitMs;
  const wanted = traffic.commands.size + traffic.mentions.size;
  for (;;) {
    const { commandAnswers, mentionAnswers } = delivered(standIn, traffic);
    if (commandAnswers.size + mentionAnswers.size >= wanted) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
