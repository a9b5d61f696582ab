import { stat } from "node:fs/promises";
import path from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import cliProgress from "cli-progress";
import { loadConfig } from "../config.ts";
import type { MetadataField } from "../core/knowledge/import/detect.ts";
import { ImportError } from "../core/knowledge/import/errors.ts";
import {
  checkField,
  FLAG_FOR,
  type MetadataFlags,
  type RequiredField,
  type ResolvedMetadata,
  renderKnowledgeFile,
  resolveMetadata,
  toFrontMatter,
} from "../core/knowledge/import/metadata.ts";
import {
  contentHash,
  type ImportPlan,
  type KnownDocument,
  knownDocument,
  planImport,
} from "../core/knowledge/import/plan.ts";
import { type PreparedDocument, prepareDocument } from "../core/knowledge/import/prepare.ts";
import { loadKnowledge } from "../core/knowledge/load.ts";
import { splitPassages } from "../core/knowledge/passages.ts";
import { listSources, readSource, SourceError, writeKnowledgeFile } from "../knowledge/source-files.ts";

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

/** The streams the command talks through; `interactive` when a person can answer questions. */
export interface AddIo {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  errors: NodeJS.WritableStream;
  /** stdin and stdout are a terminal: metadata is shown for confirmation and missing fields are asked for */
  interactive: boolean;
  /** stderr is a terminal: a folder import draws a progress bar there */
  progress: boolean;
  env?: NodeJS.ProcessEnv;
}

type Outcome =
  | { status: "added" | "replaced"; source: string; file: string; detail: string }
  | { status: "skipped"; source: string; reason: string; problem: boolean };

interface Candidate {
  source: string;
  prepared: PreparedDocument;
  metadata: ResolvedMetadata;
}

interface Planned extends Candidate {
  plan: ImportPlan;
  text: string;
  passages: number;
}

/** A document that will be written: added, or replacing an older version. */
type ToWrite = Planned & { plan: Exclude<ImportPlan, { action: "skip" }> };

/** Ends the command with a message and an exit code (2: the command line is wrong; 1: nothing could be done). */
class AddExit extends Error {
  constructor(
    message: string,
    readonly code: number,
  ) {
    super(message);
  }
}

/**
 * `npm run add`: reads each file, cleans it as the loader does, finds its metadata, asks for what is missing
 * (or refuses, naming the flag, when nobody can answer), then adds it, replaces the older version of the same
 * document, or skips it when its text is already there. Returns the exit code: 0 when every file was added,
 * replaced or already there, 1 when a file was skipped for a problem, 2 for a wrong command line.
 */
export async function addCommand(argv: string[], io: AddIo): Promise<number> {
  try {
    return await execute(argv, io);
  } catch (error) {
    if (!(error instanceof AddExit)) throw error;
    io.errors.write(`${error.message}\n`);
    return error.code;
  }
}

async function execute(argv: string[], io: AddIo): Promise<number> {
  const options = parseOptions(argv);
  if (options.help) {
    io.output.write(`${ADD_USAGE}\n`);
    return 0;
  }
  const knowledgeDir = options.knowledge ?? loadConfig(io.env ?? process.env, { tool: true }).KNOWLEDGE_DIR;
  await requireFolder(knowledgeDir);
  const sources: string[] = [];
  try {
    for (const target of options.targets) sources.push(...(await listSources(target, knowledgeDir)));
  } catch (error) {
    if (error instanceof SourceError) throw new AddExit(error.message, 1);
    throw error;
  }
  if (sources.length === 0) {
    throw new AddExit(
      `add: no files in ${options.targets.join(", ")}: give a folder that holds .txt, .md or .pdf files`,
      1,
    );
  }
  const oneDocument = ["title", "url", "symbol"].filter((field) => options.flags[field as MetadataField]);
  if (sources.length > 1 && oneDocument.length > 0) {
    throw new AddExit(
      `add: ${oneDocument.map((field) => `--${field}`).join(", ")} name${oneDocument.length === 1 ? "s" : ""} one document, and ${sources.length} files were given: add them one at a time, or leave ${oneDocument.length === 1 ? "it" : "them"} out`,
      2,
    );
  }

  const knowledge = await loadKnowledge(knowledgeDir);
  const ask = options.interactive(io) ? asker(io) : null;
  const run: Run = {
    io,
    options,
    knowledgeDir,
    known: knowledge.documents.map(knownDocument),
    single: sources.length === 1,
    ask,
    outcomes: [],
  };
  let planned: ToWrite[];
  try {
    planned = await planAll(run, await gather(run, await prepareAll(sources, io, run.single)));
    if (options.dryRun) showDryRun(io, knowledgeDir, planned, run.single);
    else planned = await confirmAll(run, planned);
  } finally {
    // An open reader on a terminal would keep the process waiting for input.
    ask?.close();
  }
  if (!options.dryRun) {
    for (const entry of planned) {
      await writeKnowledgeFile(knowledgeDir, entry.plan.file, entry.text);
      run.outcomes.push(writtenOutcome(knowledgeDir, entry));
    }
  }
  report(io, run.outcomes, options.dryRun, planned);
  return run.outcomes.some((outcome) => outcome.status === "skipped" && outcome.problem) ? 1 : 0;
}

/** One run of the command: what it was given, what it compares with, and what became of each file. */
interface Run {
  io: AddIo;
  options: Options;
  knowledgeDir: string;
  /** the knowledge folder's documents, and those this run has planned so far */
  known: KnownDocument[];
  single: boolean;
  /** questions on the terminal; null when nobody can answer */
  ask: Asker | null;
  outcomes: Outcome[];
}

/** The documents that can go ahead: read, not already there, with their required metadata found, given or asked. */
async function gather(
  run: Run,
  prepared: Array<{ source: string; prepared: PreparedDocument } | { source: string; reason: string }>,
): Promise<Candidate[]> {
  const { options, ask } = run;
  const candidates: Candidate[] = [];
  for (const result of prepared) {
    if ("reason" in result) {
      run.outcomes.push({ status: "skipped", source: result.source, reason: result.reason, problem: true });
      continue;
    }
    // The same text already there needs no metadata: say so rather than ask for a title it will not use.
    const duplicate = run.known.find((other) => other.contentHash === contentHash(result.prepared.body));
    if (duplicate) {
      const reason = alreadyThere(run.knowledgeDir, duplicate);
      run.outcomes.push({ status: "skipped", source: result.source, reason, problem: false });
      continue;
    }
    let metadata = resolveMetadata(result.prepared.found, options.flags, result.prepared.approximateDate);
    if (metadata.missing.length > 0 && ask && !options.dryRun) {
      metadata = await askMissing(ask, run.io, result.source, metadata);
    }
    if (metadata.missing.length > 0) {
      const reason = missingReason(metadata.missing);
      run.outcomes.push({ status: "skipped", source: result.source, reason, problem: true });
      continue;
    }
    candidates.push({ ...result, metadata });
  }
  return candidates;
}

/** Decides what to do with each document (a single one is confirmed on a terminal); returns those to write. */
async function planAll(run: Run, candidates: Candidate[]): Promise<ToWrite[]> {
  const { options, ask, knowledgeDir } = run;
  const planned: ToWrite[] = [];
  for (const candidate of candidates) {
    let current = planFor(candidate, run.known);
    if (ask && run.single && !options.dryRun) {
      const confirmed = await confirmOne(ask, run.io, current, run.known);
      if (confirmed === null) {
        const reason =
          current.plan.action === "replace"
            ? `you chose to keep ${path.join(knowledgeDir, current.plan.file)} as it is`
            : "you chose not to add it";
        run.outcomes.push({ status: "skipped", source: candidate.source, reason, problem: false });
        continue;
      }
      current = confirmed;
    }
    const { plan } = current;
    if (plan.action === "skip") {
      const reason = alreadyThere(knowledgeDir, plan.duplicateOf);
      run.outcomes.push({ status: "skipped", source: current.source, reason, problem: false });
      continue;
    }
    const earlier =
      plan.action === "replace" ? planned.find((entry) => entry.plan.file === plan.file) : undefined;
    if (plan.action === "replace" && earlier) {
      // Two versions of one document in one run: which is newer is a guess, so neither silently wins.
      run.outcomes.push({
        status: "skipped",
        source: current.source,
        reason: `it has the same ${plan.match} as ${earlier.source}, also in this run: add the version you want on its own`,
        problem: true,
      });
      continue;
    }
    if (plan.action === "replace" && !options.yes && !ask && !options.dryRun) {
      run.outcomes.push({
        status: "skipped",
        source: current.source,
        reason: `it is a changed version of ${path.join(knowledgeDir, plan.file)} (the same ${plan.match}): run again with --yes to replace it`,
        problem: true,
      });
      continue;
    }
    planned.push({ ...current, plan });
    // Later files of the same run are compared with this one too: two copies in a folder are added once.
    const entry: KnownDocument = {
      id: plan.action === "replace" ? plan.replaces.id : plan.file.replace(/\.md$/u, ""),
      file: plan.file,
      title: current.metadata.values.title!,
      symbol: current.metadata.values.symbol ?? null,
      url: current.metadata.values.url ?? null,
      contentHash: contentHash(current.prepared.body),
    };
    const at = run.known.findIndex((other) => other.file === plan.file);
    if (at >= 0) run.known[at] = entry;
    else run.known.push(entry);
  }
  return planned;
}

/** For a folder on a terminal: shows every planned file and asks once. Returns what may be written. */
async function confirmAll(run: Run, planned: ToWrite[]): Promise<ToWrite[]> {
  const { ask, io } = run;
  if (planned.length === 0 || !ask || run.single) return planned;
  showPlan(io, run.knowledgeDir, planned);
  const replacing = planned.filter((entry) => entry.plan.action === "replace").length;
  const question = `Write ${count(planned.length, "document")}${replacing > 0 ? ` (${replacing} replacing an older version)` : ""}? [Y/n] `;
  if (await ask.yesNo(question, true)) return planned;
  for (const entry of planned) {
    run.outcomes.push({
      status: "skipped",
      source: entry.source,
      reason: "you chose not to write it",
      problem: false,
    });
  }
  return [];
}

interface Options {
  targets: string[];
  flags: MetadataFlags;
  knowledge: string | undefined;
  yes: boolean;
  dryRun: boolean;
  help: boolean;
  interactive: (io: AddIo) => boolean;
}

function parseOptions(argv: string[]): Options {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new AddExit(`add: ${(error as Error).message.replace(/\. To specify.*$/su, "")}\n${ADD_USAGE}`, 2);
  }
  const { values, positionals } = parsed;
  if (values.help) return { ...emptyOptions(), help: true };
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
  const yes = values.yes ?? false;
  return {
    targets: positionals,
    flags,
    knowledge: values.knowledge,
    yes,
    dryRun: values["dry-run"] ?? false,
    help: false,
    interactive: (io) => io.interactive && !yes,
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

function emptyOptions(): Options {
  return {
    targets: [],
    flags: {},
    knowledge: undefined,
    yes: false,
    dryRun: false,
    help: false,
    interactive: () => false,
  };
}

async function requireFolder(dir: string): Promise<void> {
  try {
    if ((await stat(dir)).isDirectory()) return;
  } catch {
    // reported below
  }
  throw new AddExit(
    `add: the knowledge folder ${dir} does not exist: create it, or point --knowledge (or KNOWLEDGE_DIR) at the one the bot reads`,
    1,
  );
}

/** Reads and cleans every file; a folder gets a progress bar on a terminal. One bad file does not stop the rest. */
async function prepareAll(
  sources: string[],
  io: AddIo,
  single: boolean,
): Promise<Array<{ source: string; prepared: PreparedDocument } | { source: string; reason: string }>> {
  const bar =
    io.progress && !single
      ? new cliProgress.SingleBar(
          {
            stream: io.errors as NodeJS.WriteStream,
            format: "reading {bar} {value}/{total} {file}",
            hideCursor: true,
            clearOnComplete: true,
          },
          cliProgress.Presets.shades_classic,
        )
      : null;
  bar?.start(sources.length, 0, { file: "" });
  const results: Array<{ source: string; prepared: PreparedDocument } | { source: string; reason: string }> =
    [];
  try {
    for (const source of sources) {
      bar?.update({ file: path.basename(source) });
      try {
        results.push({ source, prepared: await prepareDocument(source, await readSource(source)) });
      } catch (error) {
        // Whatever one file does to the PDF reader or the cleaner, the other files still go in.
        const reason =
          error instanceof ImportError
            ? error.message
            : `it could not be read (${error instanceof Error ? error.message : String(error)}): check that the file opens`;
        results.push({ source, reason });
      }
      bar?.increment();
    }
  } finally {
    bar?.stop();
  }
  return results;
}

function planFor(candidate: Candidate, known: readonly KnownDocument[]): Planned {
  const { values } = candidate.metadata;
  const plan = planImport(known, {
    date: values.date!,
    title: values.title!,
    symbol: values.symbol,
    url: values.url,
    contentHash: contentHash(candidate.prepared.body),
  });
  // A replacement keeps the old document's id, so the digest reports it as changed and old citations still resolve.
  const keepId =
    plan.action === "replace" && plan.replaces.id !== plan.file.replace(/\.md$/u, "").split("/").at(-1)
      ? plan.replaces.id
      : undefined;
  const file = plan.action === "skip" ? plan.duplicateOf.file : plan.file;
  const { text, document } = renderKnowledgeFile(
    file,
    toFrontMatter(candidate.metadata, keepId),
    candidate.prepared.body,
  );
  return { ...candidate, plan, text, passages: splitPassages(document).length };
}

function alreadyThere(knowledgeDir: string, duplicate: KnownDocument): string {
  return `already in the knowledge base as ${path.join(knowledgeDir, duplicate.file)} (the same text)`;
}

function missingReason(missing: RequiredField[]): string {
  const list = (items: string[], last: string) =>
    items.length === 1 ? items[0]! : `${items.slice(0, -1).join(", ")} ${last} ${items.at(-1)}`;
  const flags = missing.map((field) => FLAG_FOR[field]);
  return `no ${list(missing, "or")} found in it: give ${missing.length === 1 ? "it" : "them"} with ${list(flags, "and")}`;
}

interface Asker {
  line(prompt: string): Promise<string>;
  yesNo(prompt: string, byDefault: boolean): Promise<boolean>;
  close(): void;
}

/** Questions on the terminal. Lines are read through one iterator, so answers typed ahead are not lost. */
function asker(io: AddIo): Asker {
  const lines = createInterface({ input: io.input, terminal: false, crlfDelay: Number.POSITIVE_INFINITY });
  const iterator = lines[Symbol.asyncIterator]();
  const line = async (prompt: string) => {
    io.output.write(prompt);
    const next = await iterator.next();
    if (next.done) throw new AddExit("\nadd: the input ended before an answer: nothing was written", 1);
    return String(next.value).trim();
  };
  return {
    line,
    async yesNo(prompt, byDefault) {
      for (;;) {
        const answer = (await line(prompt)).toLowerCase();
        if (answer === "") return byDefault;
        if (["y", "yes"].includes(answer)) return true;
        if (["n", "no"].includes(answer)) return false;
        io.output.write("Please answer y or n.\n");
      }
    },
    close: () => lines.close(),
  };
}

/** Asks for the required fields that were neither found in the document nor given as flags. */
async function askMissing(
  ask: Asker,
  io: AddIo,
  source: string,
  metadata: ResolvedMetadata,
): Promise<ResolvedMetadata> {
  io.output.write(`${source}: some of what the knowledge base needs was not found in it.\n`);
  const values = { ...metadata.values };
  const from = { ...metadata.from };
  for (const field of metadata.missing) {
    values[field] = await askField(ask, io, field, undefined);
    from[field] = "you";
  }
  return { ...metadata, values, from, missing: [] };
}

const PROMPTS: Record<MetadataField, string> = {
  title: "Title",
  source: "Source (the publisher)",
  date: "Date (YYYY-MM-DD)",
  url: "Link (optional)",
  symbol: "UN symbol (optional)",
};

/**
 * Asks for one field until the answer passes the loader's check. Enter keeps `current` (or leaves an optional
 * field out); "-" removes an optional field's value. Returns "" for an optional field left out.
 */
async function askField(
  ask: Asker,
  io: AddIo,
  field: MetadataField,
  current: string | undefined,
): Promise<string> {
  const required = field === "title" || field === "source" || field === "date";
  const removable = !required && current !== undefined;
  for (;;) {
    const answer = await ask.line(
      `${PROMPTS[field]}${current ? ` [${current}]` : ""}${removable ? " (- to remove)" : ""}: `,
    );
    if (answer === "-" && removable) return "";
    if (answer === "") {
      if (current !== undefined || !required) return current ?? "";
      io.output.write(`The ${field} is required: type it, or press Ctrl-C to stop.\n`);
      continue;
    }
    const problem = checkField(field, answer);
    if (!problem) return answer;
    io.output.write(`${problem}.\n`);
  }
}

/** Shows one document's metadata and what will happen, and asks; `e` edits the fields. Null: not wanted. */
async function confirmOne(
  ask: Asker,
  io: AddIo,
  planned: Planned,
  known: readonly KnownDocument[],
): Promise<Planned | null> {
  let current = planned;
  for (;;) {
    io.output.write(`${describe(current)}\n`);
    if (current.plan.action === "skip") return current;
    const replace = current.plan.action === "replace";
    const question = replace
      ? `Replace ${current.plan.file} with this version? [y/N/e to edit] `
      : "Add it? [Y/n/e to edit] ";
    const answer = (await ask.line(question)).toLowerCase();
    if (answer === "e" || answer === "edit") {
      const values = { ...current.metadata.values };
      const from = { ...current.metadata.from };
      for (const field of ["title", "source", "date", "url", "symbol"] as const) {
        const value = await askField(ask, io, field, values[field]);
        if (value !== (values[field] ?? "")) from[field] = "you";
        if (value === "") delete values[field];
        else values[field] = value;
      }
      current = planFor({ ...current, metadata: { ...current.metadata, values, from } }, known);
      continue;
    }
    if (answer === "" ? !replace : ["y", "yes"].includes(answer)) return current;
    if (answer === "" || ["n", "no"].includes(answer)) return null;
    io.output.write("Please answer y, n or e.\n");
  }
}

/** The confirmation block for one document: each field with where it was found, and what will happen. */
function describe(entry: Planned): string {
  const { values, from } = entry.metadata;
  const rows = (["title", "source", "date", "url", "symbol"] as const)
    .filter((field) => values[field])
    .map((field) => `  ${field.padEnd(7)} ${values[field]}${from[field] ? `  (${from[field]})` : ""}`);
  if (entry.metadata.approximateDate) rows.push("  approximate date");
  const words = entry.prepared.body.split(/\s+/u).length;
  const start = entry.prepared.body
    .replace(/^#+ .*\n+/u, "")
    .slice(0, 100)
    .replace(/\s+\S*$/u, "");
  const size = `${entry.prepared.pages !== null ? `${count(entry.prepared.pages, "page")}, ` : ""}${count(words, "word")}, ${count(entry.passages, "passage")}`;
  return [
    `${entry.source}: ${size}`,
    ...rows,
    `  starts  "${start}…"`,
    ...entry.prepared.notes.map((note) => `  note    ${note}`),
    `  ${action(entry.plan)}`,
  ].join("\n");
}

function action(plan: ImportPlan): string {
  if (plan.action === "skip")
    return `already in the knowledge base as ${plan.duplicateOf.file}: nothing to do`;
  if (plan.action === "replace") {
    return `replaces ${plan.file} ("${plan.replaces.title}"), which has the same ${plan.match}`;
  }
  return `adds ${plan.file}`;
}

function showPlan(io: AddIo, knowledgeDir: string, planned: ToWrite[]): void {
  io.output.write(`To write in ${knowledgeDir}:\n`);
  for (const entry of planned) io.output.write(`${describe(entry)}\n`);
}

function showDryRun(io: AddIo, knowledgeDir: string, planned: ToWrite[], single: boolean): void {
  for (const entry of planned) {
    io.output.write(`${describe(entry)}\n`);
    if (single) {
      io.output.write(`--- ${path.join(knowledgeDir, entry.plan.file)} would be:\n`);
      io.output.write(entry.text);
      io.output.write("---\n");
    }
  }
}

function writtenOutcome(knowledgeDir: string, entry: ToWrite): Outcome {
  const file = path.join(knowledgeDir, entry.plan.file);
  const pages = entry.prepared.pages !== null ? `${count(entry.prepared.pages, "page")}, ` : "";
  if (entry.plan.action === "replace") {
    return {
      status: "replaced",
      source: entry.source,
      file,
      detail: `${pages}${count(entry.passages, "passage")}; the same ${entry.plan.match}`,
    };
  }
  return {
    status: "added",
    source: entry.source,
    file,
    detail: `${pages}${count(entry.passages, "passage")}`,
  };
}

/** One line for each file (problems on stderr, so a script can tell them apart), then the counts. */
function report(io: AddIo, outcomes: Outcome[], dryRun: boolean, planned: ToWrite[]): void {
  for (const outcome of outcomes) {
    if (outcome.status === "skipped") {
      (outcome.problem ? io.errors : io.output).write(`skipped  ${outcome.source}: ${outcome.reason}\n`);
    } else {
      io.output.write(
        `${outcome.status.padEnd(8)} ${outcome.file}  (from ${outcome.source}, ${outcome.detail})\n`,
      );
    }
  }
  const added = outcomes.filter((outcome) => outcome.status === "added").length;
  const replaced = outcomes.filter((outcome) => outcome.status === "replaced").length;
  const skipped = outcomes.filter((outcome) => outcome.status === "skipped").length;
  if (dryRun) {
    const adds = planned.filter((entry) => entry.plan.action === "add").length;
    io.output.write(
      `Dry run, nothing written: would add ${adds}, replace ${planned.length - adds}, skip ${skipped}.\n`,
    );
    return;
  }
  io.output.write(
    `Added ${added}, replaced ${replaced}, skipped ${skipped}.${added + replaced > 0 ? " A running bot picks the change up by itself." : ""}\n`,
  );
}

function count(n: number, word: string): string {
  return `${n.toLocaleString("en-US")} ${word}${n === 1 ? "" : "s"}`;
}
