import type { KnownBlock } from "@slack/web-api";
import { describe, expect, it } from "vitest";
import type { Digest, DigestItem } from "../../../src/core/digest/digest.ts";
import type { DocumentMeta } from "../../../src/core/knowledge/schema.ts";
import {
  digestBlocks,
  digestFallbackText,
  digestMessage,
  escapeMrkdwn,
  escapeWithin,
  HEADER_TEXT_LIMIT,
  MAX_BLOCKS,
  mrkdwnLink,
  PREVIEW_NOTE,
  SECTION_TEXT_LIMIT,
} from "../../../src/slack/blocks/digest.ts";

function doc(id: string, overrides: Partial<DocumentMeta> = {}): DocumentMeta {
  return {
    id,
    title: `Title of ${id}`,
    source: "AFP",
    date: "2024-06-01",
    approximateDate: false,
    url: `https://example.org/${id}`,
    symbol: null,
    ...overrides,
  };
}

function digestOf(items: DigestItem[], overrides: Partial<Digest> = {}): Digest {
  return {
    day: "2024-06-03",
    header: "MINUSMA briefing — Monday 3 June 2024",
    kind: items.length > 0 ? "new" : "nothing-new",
    previousDay: "2024-06-02",
    documentCount: 12,
    items,
    figures: [
      {
        text: "About 14,700 troops and police are deployed.",
        doc: doc("figures"),
        kinds: ["deployed-personnel"],
        values: ["14,700"],
      },
    ],
    hashes: {},
    ...overrides,
  };
}

/** Every piece of text a message shows, with where it sits, for limit and escaping checks. */
function texts(blocks: KnownBlock[]): Array<{ type: string; text: string }> {
  return blocks.flatMap((block) => {
    if (block.type === "section" && block.text) return [{ type: "section", text: block.text.text }];
    if (block.type === "header") return [{ type: "header", text: block.text.text }];
    if (block.type === "context")
      return block.elements.map((e) => ({ type: "context", text: "text" in e ? e.text : "" }));
    return [];
  });
}

const HOSTILE = "<!channel> <@U12345> <!here> <https://evil.example|Official UN site> & more";

describe("escapeMrkdwn", () => {
  it("turns &, < and > into entities", () => {
    expect(escapeMrkdwn("<!channel> & <@U1>")).toBe("&lt;!channel&gt; &amp; &lt;@U1&gt;");
  });

  it("fits escaped text in a budget without splitting an entity", () => {
    const out = escapeWithin("&".repeat(2000), 100);
    expect(out.length).toBeLessThanOrEqual(100);
    expect(out).toMatch(/^(&amp;)+…$/u);
  });

  it("keeps a link's URL from ending early or opening another", () => {
    const link = mrkdwnLink("https://example.org/a?b=1&c=2|x>y<z", "A <b> & c");
    const [url, label] = link.slice(1, -1).split("|") as [string, string];
    expect(url).toMatch(/^https:\/\/example\.org\/a\?b=1/u);
    expect(url).not.toMatch(/[<>|]/u);
    expect(label).toBe("A &lt;b&gt; &amp; c");
    expect(link.match(/[<>]/gu)).toEqual(["<", ">"]);
  });
});

describe("digestBlocks", () => {
  it("escapes everything that comes from documents, so nothing can ping or hide a link", () => {
    const hostileDoc = doc("hostile", { title: HOSTILE, source: HOSTILE });
    const digest = digestOf(
      [{ doc: hostileDoc, status: "new", summary: [`${HOSTILE}.`, "Second sentence <@U999>."] }],
      {
        figures: [
          {
            text: `${HOSTILE} 125 peacekeepers killed.`,
            doc: hostileDoc,
            kinds: ["peacekeepers-killed"],
            values: ["125"],
          },
        ],
      },
    );
    const { blocks, text } = digestMessage(digest);
    const all = [...texts(blocks).map((t) => t.text), text].join("\n");
    for (const raw of ["<!channel>", "<@U12345>", "<!here>", "<https://evil.example", "<@U999>"]) {
      expect(all).not.toContain(raw);
    }
    expect(all).toContain("&lt;!channel&gt;");
    // The one real link is the document's own URL, with its escaped title as the label.
    expect(all).toContain("<https://example.org/hostile|&lt;!channel&gt;");
  });

  it("stays within Slack's limits for a very large digest", () => {
    const long =
      "A very long sentence about the situation in the north & the centre of Mali <with> brackets. ".repeat(
        40,
      );
    const items: DigestItem[] = Array.from({ length: 200 }, (_, i) => ({
      doc: doc(`doc-${i}`, { title: `${"Long title & more ".repeat(30)}${i}`, source: "S".repeat(500) }),
      status: "new",
      summary: [long, long],
    }));
    const figures = Array.from({ length: 6 }, (_, i) => ({
      text: long,
      doc: doc(`fig-${i}`),
      kinds: ["incidents" as const],
      values: ["1"],
    }));
    const blocks = digestBlocks(digestOf(items, { figures }), { preview: true });
    expect(blocks.length).toBeLessThanOrEqual(MAX_BLOCKS);
    for (const { type, text } of texts(blocks)) {
      expect(text.length).toBeLessThanOrEqual(type === "header" ? HEADER_TEXT_LIMIT : SECTION_TEXT_LIMIT);
    }
    expect(texts(blocks).some((t) => t.text.startsWith("*Also new (190)*"))).toBe(true);
    expect(texts(blocks).some((t) => t.text.includes("…and 160 more."))).toBe(true);
    expect(digestFallbackText(digestOf(items, { figures })).length).toBeLessThanOrEqual(3000);
  });

  it("says so in one section when nothing is new, and still lists the key figures", () => {
    const blocks = digestBlocks(digestOf([]));
    const shown = texts(blocks).map((t) => t.text);
    expect(shown[0]).toBe("MINUSMA briefing — Monday 3 June 2024");
    expect(shown).toContain(
      "Nothing new since the last digest (Sunday 2 June 2024): I checked 12 documents.",
    );
    expect(shown.some((t) => t.startsWith("*Key figures*\n• About 14,700 troops"))).toBe(true);
    expect(shown.at(-1)).toContain("Ask a question in this digest's thread");
    expect(shown).not.toContain(PREVIEW_NOTE);
  });

  it("marks a preview as not posted", () => {
    expect(texts(digestBlocks(digestOf([]), { preview: true })).map((t) => t.text)).toContain(PREVIEW_NOTE);
  });

  it("shows a document without a URL by its title alone", () => {
    const blocks = digestBlocks(
      digestOf([{ doc: doc("plain", { url: null }), status: "changed", summary: ["One."] }]),
    );
    const section = texts(blocks).find((t) => t.text.includes("Title of plain"))!;
    expect(section.text).toBe("*Title of plain*\nAFP · 1 Jun 2024 · updated\n>One. (AFP, 1 Jun 2024)");
  });
});
