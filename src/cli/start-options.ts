import { parseArgs } from "node:util";
import { CliExit } from "./exit.ts";

export const START_USAGE = `usage: npm start [-- --knowledge DIR]
  starts the bot: in Slack with the Slack variables set (see .env.example), else the local shell
  --knowledge DIR   the folder of briefing documents (default: KNOWLEDGE_DIR, or knowledge)`;

/** `npm start`'s command line; a wrong one throws a `CliExit` with code 2 and the usage. */
export function parseStartOptions(argv: string[]): { knowledge: string | undefined; help: boolean } {
  try {
    const { values } = parseArgs({
      args: argv,
      options: { knowledge: { type: "string" }, help: { type: "boolean", short: "h" } },
      strict: true,
    });
    return { knowledge: values.knowledge, help: values.help ?? false };
  } catch (error) {
    throw new CliExit(
      `start: ${(error as Error).message.replace(/\. To specify.*$/su, "")}\n${START_USAGE}`,
      2,
    );
  }
}
