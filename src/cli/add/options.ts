import { parseArgs } from "node:util";
import { checkField, type MetadataFlags } from "../../core/knowledge/import/metadata.ts";
import type { CliIo } from "../io.ts";

export const ADD_USAGE = `usage: npm run add -- <file or folder> [options]
  imports .txt, .md and .pdf files into the knowledge folder as cleaned Markdown with front matter
  --title "..."          the document's title (one file only)
  --source "..."         the publisher, such as "United Nations Security Council"
  --date YYYY-MM-DD      the document's date
  --approximate-date     the date is inferred (shown as "c. 1 Jun 2021")
  --url https://...      a link to the document (one file only)
  --symbol S/2021/520    its UN document symbol (one file only)
  --knowledge DIR        the knowledge folder (default: KNOWLEDGE_DIR, or knowledge)
  --yes, -y              no questions: use what was found and the flags, replace changed versions
  --dry-run              show what would be written, and write nothing`;

/** Ends the command with a message and an exit code (2: the command line is wrong; 1: nothing could be done). */
export class AddExit extends Error {
  constructor(
    message: string,
    readonly code: number,
  ) {
    super(message);
  }
}

/** What the command line asked for. */
export interface AddOptions {
  targets: string[];
  flags: MetadataFlags;
  knowledge: string | undefined;
  /** no questions: use what was found and the flags, replace changed versions */
  yes: boolean;
  dryRun: boolean;
  help: boolean;
}

/** Reads the command line; a wrong one throws `AddExit` with code 2 and the usage. */
export function parseAddOptions(argv: string[]): AddOptions {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new AddExit(`add: ${(error as Error).message.replace(/\. To specify.*$/su, "")}\n${ADD_USAGE}`, 2);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    return { targets: [], flags: {}, knowledge: undefined, yes: false, dryRun: false, help: true };
  }
  if (positionals.length === 0) throw new AddExit(`add: give a file or a folder to add\n${ADD_USAGE}`, 2);
  const flags: MetadataFlags = {};
  for (const field of ["title", "source", "date", "url", "symbol"] as const) {
    const value = values[field]?.trim();
    if (value === undefined) continue;
    const problem = value === "" ? `${field} must not be empty` : checkField(field, value);
    if (problem) throw new AddExit(`add: --${field} ${JSON.stringify(value)}: ${problem}`, 2);
    flags[field] = value;
  }
  if (values["approximate-date"]) flags.approximateDate = true;
  return {
    targets: positionals,
    flags,
    knowledge: values.knowledge,
    yes: values.yes ?? false,
    dryRun: values["dry-run"] ?? false,
    help: false,
  };
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    options: {
      title: { type: "string" },
      source: { type: "string" },
      date: { type: "string" },
      url: { type: "string" },
      symbol: { type: "string" },
      "approximate-date": { type: "boolean" },
      knowledge: { type: "string" },
      yes: { type: "boolean", short: "y" },
      "dry-run": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
    allowPositionals: true,
    strict: true,
  });
}

/** The streams the command talks through; `interactive` when a person can answer questions. */
/** A command's streams and environment (`progress`: a folder import draws its bar on stderr), and one more fact. */
export interface AddIo extends CliIo {
  /** stdin and stdout are a terminal: metadata is shown for confirmation and missing fields are asked for */
  interactive: boolean;
}
