import { describe, expect, it } from "vitest";
import { helpMessage } from "../../src/slack/blocks/help.ts";
import { digestSubcommand } from "../../src/slack/listeners/commands/digest.ts";
import { BUILT_IN_SUBCOMMANDS, usagesOf } from "../../src/slack/listeners/commands/subcommands.ts";
import * as strings from "../../src/slack/strings.ts";
import { allTexts } from "./blocks/fixtures.ts";

// Slack reads `<...>` in a message as a link, a mention or a channel, and `&` as the start of an entity,
// even inside backticks. No fixed text the bot says carries either unescaped: the only live markup is what
// the bot builds on purpose (links to documents, the asker of a shared answer), tested in blocks/.

/** The markup Slack would act on in mrkdwn: a `<` or `>` left as is, or an `&` that is not an escape. */
function liveMarkup(text: string): string[] {
  return [...text.matchAll(/[<>]|&(?!amp;|lt;|gt;)/gu)].map((match) =>
    text.slice(Math.max(0, match.index - 10), match.index + 10),
  );
}

const subcommands = [...BUILT_IN_SUBCOMMANDS, digestSubcommand({ timeZone: "UTC" })];

describe("the bot's fixed texts and Slack markup", () => {
  it("the help shows `/minusma <question>` escaped, so Slack does not read it as a link", () => {
    const message = helpMessage(usagesOf(subcommands), ["troop ceiling", "IED & mines", "a <b> c"]);
    expect(message.text).toContain("`/minusma &lt;question&gt;`");
    for (const text of allTexts(message)) expect(liveMarkup(text), text).toEqual([]);
  });

  it("every fixed string in strings.ts, and the texts built from numbers, carries no live markup", () => {
    const fixed = Object.entries(strings as Record<string, unknown>).filter(
      (entry): entry is [string, string] => typeof entry[1] === "string",
    );
    expect(fixed.length).toBeGreaterThan(20);
    for (const [name, text] of fixed) expect(liveMarkup(text), name).toEqual([]);
    for (const wait of [1, 42]) expect(liveMarkup(strings.slowDownText(10, wait))).toEqual([]);
  });

  it("every subcommand's usage and description carries no live markup once in the help", () => {
    for (const { args, description } of usagesOf(subcommands)) {
      const message = helpMessage([{ args, description }], []);
      for (const text of allTexts(message)) expect(liveMarkup(text), `${args}: ${text}`).toEqual([]);
    }
  });
});
