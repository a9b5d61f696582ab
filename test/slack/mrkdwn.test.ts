import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  cutMrkdwn,
  escapeMrkdwn,
  mrkdwnLink,
  slackTextToPlain,
  splitMrkdwn,
} from "../../src/slack/mrkdwn.ts";

const decodeEntities = (text: string) =>
  text.replace(/&lt;/gu, "<").replace(/&gt;/gu, ">").replace(/&amp;/gu, "&");

describe("escapeMrkdwn", () => {
  it("turns markup that would ping or hide a link into visible text", () => {
    expect(escapeMrkdwn("<!channel> <!here> <@U123> <https://evil.example|a report> & more")).toBe(
      "&lt;!channel&gt; &lt;!here&gt; &lt;@U123&gt; &lt;https://evil.example|a report&gt; &amp; more",
    );
  });

  it("never lets an angle bracket through, and loses nothing", () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const escaped = escapeMrkdwn(text);
        expect(escaped).not.toMatch(/[<>]/u);
        expect(decodeEntities(escaped)).toBe(text);
      }),
    );
  });
});

describe("mrkdwnLink", () => {
  it("escapes the label and keeps a | in the URL from ending it", () => {
    expect(mrkdwnLink("https://undocs.org/a|b?x=1&y=2", "<!channel> S/2021/520")).toBe(
      "<https://undocs.org/a%7Cb?x=1&amp;y=2|&lt;!channel&gt; S/2021/520>",
    );
  });
});

describe("slackTextToPlain", () => {
  it("removes the bot's mention and keeps the question", () => {
    expect(slackTextToPlain("<@U0BOT> troop ceiling", "U0BOT")).toBe("troop ceiling");
    expect(slackTextToPlain("<@U0BOT|minusma>   what about   police?", "U0BOT")).toBe("what about police?");
  });

  it("reduces other markup to what Slack shows for it", () => {
    expect(
      slackTextToPlain(
        "<!channel> <!here> <@U999|ana> <@U998> <#C1|ops> <https://x.example|the report> <https://y.example> <!subteam^S1|@leads>",
        "U0BOT",
      ),
    ).toBe("@channel @here @ana @U998 #ops the report https://y.example @leads");
  });

  it("drops invisible characters and turns control characters into spaces, for any input", () => {
    expect(slackTextToPlain("tr\u200Boop\uFEFF ceil\u00ADing\u0007now")).toBe("troop ceiling now");
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), (text) => {
        const plain = slackTextToPlain(text, "U0BOT");
        expect(plain).not.toMatch(/[\u0000-\u001F\u007F\u200B-\u200D\u2060\uFEFF\u00AD]/u);
        expect(plain).toBe(plain.trim());
      }),
    );
  });

  it("decodes the entities Slack escapes typed text with", () => {
    expect(slackTextToPlain("R&amp;D &lt;b&gt; 5 &gt; 3")).toBe("R&D <b> 5 > 3");
  });
});

describe("cutMrkdwn", () => {
  it("leaves short text alone", () => {
    expect(cutMrkdwn("short", 100, "(cut)")).toBe("short");
  });

  it("cuts long text within the limit, between words, with the note visible", () => {
    const text = "word ".repeat(1_000);
    const cut = cutMrkdwn(text, 3_000, "(cut)");
    expect(cut.length).toBeLessThanOrEqual(3_000);
    expect(cut.endsWith("… (cut)")).toBe(true);
    expect(cut).toMatch(/word… \(cut\)$/u);
  });

  it("never cuts inside an entity", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), fc.integer({ min: 20, max: 300 }), (raw, max) => {
        const cut = cutMrkdwn(escapeMrkdwn(raw), max, "(cut)");
        expect(cut.length).toBeLessThanOrEqual(max);
        expect(cut).not.toMatch(/&(a|am|l|g|lt|gt|amp)?(?![a-z;])/u);
      }),
    );
  });
});

describe("splitMrkdwn", () => {
  it("splits into pieces within the limit that together keep every word", () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-z&<>]{1,12}$/u), { maxLength: 400 }), (words) => {
        const text = escapeMrkdwn(words.join(" "));
        const pieces = splitMrkdwn(text, 200);
        for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(200);
        expect(pieces.join(" ").replace(/\s+/gu, "")).toBe(text.replace(/\s+/gu, ""));
        for (const piece of pieces) expect(piece).not.toMatch(/&(a|am|l|g|lt|gt|amp)?$/u);
      }),
    );
  });
});
