import { ConfigError } from "../config.ts";

/**
 * Runs a command-line entry point: known errors print their message (which says what to do) without a stack
 * trace, and set the exit code.
 */
export function runCli(main: (argv: string[]) => Promise<number>): void {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      const known =
        error instanceof Error && (error instanceof ConfigError || /^[a-z]+: /u.test(error.message));
      console.error(known ? error.message : error);
      process.exitCode = error instanceof ConfigError ? 78 : 1;
    },
  );
}
