import { describe, expect, it } from "vitest";
import {
  detectMetadata,
  detectTitle,
  openingTitle,
  stripUnFurniture,
  undocsLink,
} from "../../../../src/core/knowledge/import/detect.ts";

const masthead = [
  "United Nations S/2018/866",
  "Security Council Distr.: General",
  "25 September 2018",
  "Original: English",
  "Situation in Mali",
  "Report of the Secretary-General",
  "I. Introduction",
  "1. By its resolution 2423 (2018), the Security Council extended the mandate of MINUSMA (see S/2018/541).",
].join("\n");

describe("detectMetadata", () => {
  it("reads a report's masthead: symbol, distribution date, publisher and link", () => {
    expect(detectMetadata(masthead, "report.pdf")).toEqual({
      symbol: { value: "S/2018/866", from: "the first page" },
      date: { value: "2018-09-25", from: '"Distr.: General 25 September 2018"' },
      source: { value: "United Nations Security Council", from: "the symbol S/2018/866" },
      url: { value: "https://undocs.org/en/S/2018/866", from: "the symbol S/2018/866" },
    });
  });

  it("prefers the date a letter gives itself to the distribution date", () => {
    const letter = masthead.replace(
      "Situation in Mali",
      "Letter dated 21 September 2018 from the Secretary-General",
    );
    expect(detectMetadata(letter, "x.pdf").date).toEqual({
      value: "2018-09-21",
      from: '"Letter dated 21 September 2018"',
    });
    expect(
      detectMetadata("Note verbale dated March 3, 2020 from the Permanent Mission", "x.txt").date,
    ).toEqual({
      value: "2020-03-03",
      from: '"Note verbale dated March 3, 2020"',
    });
  });

  it("takes the symbol of the running header, not one the text refers to", () => {
    const text =
      "As outlined in my report (S/2021/519), incidents continued.\nS/2021/520\nMore text.\nS/2021/520\n";
    expect(detectMetadata(text, "x.txt").symbol).toEqual({ value: "S/2021/520", from: "the first page" });
    expect(
      detectMetadata("As outlined in my report (S/2021/519), incidents continued.", "x.txt").symbol,
    ).toBe(undefined);
  });

  it("knows the publishers of other UN series, and the organ in a masthead without a symbol", () => {
    expect(detectMetadata("A/HRC/46/L.1\ntext", "x.txt").source?.value).toBe(
      "United Nations Human Rights Council",
    );
    expect(detectMetadata("A/75/283\ntext", "x.txt").source?.value).toBe("United Nations General Assembly");
    expect(detectMetadata("General Assembly Distr.: General\n3 May 2021\ntext", "x.txt").source).toEqual({
      value: "United Nations General Assembly",
      from: 'the masthead ("General Assembly")',
    });
  });

  it("falls back to a date leading the file name, and ignores a day that does not exist", () => {
    expect(detectMetadata("Some text.", "inbox/2023-05-04-briefing.txt").date).toEqual({
      value: "2023-05-04",
      from: "the file name",
    });
    expect(detectMetadata("Letter dated 31 February 2021 from the President", "2021-03-01.txt").date).toEqual(
      {
        value: "2021-03-01",
        from: "the file name",
      },
    );
  });

  it("takes a lone link at the top of a web page copied as text", () => {
    expect(detectMetadata("https://www.example.org/news/mali\nBamako, 3 May\nText.", "x.txt").url).toEqual({
      value: "https://www.example.org/news/mali",
      from: "a link at the top of the text",
    });
    expect(detectMetadata("Text first.\nhttps://www.example.org/news/mali", "x.txt").url?.value).toBe(
      "https://www.example.org/news/mali",
    );
    expect(detectMetadata("ftp://example.org/x\nText.", "x.txt").url).toBe(undefined);
  });
});

describe("detectTitle", () => {
  it("takes the first block when it is a heading, and nothing otherwise", () => {
    expect(detectTitle("## Situation in Mali\n\nText.")).toEqual({
      value: "Situation in Mali",
      from: "the first heading",
    });
    expect(detectTitle("A first paragraph.\n\n## Later heading")).toBe(null);
  });
});

describe("stripUnFurniture", () => {
  it("drops the masthead and the lines that are only the symbol, and keeps the text", () => {
    const text = `${masthead}\nS/2018/866\nThe Mission continued its work.`;
    expect(stripUnFurniture(text, "S/2018/866")).toBe(
      [
        "Situation in Mali",
        "Report of the Secretary-General",
        "I. Introduction",
        "1. By its resolution 2423 (2018), the Security Council extended the mandate of MINUSMA (see S/2018/541).",
        "The Mission continued its work.",
      ].join("\n"),
    );
  });

  it("leaves a text without a masthead as it is", () => {
    const text = "United Nations peacekeepers left Kidal.\n3 May 2021\nThey flew to Gao.";
    expect(stripUnFurniture(text, null)).toBe(text);
  });
});

describe("undocsLink", () => {
  it("links a symbol, spaces encoded", () => {
    expect(undocsLink("S/RES/2690 (2023)")).toBe("https://undocs.org/en/S/RES/2690%20(2023)");
  });
});

describe("openingTitle", () => {
  const LETTER =
    "Letter dated 1 June 2021 from the Secretary-General addressed to the President of the Security Council";

  it("takes a letter's opening, wrapped over lines with blank lines between, as the title, up to its addressee", () => {
    const text = `  Letter dated 1 June 2021 from the Secretary-General addressed to \n\nthe President of the Security Council \n \n I have the honour to refer to resolution 2531 (2020).\n`;
    expect(openingTitle(text)).toEqual({
      title: LETTER,
      rest: "I have the honour to refer to resolution 2531 (2020).\n",
    });
  });

  it("cuts a letter's opening run on into its first paragraph where the addressee ends", () => {
    expect(openingTitle(`${LETTER} I have the honour to transmit the report.`)).toEqual({
      title: LETTER,
      rest: "I have the honour to transmit the report.",
    });
    expect(
      openingTitle(
        "Identical letters dated 3 May 2023 from the Permanent Representative of Mali addressed to the Secretary-General and the President",
      )?.title,
    ).toBe(
      "Identical letters dated 3 May 2023 from the Permanent Representative of Mali addressed to the Secretary-General",
    );
  });

  it("takes a report's title line, with the next line when it breaks off mid-title", () => {
    expect(
      openingTitle("Report of the Secretary-General on the situation in Mali\n1. The present report …"),
    ).toEqual({
      title: "Report of the Secretary-General on the situation in Mali",
      rest: "1. The present report …",
    });
    expect(
      openingTitle("Report of the Secretary-General on the\nsituation in Mali\n\nI. Introduction")?.title,
    ).toBe("Report of the Secretary-General on the situation in Mali");
  });

  it("joins a report's masthead heading and its kind, and takes a resolution's number", () => {
    const report = stripUnFurniture(masthead, "S/2018/866");
    expect(openingTitle(report)?.title).toBe("Situation in Mali: Report of the Secretary-General");
    expect(openingTitle(report)?.rest).toMatch(/^I\. Introduction\n/u);
    expect(
      openingTitle(
        "Resolution 2690 (2023)\nAdopted by the Security Council at its 9365th meeting, on 30 June 2023",
      ),
    ).toEqual({
      title: "Resolution 2690 (2023)",
      rest: "Adopted by the Security Council at its 9365th meeting, on 30 June 2023",
    });
  });

  it("finds nothing in text that does not open with a UN title", () => {
    expect(openingTitle("Peacekeepers left the camp at Ber on 13 August 2023.")).toBeNull();
    expect(openingTitle("Letter dated 1 June 2021 from a reader, about the convoy")).toBeNull();
    expect(openingTitle("Situation in Mali\nA briefing by OCHA")).toBeNull();
  });
});
