import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  checkField,
  renderKnowledgeFile,
  resolveMetadata,
  toFrontMatter,
} from "../../../../src/core/knowledge/import/metadata.ts";

const found = {
  title: { value: "Letter dated 1 June 2021", from: "the first heading" },
  date: { value: "2021-06-01", from: '"Letter dated 1 June 2021"' },
};

describe("resolveMetadata", () => {
  it("lets a flag win over what was found, and says where each value came from", () => {
    const resolved = resolveMetadata(found, { title: "A shorter title", source: "UNSC" });
    expect(resolved.values).toEqual({ title: "A shorter title", source: "UNSC", date: "2021-06-01" });
    expect(resolved.from).toEqual({
      title: "--title",
      source: "--source",
      date: '"Letter dated 1 June 2021"',
    });
    expect(resolved.missing).toEqual([]);
  });

  it("lists the required fields neither found nor given", () => {
    expect(resolveMetadata({}, { date: "2020-01-01" }).missing).toEqual(["title", "source"]);
    expect(resolveMetadata(found, { title: "  " }).missing).toEqual(["source"]);
  });
});

describe("checkField", () => {
  it("refuses with the loader's own words", () => {
    expect(checkField("date", "1 June 2021")).toBe("date must be YYYY-MM-DD");
    expect(checkField("date", "2021-02-30")).toBe("date is not a real calendar day");
    expect(checkField("url", "undocs.org/S/2021/520")).toBe("url must be an http(s) link");
    expect(checkField("symbol", "S/2021/520")).toBe(null);
  });
});

describe("renderKnowledgeFile", () => {
  it("writes the front matter in the documented order, and the loader reads it back", () => {
    const metadata = resolveMetadata(found, {
      source: "United Nations Security Council",
      url: "https://undocs.org/en/S/2021/520",
      symbol: "S/2021/520",
      approximateDate: true,
    });
    const { text, document } = renderKnowledgeFile("x.md", toFrontMatter(metadata), "## Heading\n\nText.");
    expect(text).toBe(
      [
        "---",
        "title: Letter dated 1 June 2021",
        "source: United Nations Security Council",
        "date: 2021-06-01",
        "approximate_date: true",
        "url: https://undocs.org/en/S/2021/520",
        "symbol: S/2021/520",
        "---",
        "",
        "## Heading",
        "",
        "Text.",
        "",
      ].join("\n"),
    );
    expect(document).toMatchObject({
      id: "x",
      approximateDate: true,
      symbol: "S/2021/520",
      body: "## Heading\n\nText.",
    });
  });

  it("quotes whatever a title holds, so the loader reads back exactly the title given", () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 120 }).filter((title) => title.trim() !== ""),
        fc.string({ minLength: 1, maxLength: 40 }).filter((source) => source.trim() !== ""),
        (title, source) => {
          const metadata = resolveMetadata({}, { title, source, date: "2022-04-01" });
          const { document } = renderKnowledgeFile("t.md", toFrontMatter(metadata), "Some text.");
          expect(document.title).toBe(title.trim());
          expect(document.source).toBe(source.trim());
        },
      ),
      { numRuns: 200 },
    );
  });
});
