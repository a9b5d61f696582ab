import { escapeMrkdwn } from "../mrkdwn.ts";
import { COMMAND, CUT_NOTE, HELP_ELSEWHERE, HELP_INTRO, HELP_TRY_LABEL } from "../strings.ts";
import { fallback, fitBlocks, type SlackMessage, section } from "./limits.ts";

export interface Usage {
  /** what follows the command, e.g. "sources" or "<question>" */
  args: string;
  description: string;
}

/** How many example questions the help shows. */
export const HELP_EXAMPLES = 3;

/**
 * The usage message for `/minusma` and `/minusma help`: what it does, its forms, and example questions. The
 * forms are escaped like any text: Slack reads `<question>` as a link even inside code.
 */
export function helpMessage(usages: Usage[], examples: string[]): SlackMessage {
  const lines = usages.map(
    ({ args, description }) => `• \`${COMMAND} ${escapeMrkdwn(args)}\`: ${escapeMrkdwn(description)}`,
  );
  const tries = examples.slice(0, HELP_EXAMPLES).map((example) => `• ${escapeMrkdwn(example)}`);
  const blocks = [
    section(HELP_INTRO, CUT_NOTE),
    section(lines.join("\n"), CUT_NOTE),
    section(HELP_ELSEWHERE, CUT_NOTE),
  ];
  if (tries.length > 0) blocks.push(section(`*${HELP_TRY_LABEL}*\n${tries.join("\n")}`, CUT_NOTE));
  const text = [HELP_INTRO, ...lines, HELP_ELSEWHERE, ...(tries.length ? [HELP_TRY_LABEL, ...tries] : [])];
  return { text: fallback(text.join("\n"), CUT_NOTE), blocks: fitBlocks(blocks) };
}
