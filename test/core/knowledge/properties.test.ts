import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cleanText } from "../../../src/core/knowledge/clean.ts";
import { KnowledgeError, parseKnowledgeFile } from "../../../src/core/knowledge/load.ts";
import { PASSAGE_WORDS, splitPassages } from "../../../src/core/knowledge/passages.ts";
import type { KnowledgeDocument } from "../../../src/core/knowledge/schema.ts";
import { splitSentences } from "../../../src/core/knowledge/sentences.ts";

// Whatever a knowledge file holds, reading it either gives a document or a KnowledgeError naming why: never
// another exception, which would stop the whole folder from loading. (cleanText on arbitrary bytes has its
// own property test in clean.test.ts.)

/** Text with the shapes documents have: words, numbers, headings, blank lines, markup, any Unicode. */
const documentText = fc
  .array(
    fc.oneof(
      fc.string({ unit: "grapheme", maxLength: 40 }),
      fc.constantFrom(
        "## Heading",
        "\n\n",
        "\n",
        "13,289",
        "S/2021/520",
        "Mr.",
        "e.g.",
        "...",
        "<!channel>",
        "— ",
        "?!",
      ),
      fc.lorem({ maxCount: 30, mode: "sentences" }),
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(" "));

function documentWith(body: string): KnowledgeDocument {
  return {
    id: "doc",
    title: "Title",
    source: "Source",
    date: "2024-01-01",
    approximateDate: false,
    url: null,
    symbol: null,
    file: "doc.md",
    body,
    hash: "0",
  };
}

describe("splitting on arbitrary text", () => {
  it("splits any cleaned text into passages with stable ids, none over the size limit unless one sentence is", () => {
    fc.assert(
      fc.property(documentText, (raw) => {
        const passages = splitPassages(documentWith(cleanText(raw)));
        passages.forEach((passage, i) => {
          expect(passage.id).toBe(`doc#${i + 1}`);
          expect(passage.text.trim()).not.toBe("");
          const words = passage.text.split(/\s+/u).length;
          if (words > PASSAGE_WORDS.max) expect(splitSentences(passage.text)).toHaveLength(1);
        });
      }),
      { numRuns: 200 },
    );
  });

  it("splits any string into sentences that keep every word, in order", () => {
    fc.assert(
      fc.property(fc.oneof(documentText, fc.string({ unit: "binary", maxLength: 300 })), (text) => {
        const sentences = splitSentences(text);
        const squash = (value: string) => value.replace(/\s+/gu, "");
        expect(squash(sentences.join(""))).toBe(squash(text));
      }),
      { numRuns: 300 },
    );
  });
});

describe("parseKnowledgeFile on arbitrary bytes", () => {
  it("returns a document or throws a KnowledgeError, whatever the file holds", () => {
    // A value starting with "!" is a YAML tag: the yaml package reads it and prints a warning for each unknown
    // one, which would only clutter the test output.
    const value = (maxLength: number) => fc.string({ maxLength }).map((text) => text.replace(/^!/u, "?"));
    const frontMatter = fc
      .tuple(value(60), value(40), value(20))
      .map(([title, source, date]) => `---\ntitle: ${title}\nsource: ${source}\ndate: ${date}\n---\n`);
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 400 }).map((array) => Buffer.from(array)),
      fc.tuple(frontMatter, documentText).map(([front, body]) => Buffer.from(front + body)),
      fc.string({ unit: "binary", maxLength: 400 }).map((text) => Buffer.from(`---\n${text}`)),
    );
    fc.assert(
      fc.property(bytes, (content) => {
        try {
          const document = parseKnowledgeFile("x.md", content);
          expect(document.body.trim()).not.toBe("");
        } catch (error) {
          expect(error).toBeInstanceOf(KnowledgeError);
        }
      }),
      { numRuns: 300 },
    );
  });
});
