import { formatDocDate } from "../answer/format.ts";
import type { DocumentMeta } from "../knowledge/schema.ts";
import { formatDay } from "./day.ts";
import type { Digest, DigestItem } from "./digest.ts";
import type { KeyFigure } from "./figures.ts";

/** The invitation at the end of every digest; the Slack layer answers questions asked in the digest's thread. */
export const DIGEST_THREAD_HINT =
  "Ask a question in this digest's thread and I'll answer it there, starting from these documents.";
export const KEY_FIGURES_TITLE = "Key figures";
export const NO_FIGURES_TEXT =
  "No figures about personnel, casualties or incidents were found in the documents.";

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** The line under the header: what is new, that nothing is, or what the bot knows on its first digest. */
export function digestIntro(digest: Digest): string {
  const since = digest.previousDay ? ` (${formatDay(digest.previousDay)})` : "";
  switch (digest.kind) {
    case "first":
      return digest.documentCount === 0
        ? "This is my first digest, and the knowledge base has no documents yet."
        : `This is my first digest. I know ${plural(digest.documentCount, "document")}; ` +
            `${digest.items.length === 1 ? "the newest is" : `the ${digest.items.length} newest are`} below.`;
    case "new":
      return `New since the last digest${since}: ${plural(digest.items.length, "document")}.`;
    case "nothing-new":
      return `Nothing new since the last digest${since}: I checked ${plural(digest.documentCount, "document")}.`;
  }
}

/** "AFP (via UPI) · c. 1 Jun 2019 · updated": who published an item and when. */
export function itemByline(item: DigestItem): string {
  const parts = [item.doc.source];
  if (item.doc.symbol && !item.doc.title.includes(item.doc.symbol)) parts.push(item.doc.symbol);
  parts.push(formatDocDate(item.doc.date, item.doc.approximateDate));
  if (item.status === "changed") parts.push("updated");
  return parts.join(" · ");
}

/** "(AFP (via UPI), c. 1 Jun 2019)": the short citation after a summary or a figure. */
export function shortCitation(doc: DocumentMeta, asOf = false): string {
  return `(${doc.source}, ${asOf ? "as of " : ""}${formatDocDate(doc.date, doc.approximateDate)})`;
}

/** The summary as one string, cited: "Sentence one. Sentence two. (AFP, 1 Jun 2019)". */
export function citedSummary(item: DigestItem): string {
  return [...item.summary, shortCitation(item.doc)].join(" ");
}

/**
 * A key figure as one cited line, newest first: "The troop ceiling ... 13,289 ... (AFP (via UPI), as of c. 1 Jun
 * 2019)", then an older document's different value with its date: "Earlier: 12,640 (S/2016/498, as of ...)".
 */
export function citedFigure(figure: KeyFigure): string {
  const line = `${figure.text} ${shortCitation(figure.doc, true)}`;
  return figure.earlier
    ? `${line} Earlier: ${figure.earlier.value} ${shortCitation(figure.earlier.doc, true)}.`
    : line;
}

/** The digest as plain text, for a terminal, a log or the JSON output. Nothing is escaped. */
export function digestText(digest: Digest): string {
  const lines = [digest.header, "", digestIntro(digest)];
  for (const item of digest.items) {
    lines.push("", `• ${item.doc.title}`, `  ${itemByline(item)}`);
    if (item.doc.url) lines.push(`  ${item.doc.url}`);
    if (item.summary.length > 0) lines.push(`  ${citedSummary(item)}`);
  }
  lines.push("", `${KEY_FIGURES_TITLE}:`);
  if (digest.figures.length === 0) lines.push(NO_FIGURES_TEXT);
  for (const figure of digest.figures) lines.push(`• ${citedFigure(figure)}`);
  lines.push("", DIGEST_THREAD_HINT);
  return lines.join("\n");
}

/** The JSON shape of `npm run digest -- --dry-run --json`, as documented in the README. */
export function digestJson(digest: Digest) {
  return {
    date: digest.day,
    new: digest.items.map((item) => ({
      doc: item.doc.id,
      title: item.doc.title,
      source: item.doc.source,
      date: item.doc.date,
      url: item.doc.url,
      summary: item.summary.join(" "),
    })),
    figures: digest.figures.map((figure) => ({
      text: figure.text,
      doc: figure.doc.id,
      date: figure.doc.date,
      earlier: figure.earlier
        ? { value: figure.earlier.value, doc: figure.earlier.doc.id, date: figure.earlier.doc.date }
        : null,
    })),
    text: digestText(digest),
  };
}
