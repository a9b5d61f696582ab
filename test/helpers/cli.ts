import { PassThrough } from "node:stream";
import type { CliIo } from "../../src/cli/io.ts";

/**
 * Runs a command in-process as its entry point would, with `input` on its standard input and only the
 * environment given (so a developer's own settings never leak in); returns its exit code and what it printed.
 */
export async function runCommand(
  command: (argv: string[], io: CliIo) => Promise<number>,
  argv: string[],
  options: { input?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<{ code: number; out: string; err: string }> {
  const input = new PassThrough();
  const output = new PassThrough();
  const errors = new PassThrough();
  let out = "";
  let err = "";
  output.on("data", (chunk: Buffer) => {
    out += chunk.toString();
  });
  errors.on("data", (chunk: Buffer) => {
    err += chunk.toString();
  });
  input.end(options.input ?? "");
  const code = await command(argv, { input, output, errors, env: options.env ?? {}, progress: false });
  return { code, out, err };
}
