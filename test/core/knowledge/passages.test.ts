import { describe, expect, it } from "vitest";
import { loadKnowledge } from "../../../src/core/knowledge/load.ts";
import { PASSAGE_WORDS, splitPassages } from "../../../src/core/knowledge/passages.ts";
import { splitSentences } from "../../../src/core/knowledge/sentences.ts";

const knowledge = await loadKnowledge("knowledge");
const letter = knowledge.documents.find((d) => d.symbol === "S/2021/520")!;

describe("splitPassages", () => {
  const passages = splitPassages(letter);

  it("gives stable ids in document order", () => {
    expect(passages.map((p) => p.id)).toEqual(passages.map((_, i) => `${letter.id}#${i + 1}`));
    expect(splitPassages(letter).map((p) => p.text)).toEqual(passages.map((p) => p.text));
  });

  it("never cuts a sentence and keeps passages paragraph-sized", () => {
    for (const passage of passages.slice(0, -1)) {
      expect(passage.text).toMatch(/[.!?]["”’)]*$/u);
    }
    expect(passages.at(-1)?.text).toMatch(/\(Signed\) António Guterres$/u);
    for (const passage of passages) {
      expect(passage.text.split(/\s+/u).length).toBeLessThanOrEqual(PASSAGE_WORDS.max);
    }
    const sentences = splitSentences(letter.body.replace(/^##.*$/gmu, ""));
    const joined = passages.map((p) => p.text).join(" ");
    for (const sentence of sentences) expect(joined).toContain(sentence);
  });

  it("carries the section heading each passage falls under and its document's metadata", () => {
    const rotation = passages.find((p) => p.text.includes("clustered rotations"));
    expect(rotation?.section).toBe("Troop rotations");
    const aguelhok = passages.find((p) => p.text.includes("over 200 extremist elements"));
    expect(aguelhok?.section).toBe("Mission performance");
    expect(aguelhok?.doc).toMatchObject({ id: letter.id, symbol: "S/2021/520", date: "2021-06-01" });
  });
});

describe("splitSentences", () => {
  it("keeps abbreviations and initials inside their sentence", () => {
    expect(splitSentences("Mr. Guterres met U.S. officials on 3 Jan. 2021. Then he left.")).toEqual([
      "Mr. Guterres met U.S. officials on 3 Jan. 2021.",
      "Then he left.",
    ]);
  });

  it("splits on question and exclamation marks and keeps quotes", () => {
    expect(splitSentences('"Is it safe?" she asked. It was!')).toEqual([
      '"Is it safe?" she asked.',
      "It was!",
    ]);
  });
});

describe("splitSentences on pathological text", () => {
  it("keeps 50,000 abbreviations in one sentence and splits 50,000 full stops, in linear time", () => {
    expect(splitSentences("Mr. ".repeat(50_000))).toHaveLength(1);
    expect(splitSentences("Done. ".repeat(50_000))).toHaveLength(50_000);
  });
});

describe("splitPassages on a paragraph with no closing punctuation", () => {
  it("keeps it out of the next paragraph's first sentence", () => {
    const body =
      "Peacekeepers on patrol in Gao\n\nThe Mission completed its withdrawal from Gao on 22 October 2023 after ten years in the region.";
    const passages = splitPassages({
      ...letter,
      id: "caption",
      body,
    });
    const sentences = passages.flatMap((passage) => splitSentences(passage.text));
    expect(sentences).toContain(
      "The Mission completed its withdrawal from Gao on 22 October 2023 after ten years in the region.",
    );
  });
});

describe("splitSentences on a report's numbered paragraphs", () => {
  it("keeps a paragraph number with the sentence it opens", () => {
    expect(
      splitSentences(
        "1. By its resolution 2584 (2021), the Council extended the mandate. 2. The transition began.",
      ),
    ).toEqual([
      "1. By its resolution 2584 (2021), the Council extended the mandate.",
      "2. The transition began.",
    ]);
    expect(splitSentences("The total was 12. Next came 13.")).toEqual(["The total was 12.", "Next came 13."]);
  });
});
