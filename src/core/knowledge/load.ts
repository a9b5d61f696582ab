import { createHash } from "node:crypto";
import path from "node:path";
import matter from "gray-matter";
import YAML from "yaml";
import type { z } from "zod";
import { cleanText } from "./clean.ts";
import { KnowledgeError, listKnowledgeFiles, readKnowledgeFile, type SkippedFile } from "./files.ts";
import { FOLDER_LIMITS, mapLimited } from "./read-files.ts";
import { type DocumentMeta, type FrontMatter, frontMatterSchema, type KnowledgeDocument } from "./schema.ts";

export {
  describeSkipped,
  KnowledgeError,
  listKnowledgeFiles,
  MAX_DOCUMENT_BYTES,
  readKnowledgeFile,
  type SkippedFile,
} from "./files.ts";

export interface Knowledge {
  dir: string;
  documents: KnowledgeDocument[];
  skipped: SkippedFile[];
}

// gray-matter's default YAML engine expands aliases without a bound; the yaml package caps them, so a
// "billion laughs" front matter fails with an error instead of eating the memory.
const matterOptions = {
  engines: {
    // logLevel "error": an odd tag in one file must not print process warnings; it is read as a plain value.
    yaml: (text: string) =>
      YAML.parse(text, { maxAliasCount: 50, prettyErrors: false, logLevel: "error" }) as object,
  },
};

/**
 * How far a build has got, for a progress display: documents read and cleaned, then passages indexed. Called
 * as each step is done, in order; only a build calls it (loading a persisted index is quick).
 */
export type BuildProgress = (step: { stage: "reading" | "indexing"; done: number; total: number }) => void;

/**
 * Loads every Markdown file of a knowledge folder. A file that cannot be used is skipped with one line saying
 * which file and which field; the others still load.
 */
export async function loadKnowledge(dir: string, progress?: BuildProgress): Promise<Knowledge> {
  const files = await listKnowledgeFiles(dir);
  let read = 0;
  // Read a few at a time (never every file at once: EMFILE), then checked in the folder's order, so the
  // first of two files with one id keeps it whatever order the reads end in.
  const parsed = await mapLimited(files, FOLDER_LIMITS.concurrency, async (file) => {
    try {
      return parseKnowledgeFile(file, await readKnowledgeFile(path.join(dir, file)));
    } catch (error) {
      return error instanceof Error ? error : new Error(String(error));
    } finally {
      read += 1;
      progress?.({ stage: "reading", done: read, total: files.length });
    }
  });
  const documents: KnowledgeDocument[] = [];
  const skipped: SkippedFile[] = [];
  const seen = new Map<string, string>();
  parsed.forEach((document, i) => {
    const file = files[i]!;
    if (document instanceof Error) {
      skipped.push({ file, reason: document.message });
      return;
    }
    const clash = seen.get(document.id);
    if (clash) {
      skipped.push({ file, reason: `id "${document.id}" is already used by ${clash}` });
      return;
    }
    seen.set(document.id, file);
    documents.push(document);
  });
  return { dir, documents, skipped };
}

/** Parses and validates one knowledge file's bytes; throws a KnowledgeError that names the field at fault. */
export function parseKnowledgeFile(file: string, bytes: Buffer): KnowledgeDocument {
  if (bytes.includes(0)) throw new KnowledgeError("it is a binary file, not Markdown text");
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new KnowledgeError("it is not valid UTF-8 text: save it as UTF-8");
  }
  if (!/^\uFEFF?---\r?\n/u.test(text)) {
    throw new KnowledgeError(
      "it has no front matter: start it with a --- block giving title, source and date",
    );
  }
  const parsed = splitFrontMatter(text);
  const result = frontMatterSchema.safeParse(parsed.data);
  if (!result.success) throw new KnowledgeError(`front matter: ${describeIssues(result.error)}`);
  const body = cleanText(parsed.content);
  if (body.trim() === "") throw new KnowledgeError("it has no text after the front matter");
  const id = result.data.id ?? file.replace(/\.md$/u, "").split("/").at(-1)!;
  return {
    ...toMeta(id, result.data),
    file,
    body,
    hash: createHash("sha256").update(bytes).digest("hex"),
  };
}

/**
 * Splits a text that starts with a `---` front matter block into its fields (dates as YYYY-MM-DD strings) and
 * the text after it; throws a KnowledgeError when the block is not valid YAML.
 */
export function splitFrontMatter(text: string): { data: Record<string, unknown>; content: string } {
  try {
    // An empty options object per call stops gray-matter from caching by content across files.
    const parsed = matter(text.replace(/^\uFEFF/u, ""), { ...matterOptions });
    return { data: normaliseFrontMatter(parsed.data), content: parsed.content };
  } catch (error) {
    throw new KnowledgeError(`front matter is not valid YAML (${firstLine(error)})`);
  }
}

function toMeta(id: string, data: FrontMatter): DocumentMeta {
  return {
    id,
    title: data.title,
    source: data.source,
    date: data.date,
    approximateDate: data.approximate_date ?? false,
    url: data.url ?? null,
    symbol: data.symbol ?? null,
    ...(data.subjects ? { subjects: data.subjects } : {}),
  };
}

function normaliseFrontMatter(data: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    // YAML reads an unquoted 2021-06-01 as a Date (UTC midnight); keep it as the calendar day it names.
    out[key] =
      value instanceof Date && !Number.isNaN(value.getTime()) ? value.toISOString().slice(0, 10) : value;
  }
  return out;
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      if (issue.code === "unrecognized_keys")
        return `unknown field ${issue.keys.map((k) => `"${k}"`).join(", ")}`;
      const field = issue.path.join(".");
      if (issue.code === "invalid_type" && issue.input === undefined) return `${field} is missing`;
      return field ? `${field}: ${issue.message}` : issue.message;
    })
    .join("; ");
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0] ?? "";
}
