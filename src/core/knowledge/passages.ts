import type { KnowledgeDocument, Passage } from "./schema.ts";
import { splitSentences } from "./sentences.ts";

/** Passage size in words: small enough to cite precisely, big enough to carry a sentence's context. */
export const PASSAGE_WORDS = { min: 40, max: 160 } as const;

interface Paragraph {
  section: string | null;
  text: string;
}

/**
 * Splits a document into paragraph-sized passages with stable ids (`<doc id>#<n>`). Short paragraphs under
 * the same heading are merged, long ones are cut between sentences, never inside one.
 */
export function splitPassages(document: KnowledgeDocument): Passage[] {
  const { file: _file, body: _body, hash: _hash, ...doc } = document;
  const chunks: Paragraph[] = [];
  let pending: Paragraph | null = null;
  const push = (chunk: Paragraph) => {
    if (
      pending &&
      pending.section === chunk.section &&
      // A paragraph that ends with no punctuation at all (a caption, a line of a table) would be read as the
      // start of the next paragraph's first sentence: it stays a passage of its own.
      /[.!?;:,)\]"'”’]$/u.test(pending.text) &&
      words(pending.text) + words(chunk.text) <= PASSAGE_WORDS.max
    ) {
      pending = { section: chunk.section, text: `${pending.text} ${chunk.text}` };
    } else {
      if (pending) chunks.push(pending);
      pending = chunk;
    }
    if (words(pending.text) >= PASSAGE_WORDS.min) {
      chunks.push(pending);
      pending = null;
    }
  };

  for (const paragraph of paragraphs(document.body)) {
    for (const piece of cutLongParagraph(paragraph.text)) push({ section: paragraph.section, text: piece });
  }
  if (pending) chunks.push(pending);

  return chunks.map((chunk, i) => ({
    id: passageId(document.id, i + 1),
    doc,
    section: chunk.section,
    text: chunk.text,
  }));
}

/** The id of a document's n-th passage: its passages are numbered from 1, in the order they stand. */
export function passageId(docId: string, n: number): string {
  return `${docId}#${n}`;
}

/** The document and number of a passage, from its id. */
export function passagePlace(id: string): { doc: string; n: number } {
  const hash = id.lastIndexOf("#");
  return { doc: id.slice(0, hash), n: Number(id.slice(hash + 1)) };
}

function paragraphs(body: string): Paragraph[] {
  const out: Paragraph[] = [];
  let section: string | null = null;
  for (const block of body.split(/\n\s*\n/u)) {
    const text = block.replace(/\s+/gu, " ").trim();
    if (text === "") continue;
    const heading = /^#{1,6}\s+(.*)$/u.exec(text);
    if (heading) section = heading[1]?.trim() || null;
    else out.push({ section, text });
  }
  return out;
}

function cutLongParagraph(text: string): string[] {
  if (words(text) <= PASSAGE_WORDS.max) return [text];
  const pieces: string[] = [];
  let current = "";
  for (const sentence of splitSentences(text)) {
    // Aim for even pieces of about two thirds of the maximum, so the remainder is not a stub.
    if (current !== "" && words(current) + words(sentence) > (PASSAGE_WORDS.max * 2) / 3) {
      pieces.push(current);
      current = sentence;
    } else {
      current = current === "" ? sentence : `${current} ${sentence}`;
    }
  }
  if (current !== "") pieces.push(current);
  return pieces;
}

function words(text: string): number {
  return text.split(/\s+/u).filter(Boolean).length;
}
