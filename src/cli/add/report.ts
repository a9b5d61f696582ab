import path from "node:path";
import type { ImportPlan } from "../../core/knowledge/import/plan.ts";
import { count, type Outcome, type Planned, type ToWrite } from "./plan.ts";

/** The confirmation block for one document: each field with where it was found, and what will happen. */
export function describe(entry: Planned): string {
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

/** Every planned file, before a folder's single question. */
export function showPlan(output: NodeJS.WritableStream, knowledgeDir: string, planned: ToWrite[]): void {
  output.write(`To write in ${knowledgeDir}:\n`);
  for (const entry of planned) output.write(`${describe(entry)}\n`);
}

/** What a dry run would do; for one file, the whole knowledge file it would write. */
export function showDryRun(
  output: NodeJS.WritableStream,
  knowledgeDir: string,
  planned: ToWrite[],
  single: boolean,
): void {
  for (const entry of planned) {
    output.write(`${describe(entry)}\n`);
    if (single) {
      output.write(`--- ${path.join(knowledgeDir, entry.plan.file)} would be:\n`);
      output.write(entry.text);
      output.write("---\n");
    }
  }
}

/** One line for each file (problems on stderr, so a script can tell them apart), then the counts. */
export function report(
  io: { output: NodeJS.WritableStream; errors: NodeJS.WritableStream },
  outcomes: Outcome[],
  dryRun: boolean,
  planned: ToWrite[],
): void {
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
