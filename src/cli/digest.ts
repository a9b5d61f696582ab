import { digestCommand } from "./digest-command.ts";
import { processIo } from "./io.ts";
import { runCli } from "./run.ts";

// `npm run digest`: see DIGEST_USAGE in digest-command.ts, and "Daily digest" in the README.
runCli((argv) => digestCommand(argv, processIo()));
