import { addCommand } from "./add/workflow.ts";
import { runCli } from "./run.ts";

// `npm run add -- <file or folder>`: see ADD_USAGE in add/options.ts, and "Adding documents" in the README.
runCli((argv) =>
  addCommand(argv, {
    input: process.stdin,
    output: process.stdout,
    errors: process.stderr,
    interactive: process.stdin.isTTY === true && process.stdout.isTTY === true,
    progress: process.stderr.isTTY === true,
  }),
);
