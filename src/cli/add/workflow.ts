import { stat } from "node:fs/promises";
import path from "node:path";
import { loadConfig } from "../../config.ts";
import type { MetadataField } from "../../core/knowledge/import/detect.ts";
import { knownDocument } from "../../core/knowledge/import/plan.ts";
import { loadKnowledge } from "../../core/knowledge/load.ts";
import { listSources, SourceError, writeKnowledgeFile } from "../../knowledge/source-files.ts";
import { ADD_USAGE, AddExit, type AddIo, parseAddOptions } from "./options.ts";
import {
  missingOutcome,
  type Outcome,
  planFor,
  planImports,
  type ResolvedDocument,
  skipped,
  type ToWrite,
  triage,
  writtenOutcome,
} from "./plan.ts";
import { readAll } from "./progress.ts";
import { asker, askMissing, confirmAll, confirmOne } from "./prompts.ts";
import { report, showDryRun } from "./report.ts";

export { ADD_USAGE, type AddIo };

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
  const options = parseAddOptions(argv);
  if (options.help) {
    io.output.write(`${ADD_USAGE}\n`);
    return 0;
  }
  const knowledgeDir = options.knowledge ?? loadConfig(io.env, { tool: true }).KNOWLEDGE_DIR;
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

  const known = (await loadKnowledge(knowledgeDir)).documents.map(knownDocument);
  const single = sources.length === 1;
  const { dryRun } = options;
  // --yes means no questions, even on a terminal.
  const ask = io.interactive && !options.yes ? asker(io) : null;
  const outcomes: Outcome[] = [];
  let toWrite: ToWrite[];
  try {
    const documents: ResolvedDocument[] = [];
    for (const item of triage(knowledgeDir, known, await readAll(sources, io, single), options.flags)) {
      if (item.kind === "skipped") outcomes.push(item.outcome);
      else if (item.kind === "ready") documents.push(item.document);
      else if (ask && !dryRun) {
        const { source, metadata } = item.document;
        documents.push({ ...item.document, metadata: await askMissing(ask, io, source, metadata) });
      } else outcomes.push(missingOutcome(item.document.source, item.missing));
    }
    let chosen = documents;
    const only = documents[0];
    if (ask && single && !dryRun && only) {
      // One file on a terminal: its metadata is shown, and may be edited, before anything is decided.
      const first = planFor(only, known);
      const confirmed = await confirmOne(ask, io, first, known);
      if (confirmed === null) {
        const reason =
          first.plan.action === "replace"
            ? `you chose to keep ${path.join(knowledgeDir, first.plan.file)} as it is`
            : "you chose not to add it";
        outcomes.push(skipped(only.source, reason, false));
        chosen = [];
      } else {
        chosen = [{ source: confirmed.source, prepared: confirmed.prepared, metadata: confirmed.metadata }];
      }
    }
    const plan = planImports(knowledgeDir, known, chosen, {
      yes: options.yes,
      dryRun,
      confirmed: ask !== null,
    });
    outcomes.push(...plan.outcomes);
    toWrite = plan.toWrite;
    if (dryRun) showDryRun(io.output, knowledgeDir, toWrite, single);
    else if (ask && !single && toWrite.length > 0 && !(await confirmAll(ask, io, knowledgeDir, toWrite))) {
      for (const entry of toWrite) outcomes.push(skipped(entry.source, "you chose not to write it", false));
      toWrite = [];
    }
  } finally {
    // An open reader on a terminal would keep the process waiting for input.
    ask?.close();
  }
  if (!dryRun) {
    for (const entry of toWrite) {
      await writeKnowledgeFile(knowledgeDir, entry.plan.file, entry.text);
      outcomes.push(writtenOutcome(knowledgeDir, entry));
    }
  }
  report(io, outcomes, dryRun, toWrite);
  return outcomes.some((outcome) => outcome.status === "skipped" && outcome.problem) ? 1 : 0;
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
