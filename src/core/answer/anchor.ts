import { isEnglishWord } from "../knowledge/words.ts";
import type { KnowledgeBase } from "../knowledge-base.ts";
import type { Concept, ParsedQuery } from "../search/query.ts";
import type { PassageTermSets } from "../search/term-sets.ts";

// A question that names something particular ("the Radisson Blu attack", "Indelimane") is about the documents
// that name it. A sentence elsewhere that shares the question's verbs ("group claimed the attack") tells of
// another event, however well it covers the rest: its document must name what the question names.

/** A name the question uses and the documents know, with the term ids each way of writing it needs. */
export interface Anchor {
  concept: Concept;
  alternatives: number[][];
}

/** The question's own names: known words that are no English words and no years ("radisson", "indelimane"). */
export function anchorsOf(kb: KnowledgeBase, query: ParsedQuery): Anchor[] {
  const { vocabulary } = kb.index;
  const anchors: Anchor[] = [];
  for (const concept of query.concepts) {
    if (concept.weight !== 1 || !concept.known || concept.year !== null || concept.acronym) continue;
    const words = concept.text.toLowerCase().split(/\s+/u);
    if (words.length !== 1 || /\d/u.test(words[0]!) || isEnglishWord(words[0]!)) continue;
    const alternatives = concept.alternatives
      .map((terms) => terms.map((term) => vocabulary.idOf(term)))
      .filter((ids): ids is number[] => ids.every((id) => id !== undefined));
    if (alternatives.length > 0) anchors.push({ concept, alternatives });
  }
  return anchors;
}

/**
 * 1 when a document names one of the question's names somewhere, else 0, read once per question and document
 * from the index's term sets, not from its text. One is enough: a story of the signing names "the CMA" but may
 * say "brokered by Algeria" where the question says "the Algiers accord".
 */
export function anchorHeld(
  kb: KnowledgeBase,
  docId: string,
  anchors: readonly Anchor[],
  cache: Map<string, number>,
): number {
  if (anchors.length === 0) return 0;
  const known = cache.get(docId);
  if (known !== undefined) return known;
  const { termSets } = kb.index;
  let held = 0;
  for (const ordinal of termSets.documentOrdinals(docId)) {
    if (anchors.some((anchor) => namedAt(termSets, ordinal, anchor))) {
      held = 1;
      break;
    }
  }
  cache.set(docId, held);
  return held;
}

/** Whether the passage with this ordinal writes the name one of the ways it is written. */
function namedAt(termSets: PassageTermSets, ordinal: number, anchor: Anchor): boolean {
  return anchor.alternatives.some((ids) => ids.every((term) => termSets.hasAt(ordinal, term)));
}
