import { createInflate } from "node:zlib";
import { ImportError } from "./errors.ts";

/**
 * What reading one PDF's text may cost. A PDF is mostly compressed streams, and deflate packs up to a
 * thousand times: a 400 KB file can unpack to hundreds of megabytes, which PDF.js would hold in memory. These
 * bounds are far above any briefing document (a 500-page report's text streams unpack to a few tens of MB).
 */
export const PDF_LIMITS = {
  /** bytes the text-bearing streams (page contents, fonts, object streams) may unpack to, all together */
  maxUnpackedBytes: 256 * 1024 * 1024,
  /** pages read; a longer document is better added in parts */
  maxPages: 2_000,
} as const;

const STREAM = /\bstream\r?\n/gu;

/**
 * Refuses a PDF whose deflate-compressed streams would unpack to more than `maxUnpackedBytes`, before PDF.js
 * opens it. Each stream is unpacked in small pieces that are counted and dropped, so the check itself holds
 * almost nothing; it stops as soon as the budget is spent. Images are left out: text extraction never
 * decodes them. Throws an ImportError with the reason.
 */
export async function checkPdfCost(bytes: Uint8Array, maxUnpackedBytes = PDF_LIMITS.maxUnpackedBytes) {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // latin1 keeps one character per byte, so positions in the text are positions in the bytes.
  const text = buffer.toString("latin1");
  let budget = maxUnpackedBytes;
  for (const match of text.matchAll(STREAM)) {
    const start = match.index + match[0].length;
    const dictionary = text.slice(Math.max(0, text.lastIndexOf("obj", match.index)), match.index);
    if (!/\/FlateDecode\b/u.test(dictionary) || /\/Subtype\s*\/Image\b/u.test(dictionary)) continue;
    const end = text.indexOf("endstream", start);
    const unpacked = await unpackedSize(buffer.subarray(start, end === -1 ? buffer.length : end), budget + 1);
    budget -= unpacked;
    if (budget < 0) {
      throw new ImportError(
        `it would unpack to over ${maxUnpackedBytes / 1024 / 1024} MB of text streams (a compressed "bomb", or ` +
          "a damaged file): open it in a PDF reader and save it again, or add its text as a .txt file",
      );
    }
  }
}

/** How many bytes `data` inflates to, counting at most `limit` (then it stops); damaged data counts as read. */
function unpackedSize(data: Buffer, limit: number): Promise<number> {
  return new Promise((resolve) => {
    const inflate = createInflate();
    let size = 0;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      inflate.destroy();
      resolve(size);
    };
    inflate.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size >= limit) finish();
    });
    inflate.on("end", finish);
    inflate.on("error", finish);
    inflate.end(data);
  });
}

/** Refuses a PDF with more pages than PDF_LIMITS.maxPages, before any page is read. */
export function checkPdfPages(pages: number, maxPages = PDF_LIMITS.maxPages): void {
  if (pages > maxPages) {
    throw new ImportError(
      `it has ${pages} pages, over the ${maxPages.toLocaleString("en")}-page limit: split it into parts and add each`,
    );
  }
}
