import { addCommand } from "./add/workflow.ts";
import { processIo } from "./io.ts";
import { runCli } from "./run.ts";

// `npm run add -- <file or folder>`: see ADD_USAGE in add/options.ts, and "Adding documents" in the README.
runCli((argv) =>
  addCommand(argv, {
    ...processIo(),
    interactive: process.stdin.isTTY === true && process.stdout.isTTY === true,
  }),
);
