import type { Turn } from "../answer/types.ts";
import { isStopWord, tokenize } from "../search/terms.ts";
import type { Digest } from "./digest.ts";
import { figureLabel } from "./figures.ts";

/** How many focus words a digest gives its thread: a few, so a follow-up's own words still lead. */
export const DIGEST_FOCUS_WORDS = 4;

/**
 * The conversational context a digest gives its thread, as a Turn: a question asked in the digest's thread
 * is answered with this as the thread's first turn, so the digest's documents are preferred and a follow-up
 * such as "and the police?" reads in its light.
 *
 * Focus words are the words the new documents' titles share most (or, when nothing is new, the key figures'
 * subjects); documents are the new ones first, then those the key figures cite.
 *
 * @example answerQuestion(kb, "what about the police?", [digestTurn(digest)])
 */
export function digestTurn(digest: Digest): Turn {
  const docs = [...new Set([...digest.items.map((i) => i.doc.id), ...digest.figures.map((f) => f.doc.id)])];
  return { question: digest.header, focus: focusWords(digest), docs, found: docs.length > 0 };
}

function focusWords(digest: Digest): string[] {
  if (digest.kind === "new" && digest.items.length > 0) {
    const count = new Map<string, number>();
    for (const item of digest.items) {
      for (const word of new Set(tokenize(item.doc.title))) {
        if (word.length < 4 || isStopWord(word) || /\d/u.test(word)) continue;
        count.set(word, (count.get(word) ?? 0) + 1);
      }
    }
    // Map keeps first-seen order, and sort is stable: ties go to the newest document's title words.
    return [...count.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, DIGEST_FOCUS_WORDS)
      .map(([word]) => word);
  }
  const labels = digest.figures.flatMap((figure) => figure.kinds.map(figureLabel));
  return [...new Set(labels)].slice(0, DIGEST_FOCUS_WORDS);
}
