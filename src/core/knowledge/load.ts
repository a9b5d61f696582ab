import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import matter from "gray-matter";
import YAML from "yaml";
import type { z } from "zod";
import { cleanText } from "./clean.ts";
import { KnowledgeError, listKnowledgeFiles, type SkippedFile } from "./files.ts";
import { type DocumentMeta, type FrontMatter, frontMatterSchema, type KnowledgeDocument } from "./schema.ts";

export { describeSkipped, KnowledgeError, listKnowledgeFiles, type SkippedFile } from "./files.ts";

/** The largest knowledge file read; a bigger one is almost certainly not a briefing document. */
export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;

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
 * Loads every Markdown file of a knowledge folder. A file that cannot be used is skipped with one line saying
 * which file and which field; the others still load.
 */
export async function loadKnowledge(dir: string): Promise<Knowledge> {
  const files = await listKnowledgeFiles(dir);
  const documents: KnowledgeDocument[] = [];
  const skipped: SkippedFile[] = [];
  const seen = new Map<string, string>();
  for (const file of files) {
    const full = path.join(dir, file);
    try {
      const info = await stat(full);
      if (info.size > MAX_DOCUMENT_BYTES) {
        throw new KnowledgeError(`file is ${Math.round(info.size / 1024 / 1024)} MB, over the 5 MB limit`);
      }
      const document = parseKnowledgeFile(file, await readFile(full));
      const clash = seen.get(document.id);
      if (clash) throw new KnowledgeError(`id "${document.id}" is already used by ${clash}`);
      seen.set(document.id, file);
      documents.push(document);
    } catch (error) {
      skipped.push({ file, reason: error instanceof Error ? error.message : String(error) });
    }
  }
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
