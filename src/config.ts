import { existsSync } from "node:fs";
import { z } from "zod";

// Empty strings count as unset, so `FOO=` in a .env file falls back to the default instead of failing.
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess(
    (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
    schema.optional(),
  );

const IANA_ZONE = (zone: string) => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

const envSchema = z.object({
  KNOWLEDGE_DIR: optional(z.string()).default("knowledge"),
  STATE_DIR: optional(z.string()).default(".data"),
  // Unset: the embedded SQLite file in STATE_DIR. Set: PostgreSQL, shared by every instance given the same URL.
  DATABASE_URL: optional(
    z.url({ protocol: /^postgres(ql)?$/u, error: "must be a postgres:// or postgresql:// URL" }),
  ),
  LOG_LEVEL: optional(z.enum(["debug", "info", "warn", "error"])).default("info"),
  SLACK_BOT_TOKEN: optional(
    z.string().startsWith("xoxb-", { error: "must be a bot token starting with xoxb-" }),
  ),
  SLACK_APP_TOKEN: optional(
    z.string().startsWith("xapp-", { error: "must be an app-level token starting with xapp-" }),
  ),
  SLACK_SIGNING_SECRET: optional(z.string().min(8, { error: "looks too short for a signing secret" })),
  SLACK_API_URL: optional(
    z.url({ protocol: /^https?$/u, error: "must be an http(s) URL such as https://slack.com/api/" }),
  ),
  // 0 lets the system pick a free port (the end-to-end tests use it).
  PORT: optional(
    z.coerce
      .number({ error: "must be a port number" })
      .int({ error: "must be a whole number" })
      .min(0, { error: "must be between 0 and 65535" })
      .max(65_535, { error: "must be between 0 and 65535" }),
  ).default(3000),
  HOST: optional(z.string().trim().min(1)),
  // Socket Mode has no HTTP server of its own: with this set it serves GET /healthz there (0: a free port).
  HEALTH_PORT: optional(
    z.coerce
      .number({ error: "must be a port number" })
      .int({ error: "must be a whole number" })
      .min(0, { error: "must be between 0 and 65535" })
      .max(65_535, { error: "must be between 0 and 65535" }),
  ),
  // Unset: one per core beyond the first, up to four (the Slack layer decides); 0 answers on the main thread.
  ANSWER_WORKERS: optional(
    z.coerce
      .number({ error: "must be a number" })
      .int({ error: "must be a whole number" })
      .min(0, { error: "must be 0 (answer on the main thread) or more" })
      .max(16, { error: "must be at most 16" }),
  ),
  // 0 turns the limit off.
  QUESTIONS_PER_MINUTE: optional(
    z.coerce
      .number({ error: "must be a number" })
      .int({ error: "must be a whole number" })
      .min(0, { error: "must be 0 (no limit) or more" })
      .max(1_000, { error: "must be at most 1000" }),
  ).default(10),
  DIGEST_CHANNEL: optional(
    z.string().regex(/^[CGD][A-Z0-9]{2,}$/u, { error: "must be a channel id such as C0123456789" }),
  ),
  DIGEST_TIME: optional(
    z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/u, { error: "must be HH:mm, 24-hour" }),
  ).default("08:00"),
  DIGEST_TZ: optional(
    z.string().refine(IANA_ZONE, { error: "must be an IANA time zone such as Africa/Bamako" }),
  ).default("UTC"),
});

export type Env = z.infer<typeof envSchema>;

export type Mode = "socket" | "http" | "shell";

export interface Config extends Env {
  mode: Mode;
}

/** What to do about each variable that is wrong, for the start-up error. */
const HINTS: Record<string, string> = {
  SLACK_BOT_TOKEN: "copy it from your app's OAuth & Permissions page",
  SLACK_APP_TOKEN: "create one under Basic Information > App-Level Tokens with the connections:write scope",
  SLACK_SIGNING_SECRET: "copy it from your app's Basic Information page",
  SLACK_API_URL: "leave it unset to talk to Slack itself",
  DATABASE_URL:
    "postgres://user:password@host:5432/database, for several instances sharing their state; unset for the SQLite file in STATE_DIR",
  PORT: "the port HTTP mode listens on, 3000 by default",
  HEALTH_PORT: "the port of GET /healthz in Socket Mode; unset: no health server",
  LOG_LEVEL: "one of debug, info, warn, error",
  ANSWER_WORKERS: "worker threads that answer questions; leave it unset for one per core (up to 4)",
  QUESTIONS_PER_MINUTE: "how many questions each person may ask a minute, 10 by default, 0 for no limit",
  DIGEST_TZ: "see the tz database names, e.g. Europe/Paris, Africa/Bamako, UTC",
};

/**
 * Loads `.env` from the working folder into the environment, if there is one, without overriding variables
 * already set (the shell's win). Only the bot's entry point calls it, so tests and tools see exactly the
 * environment they are given.
 */
export function loadDotEnv(file = ".env"): boolean {
  if (!existsSync(file)) return false;
  try {
    process.loadEnvFile(file);
    return true;
  } catch (error) {
    throw new ConfigError(`config: cannot read ${file} (${(error as Error).message}): fix it or remove it`);
  }
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

/**
 * Reads and validates the environment: the only place that does. Throws a ConfigError listing every bad
 * variable and what to do about it.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, options: LoadOptions = {}): Config {
  const result = envSchema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? "environment");
      const hint = HINTS[name];
      return `  ${name}: ${issue.message}${hint ? ` (${hint})` : ""}`;
    });
    throw new ConfigError(`config: fix these environment variables (see .env.example):\n${lines.join("\n")}`);
  }
  return { ...result.data, mode: chooseMode(result.data, options.tool ?? false) };
}

export interface LoadOptions {
  /**
   * A command-line tool (`npm run digest -- --post`) needs only the variables it uses, such as the bot token,
   * and never connects as the bot: half a set of Slack credentials is no error for it, and its mode is "shell".
   */
  tool?: boolean;
}

function chooseMode(env: Env, tool: boolean): Mode {
  if (env.SLACK_APP_TOKEN && env.SLACK_BOT_TOKEN) return "socket";
  if (env.SLACK_BOT_TOKEN && env.SLACK_SIGNING_SECRET) return "http";
  if (!tool && (env.SLACK_APP_TOKEN || env.SLACK_BOT_TOKEN || env.SLACK_SIGNING_SECRET)) {
    throw new ConfigError(
      "config: incomplete Slack credentials. For Socket Mode set SLACK_BOT_TOKEN and SLACK_APP_TOKEN; " +
        "for HTTP mode set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET; unset all three for the local shell.",
    );
  }
  return "shell";
}
