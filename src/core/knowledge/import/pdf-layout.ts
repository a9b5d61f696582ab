import { isPageFurniture } from "../clean.ts";

/** One piece of text as a PDF places it (PDF coordinates: y grows upwards), as unpdf's extractTextItems gives. */
export interface PlacedText {
  str: string;
  x: number;
  y: number;
  width: number;
  fontSize: number;
  hasEOL: boolean;
}

interface Line {
  y: number;
  x: number;
  /** the largest font size on the line: the size of its text, not of a marker raised above it */
  size: number;
  parts: Array<{ str: string; x: number; width: number; marker: number | null }>;
}

/** Text laid out as a plain-text export would have it, ready for `cleanText`, and what was found on the way. */
export interface PdfText {
  /** one line of text a line, pages in order and separated by a form feed; an indented line starts with a space */
  text: string;
  /** the footnotes, by number, as they were at the foot of their pages */
  footnotes: Map<number, string>;
}

/**
 * Rebuilds the text of a PDF's pages from the placed pieces: lines in reading order (top to bottom),
 * first-line indents kept as a leading space (the signal `cleanText` uses to start a paragraph), superscript
 * footnote markers dropped from the sentences they interrupt, and the footnotes themselves moved from the foot
 * of each page to the end under "## Notes", so a paragraph that runs onto the next page is read as one.
 */
export function layOutPages(pages: readonly PlacedText[][]): PdfText {
  const lines = pages.map(toLines);
  const bodySize = commonSize(lines.flat());
  const markers = new Set(
    lines
      .flat()
      .flatMap((line) => line.parts.slice(1).flatMap((part) => (part.marker === null ? [] : [part.marker]))),
  );
  const footnotes = new Map<number, string>();
  const kinds = lines.map((pageLines) => {
    // Footnotes sit below the last line of body text; nothing above it is taken for one.
    const lastBody = pageLines.findLastIndex(
      (line) => line.size >= bodySize * 0.92 && !isPageFurniture(lineText(line)),
    );
    let note: number | null = null;
    return pageLines.map((line, i): "furniture" | "note" | "body" => {
      if (isPageFurniture(lineText(line))) return "furniture";
      const start = i > lastBody ? footnoteStart(line, bodySize, markers) : null;
      if (start !== null) {
        note = start.n;
        footnotes.set(note, start.text);
        return "note";
      }
      // A footnote wraps onto the small-print lines below its first.
      if (note !== null && line.size < bodySize * 0.92) {
        footnotes.set(note, `${footnotes.get(note)} ${lineText(line)}`.trim());
        return "note";
      }
      note = null;
      return "body";
    });
  });

  // Furniture stays for cleanText to drop (and for the symbol in the running header to be found).
  const pageTexts = lines.map((pageLines, p) => {
    const margin = leftMargin(pageLines, bodySize);
    return pageLines
      .flatMap((line, i) => {
        const kind = kinds[p]![i]!;
        if (kind === "note") return [];
        if (kind === "furniture") return [lineText(line)];
        const indented = line.x - margin > bodySize * 0.8;
        // A raised number with no footnote of that number is kept, glued on: a unit's power, not a marker.
        return [`${indented ? " " : ""}${lineText(line, (n) => footnotes.has(n))}`];
      })
      .join("\n");
  });
  const notes = [...footnotes.entries()].sort(([a], [b]) => a - b);
  const tail = notes.length > 0 ? ["## Notes", ...notes.map(([n, text]) => ` ${n} ${text}`)] : [];
  // A form feed between pages, as pdftotext writes it: the first page is where a masthead is looked for.
  return { text: [pageTexts.join("\n\f"), ...tail].join("\n"), footnotes };
}

/** Groups pieces into lines (a break where the PDF says so, or where the baseline moves by a line) and sorts them. */
function toLines(items: readonly PlacedText[]): Line[] {
  const lines: Line[] = [];
  let current: PlacedText[] = [];
  const flush = () => {
    const visible = current.filter((item) => item.str !== "");
    current = [];
    if (visible.length === 0) return;
    const main = visible.reduce((a, b) => (b.fontSize > a.fontSize ? b : a));
    const sorted = [...visible].sort((a, b) => a.x - b.x);
    const parts = sorted.map((item) => ({
      str: item.str,
      x: item.x,
      width: item.width,
      marker: isRaisedDigits(item, main) ? Number(item.str.trim()) : null,
    }));
    const first = sorted.find((item) => item.str.trim() !== "") ?? sorted[0]!;
    lines.push({ y: main.y, x: first.x, size: main.fontSize, parts });
  };
  for (const item of items) {
    const last = current.at(-1);
    if (last && Math.abs(item.y - last.y) > Math.max(item.fontSize, last.fontSize) * 0.9) flush();
    current.push(item);
    if (item.hasEOL) flush();
  }
  flush();
  // Content streams need not run top to bottom (footnotes and headers are often drawn last).
  return lines
    .map((line, i) => ({ line, i }))
    .sort((a, b) => b.line.y - a.line.y || a.i - b.i)
    .map((e) => e.line);
}

/** A superscript: digits set smaller than the line and above its baseline. */
function isRaisedDigits(item: PlacedText, main: PlacedText): boolean {
  return (
    /^\s*\d{1,3}\s*$/u.test(item.str) &&
    item.fontSize <= main.fontSize * 0.8 &&
    item.y - main.y > main.fontSize * 0.15
  );
}

/** A line that opens a footnote: a raised number first, or a small-print line starting with a number. */
function footnoteStart(
  line: Line,
  bodySize: number,
  markers: Set<number>,
): { n: number; text: string } | null {
  if (line.size >= bodySize * 0.92) return null;
  const [first, ...rest] = line.parts.filter((part) => part.str.trim() !== "");
  if (first && first.marker !== null) return { n: first.marker, text: lineText({ ...line, parts: rest }) };
  // Set on the baseline: only a number some raised marker in the text refers to.
  const numbered = /^(\d{1,3})\s+(\S.*)$/u.exec(lineText(line));
  return numbered && markers.has(Number(numbered[1])) ? { n: Number(numbered[1]), text: numbered[2]! } : null;
}

/** The line's text, with a space wherever two pieces do not touch, without the markers `drop` accepts. */
function lineText(line: Line, drop: (marker: number) => boolean = () => false): string {
  let text = "";
  let end: number | null = null;
  for (const part of line.parts) {
    if (part.marker !== null && drop(part.marker)) {
      end = part.x + part.width;
      continue;
    }
    const gap = end === null ? 0 : part.x - end;
    if (text !== "" && gap > line.size * 0.2 && !/\s$/u.test(text) && !/^\s/u.test(part.str)) text += " ";
    text += part.str;
    end = part.x + part.width;
  }
  return text.replace(/\s+/gu, " ").trim();
}

/** The font size most of the text is set in (by characters). */
function commonSize(lines: Line[]): number {
  const counts = new Map<number, number>();
  for (const line of lines) {
    const size = Math.round(line.size * 2) / 2;
    const chars = line.parts.reduce((sum, part) => sum + part.str.length, 0);
    counts.set(size, (counts.get(size) ?? 0) + chars);
  }
  let best = 0;
  let bestCount = -1;
  for (const [size, count] of counts) {
    if (count > bestCount) [best, bestCount] = [size, count];
  }
  return best || 10;
}

/** Where most body lines start on a page (pages may have mirrored margins, so each page has its own). */
function leftMargin(lines: Line[], bodySize: number): number {
  const starts = new Map<number, number>();
  for (const line of lines) {
    if (Math.abs(line.size - bodySize) > 0.5) continue;
    const x = Math.round(line.x);
    starts.set(x, (starts.get(x) ?? 0) + 1);
  }
  let best: number | null = null;
  let bestCount = 0;
  for (const [x, count] of starts) {
    if (count > bestCount || (count === bestCount && best !== null && x < best))
      [best, bestCount] = [x, count];
  }
  return best ?? Math.min(...lines.map((line) => line.x));
}
