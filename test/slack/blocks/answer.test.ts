import { describe, expect, it } from "vitest";
import {
  ACTION_IDS,
  decodeFeedbackValue,
  decodePassageValue,
  decodeShareValue,
} from "../../../src/slack/blocks/action-values.ts";
import { answerMessage, citationMrkdwn } from "../../../src/slack/blocks/answer.ts";
import { SLACK_LIMITS } from "../../../src/slack/blocks/limits.ts";
import {
  BUTTON_HELPFUL,
  BUTTON_NOT_HELPFUL,
  BUTTON_SHARE,
  BUTTON_SHOW_PASSAGE,
  CUT_NOTE,
  SHARED_NOTE,
  SUGGESTIONS_LABEL,
} from "../../../src/slack/strings.ts";
import { allTexts, citation, foundAnswer, letter, notFoundAnswer, wire } from "./fixtures.ts";

type Blocks = ReturnType<typeof answerMessage>["blocks"];

function buttonsOf(blocks: Blocks) {
  const actions = blocks.find((block) => block.type === "actions");
  if (actions?.type !== "actions") throw new Error("no actions block");
  return actions.elements.map((element) => {
    if (element.type !== "button") throw new Error("not a button");
    return { id: element.action_id, label: element.text.text, value: element.value ?? "" };
  });
}

describe("answerMessage", () => {
  it("shows the answer with its 'as of' date, then the numbered sources", () => {
    const { blocks } = answerMessage(foundAnswer(), { kind: "thread" });
    expect(blocks[0]).toEqual({
      type: "section",
      text: {
        type: "mrkdwn",
        text: "As of 1 Jun 2021: the ceiling is 13,289 [1] Earlier, as of c. 1 Jun 2019: it was 13,289 [2]\n_As of 1 Jun 2021_",
      },
    });
    expect(blocks[1]).toEqual({
      type: "context",
      elements: [
        {
          type: "mrkdwn",
          text: "[1] United Nations Security Council, <https://undocs.org/en/S/2021/520|Letter dated 1 June 2021 on MINUSMA operations>, S/2021/520, 1 Jun 2021",
        },
        {
          type: "mrkdwn",
          text: "[2] AFP (via UPI), “Guterres warns of high risk of atrocities in Mali”, c. 1 Jun 2019",
        },
      ],
    });
  });

  it("in a thread, offers the passage and feedback, not sharing", () => {
    const buttons = buttonsOf(answerMessage(foundAnswer(), { kind: "thread" }).blocks);
    expect(buttons.map((b) => b.label)).toEqual([BUTTON_SHOW_PASSAGE, BUTTON_HELPFUL, BUTTON_NOT_HELPFUL]);
    expect(decodePassageValue(buttons[0]?.value)).toEqual({ p: `${letter.id}#1`, n: 1 });
    expect(decodeFeedbackValue(buttons[1]?.value)).toEqual({
      q: "troop ceiling",
      d: [letter.id, wire.id],
      f: true,
    });
  });

  it("privately, echoes the question (Slack does not show a command's text) and offers to share it", () => {
    const message = answerMessage(foundAnswer(), { kind: "private", question: "troop ceiling" });
    expect(message.blocks[0]).toEqual({
      type: "context",
      elements: [{ type: "mrkdwn", text: "*You asked:* troop ceiling" }],
    });
    const buttons = buttonsOf(message.blocks);
    expect(buttons.map((b) => b.id)).toEqual([
      ACTION_IDS.showPassage,
      ACTION_IDS.share,
      ACTION_IDS.helpful,
      ACTION_IDS.notHelpful,
    ]);
    expect(buttons.find((b) => b.label === BUTTON_SHARE)?.value).toBe(JSON.stringify({ q: "troop ceiling" }));
    expect(decodeShareValue(buttons[1]?.value)).toEqual({ q: "troop ceiling" });
    expect(message.text.startsWith("You asked: troop ceiling\n")).toBe(true);
  });

  it("once shared, says so and drops the Share button", () => {
    const message = answerMessage(foundAnswer(), {
      kind: "private",
      question: "troop ceiling",
      shared: true,
    });
    expect(allTexts(message)).toContain(SHARED_NOTE);
    expect(buttonsOf(message.blocks).map((b) => b.label)).not.toContain(BUTTON_SHARE);
  });

  it("shared in the channel, attributes the question to the person who asked", () => {
    const message = answerMessage(foundAnswer(), {
      kind: "shared",
      question: "troop ceiling",
      asker: "U0ASKER",
    });
    expect(message.blocks[0]).toEqual({
      type: "context",
      elements: [{ type: "mrkdwn", text: "*<@U0ASKER> asked:* troop ceiling" }],
    });
    expect(message.text.startsWith("<@U0ASKER> asked: troop ceiling\n")).toBe(true);
    expect(buttonsOf(message.blocks).map((b) => b.label)).not.toContain(BUTTON_SHARE);
  });

  it("when nothing is found, says so and suggests questions that work, with feedback only", () => {
    const message = answerMessage(notFoundAnswer(), { kind: "thread" });
    expect(message.blocks[0]).toEqual({
      type: "section",
      text: {
        type: "mrkdwn",
        text: "I couldn't find that in the briefing documents.\nClosest topics in the documents: Security situation; Operations.",
      },
    });
    expect(message.blocks[1]).toEqual({
      type: "section",
      text: {
        type: "mrkdwn",
        text: `*${SUGGESTIONS_LABEL}*\n• What is MINUSMA's troop ceiling?\n• What was Operation Seka?`,
      },
    });
    expect(buttonsOf(message.blocks).map((b) => b.label)).toEqual([BUTTON_HELPFUL, BUTTON_NOT_HELPFUL]);
    expect(message.text).toContain("Questions that work:");
  });

  it("escapes everything from documents and people: nothing can ping or hide a link", () => {
    const hostile = "<!channel> <!here> <@U0BOSS> <https://evil.example|the official report> & co";
    const doc = { ...letter, title: hostile, source: hostile, url: "https://evil.example/a|b>" };
    const answer = foundAnswer({
      question: hostile,
      text: `${hostile} [1]`,
      citations: [citation(1, doc)],
      topics: [hostile],
      suggestions: [hostile],
    });
    for (const message of [
      answerMessage(answer, { kind: "thread" }),
      answerMessage(answer, { kind: "private", question: hostile }),
      answerMessage(answer, { kind: "shared", question: hostile, asker: "<!channel>" }),
      answerMessage({ ...answer, found: false }, { kind: "private", question: hostile }),
    ]) {
      for (const text of allTexts(message)) {
        expect(text).not.toMatch(/<!channel>|<!here>|<@U0BOSS>|<https:\/\/evil\.example\|the official/u);
      }
      expect(allTexts(message).join("\n")).toContain("&lt;!channel&gt;");
    }
  });

  it("cuts an answer over Slack's 3,000 characters with a visible note", () => {
    const long = `${"The mission reported on its operations in the north. ".repeat(120)}[1]`;
    const message = answerMessage(foundAnswer({ text: long }), { kind: "private", question: "operations" });
    const section = message.blocks.find((block) => block.type === "section");
    expect(section?.type === "section" && section.text?.text.length).toBeLessThanOrEqual(
      SLACK_LIMITS.sectionText,
    );
    expect(section?.type === "section" && section.text?.text).toContain(CUT_NOTE);
    expect(message.text.length).toBeLessThanOrEqual(SLACK_LIMITS.fallbackText);
  });

  it("keeps a question of any length within the button value's 2,000 characters", () => {
    const question = `"${"\u0001".repeat(3_000)}"`;
    const buttons = buttonsOf(answerMessage(foundAnswer({ question }), { kind: "private", question }).blocks);
    for (const button of buttons) expect(button.value.length).toBeLessThanOrEqual(2_000);
    expect(decodeShareValue(buttons.find((b) => b.id === ACTION_IDS.share)?.value)?.q.length).toBeGreaterThan(
      0,
    );
  });
});

describe("citationMrkdwn", () => {
  it("quotes a title without a link, marks an approximate date, and leaves out a symbol the title has", () => {
    expect(citationMrkdwn(citation(2, wire))).toBe(
      "[2] AFP (via UPI), “Guterres warns of high risk of atrocities in Mali”, c. 1 Jun 2019",
    );
    const titled = { ...letter, title: "Letter S/2021/520" };
    expect(citationMrkdwn(citation(1, titled))).toBe(
      "[1] United Nations Security Council, <https://undocs.org/en/S/2021/520|Letter S/2021/520>, 1 Jun 2021",
    );
  });
});

describe("button values", () => {
  it("are refused when they were not written by this version", () => {
    expect(decodeShareValue("not json")).toBeNull();
    expect(decodeShareValue(undefined)).toBeNull();
    expect(decodePassageValue(JSON.stringify({ p: "x" }))).toBeNull();
    expect(decodeFeedbackValue(JSON.stringify({ q: 1 }))).toBeNull();
  });
});
