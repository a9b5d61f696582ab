import { createDeflate } from "node:zlib";
import { describe, expect, it } from "vitest";
import { ImportError } from "../../../../src/core/knowledge/import/errors.ts";
import { checkPdfCost, checkPdfPages, PDF_LIMITS } from "../../../../src/core/knowledge/import/pdf-cost.ts";
import { prepareDocument } from "../../../../src/core/knowledge/import/prepare.ts";
import { unPdf, WITHDRAWAL_LETTER } from "../../../helpers/un-pdf.ts";

/** `megabytes` of spaces, deflated a megabyte at a time (the test never holds them unpacked). */
async function deflatedSpaces(megabytes: number): Promise<Buffer> {
  const deflate = createDeflate({ level: 9 });
  const chunks: Buffer[] = [];
  deflate.on("data", (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise((resolve) => deflate.on("end", resolve));
  const spaces = Buffer.alloc(1024 * 1024, 0x20);
  for (let i = 0; i < megabytes; i += 1) {
    if (!deflate.write(spaces)) await new Promise((resolve) => deflate.once("drain", resolve));
  }
  deflate.end();
  await ended;
  return Buffer.concat(chunks);
}

/** A one-page PDF whose content stream is `content`, deflated: a deflate bomb when it unpacks to a lot. */
function pdfWithContent(content: Buffer): Buffer {
  return Buffer.concat([
    Buffer.from(
      "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n" +
        "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n" +
        "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >> endobj\n" +
        `4 0 obj << /Length ${content.length} /Filter /FlateDecode >> stream\n`,
      "latin1",
    ),
    content,
    Buffer.from("\nendstream endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n", "latin1"),
  ]);
}

describe("what one PDF may cost to read", () => {
  it("skips a 300 KB deflate bomb (300 MB of text stream) with its reason, before PDF.js holds it", async () => {
    const bomb = pdfWithContent(await deflatedSpaces(300));
    expect(bomb.length).toBeLessThan(400 * 1024);
    const reading = prepareDocument("bomb.pdf", bomb);
    await expect(reading).rejects.toBeInstanceOf(ImportError);
    await expect(reading).rejects.toThrow(
      /^it would unpack to over 256 MB of text streams \(a compressed "bomb"/u,
    );
  }, 60_000);

  it("reads a real PDF, whose streams are far under the limit", async () => {
    const letter = await unPdf(WITHDRAWAL_LETTER);
    await expect(checkPdfCost(letter)).resolves.toBeUndefined();
    const prepared = await prepareDocument("letter.pdf", letter);
    expect(prepared.body).toMatch(/12,947/u);
  });

  it("counts every text stream against one budget, and refuses past it", async () => {
    const two = pdfWithContent(await deflatedSpaces(3));
    await expect(checkPdfCost(two, 4 * 1024 * 1024)).resolves.toBeUndefined();
    await expect(checkPdfCost(two, 2 * 1024 * 1024)).rejects.toThrow(/over 2 MB of text streams/u);
  });

  it("refuses a PDF of more pages than the limit before reading a page", () => {
    expect(() => checkPdfPages(PDF_LIMITS.maxPages)).not.toThrow();
    expect(() => checkPdfPages(PDF_LIMITS.maxPages + 1)).toThrow(
      /^it has 2001 pages, over the 2,000-page limit/u,
    );
  });
});
