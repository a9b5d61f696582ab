import { createHash } from "node:crypto";
import type { KnowledgeDocument } from "../schema.ts";

/** What an import compares a new document with: a document already in the knowledge folder, or added earlier in the same run. */
export interface KnownDocument {
  id: string;
  /** relative to the knowledge folder */
  file: string;
  title: string;
  symbol: string | null;
  url: string | null;
  /** `contentHash` of its cleaned body */
  contentHash: string;
}

/** What to do with one imported document. */
export type ImportPlan =
  | { action: "add"; file: string }
  /** a new version of a document already there (same symbol or same link): written over its file, keeping its id */
  | { action: "replace"; file: string; replaces: KnownDocument; match: "symbol" | "url" }
  /** the same text is already there */
  | { action: "skip"; duplicateOf: KnownDocument };

/**
 * The hash two documents are compared on: their cleaned text, so the same report imported twice is found
 * whatever its file name or front matter, and a PDF and its text export match when they clean the same.
 */
export function contentHash(body: string): string {
  return createHash("sha256").update(body.trim()).digest("hex");
}

/** A knowledge document as an import compares it. */
export function knownDocument(document: KnowledgeDocument): KnownDocument {
  return {
    id: document.id,
    file: document.file,
    title: document.title,
    symbol: document.symbol,
    url: document.url,
    contentHash: contentHash(document.body),
  };
}

/**
 * Decides what an import does: skip a document whose text is already there, replace the document with the
 * same UN symbol or the same link, or add a new file named `<date>-<slug>.md` that no other file uses.
 */
export function planImport(
  known: readonly KnownDocument[],
  document: {
    date: string;
    title: string;
    symbol?: string | undefined;
    url?: string | undefined;
    contentHash: string;
  },
): ImportPlan {
  const duplicate = known.find((other) => other.contentHash === document.contentHash);
  if (duplicate) return { action: "skip", duplicateOf: duplicate };
  const sameSymbol = document.symbol ? known.find((other) => other.symbol === document.symbol) : undefined;
  if (sameSymbol) return { action: "replace", file: sameSymbol.file, replaces: sameSymbol, match: "symbol" };
  const sameUrl = document.url ? known.find((other) => other.url === document.url) : undefined;
  if (sameUrl) return { action: "replace", file: sameUrl.file, replaces: sameUrl, match: "url" };
  const taken = new Set(known.map((other) => other.file.toLowerCase()));
  const base = `${document.date}-${slugify(document.symbol ? `${document.symbol} ${document.title}` : document.title) || "document"}`;
  let file = `${base}.md`;
  for (let n = 2; taken.has(file.toLowerCase()); n++) file = `${base}-${n}.md`;
  return { action: "add", file };
}

/**
 * A file-name slug: lower-case ASCII letters and digits joined by hyphens, accents dropped, cut at a word
 * boundary to at most `max` characters.
 *
 * @example slugify("Letter dated 1 June 2021 from the Secretary-General") // "letter-dated-1-june-2021-from-the-secretary-general"
 */
export function slugify(text: string, max = 60): string {
  const slug = text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/gu, "-")
    .replace(/^-+|-+$/gu, "");
  if (slug.length <= max) return slug;
  const cut = slug.slice(0, max + 1);
  const boundary = cut.lastIndexOf("-");
  return (boundary >= max / 2 ? cut.slice(0, boundary) : slug.slice(0, max)).replace(/-+$/u, "");
}
