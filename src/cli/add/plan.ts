import path from "node:path";
import {
  FLAG_FOR,
  type MetadataFlags,
  type RequiredField,
  type ResolvedMetadata,
  renderKnowledgeFile,
  resolveMetadata,
  toFrontMatter,
} from "../../core/knowledge/import/metadata.ts";
import {
  contentHash,
  type ImportPlan,
  type KnownDocument,
  planImport,
} from "../../core/knowledge/import/plan.ts";
import type { PreparedDocument } from "../../core/knowledge/import/prepare.ts";
import { splitPassages } from "../../core/knowledge/passages.ts";

// The import plan of `npm run add`, as pure functions: what becomes of each file (added, replacing an older
// version, or skipped, and why), decided from what was read and what the knowledge folder holds. No terminal,
// no file system: the workflow reads, asks and writes around these.

/** What became of one file. `problem`: skipped for something the person must fix (exit code 1). */
export type Outcome =
  | { status: "added" | "replaced"; source: string; file: string; detail: string }
  | { status: "skipped"; source: string; reason: string; problem: boolean };

/** A file as it was read: cleaned, or the reason it could not be. */
export type ReadResult = { source: string; prepared: PreparedDocument } | { source: string; reason: string };

/** A document read and cleaned, with the metadata found in it, given as flags or asked for. */
export interface ResolvedDocument {
  source: string;
  prepared: PreparedDocument;
  metadata: ResolvedMetadata;
}

/** A resolved document, what to do with it, and the knowledge file it would become. */
export interface Planned extends ResolvedDocument {
  plan: ImportPlan;
  text: string;
  passages: number;
}

/** A document that will be written: added, or replacing an older version. */
export type ToWrite = Planned & { plan: Exclude<ImportPlan, { action: "skip" }> };

/** A file after the first look: skipped already, ready, or ready once its missing metadata is given. */
export type Triaged =
  | { kind: "skipped"; outcome: Outcome }
  | { kind: "ready"; document: ResolvedDocument }
  | { kind: "incomplete"; document: ResolvedDocument; missing: RequiredField[] };

/**
 * First look at each file read: unreadable ones and those whose text is already in the knowledge folder are
 * skipped (the same text needs no metadata, so nobody is asked for a title it will not use); the others get
 * their metadata from what was found and the flags, and say which required fields are still missing.
 */
export function triage(
  knowledgeDir: string,
  known: readonly KnownDocument[],
  results: readonly ReadResult[],
  flags: MetadataFlags,
): Triaged[] {
  return results.map((result): Triaged => {
    if ("reason" in result) {
      return { kind: "skipped", outcome: skipped(result.source, result.reason, true) };
    }
    const duplicate = known.find((other) => other.contentHash === contentHash(result.prepared.body));
    if (duplicate) {
      return {
        kind: "skipped",
        outcome: skipped(result.source, alreadyThere(knowledgeDir, duplicate), false),
      };
    }
    const metadata = resolveMetadata(result.prepared.found, flags, result.prepared.approximateDate);
    const document = { ...result, metadata };
    return metadata.missing.length > 0
      ? { kind: "incomplete", document, missing: metadata.missing }
      : { kind: "ready", document };
  });
}

/** The outcome of a file whose required metadata nobody gave. */
export function missingOutcome(source: string, missing: readonly RequiredField[]): Outcome {
  const list = (items: string[], last: string) =>
    items.length === 1 ? items[0]! : `${items.slice(0, -1).join(", ")} ${last} ${items.at(-1)}`;
  const flags = missing.map((field) => FLAG_FOR[field]);
  const reason = `no ${list([...missing], "or")} found in it: give ${missing.length === 1 ? "it" : "them"} with ${list(flags, "and")}`;
  return skipped(source, reason, true);
}

/** What one document would do against `known`, and the knowledge file it would be written as. */
export function planFor(document: ResolvedDocument, known: readonly KnownDocument[]): Planned {
  const { values } = document.metadata;
  const plan = planImport(known, {
    date: values.date!,
    title: values.title!,
    symbol: values.symbol,
    url: values.url,
    contentHash: contentHash(document.prepared.body),
  });
  // A replacement keeps the old document's id, so the digest reports it as changed and old citations still resolve.
  const keepId =
    plan.action === "replace" && plan.replaces.id !== plan.file.replace(/\.md$/u, "").split("/").at(-1)
      ? plan.replaces.id
      : undefined;
  const file = plan.action === "skip" ? plan.duplicateOf.file : plan.file;
  const { text, document: rendered } = renderKnowledgeFile(
    file,
    toFrontMatter(document.metadata, keepId),
    document.prepared.body,
  );
  return { ...document, plan, text, passages: splitPassages(rendered).length };
}

/** How the run was asked to go. */
export interface PlanPolicy {
  /** --yes: replace changed versions without asking */
  yes: boolean;
  dryRun: boolean;
  /** a person confirms on a terminal (so a replacement is theirs to accept, not refused) */
  confirmed: boolean;
}

/**
 * The import plan: for each document in order, add it, replace the older version of the same document (same
 * UN symbol or link), or skip it. Later documents are compared with earlier ones of the same run too, so two
 * copies in one folder are added once, and two versions of one document in one run are both refused rather
 * than one silently winning.
 */
export function planImports(
  knowledgeDir: string,
  known: readonly KnownDocument[],
  documents: readonly ResolvedDocument[],
  policy: PlanPolicy,
): { toWrite: ToWrite[]; outcomes: Outcome[] } {
  const seen = [...known];
  const toWrite: ToWrite[] = [];
  const outcomes: Outcome[] = [];
  for (const document of documents) {
    const current = planFor(document, seen);
    const { plan } = current;
    if (plan.action === "skip") {
      outcomes.push(skipped(current.source, alreadyThere(knowledgeDir, plan.duplicateOf), false));
      continue;
    }
    const earlier =
      plan.action === "replace" ? toWrite.find((entry) => entry.plan.file === plan.file) : undefined;
    if (plan.action === "replace" && earlier) {
      const reason = `it has the same ${plan.match} as ${earlier.source}, also in this run: add the version you want on its own`;
      outcomes.push(skipped(current.source, reason, true));
      continue;
    }
    if (plan.action === "replace" && !policy.yes && !policy.confirmed && !policy.dryRun) {
      const reason = `it is a changed version of ${path.join(knowledgeDir, plan.file)} (the same ${plan.match}): run again with --yes to replace it`;
      outcomes.push(skipped(current.source, reason, true));
      continue;
    }
    toWrite.push({ ...current, plan });
    const entry: KnownDocument = {
      id: plan.action === "replace" ? plan.replaces.id : plan.file.replace(/\.md$/u, ""),
      file: plan.file,
      title: current.metadata.values.title!,
      symbol: current.metadata.values.symbol ?? null,
      url: current.metadata.values.url ?? null,
      contentHash: contentHash(current.prepared.body),
    };
    const at = seen.findIndex((other) => other.file === plan.file);
    if (at >= 0) seen[at] = entry;
    else seen.push(entry);
  }
  return { toWrite, outcomes };
}

/** The outcome of a file written as planned. */
export function writtenOutcome(knowledgeDir: string, entry: ToWrite): Outcome {
  const file = path.join(knowledgeDir, entry.plan.file);
  const pages = entry.prepared.pages !== null ? `${count(entry.prepared.pages, "page")}, ` : "";
  const passages = count(entry.passages, "passage");
  if (entry.plan.action === "replace") {
    const detail = `${pages}${passages}; the same ${entry.plan.match}`;
    return { status: "replaced", source: entry.source, file, detail };
  }
  return { status: "added", source: entry.source, file, detail: `${pages}${passages}` };
}

export function skipped(source: string, reason: string, problem: boolean): Outcome {
  return { status: "skipped", source, reason, problem };
}

function alreadyThere(knowledgeDir: string, duplicate: KnownDocument): string {
  return `already in the knowledge base as ${path.join(knowledgeDir, duplicate.file)} (the same text)`;
}

/** "1 page", "2,300 words". */
export function count(n: number, word: string): string {
  return `${n.toLocaleString("en-US")} ${word}${n === 1 ? "" : "s"}`;
}
