import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cleanText, repairWords } from "../../../src/core/knowledge/clean.ts";

const pdfExport = readFileSync(new URL("../../fixtures/s-2021-520-pdf-export.txt", import.meta.url), "utf8");
const webExport = readFileSync(new URL("../../fixtures/trt-web-export.txt", import.meta.url), "utf8");

describe("cleanText on the PDF export of S/2021/520", () => {
  const cleaned = cleanText(pdfExport);
  const lines = cleaned.split("\n");

  it("drops the running header and the page numbers", () => {
    expect(lines).not.toContain("S/2021/520");
    expect(cleaned).not.toMatch(/\d\/7 21-06844/u);
    expect(cleaned).not.toContain("21-06844");
  });

  it("repairs words split by extraction", () => {
    expect(cleaned).toContain("local counterparts, including");
    expect(cleaned).toContain("deployment of the contingents");
    expect(cleaned).toContain("self-defence groups");
    expect(cleaned).toContain("in-mission training");
    expect(cleaned).toContain("integrated response that addresses");
    expect(cleaned).toContain("personnel with the appropriate mindset");
    expect(cleaned).toContain("for immunization programmes");
    for (const broken of ["th e ", "counterp arts", "self -defence", "wi th", "respons e", "immuniza tion"]) {
      expect(cleaned).not.toContain(broken);
    }
  });

  it("joins lines broken mid-paragraph and keeps one paragraph a line", () => {
    expect(cleaned).toContain(
      "In Gao region, Operation Seka of MINUSMA is under way to secure, protect and stabilize the road between Gao, Ansongo and Labézanga, a key strategic trade and travel route",
    );
    expect(cleaned).toContain("Stabilization Mission in Mali (MINUSMA), by which the Council requested me");
    expect(cleaned).not.toMatch(/\n{3,}/u);
  });

  it("turns the section titles into headings", () => {
    for (const heading of [
      "Progress in Mission operations",
      "Implementation of the adaptation plan",
      "Mission performance",
      "Challenges",
      "Troop rotations",
    ]) {
      expect(lines).toContain(`## ${heading}`);
    }
  });

  it("keeps a suspended hyphen and drops link annotations", () => {
    expect(cleaned).toContain("gender- and human rights-sensitive");
    expect(cleaned).not.toContain("https://undocs.org/en/S/2021/300");
  });

  it("changes nothing when run again", () => {
    expect(cleanText(cleaned)).toBe(cleaned);
  });
});

describe("cleanText on a news page copied as text", () => {
  const cleaned = cleanText(webExport);

  it("drops page chrome and the caption teaser", () => {
    expect(cleaned).not.toMatch(/^READ MORE/mu);
    expect(cleaned).not.toMatch(/^Source: AFP$/mu);
    expect(cleaned).not.toMatch(/^The term$/mu);
  });

  it("keeps a caption credit as the end of its paragraph", () => {
    expect(cleaned).toMatch(/Russian Wagner Group\. \(AFP\)\n\nThe UN secretary-general/u);
  });

  it("recognises a sub-heading", () => {
    expect(cleaned.split("\n")).toContain("## Human rights concerns");
  });
});

describe("cleanText on hand-written Markdown", () => {
  it("keeps headings and joins a hard-wrapped paragraph", () => {
    const text =
      "# Overview\n\nThe mission deployed 300 police\nto the centre in 2019.\n\nA second paragraph.";
    expect(cleanText(text)).toBe(
      "## Overview\n\nThe mission deployed 300 police to the centre in 2019.\n\nA second paragraph.",
    );
  });

  it("joins a word hyphenated across lines, but keeps a compound", () => {
    expect(cleanText("The Secretary-General met the peace-\nkeeping partners.")).toBe(
      "The Secretary-General met the peacekeeping partners.",
    );
    expect(cleanText("Several troop-\ncontributing countries agreed.")).toBe(
      "Several troop-contributing countries agreed.",
    );
  });
});

describe("repairWords", () => {
  it("leaves two real words and proper nouns alone", () => {
    expect(repairWords("he went in to the camp")).toBe("he went in to the camp");
    expect(repairWords("Ansongo Bara road")).toBe("Ansongo Bara road");
    expect(repairWords("the Mission’s exercise of good offices")).toBe(
      "the Mission’s exercise of good offices",
    );
  });

  it("joins fragments of one word", () => {
    expect(repairWords("with th e local counterp arts")).toBe("with the local counterparts");
  });
});

describe("cleanText on arbitrary input", () => {
  it("never throws and never leaves control characters", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 400 }), (text) => {
        const cleaned = cleanText(text);
        expect(cleaned).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/u);
      }),
      { numRuns: 300 },
    );
  });
});

describe("cleanText on the first page of a UN PDF", () => {
  it("drops the job number with its date code, its barcode and the recycling note", () => {
    const page = "The Council met.\n21-06844 (E)    030621\n*2106844*\nPlease recycle\nIt adopted the text.";
    expect(cleanText(page)).toBe("The Council met.\n\nIt adopted the text.");
  });

  it("keeps a sentence that only starts like a job number", () => {
    expect(cleanText("21-06844 (E) was the job number of the letter.")).toBe(
      "21-06844 (E) was the job number of the letter.",
    );
  });
});

describe("cleanText on long inputs", () => {
  it("joins 20,000 hyphenated lines in one paragraph without slowing down", () => {
    const cleaned = cleanText("peace-\nkeeping-\n".repeat(10_000));
    expect(cleaned.startsWith("peacekeeping-peacekeeping")).toBe(true);
    expect(cleaned.split("\n")).toHaveLength(1);
  });
});
