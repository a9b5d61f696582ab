import { ImportError } from "./errors.ts";

// C0 controls other than tab, newline, carriage return and form feed: plenty of them mean binary data.
const CONTROL = /[\u0000-\u0008\u000B\u000E-\u001F\u007F]/gu;

/**
 * Decodes a text file: UTF-8 (with or without a byte order mark), or Windows-1252 when it is not UTF-8, as
 * older Word and web exports are. A file with NUL bytes or many control characters is binary, not text.
 */
export function decodeText(bytes: Uint8Array): string {
  if (bytes.includes(0)) throw binary();
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder("windows-1252").decode(bytes);
  }
  const controls = text.match(CONTROL)?.length ?? 0;
  if (controls > Math.max(2, text.length / 100)) throw binary();
  return text.replace(/^\uFEFF/u, "");
}

function binary(): ImportError {
  return new ImportError("it looks like a binary file, not text: save it as .txt, .md or .pdf and add that");
}
