import { documentsNewestFirst, formatDocDate } from "../../core/answer/format.ts";
import type { DocumentMeta } from "../../core/knowledge/schema.ts";
import { escapeMrkdwn, mrkdwnLink } from "../mrkdwn.ts";
import { CUT_NOTE, SOURCES_EMPTY, SOURCES_TITLE } from "../strings.ts";
import { fallback, fitBlocks, type SlackMessage, section, sections } from "./limits.ts";

/** The list for `/minusma sources`: every document, newest first, with its publisher and date. */
export function sourcesMessage(documents: readonly DocumentMeta[]): SlackMessage {
  if (documents.length === 0) return { text: SOURCES_EMPTY, blocks: [section(SOURCES_EMPTY, CUT_NOTE)] };
  const sorted = documentsNewestFirst(documents);
  const lines = sorted.map((doc) => {
    const title = doc.url ? mrkdwnLink(doc.url, doc.title) : `*${escapeMrkdwn(doc.title)}*`;
    const symbol = doc.symbol && !doc.title.includes(doc.symbol) ? `, ${escapeMrkdwn(doc.symbol)}` : "";
    return `• ${title}, ${escapeMrkdwn(doc.source)}${symbol}, ${formatDocDate(doc.date, doc.approximateDate)}`;
  });
  const blocks = [section(SOURCES_TITLE, CUT_NOTE), ...sections(lines.join("\n"))];
  return { text: fallback([SOURCES_TITLE, ...lines].join("\n"), CUT_NOTE), blocks: fitBlocks(blocks) };
}
