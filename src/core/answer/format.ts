import { format } from "date-fns/format";
import { parseISO } from "date-fns/parseISO";
import type { DocumentMeta } from "../knowledge/schema.ts";
import type { Answer } from "./types.ts";

/** Documents newest first, then by title: the order `sources` lists and the digest presents them in. */
export function documentsNewestFirst<T extends Pick<DocumentMeta, "date" | "title">>(
  documents: readonly T[],
): T[] {
  return [...documents].sort((a, b) => b.date.localeCompare(a.date) || a.title.localeCompare(b.title));
}

/** "1 Jun 2021", or "c. 1 Jun 2019" when the document's date is inferred. */
export function formatDocDate(date: string, approximate: boolean): string {
  return `${approximate ? "c. " : ""}${format(parseISO(date), "d MMM yyyy")}`;
}

/** `AFP (via UPI), "Title", c. 1 Jun 2019, https://...`: a citation as plain text. */
export function citationText(doc: DocumentMeta): string {
  const parts = [doc.source, `"${doc.title}"`, formatDocDate(doc.date, doc.approximateDate)];
  if (doc.symbol && !doc.title.includes(doc.symbol)) parts.splice(2, 0, doc.symbol);
  if (doc.url) parts.push(doc.url);
  return parts.join(", ");
}

/** An answer as plain text for a terminal: the answer, "as of", numbered sources, or the not-found help. */
export function answerAsText(answer: Answer): string {
  if (!answer.found) {
    const lines = [answer.text];
    if (answer.topics.length > 0) lines.push(`Closest topics in the documents: ${answer.topics.join("; ")}.`);
    if (answer.suggestions.length > 0) {
      lines.push("Questions that work:", ...answer.suggestions.map((suggestion) => `  - ${suggestion}`));
    }
    return lines.join("\n");
  }
  const lines = [answer.text];
  if (answer.asOf) lines.push(`(as of ${formatDocDate(answer.asOf.date, answer.asOf.approximate)})`);
  for (const citation of answer.citations) lines.push(`[${citation.n}] ${citationText(citation.doc)}`);
  return lines.join("\n");
}
