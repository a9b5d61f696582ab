import { cleanText } from "../clean.ts";
import { KnowledgeError, MAX_DOCUMENT_BYTES, splitFrontMatter } from "../load.ts";
import {
  detectMetadata,
  detectTitle,
  type FoundMetadata,
  type MetadataField,
  openingTitle,
  stripUnFurniture,
  valid,
} from "./detect.ts";
import { ImportError } from "./errors.ts";
import { readPdf } from "./pdf.ts";
import { decodeText } from "./text.ts";

export type SourceKind = "pdf" | "text" | "markdown";

const KINDS: Record<string, SourceKind> = {
  ".pdf": "pdf",
  ".txt": "text",
  ".text": "text",
  ".md": "markdown",
  ".markdown": "markdown",
};

/** What a file is by its extension, or null for a kind that cannot be imported. */
export function sourceKind(file: string): SourceKind | null {
  const extension = /\.[^./\\]+$/u.exec(file.toLowerCase())?.[0] ?? "";
  return KINDS[extension] ?? null;
}

/**
 * The largest file read, by kind. A PDF carries fonts and images beside its text; a text file becomes the
 * knowledge file, which the loader refuses over MAX_DOCUMENT_BYTES.
 */
export const MAX_SOURCE_BYTES: Record<SourceKind, number> = {
  pdf: 50 * 1024 * 1024,
  text: MAX_DOCUMENT_BYTES,
  markdown: MAX_DOCUMENT_BYTES,
};

/** A document read and cleaned, with the metadata found in it, ready to be given the rest and written. */
export interface PreparedDocument {
  kind: SourceKind;
  /** the PDF's page count; null for a text file */
  pages: number | null;
  /** the cleaned Markdown body, as the loader would clean it */
  body: string;
  found: FoundMetadata;
  /** from an imported Markdown file's own front matter */
  approximateDate: boolean;
  /** what was done that the person importing should know: footnotes moved, fields left out */
  notes: string[];
}

const FIELDS: MetadataField[] = ["title", "source", "date", "url", "symbol"];

/**
 * Reads a .txt, .md or .pdf file's bytes into a cleaned Markdown body and the metadata found in it. Throws an
 * ImportError with the reason when the file cannot be used (not readable, binary, empty, too big).
 *
 * @example const doc = await prepareDocument("S-2021-520.pdf", bytes); doc.found.symbol?.value // "S/2021/520"
 */
export async function prepareDocument(file: string, bytes: Uint8Array): Promise<PreparedDocument> {
  const kind = sourceKind(file);
  if (kind === null) throw new ImportError("it is not a .txt, .md or .pdf file");
  if (bytes.length > MAX_SOURCE_BYTES[kind]) {
    throw new ImportError(
      `it is ${megabytes(bytes.length)}, over the ${megabytes(MAX_SOURCE_BYTES[kind])} limit for a ${kind === "pdf" ? "PDF" : "text file"}: split it into smaller documents`,
    );
  }
  const notes: string[] = [];
  let raw: string;
  let pages: number | null = null;
  let front: Record<string, unknown> = {};
  if (kind === "pdf") {
    const pdf = await readPdf(bytes);
    raw = pdf.text;
    pages = pdf.pages;
    if (pdf.footnotes > 0) {
      notes.push(
        `moved ${plural(pdf.footnotes, "footnote")} from the foot of the pages to the end, under "Notes"`,
      );
    }
  } else {
    raw = decodeText(bytes);
    if (kind === "markdown" && /^---\r?\n/u.test(raw)) {
      try {
        const split = splitFrontMatter(raw);
        front = split.data;
        raw = split.content;
      } catch (error) {
        if (!(error instanceof KnowledgeError)) throw error;
        throw new ImportError(`its ${error.message}: fix the block between the --- lines, or remove it`);
      }
    }
  }

  const found = detectMetadata(raw, file);
  for (const field of FIELDS) {
    const value = front[field];
    if (typeof value === "string" && valid(field, value)) found[field] = { value, from: "its front matter" };
  }
  const unused = Object.keys(front).filter(
    (key) => !(FIELDS as string[]).includes(key) && key !== "approximate_date",
  );
  if (unused.length > 0) notes.push(`left out front matter it does not use: ${unused.join(", ")}`);

  // A UN title at the top ("Letter dated … addressed to the President of the Security Council") becomes the
  // title, and a heading of its own: wrapped over lines, it would otherwise run on into the first paragraph.
  let text = stripUnFurniture(raw, found.symbol?.value ?? null);
  // It is then found as the first heading, as a PDF's title is.
  const opening = openingTitle(text);
  if (opening) text = `# ${opening.title}\n\n${opening.rest}`;
  const body = cleanText(text);
  if (!/\p{L}{2,}/u.test(body)) {
    throw new ImportError(
      kind === "pdf"
        ? "the PDF has no text to read (a scanned image?): run it through OCR and add the text"
        : "it has no text",
    );
  }
  if (Buffer.byteLength(body) > MAX_DOCUMENT_BYTES) {
    throw new ImportError(
      `its text is ${megabytes(Buffer.byteLength(body))}, over the ${megabytes(MAX_DOCUMENT_BYTES)} a knowledge file may hold: split it into smaller documents`,
    );
  }
  if (!found.title) {
    const title = detectTitle(body);
    if (title) found.title = title;
  }
  return { kind, pages, body, found, approximateDate: front.approximate_date === true, notes };
}

function megabytes(bytes: number): string {
  return `${Math.max(1, Math.round(bytes / 1024 / 1024))} MB`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
