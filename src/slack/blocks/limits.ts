import type { types } from "@slack/bolt";
import { cutMrkdwn, splitMrkdwn } from "../mrkdwn.ts";
import { MORE_BLOCKS_NOTE } from "../strings.ts";

/** The Block Kit limits the builders respect, from Slack's reference. */
export const SLACK_LIMITS = {
  /** characters in a section's text */
  sectionText: 3_000,
  /** characters in a context block's text element */
  contextText: 3_000,
  /** elements in a context block */
  contextElements: 10,
  /** blocks in a message */
  blocks: 50,
  /** characters of the plain-text fallback kept (Slack accepts more, nobody reads more in a notification) */
  fallbackText: 3_000,
} as const;

export type Block = types.KnownBlock;

/** A message as the Web API and respond() take it: blocks, and the `text` shown in notifications. */
export interface SlackMessage {
  text: string;
  blocks: Block[];
}

export function section(mrkdwn: string, note: string): types.SectionBlock {
  return {
    type: "section",
    text: { type: "mrkdwn", text: cutMrkdwn(mrkdwn, SLACK_LIMITS.sectionText, note) },
  };
}

/** As many sections as long escaped mrkdwn needs, each within Slack's limit. */
export function sections(mrkdwn: string): types.SectionBlock[] {
  return splitMrkdwn(mrkdwn, SLACK_LIMITS.sectionText).map((text) => ({
    type: "section",
    text: { type: "mrkdwn", text },
  }));
}

export function context(elements: string[], note: string): types.ContextBlock {
  const kept = elements.slice(0, SLACK_LIMITS.contextElements);
  if (elements.length > kept.length) kept[kept.length - 1] = note;
  return {
    type: "context",
    elements: kept.map((text) => ({
      type: "mrkdwn",
      text: cutMrkdwn(text, SLACK_LIMITS.contextText, note),
    })),
  };
}

/** Keeps a message within Slack's 50 blocks, replacing what does not fit with a visible note. */
export function fitBlocks(blocks: Block[]): Block[] {
  if (blocks.length <= SLACK_LIMITS.blocks) return blocks;
  // Buttons stay: they are the last block and what the reader acts on.
  const last = blocks.at(-1);
  const keepActions = last?.type === "actions";
  const room = SLACK_LIMITS.blocks - 1 - (keepActions ? 1 : 0);
  const note: Block = { type: "context", elements: [{ type: "mrkdwn", text: MORE_BLOCKS_NOTE }] };
  return [...blocks.slice(0, room), note, ...(keepActions && last ? [last] : [])];
}

/** The plain-text fallback, escaped too: Slack reads it as mrkdwn in notifications. */
export function fallback(text: string, note: string): string {
  return cutMrkdwn(text, SLACK_LIMITS.fallbackText, note);
}
