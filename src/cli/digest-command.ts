import { parseArgs } from "node:util";
import { WebClient } from "@slack/web-api";
import { loadConfig } from "../config.ts";
import { formatDay, isDay, localDay } from "../core/digest/day.ts";
import { digestJson, digestText } from "../core/digest/render.ts";
import { postDigestOnce, previewDigest } from "../digest/poster.ts";
import { chatFinder, chatPoster } from "../slack/digest-poster.ts";
import { openStateStore } from "../state/open.ts";
import type { StateStore } from "../state/types.ts";
import { CliExit, exitCodeOf } from "./exit.ts";
import type { CliIo } from "./io.ts";
import { openCommandKnowledge } from "./knowledge.ts";

export const DIGEST_USAGE = `usage: npm run -s digest -- --dry-run [--date YYYY-MM-DD] [--json] [--knowledge DIR]
       npm run -s digest -- --post [--date YYYY-MM-DD] [--force] [--knowledge DIR]

  --dry-run   print the digest for the day (default: today in DIGEST_TZ); posts and records nothing
  --json      with --dry-run: one JSON object {"date", "new", "figures", "text"}
  --post      post it to DIGEST_CHANNEL now and record it, exactly like the scheduled digest
  --force     with --post: post even if that day's digest is already recorded`;

const OPTIONS = {
  "dry-run": { type: "boolean" },
  post: { type: "boolean" },
  date: { type: "string" },
  json: { type: "boolean" },
  force: { type: "boolean" },
  knowledge: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

/**
 * `npm run digest`: prints a day's digest (`--dry-run`) or posts and records it (`--post`). Returns the exit
 * code: 0 done (or already posted), 1 not done, 2 a wrong command line, 78 a setting to fix.
 */
export function digestCommand(
  argv: string[],
  io: CliIo,
  now: () => Date = () => new Date(),
): Promise<number> {
  return exitCodeOf(io.errors, () => digest(argv, io, now));
}

async function digest(argv: string[], io: CliIo, now: () => Date): Promise<number> {
  let values: ReturnType<typeof parse>;
  try {
    values = parse(argv);
  } catch (error) {
    // parseArgs says which option is wrong ("Unknown option '--dryrun'"); the usage says what is right.
    throw new CliExit(
      `digest: ${(error as Error).message.replace(/\. To specify.*$/su, "")}\n${DIGEST_USAGE}`,
      2,
    );
  }
  if (values.help) {
    io.output.write(`${DIGEST_USAGE}\n`);
    return 0;
  }
  const problem = usageProblem(values);
  if (problem) throw new CliExit(`digest: ${problem}\n${DIGEST_USAGE}`, 2);

  const config = loadConfig(io.env, { tool: true });
  const day = values.date ?? localDay(now(), config.DIGEST_TZ);
  if (values.post) {
    // Checked before loading anything, and all at once, so one run says everything to set.
    const missing = [
      config.DIGEST_CHANNEL
        ? null
        : "DIGEST_CHANNEL is not set: set it to the id of the channel to post in (e.g. C0123456789; in " +
          "Slack, open the channel's details to copy it) and invite the bot there",
      config.SLACK_BOT_TOKEN
        ? null
        : "SLACK_BOT_TOKEN is not set: copy the bot token (xoxb-...) from your app's OAuth & Permissions page",
    ].filter((line) => line !== null);
    if (missing.length > 0) throw new CliExit(missing.map((line) => `digest: ${line}`).join("\n"), 78);
  }

  const { kb, skipped } = await openCommandKnowledge("digest", DIGEST_USAGE, {
    dir: values.knowledge ?? config.KNOWLEDGE_DIR,
    stateDir: config.STATE_DIR,
    errors: io.errors,
    terminal: io.progress,
  });
  for (const line of skipped) io.errors.write(`${line}\n`);

  // A tool beside a running bot: it shares the store (SQLite allows it) without taking the bot's place.
  const log = {
    info: () => undefined,
    warn: (...message: unknown[]) => io.errors.write(`${message.join(" ")}\n`),
  };
  const store = await openStateStore(config, { log, role: "tool" });
  try {
    return await postOrPreview(store);
  } finally {
    await store.close();
  }

  async function postOrPreview(store: StateStore): Promise<number> {
    if (values["dry-run"]) {
      const digest = await previewDigest(store, kb, day);
      io.output.write(`${values.json ? JSON.stringify(digestJson(digest)) : digestText(digest)}\n`);
      return 0;
    }

    const channel = config.DIGEST_CHANNEL!;
    const client = new WebClient(config.SLACK_BOT_TOKEN, {
      // WebClient appends the method name to this URL, so it must end with a slash.
      ...(config.SLACK_API_URL ? { slackApiUrl: config.SLACK_API_URL.replace(/\/?$/u, "/") } : {}),
      // No retry of a post by the client: a post that timed out may have been taken, and a second one would be
      // a second digest. Run again, the command first looks in the channel (chatFinder), posting only if absent.
      retryConfig: { retries: 0 },
      timeout: 30_000,
    });
    const outcome = await postDigestOnce({
      store,
      channel,
      day,
      now: now(),
      kb,
      post: chatPoster(client, channel),
      find: chatFinder(client, channel),
      force: values.force ?? false,
    });
    switch (outcome.status) {
      case "posted":
        io.output.write(`digest: posted the digest for ${formatDay(day)} to ${channel} (ts ${outcome.ts})\n`);
        return 0;
      case "already":
        io.output.write(
          outcome.entry.status === "posted"
            ? `digest: the digest for ${formatDay(day)} is already posted (ts ${outcome.entry.ts}); ` +
                "nothing to do (add --force to post it again)\n"
            : `digest: the digest for ${formatDay(day)} was being posted when a run stopped, so it may be in ` +
                "the channel already; not posting it (add --force to post it anyway)\n",
        );
        return 0;
      case "busy":
        throw new CliExit(
          `digest: another minusma-bot (${outcome.holder.owner}) is posting the ` +
            "digest right now; wait a minute and run this again",
          1,
        );
      case "found":
        io.output.write(
          `digest: the digest for ${formatDay(day)} is already in ${channel} (ts ${outcome.ts}); recorded it, ` +
            "nothing posted (add --force to post it again)\n",
        );
        return 0;
      case "failed":
        throw new CliExit(
          `digest: Slack did not take the digest: ${outcome.error.message}. ${slackHint(outcome.error)}`,
          1,
        );
    }
  }
}

function parse(argv: string[]) {
  return parseArgs({ args: argv, options: OPTIONS, strict: true }).values;
}

function usageProblem(values: ReturnType<typeof parse>): string | null {
  if (values["dry-run"] === values.post) return "give exactly one of --dry-run and --post";
  if (values.date !== undefined && !isDay(values.date))
    return `--date must be a real day written YYYY-MM-DD, such as 2024-06-03 (got "${values.date}")`;
  if (values.json && !values["dry-run"]) return "--json goes with --dry-run";
  if (values.force && !values.post) return "--force goes with --post";
  return null;
}

/** What to do about the Web API errors a digest post meets most. */
function slackHint(error: Error): string {
  const message = error.message;
  if (/not_in_channel|channel_not_found/u.test(message))
    return "Invite the bot to DIGEST_CHANNEL (/invite @minusma in the channel) and check the channel id.";
  if (/invalid_auth|not_authed|account_inactive|token_revoked/u.test(message))
    return "Check SLACK_BOT_TOKEN: copy it again from your app's OAuth & Permissions page.";
  if (/missing_scope/u.test(message)) return "Add the chat:write scope to the app and reinstall it.";
  return "Check the network and Slack's status, then run this again.";
}
