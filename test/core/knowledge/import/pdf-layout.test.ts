import { describe, expect, it } from "vitest";
import { layOutPages, type PlacedText } from "../../../../src/core/knowledge/import/pdf-layout.ts";

/** A piece of text on the baseline `y`, in 11-point type unless said otherwise; ends its line by default. */
function at(str: string, x: number, y: number, options: { size?: number; eol?: boolean } = {}): PlacedText {
  const size = options.size ?? 11;
  return { str, x, y, width: str.length * size * 0.45, fontSize: size, hasEOL: options.eol ?? true };
}

describe("layOutPages", () => {
  it("marks an indented first line with a space and keeps the others at the margin", () => {
    const { text } = layOutPages([
      [
        at("The Mission continued its work", 108, 700),
        at("in the centre of the country.", 72, 686),
        at("Operation Seka was launched", 108, 672),
        at("to secure the road.", 72, 658),
      ],
    ]);
    expect(text).toBe(
      " The Mission continued its work\nin the centre of the country.\n Operation Seka was launched\nto secure the road.",
    );
  });

  it("puts lines in reading order when the PDF draws the header last", () => {
    const { text } = layOutPages([
      [at("Body text of the page.", 72, 700), at("Second line of it.", 72, 686), at("S/2021/520", 72, 805)],
    ]);
    expect(text.split("\n")[0]).toBe("S/2021/520");
  });

  it("drops a raised footnote marker and moves its note, with its wrapped line, to the end", () => {
    const { text, footnotes } = layOutPages([
      [
        at("requested a letter on operations.", 72, 528, { eol: false }),
        at("1", 230, 532, { size: 7, eol: false }),
        at(" The Mission", 234, 528),
        at("continued its work.", 72, 514),
        at("1", 72, 103, { size: 6, eol: false }),
        at("See S/2021/519, which covers the", 78, 100, { size: 8.5 }),
        at("same period.", 78, 90, { size: 8.5 }),
        at("2/7 21-06844", 72, 50, { size: 8 }),
      ],
    ]);
    expect(text).toBe(
      [
        "requested a letter on operations. The Mission",
        "continued its work.",
        "2/7 21-06844",
        "## Notes",
        " 1 See S/2021/519, which covers the same period.",
      ].join("\n"),
    );
    expect(footnotes).toEqual(new Map([[1, "See S/2021/519, which covers the same period."]]));
  });

  it("keeps a raised number that no footnote explains, such as a unit's power", () => {
    const { text } = layOutPages([
      [
        at("an area of 300 km", 72, 700, { eol: false }),
        at("2", 150, 704, { size: 7, eol: false }),
        at(" was cleared.", 154, 700),
      ],
    ]);
    expect(text).toBe("an area of 300 km2 was cleared.");
  });

  it("never takes a small-print line above the text, such as a masthead date, for a footnote", () => {
    const { text, footnotes } = layOutPages([
      [
        at("Distr.: General", 430, 745, { size: 10 }),
        at("2 June 2021", 430, 733, { size: 10 }),
        at("The letter.", 72, 600, { eol: false }),
        at("2", 120, 604, { size: 7 }),
        at("The text goes on.", 72, 586),
      ],
    ]);
    expect(footnotes.size).toBe(0);
    expect(text).toContain("2 June 2021");
  });

  it("separates pages with a form feed and puts a space between pieces that do not touch", () => {
    const { text } = layOutPages([
      [at("Security Council", 72, 745, { eol: false }), at("Distr.: General", 430, 745)],
      [at("Second page.", 72, 700)],
    ]);
    expect(text).toBe("Security Council Distr.: General\n\fSecond page.");
  });
});
