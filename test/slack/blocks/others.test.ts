import { describe, expect, it } from "vitest";
import { helpMessage } from "../../../src/slack/blocks/help.ts";
import { fitBlocks, SLACK_LIMITS } from "../../../src/slack/blocks/limits.ts";
import { passageMessage } from "../../../src/slack/blocks/passage.ts";
import { sourcesMessage } from "../../../src/slack/blocks/sources.ts";
import {
  HELP_TRY_LABEL,
  MORE_BLOCKS_NOTE,
  SOURCES_EMPTY,
  SOURCES_TITLE,
} from "../../../src/slack/strings.ts";
import { allTexts, letter, passage, wire } from "./fixtures.ts";

describe("helpMessage", () => {
  it("lists each usage and three example questions", () => {
    const message = helpMessage(
      [
        { args: "<question>", description: "ask" },
        { args: "sources", description: "list" },
      ],
      ["one?", "two?", "three?", "four?"],
    );
    const text = allTexts(message).join("\n");
    expect(text).toContain("• `/minusma &lt;question&gt;`: ask");
    expect(text).toContain("• `/minusma sources`: list");
    expect(text).toContain(`*${HELP_TRY_LABEL}*\n• one?\n• two?\n• three?`);
    expect(text).not.toContain("four?");
  });

  it("leaves out the examples when the knowledge folder has none", () => {
    const message = helpMessage([{ args: "help", description: "this" }], []);
    expect(allTexts(message).join("\n")).not.toContain(HELP_TRY_LABEL);
  });
});

describe("sourcesMessage", () => {
  it("lists documents newest first with publisher, symbol and date, linking titles that have a url", () => {
    const message = sourcesMessage([wire, letter]);
    expect(message.blocks[0]).toMatchObject({ text: { text: SOURCES_TITLE } });
    expect(message.blocks[1]).toMatchObject({
      type: "section",
      text: {
        text:
          "• <https://undocs.org/en/S/2021/520|Letter dated 1 June 2021 on MINUSMA operations>, United Nations Security Council, S/2021/520, 1 Jun 2021\n" +
          "• *Guterres warns of high risk of atrocities in Mali*, AFP (via UPI), c. 1 Jun 2019",
      },
    });
  });

  it("says plainly when there are none", () => {
    expect(sourcesMessage([]).text).toBe(SOURCES_EMPTY);
  });

  it("spreads hundreds of documents over sections within Slack's limits", () => {
    const many = Array.from({ length: 600 }, (_, i) => ({
      ...wire,
      id: `d${i}`,
      title: `Report number ${i} <b>`,
    }));
    const message = sourcesMessage(many);
    expect(message.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
    for (const block of message.blocks) {
      if (block.type === "section")
        expect(block.text?.text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
    }
    expect(allTexts(message).join("")).not.toContain("<b>");
  });
});

describe("passageMessage", () => {
  it("shows the passage's source, its section and its whole text", () => {
    const message = passageMessage(passage, 1);
    expect(message.blocks[0]).toMatchObject({
      type: "context",
      elements: [
        { text: "[1] AFP (via UPI), “Guterres warns of high risk of atrocities in Mali”, c. 1 Jun 2019" },
      ],
    });
    expect(message.blocks[1]).toMatchObject({
      type: "section",
      text: { text: `*Troop numbers*\n${passage.text}` },
    });
  });

  it("splits a very long passage into sections and notes what Slack cannot show", () => {
    const long = { ...passage, text: "A sentence about <operations> & patrols. ".repeat(5_000) };
    const message = passageMessage(long, 1);
    expect(message.blocks.length).toBe(SLACK_LIMITS.blocks);
    expect(message.blocks.at(-1)).toMatchObject({ type: "context", elements: [{ text: MORE_BLOCKS_NOTE }] });
    for (const text of allTexts(message)) expect(text).not.toMatch(/<operations>/u);
  });
});

describe("fitBlocks", () => {
  it("keeps the buttons when it has to leave blocks out", () => {
    const sections = Array.from({ length: 60 }, (_, i) => ({
      type: "section" as const,
      text: { type: "mrkdwn" as const, text: `${i}` },
    }));
    const actions = { type: "actions" as const, elements: [] };
    const fitted = fitBlocks([...sections, actions]);
    expect(fitted).toHaveLength(SLACK_LIMITS.blocks);
    expect(fitted.at(-1)).toBe(actions);
    expect(fitted.at(-2)).toMatchObject({ elements: [{ text: MORE_BLOCKS_NOTE }] });
  });
});
