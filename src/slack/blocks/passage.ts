import type { Citation } from "../../core/answer/types.ts";
import type { Passage } from "../../core/knowledge/schema.ts";
import { escapeMrkdwn } from "../mrkdwn.ts";
import { CUT_NOTE } from "../strings.ts";
import { citationMrkdwn } from "./answer.ts";
import { context, fallback, fitBlocks, type SlackMessage, sections } from "./limits.ts";

/** The full passage behind citation [n], with its source: what "Show passage" shows. */
export function passageMessage(passage: Passage, n: number): SlackMessage {
  const citation: Citation = {
    n,
    doc: passage.doc,
    passageId: passage.id,
    passageText: passage.text,
    section: passage.section,
  };
  const source = citationMrkdwn(citation);
  const heading = passage.section ? `*${escapeMrkdwn(passage.section)}*\n` : "";
  const body = `${heading}${escapeMrkdwn(passage.text)}`;
  return {
    text: fallback(`${source}\n${body}`, CUT_NOTE),
    blocks: fitBlocks([context([source], CUT_NOTE), ...sections(body)]),
  };
}
