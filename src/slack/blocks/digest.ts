import type { KnownBlock } from "@slack/web-api";
import { truncate } from "../../core/digest/corpus.ts";
import type { Digest, DigestItem } from "../../core/digest/digest.ts";
import {
  citedFigure,
  citedSummary,
  DIGEST_THREAD_HINT,
  digestIntro,
  digestText,
  itemByline,
  KEY_FIGURES_TITLE,
  NO_FIGURES_TEXT,
} from "../../core/digest/render.ts";
import { escapeMrkdwn, mrkdwnLink } from "../mrkdwn.ts";

// The Slack layer's escaping, shared so every message escapes the same way; re-exported for the tests.
export { escapeMrkdwn, mrkdwnLink };

/** Slack's limits (https://docs.slack.dev/reference/block-kit/blocks): per message, per section, per header. */
export const MAX_BLOCKS = 50;
export const SECTION_TEXT_LIMIT = 3000;
export const HEADER_TEXT_LIMIT = 150;
/** How many new documents get a section of their own; the rest are listed by title in one section. */
export const MAX_ITEM_SECTIONS = 10;
/** The fallback `text` of the message: what notifications and clients without blocks show. */
export const FALLBACK_TEXT_LIMIT = 3000;
export const PREVIEW_NOTE = "Preview: only you can see this, and it is not recorded as today's digest.";

/**
 * Escapes `text` and fits the result in `max` characters, cutting the text before escaping so an entity
 * such as `&amp;` is never split (escaping can make a text up to five times longer).
 */
export function escapeWithin(text: string, max: number): string {
  let raw = text;
  let escaped = escapeMrkdwn(raw);
  while (escaped.length > max) {
    raw = truncate(raw, Math.max(1, Math.floor((raw.length * max) / escaped.length) - 1));
    escaped = escapeMrkdwn(raw);
  }
  return escaped;
}

// Budgets for the parts of one document's section; together they stay under SECTION_TEXT_LIMIT.
const TITLE_CHARS = 400;
const URL_CHARS = 800;
const BYLINE_CHARS = 300;
const SUMMARY_CHARS = 1400;
const LINE_CHARS = 900;
const TITLE_LINE_CHARS = 400;
/** How many further new documents are listed by title after the ones with a section. */
const MAX_LISTED_TITLES = 30;

function section(text: string): KnownBlock {
  return { type: "section", text: { type: "mrkdwn", text } };
}

function itemSection(item: DigestItem): KnownBlock {
  const label = truncate(item.doc.title, TITLE_CHARS / 2);
  // A link too long to fit is left out rather than cut: a cut URL leads nowhere.
  const title =
    item.doc.url && item.doc.url.length <= URL_CHARS
      ? mrkdwnLink(item.doc.url, label)
      : escapeWithin(label, TITLE_CHARS);
  const lines = [`*${title}*`, escapeWithin(itemByline(item), BYLINE_CHARS)];
  if (item.summary.length > 0) lines.push(`>${escapeWithin(citedSummary(item), SUMMARY_CHARS)}`);
  return section(lines.join("\n"));
}

/** Groups lines (each already within LINE_CHARS) into as few sections as fit SECTION_TEXT_LIMIT. */
function sectionsOf(lines: string[]): KnownBlock[] {
  const texts: string[] = [];
  let current = "";
  for (const line of lines) {
    const candidate = current === "" ? line : `${current}\n${line}`;
    if (candidate.length <= SECTION_TEXT_LIMIT) {
      current = candidate;
    } else {
      texts.push(current);
      current = line;
    }
  }
  if (current !== "") texts.push(current);
  return texts.map(section);
}

/**
 * The digest as Block Kit: a dated header, what is new (one section per document, the rest by title),
 * the key figures with their sources, and the hint to ask in the thread. Everything taken from documents is
 * escaped; every section stays under 3,000 characters and the message under 50 blocks.
 */
export function digestBlocks(digest: Digest, options: { preview?: boolean } = {}): KnownBlock[] {
  const blocks: KnownBlock[] = [
    {
      type: "header",
      // plain_text is never parsed for mentions or links; the header is ours and only needs to fit.
      text: { type: "plain_text", text: truncate(digest.header, HEADER_TEXT_LIMIT), emoji: false },
    },
  ];
  if (options.preview) blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: PREVIEW_NOTE }] });
  blocks.push(section(escapeMrkdwn(digestIntro(digest))));

  for (const item of digest.items.slice(0, MAX_ITEM_SECTIONS)) blocks.push(itemSection(item));
  const rest = digest.items.slice(MAX_ITEM_SECTIONS);
  if (rest.length > 0) {
    const listed = rest
      .slice(0, MAX_LISTED_TITLES)
      .map((item) => `• ${escapeWithin(`${item.doc.title} — ${itemByline(item)}`, TITLE_LINE_CHARS)}`);
    if (rest.length > MAX_LISTED_TITLES) listed.push(`…and ${rest.length - MAX_LISTED_TITLES} more.`);
    blocks.push(...sectionsOf([`*Also new (${rest.length})*`, ...listed]));
  }

  blocks.push({ type: "divider" });
  const figureLines =
    digest.figures.length === 0
      ? [escapeMrkdwn(NO_FIGURES_TEXT)]
      : digest.figures.map((figure) => `• ${escapeWithin(citedFigure(figure), LINE_CHARS)}`);
  blocks.push(...sectionsOf([`*${KEY_FIGURES_TITLE}*`, ...figureLines]));
  blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: escapeMrkdwn(DIGEST_THREAD_HINT) }] });
  // At most: header, preview note, intro, 10 documents, 30 titles (5 sections of 7 lines or more), divider,
  // 6 figures (3 sections of 3 lines or more), hint: 23 blocks, under Slack's 50.
  return blocks;
}

/**
 * The message's fallback `text`: the digest as plain text, cut to a length notifications handle, and
 * escaped, because Slack parses this field for mentions too.
 */
export function digestFallbackText(digest: Digest): string {
  return escapeWithin(digestText(digest), FALLBACK_TEXT_LIMIT);
}

/** Blocks and fallback text, ready for `chat.postMessage` (or an ephemeral preview with `preview: true`). */
export function digestMessage(digest: Digest, options: { preview?: boolean } = {}) {
  return { blocks: digestBlocks(digest, options), text: digestFallbackText(digest) };
}
