import { readFileSync } from "node:fs";
import { PDFDocument } from "pdf-lib";
import { beforeAll, describe, expect, it } from "vitest";
import { cleanText } from "../../../../src/core/knowledge/clean.ts";
import { ImportError } from "../../../../src/core/knowledge/import/errors.ts";
import {
  renderKnowledgeFile,
  resolveMetadata,
  toFrontMatter,
} from "../../../../src/core/knowledge/import/metadata.ts";
import {
  type PreparedDocument,
  prepareDocument,
  sourceKind,
} from "../../../../src/core/knowledge/import/prepare.ts";
import { parseKnowledgeFile } from "../../../../src/core/knowledge/load.ts";
import { splitPassages } from "../../../../src/core/knowledge/passages.ts";
import { unPdf, WITHDRAWAL_LETTER } from "../../../helpers/un-pdf.ts";

const root = new URL("../../../../", import.meta.url);

describe("importing a multi-page UN PDF", () => {
  let doc: PreparedDocument;
  beforeAll(async () => {
    doc = await prepareDocument("withdrawal.pdf", await unPdf(WITHDRAWAL_LETTER));
  });

  it("finds the symbol, date, title, publisher and link on the first page", () => {
    expect(doc.kind).toBe("pdf");
    expect(doc.pages).toBe(4);
    expect(doc.found).toEqual({
      symbol: { value: "S/2024/118", from: "the first page" },
      date: { value: "2024-02-07", from: '"Letter dated 7 February 2024"' },
      title: {
        value:
          "Letter dated 7 February 2024 from the Secretary-General addressed to the President of the Security Council",
        from: "the first heading",
      },
      source: { value: "United Nations Security Council", from: "the symbol S/2024/118" },
      url: { value: "https://undocs.org/en/S/2024/118", from: "the symbol S/2024/118" },
    });
  });

  it("drops the masthead, running headers, page numbers and job numbers", () => {
    for (const furniture of [
      "Distr.",
      "Original: English",
      "24-02131",
      "*2402131*",
      "2/4",
      "United Nations S/",
    ]) {
      expect(doc.body).not.toContain(furniture);
    }
    expect(doc.body.split("\n")).not.toContain("S/2024/118");
    expect(
      doc.body.startsWith("## Letter dated 7 February 2024 from the Secretary-General addressed to"),
    ).toBe(true);
  });

  it("joins a paragraph that runs onto the next page, and words hyphenated across lines and pages", () => {
    expect(doc.body).toContain(
      "to hand over the remaining equipment to the host Government and to close the accounts of the Mission, with administrative support",
    );
    expect(doc.body).toContain("supported the stabilization of the areas it was leaving");
    expect(doc.body).not.toMatch(/stabili-|adminis-/u);
  });

  it("takes the footnote marker out of the sentence and moves the note to the end", () => {
    expect(doc.body).toContain("informed of the withdrawal. The present letter covers");
    expect(doc.body).not.toContain("withdrawal.1");
    expect(doc.body.endsWith("## Notes\n\n1 See S/2023/611, para. 3.")).toBe(true);
    expect(doc.notes).toEqual(['moved 1 footnote from the foot of the pages to the end, under "Notes"']);
  });

  it("gives passages under their sections, each with whole sentences and no page furniture", () => {
    const metadata = resolveMetadata(doc.found, {});
    const file = "2024-02-07-s-2024-118-letter.md";
    const { document } = renderKnowledgeFile(file, toFrontMatter(metadata), doc.body);
    const passages = splitPassages(document);
    const repatriated = passages.find((passage) => passage.text.includes("12,947 uniformed personnel"));
    expect(repatriated?.section).toBe("Withdrawal of uniformed personnel");
    const liquidation = passages.find((passage) => passage.text.includes("remaining equipment"));
    expect(liquidation?.section).toBe("Liquidation");
    expect(liquidation?.text).toMatch(/^A liquidation team .* Entebbe\./u);
    for (const passage of passages) {
      expect(passage.text).not.toMatch(/24-02131|\d+\/4\b|Distr\./u);
      expect(passage.text).toMatch(/[.!?]$/u);
    }
    expect(passages.map((passage) => passage.id)).toEqual(
      passages.map((_, i) => `2024-02-07-s-2024-118-letter#${i + 1}`),
    );
  });

  it("cleans to text that cleaning leaves alone, as the loader cleans it again", () => {
    expect(cleanText(doc.body)).toBe(doc.body);
  });
});

describe("importing text files", () => {
  it("cleans the PDF text export of S/2021/520 to exactly the text of its knowledge file", async () => {
    const seed = readFileSync(new URL("test/fixtures/s-2021-520-pdf-export.txt", root));
    const knowledgeFile = "knowledge/2021-06-01-s-2021-520-letter-on-minusma-operations.md";
    const known = parseKnowledgeFile(knowledgeFile, readFileSync(new URL(knowledgeFile, root)));
    const doc = await prepareDocument("002.txt", seed);
    expect(doc.body).toBe(known.body);
    expect(doc.found.symbol).toEqual({ value: "S/2021/520", from: "the running header" });
    expect(doc.found.date).toEqual({ value: "2021-06-01", from: '"Letter dated 1 June 2021"' });
    expect(doc.found.title?.value).toBe(
      "Letter dated 1 June 2021 from the Secretary-General addressed to the President of the Security Council",
    );
  });

  it("finds nothing it cannot vouch for in a news article", async () => {
    const doc = await prepareDocument(
      "article.txt",
      readFileSync(new URL("test/fixtures/trt-web-export.txt", root)),
    );
    expect(doc.found).toEqual({});
    expect(doc.body).toContain("disastrous consequences");
  });

  it("takes a Markdown file's own front matter, and says which fields it leaves out", async () => {
    const text = [
      "---",
      "title: Briefing on Kidal",
      "source: OCHA",
      "date: 2023-11-14",
      "author: Jane Doe",
      "approximate_date: true",
      "---",
      "",
      "# Briefing on Kidal",
      "",
      "Humanitarian access to Kidal remained limited in November.",
    ].join("\n");
    const doc = await prepareDocument("kidal.md", Buffer.from(text));
    expect(doc.found).toMatchObject({
      title: { value: "Briefing on Kidal", from: "its front matter" },
      source: { value: "OCHA", from: "its front matter" },
      date: { value: "2023-11-14", from: "its front matter" },
    });
    expect(doc.approximateDate).toBe(true);
    expect(doc.notes).toEqual(["left out front matter it does not use: author"]);
    expect(doc.body).toBe(
      "## Briefing on Kidal\n\nHumanitarian access to Kidal remained limited in November.",
    );
  });

  it("reads a Windows-1252 text file", async () => {
    const bytes = Buffer.from("Le Représentant spécial a visité Gao.", "latin1");
    expect((await prepareDocument("gao.txt", bytes)).body).toBe("Le Représentant spécial a visité Gao.");
  });
});

describe("files that cannot be imported", () => {
  const refused = (file: string, bytes: Uint8Array) =>
    prepareDocument(file, bytes).catch((error: unknown) => error);

  it("says a file with NUL bytes is binary", async () => {
    const error = await refused("notes.txt", Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x14]));
    expect(error).toBeInstanceOf(ImportError);
    expect((error as Error).message).toBe(
      "it looks like a binary file, not text: save it as .txt, .md or .pdf and add that",
    );
  });

  it("says a broken PDF is not readable, and what to do", async () => {
    const error = await refused("report.pdf", Buffer.from("%PDF-1.7\nthis is not really a PDF"));
    expect((error as Error).message).toMatch(
      /^it is not a readable PDF \(.+\): open it in a PDF reader to check it, or save it again as PDF$/u,
    );
  });

  it("says a PDF without text may be a scanned image", async () => {
    const blank = await PDFDocument.create();
    blank.addPage();
    const error = await refused("scan.pdf", await blank.save());
    expect((error as Error).message).toBe(
      "the PDF has no text to read (a scanned image?): run it through OCR and add the text",
    );
  });

  it("refuses empty text, text too big and kinds it cannot read", async () => {
    expect(((await refused("empty.md", Buffer.from("\n \n"))) as Error).message).toBe("it has no text");
    expect(((await refused("big.txt", Buffer.alloc(6 * 1024 * 1024, "a"))) as Error).message).toBe(
      "it is 6 MB, over the 5 MB limit for a text file: split it into smaller documents",
    );
    expect(((await refused("report.docx", Buffer.from("x"))) as Error).message).toBe(
      "it is not a .txt, .md or .pdf file",
    );
  });

  it("knows the kinds it reads by extension, whatever the case", () => {
    expect(["a.PDF", "b.txt", "c.md", "d.markdown", "e.docx", "f"].map(sourceKind)).toEqual([
      "pdf",
      "text",
      "markdown",
      "markdown",
      null,
      null,
    ]);
  });
});
