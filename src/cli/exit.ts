import { ConfigError } from "../config.ts";

/**
 * Ends a command with a message and an exit code: 2 when the command line is wrong (the message carries the
 * usage), 1 when nothing could be done, 78 for a setting to fix (as a bad environment does).
 */
export class CliExit extends Error {
  override name = "CliExit";
  constructor(
    message: string,
    readonly code: number,
  ) {
    super(message);
  }
}

/**
 * The message and exit code of an error a person can act on: a `CliExit`, a bad setting (78), or any error
 * whose message starts with its module (`knowledge: ...`, 1), which says what to do. Null for a bug, whose
 * stack trace is worth printing.
 */
export function knownFailure(error: unknown): { message: string; code: number } | null {
  if (error instanceof CliExit) return { message: error.message, code: error.code };
  if (error instanceof ConfigError) return { message: error.message, code: 78 };
  if (error instanceof Error && /^[a-z]+: /u.test(error.message)) return { message: error.message, code: 1 };
  return null;
}

/** Runs a command in-process: a known failure is written to `errors` and becomes the exit code. */
export async function exitCodeOf(
  errors: NodeJS.WritableStream,
  command: () => Promise<number>,
): Promise<number> {
  try {
    return await command();
  } catch (error) {
    const known = knownFailure(error);
    if (!known) throw error;
    errors.write(`${known.message}\n`);
    return known.code;
  }
}
