import { isEnglishWord } from "./words.ts";

/**
 * The version of what cleaning (and the splitting after it) produces. It is part of the persisted index's key
 * (src/knowledge/open.ts), so bump it whenever a change here or in sentences.ts/passages.ts changes the text
 * a document gives: an index persisted before the change is then rebuilt instead of answering with old text.
 */
export const CLEAN_VERSION = 1;

/**
 * Turns raw document text (a news page copied as text, a PDF's text export, or an already clean knowledge
 * file) into clean Markdown: one paragraph a line, blank lines between paragraphs, `## ` section headings.
 * Cleaning a clean text changes nothing, so it is safe to run on every load.
 *
 * @example cleanText("S/2021/520\n\n3/7 21-06844\n\nth e counterp arts") // "the counterparts"
 */
export function cleanText(raw: string): string {
  const lines = normaliseCharacters(raw)
    .split("\n")
    .map((line) => line.replace(/[ \t]+$/u, ""))
    .filter((line) => !isPageFurniture(line));
  const blocks = joinLines(dropTeasers(lines.filter((line) => line.trim() !== "")));
  return blocks.map((block) => (block.heading ? `## ${block.text}` : block.text)).join("\n\n");
}

/** Repairs what PDF extraction does to words inside a line: `th e`, `counterp arts`, `self -defence`. */
export function repairWords(text: string): string {
  return (
    text
      // "self -defence", "in -mission": a hyphen that lost its first neighbour's company
      .replace(/(\p{L}) -(\p{L})/gu, "$1-$2")
      // The lookahead leaves the second fragment unconsumed, so "local counterp arts" still gets to "counterp arts".
      .replace(
        /(?<![\p{L}\p{N}'’-])(\p{L}+) (?=(\p{Ll}+)(?![\p{L}\p{N}'’-]))/gu,
        (whole, a: string, b: string) => (isSplitWord(a, b) ? a : whole),
      )
  );
}

/** Two fragments are one split word when their concatenation is a word while at least one of them is not. */
function isSplitWord(a: string, b: string): boolean {
  // Proper nouns are left alone: only the first fragment may carry a capital (at a sentence start).
  if (a.length + b.length < 3 || a.slice(1) !== a.slice(1).toLowerCase()) return false;
  const joined = `${a}${b}`.toLowerCase();
  return isEnglishWord(joined) && !(isEnglishWord(a.toLowerCase()) && isEnglishWord(b));
}

/**
 * Joins a paragraph's lines. A line that ends in a hyphen meets the next without a space: "peace-" + "keeping"
 * becomes "peacekeeping" when the halves make one word, "troop-" + "contributing" keeps its hyphen. Each
 * decision looks at two lines only, so a paragraph of thousands of lines stays linear.
 */
function joinParagraphLines(lines: string[]): string {
  const parts: string[] = [];
  lines.forEach((line, i) => {
    const previous = lines[i - 1];
    if (previous === undefined || !/\p{L}-$/u.test(previous)) {
      parts.push(i === 0 ? line : ` ${line}`);
      return;
    }
    const before = /\p{L}+(?=-$)/u.exec(previous)?.[0] ?? "";
    const after = /^\p{L}+/u.exec(line)?.[0] ?? "";
    // At a line end the hyphen may be the typesetter's: drop it when the two halves make one word.
    const keep = after !== after.toLowerCase() || !isEnglishWord(`${before}${after}`.toLowerCase());
    if (!keep) parts[parts.length - 1] = parts[parts.length - 1]!.slice(0, -1);
    parts.push(line);
  });
  return parts.join("");
}

const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF\u00AD]/gu;
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/gu;

function normaliseCharacters(raw: string): string {
  return raw
    .normalize("NFC")
    .replace(/\r\n?/g, "\n")
    .replace(ZERO_WIDTH, "")
    .replace(CONTROL, "")
    .replace(/[\u00A0\u2000-\u200A\u202F\u205F\u3000]/gu, " ");
}

// Running headers, page numbers and web page chrome that extraction leaves in the text.
const FURNITURE: RegExp[] = [
  /^\s*\d{1,4}\/\d{1,4}\s+\d{2}-\d{5}(\s*\(E\))?\s*$/u, // "3/7 21-06844"
  /^\s*\d{2}-\d{5}(\s*\(E\))?\s+\d{1,4}\/\d{1,4}\s*$/u, // "21-06844 4/7"
  /^\s*\d{2}-\d{5}(\s*\(E\))?\s*$/u, // a job number alone
  /^\s*\d{2}-\d{5}\s*\([A-Z]\)\s+\d{6}\s*$/u, // "21-06844 (E) 030621": the job number on a first page
  /^\s*\*\d{7}\*\s*$/u, // "*2106844*": the job number's barcode, as text
  /^\s*Please recycle\s*$/iu,
  /^\s*(page\s+)?\d{1,4}(\s*(\/|of)\s*\d{1,4})?\s*$/iu, // "3", "3/7", "Page 3 of 7"
  /^\s*[A-Z]{1,3}\/(RES\/)?\d{2,4}\/\d{1,5}(\/[A-Za-z0-9.]+)*\s*$/u, // "S/2021/520" alone: a running header
  /^\s*https?:\/\/\S+\s*$/u, // a bare link: a PDF's link annotation, not a sentence
  /^\s*(RELATED|ADVERTISEMENT|Advertisement|READ MORE:.*|Read more:.*|Source: .{1,60}|Share this article.*)\s*$/u,
];

/** Whether a line is a running header, a page number or web page chrome rather than text. */
export function isPageFurniture(line: string): boolean {
  return FURNITURE.some((pattern) => pattern.test(line));
}

/** A short line that the next line repeats at its start is a caption or teaser left by a web page. */
function dropTeasers(lines: string[]): string[] {
  return lines.filter((line, i) => {
    const next = lines[i + 1]?.trim();
    const here = line.trim();
    return !(
      next &&
      here.length < 40 &&
      next.length > here.length &&
      next.startsWith(here) &&
      !/[.!?:]$/u.test(here)
    );
  });
}

interface Block {
  text: string;
  heading: boolean;
}

// A sentence end, or a news agency's credit line ending a caption: "(AFP)".
const TERMINAL = /[.!?]["'”’)\]]*$|\((AFP|Reuters|AP|UPI|ANI)\)$/u;
const MARKDOWN_HEADING = /^#{1,6}\s+/u;
const LIST_ITEM = /^\s*([-*•]|\d{1,3}[.)]|\([a-z0-9]{1,3}\))\s+/u;
// A line ending in one of these words, or a comma, is always continued on the next line.
const DANGLING = new Set(
  "a an the and or but nor of to in on at by for with from into as than that which who whose whom its their his her our this these those is are was were be been has have had will would shall should may might can could not no including between among over under about after before during per via".split(
    " ",
  ),
);

function startsParagraph(line: string): boolean {
  return /^["'“‘([]?[\p{Lu}\d]/u.test(line.trim());
}

function isHeadingCandidate(text: string): boolean {
  const words = text.split(/\s+/u);
  const last = words.at(-1)?.toLowerCase() ?? "";
  return (
    words.length <= 18 &&
    !/[.!?:;,]["'”’)\]]*$/u.test(text) &&
    !DANGLING.has(last) &&
    /^[\p{Lu}(]/u.test(text) &&
    !/^\(?Signed\)?/iu.test(text)
  );
}

function joinLines(lines: string[]): Block[] {
  const blocks: Block[] = [];
  let current: string[] = [];

  const flush = (next: string | undefined) => {
    if (current.length === 0) return;
    const text = repairWords(
      joinParagraphLines(current)
        .replace(/\s{2,}/gu, " ")
        .trim(),
    );
    current = [];
    if (MARKDOWN_HEADING.test(text)) {
      blocks.push({ text: text.replace(MARKDOWN_HEADING, "").trim(), heading: true });
      return;
    }
    const heading = next !== undefined && startsParagraph(next) && isHeadingCandidate(text);
    blocks.push({ text, heading });
  };

  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] ?? "";
    const line = raw.trim();
    const indented = /^\s/u.test(raw);
    const previous = current.at(-1);
    if (previous !== undefined && !shouldContinue(previous, line, indented, current.length === 1))
      flush(line);
    current.push(line);
    if (MARKDOWN_HEADING.test(line)) flush(lines[i + 1]?.trim());
  }
  flush(undefined);
  return blocks;
}

function shouldContinue(previous: string, line: string, indented: boolean, aloneInBlock: boolean): boolean {
  if (MARKDOWN_HEADING.test(line) || MARKDOWN_HEADING.test(previous) || LIST_ITEM.test(line)) return false;
  // A lower-case start, or a closing bracket/punctuation, can only continue what came before.
  if (/^[\p{Ll},;:)\]]/u.test(line)) return true;
  const lastWord = previous.split(/\s+/u).at(-1)?.toLowerCase() ?? "";
  if (/[,;:–—-]$/u.test(previous) || DANGLING.has(lastWord)) return true;
  if (/^\((?![a-z0-9]{1,3}\))/u.test(line)) return true; // "(MINUSMA), by which": a bracket, not a list item
  if (TERMINAL.test(previous)) return false;
  // An indented capital after a line with no full stop starts a paragraph or heading of its own (PDF layout);
  // otherwise the line was wrapped mid-sentence, before a proper noun or a number.
  if (indented && startsParagraph(line)) return false;
  return !(aloneInBlock && isHeadingCandidate(previous) && isShortLine(previous));
}

function isShortLine(line: string): boolean {
  return line.split(/\s+/u).length <= 8;
}
