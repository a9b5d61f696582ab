import { askCommand } from "./ask-command.ts";
import { processIo } from "./io.ts";
import { runCli } from "./run.ts";

// `npm run ask`: see ASK_USAGE in ask-command.ts, and "Asking from the command line" in the README.
runCli((argv) => askCommand(argv, processIo()));
