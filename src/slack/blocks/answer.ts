import type { types } from "@slack/bolt";
import { answerAsText, formatDocDate } from "../../core/answer/format.ts";
import type { Answer, Citation } from "../../core/answer/types.ts";
import { escapeMrkdwn, mrkdwnLink } from "../mrkdwn.ts";
import {
  AS_OF_LABEL,
  BUTTON_HELPFUL,
  BUTTON_NOT_HELPFUL,
  BUTTON_SHARE,
  BUTTON_SHOW_PASSAGE,
  CLOSEST_TOPICS_LABEL,
  CUT_NOTE,
  SHARED_NOTE,
  SUGGESTIONS_LABEL,
  YOU_ASKED_LABEL,
} from "../strings.ts";
import { ACTION_IDS, encodeValue } from "./action-values.ts";
import { type Block, context, fallback, fitBlocks, type SlackMessage, section } from "./limits.ts";

/** Where an answer is shown, which decides what goes around it. */
export type AnswerSurface =
  /** in the thread of a mention, a DM or a follow-up: the question is right above */
  | { kind: "thread" }
  /** the private reply to /minusma: the question is echoed (Slack does not show it), with a Share button */
  | { kind: "private"; question: string; shared?: boolean }
  /** posted in the channel from the Share button, attributed to the person who asked */
  | { kind: "shared"; question: string; asker: string };

const USER_ID = /^[UW][A-Z0-9]{2,}$/u;

/** The Slack message for an answer: text, "as of", numbered sources, buttons; or the not-found help. */
export function answerMessage(answer: Answer, surface: AnswerSurface): SlackMessage {
  const blocks: Block[] = [];
  const heading = headingOf(surface);
  if (heading) blocks.push(context([heading.mrkdwn], CUT_NOTE));

  if (answer.found) {
    const asOf = answer.asOf
      ? `\n_${AS_OF_LABEL} ${formatDocDate(answer.asOf.date, answer.asOf.approximate)}_`
      : "";
    blocks.push(section(`${escapeMrkdwn(answer.text)}${asOf}`, CUT_NOTE));
    if (answer.citations.length > 0) blocks.push(context(answer.citations.map(citationMrkdwn), CUT_NOTE));
  } else {
    const topics =
      answer.topics.length > 0
        ? `\n${CLOSEST_TOPICS_LABEL} ${answer.topics.map(escapeMrkdwn).join("; ")}.`
        : "";
    blocks.push(section(`${escapeMrkdwn(answer.text)}${topics}`, CUT_NOTE));
    if (answer.suggestions.length > 0) {
      const list = answer.suggestions.map((suggestion) => `• ${escapeMrkdwn(suggestion)}`).join("\n");
      blocks.push(section(`*${SUGGESTIONS_LABEL}*\n${list}`, CUT_NOTE));
    }
  }

  if (surface.kind === "private" && surface.shared) {
    blocks.push(context([SHARED_NOTE], CUT_NOTE));
  }
  blocks.push(buttons(answer, surface));

  const text = `${heading ? `${heading.fallback}\n` : ""}${escapeMrkdwn(answerAsText(answer))}`;
  return { text: fallback(text, CUT_NOTE), blocks: fitBlocks(blocks) };
}

/** One numbered source: publisher, title (linked when there is a url), symbol, date or "c. date". */
export function citationMrkdwn(citation: Citation): string {
  const { doc } = citation;
  const title = doc.url ? mrkdwnLink(doc.url, doc.title) : `“${escapeMrkdwn(doc.title)}”`;
  const parts = [escapeMrkdwn(doc.source), title];
  if (doc.symbol && !doc.title.includes(doc.symbol)) parts.push(escapeMrkdwn(doc.symbol));
  parts.push(formatDocDate(doc.date, doc.approximateDate));
  return `[${citation.n}] ${parts.join(", ")}`;
}

/** The line above the answer, for the blocks and for the fallback text (both mrkdwn, both escaped). */
function headingOf(surface: AnswerSurface): { mrkdwn: string; fallback: string } | null {
  const question = surface.kind === "thread" ? "" : escapeMrkdwn(surface.question);
  if (surface.kind === "private") {
    return { mrkdwn: `*${YOU_ASKED_LABEL}* ${question}`, fallback: `${YOU_ASKED_LABEL} ${question}` };
  }
  if (surface.kind === "shared") {
    // Only a well-formed user id becomes a mention; anything else is shown as text.
    const who = USER_ID.test(surface.asker) ? `<@${surface.asker}>` : escapeMrkdwn(surface.asker);
    return { mrkdwn: `*${who} asked:* ${question}`, fallback: `${who} asked: ${question}` };
  }
  return null;
}

function buttons(answer: Answer, surface: AnswerSurface): types.ActionsBlock {
  const question = surface.kind === "thread" ? answer.question : surface.question;
  const elements: types.Button[] = [];
  const first = answer.citations[0];
  if (answer.found && first) {
    elements.push(
      button(ACTION_IDS.showPassage, BUTTON_SHOW_PASSAGE, encodeValue({ p: first.passageId, n: first.n })),
    );
  }
  if (answer.found && surface.kind === "private" && !surface.shared) {
    elements.push({
      ...button(ACTION_IDS.share, BUTTON_SHARE, encodeValue({ q: question })),
      style: "primary",
    });
  }
  const feedback = { q: question, d: answer.citations.map((citation) => citation.doc.id), f: answer.found };
  elements.push(button(ACTION_IDS.helpful, BUTTON_HELPFUL, encodeValue(feedback)));
  elements.push(button(ACTION_IDS.notHelpful, BUTTON_NOT_HELPFUL, encodeValue(feedback)));
  return { type: "actions", elements };
}

function button(actionId: string, label: string, value: string): types.Button {
  return { type: "button", action_id: actionId, text: { type: "plain_text", text: label }, value };
}
