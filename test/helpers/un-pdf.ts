import { PDFDocument, type PDFFont, type PDFPage, StandardFonts } from "pdf-lib";

/**
 * Writes a PDF laid out like a UN document (A4, Times): the masthead on the first page (symbol, organ,
 * "Distr.: General" and date, job number), a running header with the symbol and "n/N job" page numbers on
 * the others, first-line indents, bold headings, superscript footnote markers with their notes at the foot of
 * the page. Tests and the import benchmark generate their PDFs with it, so nothing binary is checked in.
 *
 * In paragraph text, `\n` forces a line break (a word hyphenated across lines: "stabili-\nzation"), `\f` a page
 * break (a paragraph running onto the next page), and `^1` a footnote marker whose note is `footnotes[1]`.
 */
export interface UnPdfSpec {
  symbol: string;
  /** the job number printed in the footer, such as 21-06844 */
  job: string;
  organ: string;
  /** the distribution date, as the masthead prints it: "2 June 2021" */
  distributed: string;
  title: string[];
  blocks: Array<string | { heading: string }>;
  footnotes?: Record<number, string>;
}

const PAGE = { width: 595, height: 842 } as const;
const LEFT = 72;
const WIDTH = 451;
const INDENT = 36;
const SIZE = 11;
const LEADING = 14;
const BODY_TOP = 770;
const FIRST_BODY_TOP = 600;
const BODY_BOTTOM = 130;

interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
}

export async function unPdf(spec: UnPdfSpec): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const fonts = {
    regular: await doc.embedFont(StandardFonts.TimesRoman),
    bold: await doc.embedFont(StandardFonts.TimesRomanBold),
  };
  const pages: Array<{ page: PDFPage; notes: number[] }> = [];
  let y = 0;
  const newPage = () => {
    const page = doc.addPage([PAGE.width, PAGE.height]);
    pages.push({ page, notes: [] });
    y = pages.length === 1 ? FIRST_BODY_TOP : BODY_TOP;
    return pages.at(-1)!;
  };
  let current = newPage();
  drawMasthead(current.page, spec, fonts);
  for (const line of spec.title) {
    current.page.drawText(line, { x: LEFT + INDENT, y, size: 12, font: fonts.bold });
    y -= LEADING + 1;
  }
  y -= LEADING;

  for (const block of spec.blocks) {
    if (typeof block !== "string") {
      if (y - 2 * LEADING < BODY_BOTTOM) current = newPage();
      y -= LEADING / 2;
      current.page.drawText(block.heading, { x: LEFT, y, size: SIZE, font: fonts.bold });
      y -= LEADING * 1.5;
      continue;
    }
    let first = true;
    for (const segment of block.split("\f")) {
      if (!first) current = newPage();
      for (const line of layOut(segment, fonts.regular, first)) {
        if (y < BODY_BOTTOM) current = newPage();
        drawLine(current, line.text, LEFT + (line.indent ? INDENT : 0), y, fonts.regular);
        y -= LEADING;
        first = false;
      }
    }
    y -= LEADING / 2;
  }

  pages.forEach(({ page, notes }, i) => {
    drawFurniture(page, i + 1, pages.length, spec, fonts.regular);
    let noteY = 100;
    for (const n of [...notes].reverse()) {
      page.drawText(String(n), { x: LEFT, y: noteY + 3, size: 6, font: fonts.regular });
      page.drawText(spec.footnotes?.[n] ?? "", { x: LEFT + 6, y: noteY, size: 8.5, font: fonts.regular });
      noteY += 11;
    }
  });
  return doc.save();
}

/** Wraps a paragraph to the text width; explicit `\n` breaks are kept. The first line is indented. */
function layOut(text: string, font: PDFFont, indentFirst: boolean): Array<{ text: string; indent: boolean }> {
  const lines: Array<{ text: string; indent: boolean }> = [];
  for (const forced of text.split("\n")) {
    let line = "";
    for (const word of forced.split(/\s+/u).filter(Boolean)) {
      const candidate = line === "" ? word : `${line} ${word}`;
      const indent = indentFirst && lines.length === 0;
      if (line !== "" && width(candidate, font) > WIDTH - (indent ? INDENT : 0)) {
        lines.push({ text: line, indent });
        line = word;
      } else {
        line = candidate;
      }
    }
    if (line !== "") lines.push({ text: line, indent: indentFirst && lines.length === 0 });
  }
  return lines;
}

function width(text: string, font: PDFFont): number {
  return font.widthOfTextAtSize(text.replace(/\^\d+/gu, "1"), SIZE);
}

/** Draws a line, raising and shrinking `^n` footnote markers as a typesetter does. */
function drawLine(
  target: { page: PDFPage; notes: number[] },
  text: string,
  x: number,
  y: number,
  font: PDFFont,
): void {
  let at = x;
  for (const part of text.split(/(\^\d+)/u)) {
    if (part === "") continue;
    const marker = /^\^(\d+)$/u.exec(part);
    if (marker) {
      target.notes.push(Number(marker[1]));
      target.page.drawText(marker[1]!, { x: at, y: y + 4, size: 7, font });
      at += font.widthOfTextAtSize(marker[1]!, 7);
    } else {
      target.page.drawText(part, { x: at, y, size: SIZE, font });
      at += font.widthOfTextAtSize(part, SIZE);
    }
  }
}

function drawMasthead(page: PDFPage, spec: UnPdfSpec, fonts: Fonts): void {
  page.drawText("United Nations", { x: LEFT, y: 790, size: 14, font: fonts.bold });
  page.drawText(spec.symbol, { x: 430, y: 790, size: 16, font: fonts.bold });
  page.drawText(spec.organ, { x: LEFT + 40, y: 745, size: 20, font: fonts.bold });
  page.drawText("Distr.: General", { x: 430, y: 745, size: 10, font: fonts.regular });
  page.drawText(spec.distributed, { x: 430, y: 733, size: 10, font: fonts.regular });
  page.drawText("Original: English", { x: 430, y: 709, size: 10, font: fonts.regular });
}

function drawFurniture(page: PDFPage, n: number, total: number, spec: UnPdfSpec, font: PDFFont): void {
  if (n === 1) {
    const code = spec.job.replace("-", "");
    page.drawText(`${spec.job} (E)    030621`, { x: LEFT, y: 60, size: 8, font });
    page.drawText(`*${code}*`, { x: LEFT, y: 45, size: 10, font });
    return;
  }
  // Even pages carry the symbol and the page number on the left, odd pages on the right, as UN documents do.
  const even = n % 2 === 0;
  page.drawText(spec.symbol, { x: even ? LEFT : 470, y: 805, size: 10, font });
  page.drawText(even ? `${n}/${total}    ${spec.job}` : `${spec.job}    ${n}/${total}`, {
    x: even ? LEFT : 430,
    y: 50,
    size: 8,
    font,
  });
}

/**
 * A four-page UN letter for the import tests: a footnote on the first page, a paragraph that runs from the
 * second page onto the third, a word hyphenated across lines and one hyphenated across the page break.
 */
export const WITHDRAWAL_LETTER: UnPdfSpec = {
  symbol: "S/2024/118",
  job: "24-02131",
  organ: "Security Council",
  distributed: "9 February 2024",
  title: [
    "Letter dated 7 February 2024 from the Secretary-General addressed to",
    "the President of the Security Council",
  ],
  blocks: [
    "I have the honour to refer to resolution 2690 (2023), by which the Security Council terminated the mandate of the United Nations Multidimensional Integrated Stabilization Mission in Mali (MINUSMA) and requested me to keep the Council informed of the withdrawal.^1 The present letter covers the period up to 31 December 2023.",
    { heading: "Withdrawal of uniformed personnel" },
    "By 31 December 2023, the Mission had repatriated 12,947 uniformed personnel and handed over 13 camps to the Malian authorities. The last convoy left Gao on 11 December after a journey in which several vehicles were damaged by improvised explosive devices.",
    "The withdrawal from the northern camps of Tessalit, Aguelhok and Kidal was brought forward because of the deteriorating security situation, and the Mission was obliged to destroy or disable equipment that could not be moved, in line with established procedures.",
    "Throughout the withdrawal the Mission continued to protect civilians within its capabilities and supported the stabili-\nzation of the areas it was leaving through projects handed over to local authorities and partners.\fThe Mission also transferred its radio station, Mikado FM, to a national broadcaster.",
    { heading: "Liquidation" },
    "A liquidation team of about 300 personnel will remain in Bamako until the end of 2024 to complete the disposal of assets, to hand over the remaining\fequipment to the host Government and to close the accounts of the Mission, with adminis-\ftrative support from the Regional Service Centre in Entebbe.",
    "I should be grateful if you would bring the present letter to the attention of the members of the Security Council.",
  ],
  footnotes: { 1: "See S/2023/611, para. 3." },
};
