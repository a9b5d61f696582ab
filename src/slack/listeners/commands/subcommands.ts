import { helpMessage, type Usage } from "../../blocks/help.ts";
import { sourcesMessage } from "../../blocks/sources.ts";
import type { Subcommand, SubcommandContext } from "../../deps.ts";
import { QUESTION_USAGE } from "../../strings.ts";

export type { Subcommand, SubcommandContext };

export const helpSubcommand: Subcommand = {
  name: "help",
  args: "help",
  description: "this message",
  takesArguments: false,
  async run({ respond, deps, subcommands }) {
    const examples = deps.getKnowledgeBase().glossary.examples;
    await respond({ response_type: "ephemeral", ...helpMessage(usagesOf(subcommands), examples) });
  },
};

export const sourcesSubcommand: Subcommand = {
  name: "sources",
  args: "sources",
  description: "the documents I answer from, newest first",
  takesArguments: false,
  async run({ respond, deps }) {
    await respond({ response_type: "ephemeral", ...sourcesMessage(deps.getKnowledgeBase().index.documents) });
  },
};

export const BUILT_IN_SUBCOMMANDS: readonly Subcommand[] = [helpSubcommand, sourcesSubcommand];

/** The subcommand a command's text calls for, or null when the text is a question. */
export function findSubcommand(
  text: string,
  subcommands: readonly Subcommand[],
): { subcommand: Subcommand; args: string } | null {
  const [first = "", ...rest] = text.trim().split(/\s+/u);
  const subcommand = subcommands.find((candidate) => candidate.name === first.toLowerCase());
  if (!subcommand) return null;
  const args = rest.join(" ");
  if (args !== "" && !subcommand.takesArguments) return null;
  return { subcommand, args };
}

/** The usage lines of the help: asking a question first, then each subcommand. */
export function usagesOf(subcommands: readonly Subcommand[]): Usage[] {
  return [
    { args: "<question>", description: QUESTION_USAGE },
    ...subcommands.map(({ args, description }) => ({ args, description })),
  ];
}
