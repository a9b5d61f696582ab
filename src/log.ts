import { inspect } from "node:util";
import type { Logger, LogLevel } from "@slack/bolt";
import type { Config } from "./config.ts";

export type Level = "debug" | "info" | "warn" | "error";

const RANK: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Where finished log lines go. */
export type LogSink = (level: Level, line: string) => void;

/** info and debug to stdout, warnings and errors to stderr, like the Slack SDKs' own console logger. */
export const consoleSink: LogSink = (level, line) => {
  (RANK[level] >= RANK.warn ? process.stderr : process.stdout).write(`${line}\n`);
};

/** Everything to stderr: for the local shell, whose conversation owns stdout. */
export const stderrSink: LogSink = (_level, line) => {
  process.stderr.write(`${line}\n`);
};

// Slack token shapes: xoxb- (bot), xoxp- (user), xapp- (app-level) and the rest of the xox family. Redacted
// wherever they appear, whoever logs them (our code, Bolt, the Web API client).
const TOKEN_PATTERN = /\b(?:xox[a-z]|xapp)-[A-Za-z0-9-]+/gu;
// The Socket Mode WebSocket URL carries a connection ticket, which the SDK logs at debug level.
const TICKET_PATTERN = /\bticket=[^&\s"']+/gu;

export interface LoggerOptions {
  level: Level;
  name?: string;
  sink?: LogSink;
  /** values never to print, such as the signing secret, which has no recognisable shape */
  secrets?: Array<string | undefined>;
  now?: () => Date;
}

interface Shared {
  level: Level;
  sink: LogSink;
  secrets: string[];
  now: () => Date;
}

/**
 * The one logger of the process, also handed to Bolt and the Web API client so their lines look the same and
 * go through the same redaction. `child(name)` gives a component its own prefix.
 */
export class AppLogger implements Logger {
  readonly name: string;
  readonly #shared: Shared;

  /** The process's logger; components get theirs with `child`. */
  static create(options: LoggerOptions): AppLogger {
    return new AppLogger(
      {
        level: options.level,
        sink: options.sink ?? consoleSink,
        // Short values would redact ordinary words; every real secret is far longer.
        secrets: (options.secrets ?? []).filter((secret): secret is string => !!secret && secret.length >= 8),
        now: options.now ?? (() => new Date()),
      },
      options.name ?? "minusma",
    );
  }

  private constructor(shared: Shared, name: string) {
    this.#shared = shared;
    this.name = name;
  }

  /** A logger with another name, sharing level, sink and secrets. */
  child(name: string): AppLogger {
    return new AppLogger(this.#shared, name);
  }

  debug(...message: unknown[]): void {
    this.#write("debug", message);
  }

  info(...message: unknown[]): void {
    this.#write("info", message);
  }

  warn(...message: unknown[]): void {
    this.#write("warn", message);
  }

  error(...message: unknown[]): void {
    this.#write("error", message);
  }

  isEnabled(level: Level): boolean {
    return RANK[level] >= RANK[this.#shared.level];
  }

  setLevel(level: LogLevel): void {
    this.#shared.level = level as unknown as Level;
  }

  getLevel(): LogLevel {
    return this.#shared.level as unknown as LogLevel;
  }

  /**
   * Ignored on purpose: the Slack SDKs rename the logger they are given after themselves
   * ("socket-mode:SocketModeClient:0"), which would rename every line of the process.
   */
  setName(_name: string): void {}

  #write(level: Level, message: unknown[]): void {
    if (!this.isEnabled(level)) return;
    const text = message.map(formatPart).join(" ");
    const line = `${this.#shared.now().toISOString()} ${level.toUpperCase().padEnd(5)} [${this.name}] ${text}`;
    this.#shared.sink(level, this.#redact(line));
  }

  #redact(line: string): string {
    let out = line
      .replace(TOKEN_PATTERN, (token) => `${token.slice(0, 5)}[redacted]`)
      .replace(TICKET_PATTERN, "ticket=[redacted]");
    for (const secret of this.#shared.secrets) out = out.split(secret).join("[redacted]");
    return out;
  }
}

/**
 * The process's logger for a configuration: its level, every credential registered as a secret, and the
 * shell's output kept for the conversation (logs go to stderr there).
 */
export function processLogger(config: Config, sink?: LogSink): AppLogger {
  return AppLogger.create({
    level: config.LOG_LEVEL,
    sink: sink ?? (config.mode === "shell" ? stderrSink : consoleSink),
    secrets: [config.SLACK_BOT_TOKEN, config.SLACK_APP_TOKEN, config.SLACK_SIGNING_SECRET],
  });
}

function formatPart(part: unknown): string {
  if (typeof part === "string") return part;
  if (part instanceof Error) return part.stack ?? `${part.name}: ${part.message}`;
  return inspect(part, { depth: 4, breakLength: Number.POSITIVE_INFINITY });
}
