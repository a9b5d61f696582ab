import { isEnglishWord } from "../knowledge/words.ts";
import type { PassageIndex } from "../search/passage-index.ts";
import type { Concept, ParsedQuery } from "../search/query.ts";
import { TUNING } from "./model.ts";
import type { DocumentSubjects, QuestionScope } from "./subject.ts";

// A question names its subject without naming a mission or a country when it names a place, a group or a
// person that only another subject's documents mention: "gaskinde convoy attack" is about Burkina Faso (the
// Gaskindé convoy was attacked there), "ADF IEDs Beni" about the Congo. Held to the home subject, such a
// question finds nothing; its own rare name says where to look. A name the home documents also use changes
// nothing, and a common English word is no name.

/**
 * The subjects (glossary keys) a question names through a rare name of its own that only documents outside
 * its scope use, or none. Only for a question held to the home subject because it named nothing else.
 */
export function impliedSubjects(
  index: PassageIndex,
  query: ParsedQuery,
  scope: QuestionScope,
  docs: DocumentSubjects | null,
): string[] {
  if (!docs || !scope.home || scope.named) return [];
  const implied = new Set<string>();
  for (const concept of query.concepts.filter((c) => isRareName(c, index))) {
    // The passages holding the name: a rare term has few postings, so this is one short lookup.
    const docIds = new Set<string>();
    for (const [term] of concept.alternatives.filter((terms) => terms.length === 1)) {
      const results = index.mini.search(term!, {
        tokenize: (text) => [text],
        processTerm: (t) => t,
        prefix: false,
        fuzzy: false,
      });
      for (const result of results) {
        const passage = index.passages.get(String(result.id));
        if (passage) docIds.add(passage.doc.id);
      }
    }
    if (docIds.size === 0 || [...docIds].some((id) => scope.allows(id))) continue;
    // Checked last: the word list is loaded on the first call, and few questions get this far.
    if (isEnglishWord(concept.text.toLowerCase())) continue;
    for (const id of docIds) for (const subject of docs.get(id) ?? []) implied.add(subject);
  }
  return [...implied];
}

/** A word of the question's own that may be a name: one term, in few passages (English words: see above). */
function isRareName(concept: Concept, index: PassageIndex): boolean {
  if (concept.weight !== 1 || !concept.known || concept.year !== null || concept.prefixes.length > 0)
    return false;
  if (/\s/u.test(concept.text)) return false;
  // A name's spelled-out form a document defines ("ADF" / "Allied Democratic Forces") is no rare word: the
  // name's own one-word forms decide.
  const words = concept.alternatives.filter((terms) => terms.length === 1);
  return (
    words.length > 0 &&
    words.every((terms) => index.vocabulary.passagesWith(terms[0]!) <= TUNING.impliedNamePassages)
  );
}
