import { extractTextItems, getDocumentProxy } from "unpdf";
import { ImportError } from "./errors.ts";
import { checkPdfCost, checkPdfPages } from "./pdf-cost.ts";
import { layOutPages } from "./pdf-layout.ts";

/** The text of a PDF, laid out for cleaning, with its page count and how many footnotes were moved. */
export interface PdfContent {
  /** pages separated by a form feed, as `pdftotext` separates them */
  text: string;
  pages: number;
  footnotes: number;
}

// Typographic ligatures (ﬁ, ﬂ) are one glyph in many PDF fonts; the words must be spelled out to be found.
const LIGATURES = /[\uFB00-\uFB06]/gu;

/**
 * Reads the text of a PDF with PDF.js (through unpdf): every page's placed text, laid out again as lines with
 * indents, footnotes moved to the end. Throws an ImportError saying what to do when the file is not a
 * readable PDF or is password-protected.
 */
export async function readPdf(bytes: Uint8Array): Promise<PdfContent> {
  // What it would cost is checked before PDF.js holds any of it (a deflate bomb, thousands of pages).
  await checkPdfCost(bytes);
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    // PDF.js takes ownership of the buffer it is given; a copy leaves the caller's bytes intact.
    pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 });
  } catch (error) {
    throw pdfError(error);
  }
  try {
    checkPdfPages(pdf.numPages);
    const { totalPages, items } = await extractTextItems(pdf);
    const laid = layOutPages(items);
    return {
      text: laid.text.replace(LIGATURES, (ligature) => ligature.normalize("NFKC")),
      pages: totalPages,
      footnotes: laid.footnotes.size,
    };
  } catch (error) {
    throw pdfError(error);
  } finally {
    await pdf.destroy();
  }
}

function pdfError(error: unknown): ImportError {
  if (error instanceof ImportError) return error;
  const name = (error as { name?: string } | null)?.name ?? "";
  const message = error instanceof Error ? error.message : String(error);
  if (name === "PasswordException") {
    return new ImportError("the PDF is password-protected: save a copy without a password and add that");
  }
  return new ImportError(
    `it is not a readable PDF (${message.replace(/\.$/u, "")}): open it in a PDF reader to check it, or save it again as PDF`,
  );
}
