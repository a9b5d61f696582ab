import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Answer } from "../../../src/core/answer/types.ts";
import type { Digest } from "../../../src/core/digest/digest.ts";
import type { DocumentMeta, Passage } from "../../../src/core/knowledge/schema.ts";
import { answerMessage } from "../../../src/slack/blocks/answer.ts";
import { digestMessage } from "../../../src/slack/blocks/digest.ts";
import { passageMessage } from "../../../src/slack/blocks/passage.ts";
import { sourcesMessage } from "../../../src/slack/blocks/sources.ts";
import { allTexts } from "./fixtures.ts";

// Whatever a document or a person wrote, no message the bot builds carries `<!...>`, `<@...>` or `<#...>`
// that came from them: the only live markup is what the bot itself writes (the asker of a shared answer,
// and links to documents' own URLs). Property-based, over arbitrary strings in every field.

/** Text with Slack's markup mixed in, and anything else. */
const hostileText = fc.oneof(
  fc.string({ unit: "binary", maxLength: 80 }),
  fc
    .array(
      fc.oneof(
        fc.constantFrom(
          "<!channel>",
          "<!here>",
          "<!everyone>",
          "<@U123>",
          "<#C1>",
          "<!subteam^S1>",
          "<https://evil.example|undocs.org>",
          "&",
          "<",
          ">",
          "|",
        ),
        fc.string({ maxLength: 10 }),
      ),
      { maxLength: 12 },
    )
    .map((parts) => parts.join(" ")),
);

const document: fc.Arbitrary<DocumentMeta> = fc.record({
  id: fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,20}$/u),
  title: hostileText,
  source: hostileText,
  date: fc.constantFrom("2019-06-01", "2021-06-01", "2024-05-01"),
  approximateDate: fc.boolean(),
  url: fc.option(fc.webUrl({ withQueryParameters: true, withFragments: true }), { nil: null }),
  symbol: fc.option(hostileText, { nil: null }),
});

/** Every `<` the bot may leave live: a link to a document's URL, or a mention of a well-formed user id. */
function withoutOwnMarkup(text: string): string {
  return text.replace(/<https?:\/\/[^|<>\s]+\|/gu, "").replace(/<@U0ASKER>/gu, "");
}

function expectNoLiveMarkup(message: { text: string; blocks: unknown[] }) {
  const texts = allTexts(message).map(withoutOwnMarkup).join("\n");
  expect(texts).not.toMatch(/<[!@#]/u);
}

describe("message builders on arbitrary document text", () => {
  it("answers, in every surface, carry no live markup from documents or questions", () => {
    fc.assert(
      fc.property(
        fc.array(document, { minLength: 1, maxLength: 3 }),
        hostileText,
        hostileText,
        fc.boolean(),
        (docs, text, question, found) => {
          const answer: Answer = {
            question,
            found,
            text,
            confidence: found ? 0.9 : 0.2,
            citations: found
              ? docs.map((doc, i) => ({
                  n: i + 1,
                  doc,
                  passageId: `${doc.id}#1`,
                  passageText: text,
                  section: text,
                }))
              : [],
            asOf: found ? { date: "2021-06-01", approximate: false } : null,
            topics: found ? [] : [text, question],
            suggestions: found ? [] : [question],
            turn: { question, focus: [], docs: [], found },
          };
          for (const surface of [
            { kind: "thread" as const },
            { kind: "private" as const, question },
            { kind: "shared" as const, question, asker: "U0ASKER" },
            { kind: "shared" as const, question, asker: question },
          ]) {
            expectNoLiveMarkup(answerMessage(answer, surface));
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it("passages, source lists and digests carry no live markup from documents", () => {
    fc.assert(
      fc.property(fc.array(document, { minLength: 1, maxLength: 4 }), hostileText, (docs, text) => {
        const first = docs[0] as DocumentMeta;
        const passage: Passage = { id: `${first.id}#1`, doc: first, section: text, text };
        expectNoLiveMarkup(passageMessage(passage, 1));
        expectNoLiveMarkup(sourcesMessage(docs));
        const digest: Digest = {
          day: "2024-06-03",
          header: "MINUSMA briefing — Monday 3 June 2024",
          kind: "new",
          previousDay: null,
          documentCount: docs.length,
          items: docs.map((doc) => ({ doc, status: "new" as const, summary: [text, `${text}.`] })),
          figures: docs.map((doc) => ({ text, doc, kinds: ["troop-ceiling"], values: ["13,289"] })),
          hashes: {},
        };
        expectNoLiveMarkup(digestMessage(digest));
      }),
      { numRuns: 150 },
    );
  });
});
