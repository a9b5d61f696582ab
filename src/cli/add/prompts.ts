import { createInterface } from "node:readline";
import type { MetadataField } from "../../core/knowledge/import/detect.ts";
import { checkField, type ResolvedMetadata } from "../../core/knowledge/import/metadata.ts";
import type { KnownDocument } from "../../core/knowledge/import/plan.ts";
import { AddExit, type AddIo } from "./options.ts";
import { count, type Planned, planFor, type ToWrite } from "./plan.ts";
import { describe, showPlan } from "./report.ts";

/** Questions on the terminal. */
export interface Asker {
  line(prompt: string): Promise<string>;
  yesNo(prompt: string, byDefault: boolean): Promise<boolean>;
  close(): void;
}

/** Questions on the terminal. Lines are read through one iterator, so answers typed ahead are not lost. */
export function asker(io: AddIo): Asker {
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
export async function askMissing(
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
export async function confirmOne(
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

/** For a folder on a terminal: shows every planned file and asks once whether to write them all. */
export async function confirmAll(
  ask: Asker,
  io: AddIo,
  knowledgeDir: string,
  planned: ToWrite[],
): Promise<boolean> {
  showPlan(io.output, knowledgeDir, planned);
  const replacing = planned.filter((entry) => entry.plan.action === "replace").length;
  const question = `Write ${count(planned.length, "document")}${replacing > 0 ? ` (${replacing} replacing an older version)` : ""}? [Y/n] `;
  return ask.yesNo(question, true);
}
