import { knownFailure } from "./exit.ts";

/**
 * Runs a command-line entry point: known errors print their message (which says what to do) without a stack
 * trace, and set the exit code. Output piped into a reader that stops early (`| head`) ends the command quietly.
 */
export function runCli(main: (argv: string[]) => Promise<number>): void {
  quietOnClosedPipe();
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      const known = knownFailure(error);
      console.error(known ? known.message : error);
      process.exitCode = known?.code ?? 1;
    },
  );
}

/**
 * `npm start | head -5`: once `head` has its lines it closes the pipe, and the next write fails with EPIPE.
 * Nobody is left to read, so the command stops there, without a stack trace, as `cat` does.
 */
export function quietOnClosedPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== "EPIPE") throw error;
      process.exit(process.exitCode ?? 0);
    });
  }
}
