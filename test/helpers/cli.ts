import { PassThrough } from "node:stream";
import type { CliIo } from "../../src/cli/io.ts";

/**
 * Runs a command in-process as its entry point would, with `input` on its standard input and only the
 * environment given (so a developer's own settings never leak in); returns its exit code and what it printed.
 */
export async function runCommand<Io extends CliIo>(
  command: (argv: string[], io: Io) => Promise<number>,
  argv: string[],
  options: {
    input?: string;
    env?: NodeJS.ProcessEnv;
    /** stderr stands in for a terminal (cli-progress asks isTTY and columns), so progress is drawn */
    progress?: boolean;
    /** what a command's io has beyond CliIo (add's `interactive`) */
    extra?: Omit<Io, keyof CliIo>;
  } = {},
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
  if (options.progress) Object.assign(errors, { isTTY: true, columns: 100 });
  input.end(options.input ?? "");
  const io: CliIo = { input, output, errors, env: options.env ?? {}, progress: options.progress ?? false };
  const code = await command(argv, { ...io, ...options.extra } as Io);
  return { code, out, err };
}
