import type { Turn } from "../answer/types.ts";
import type { Concept, ParsedQuery } from "../search/query.ts";

export interface Resolution {
  /** the concepts to search for: the question's own, plus the thread's when it is a follow-up */
  concepts: Concept[];
  followUp: boolean;
  /** documents the thread's last answer cited, to prefer when ranking */
  docs: string[];
}

// "and for police?", "what about 2020?", "how about Kidal?": openings that only make sense after something.
const ELLIPTICAL_OPENING =
  /^(and|but|also|so|then|what about|how about|what of|same for|and for|and in|and the)\b/iu;
// Words that point back at the thread's subject.
const POINTS_BACK = /\b(it|its|that|this|these|those|they|them|their|there|he|she|him|her|the same|then)\b/iu;

/**
 * Decides whether a question is a follow-up of the thread and, if so, adds the thread's subject to it at a
 * lower weight: "and for police?" after "troop ceiling" searches police first, then troop and ceiling.
 */
export function resolveFollowUp(
  text: string,
  standalone: ParsedQuery,
  history: Turn[],
  parseFocus: (focus: string) => ParsedQuery,
): Resolution {
  const last = [...history].reverse().find((turn) => turn.focus.length > 0);
  if (!last) return { concepts: standalone.concepts, followUp: false, docs: [] };

  const own = standalone.concepts.filter((concept) => concept.known);
  const elliptical =
    ELLIPTICAL_OPENING.test(text) || own.length === 0 || (own.length <= 2 && POINTS_BACK.test(text));
  if (!elliptical) return { concepts: standalone.concepts, followUp: false, docs: [] };

  const ownKeys = new Set(standalone.concepts.map(conceptKey));
  const context = parseFocus(last.focus.join(" ")).concepts.filter(
    (concept) => concept.known && !ownKeys.has(conceptKey(concept)),
  );
  return {
    concepts: [...standalone.concepts, ...context],
    followUp: true,
    docs: last.found ? last.docs : [],
  };
}

function conceptKey(concept: Concept): string {
  return concept.alternatives.map((terms) => terms.join(" ")).join("|");
}
