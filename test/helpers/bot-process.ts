import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");

/**
 * How the bot is started: from the TypeScript sources through tsx (what most tests use, no build needed), or
 * as a supervisor starts it in production, `node dist/main.js` on the output of `npm run build`.
 */
export type StartCommand = "sources" | "production";

/**
 * `npm start`'s entry point as a child process, with only the given environment (plus PATH and HOME) and the
 * given arguments (`npm start -- <args>`).
 */
export function spawnMain(
  env: Record<string, string>,
  command: StartCommand = "sources",
  extra: string[] = [],
): ChildProcessWithoutNullStreams {
  const args =
    command === "production"
      ? [path.join(ROOT, "dist/main.js")]
      : ["--import", "tsx", path.join(ROOT, "src/main.ts")];
  return spawn(process.execPath, [...args, ...extra], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
}

/**
 * The bot started as `npm start` starts it, in HTTP mode: its output collected, its port read from its
 * start-up line, and how and when it exited.
 */
export function startBotProcess(env: Record<string, string>, command: StartCommand = "sources") {
  const child = spawnMain(env, command);
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
  return {
    child,
    exited,
    output: () => output,
    /**
     * Waits for a line of output matching `pattern` and returns the match. The ceiling is for a hang: a start
     * through tsx takes seconds, many more on a busy machine.
     */
    async waitForOutput(pattern: RegExp, timeoutMs = 60_000): Promise<RegExpMatchArray> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const match = output.match(pattern);
        if (match) return match;
        if (Date.now() > deadline || child.exitCode !== null) {
          throw new Error(`bot process: gave up waiting for ${pattern}; its output was:\n${output}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    /** The events URL, once the bot says it listens. */
    async eventsUrl(): Promise<string> {
      const [, port] = await this.waitForOutput(/HTTP mode on port (\d+)/u);
      return `http://127.0.0.1:${port}/slack/events`;
    },
  };
}
