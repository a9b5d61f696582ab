// "What capabilities is MINUSMA still missing?", "what kit is the mission still short of": a "what X" question
// wants the instances of X, and its answer is the sentence that names them ("Outstanding capability gaps include
// military medium utility helicopter units, armed and attack helicopter units, an infantry quick-reaction
// force…"), not one that only says X ("I am concerned about the gaps in the Mission's capabilities"), though
// the latter shares more of the question's words. An enumeration is read as a marker ("include", "including",
// "such as", "lacks", "without") followed by three or more items; the list ends where a relative clause starts
// ("vehicles and ammunition, that it could not take" is two items).

/** "What" or "which" followed by a noun, not by an auxiliary or a verb ("what did", "what happened"). */
const INSTANCE_QUESTION =
  /^(?:and |so |but )?(?:what|which) (?!(?:is|was|are|were|did|does|do|has|have|had|will|would|can|could|should|happened|happens|happen|about|if|else|of)\b)[\p{L}-]+/u;

/** Words after which a sentence names instances. */
const MARKER =
  /\b(?:include|includes|included|including|such as|namely|comprising|consisting of|lacks|lacked|lacking|still lacks|without)\s+/iu;

/** Where an enumeration ends: a relative clause or the end of the clause. */
const LIST_END = /,?\s+(?:[\p{L}]+\s+of\s+)?(?:that|which|who|whom|whose|where)\b|[;:.](?:\s|$)/u;

/** Separators between items: a comma, "and", "or". */
const SEPARATOR = /,|\s(?:and|or)\s/gu;

/** Items an enumeration must name to be one: "X, Y and Z". */
const MIN_ITEMS = 3;

/** Whether a question asks for the instances of a thing ("what capabilities…", "which countries…"). */
export function asksForInstances(question: string): boolean {
  return INSTANCE_QUESTION.test(question.toLowerCase().trim());
}

/** Whether a sentence names three or more instances after a marker: "gaps include A, B and C". */
export function enumerates(sentence: string): boolean {
  const marker = MARKER.exec(sentence);
  if (!marker) return false;
  let rest = sentence.slice(marker.index + marker[0].length);
  const end = LIST_END.exec(rest);
  if (end) rest = rest.slice(0, end.index);
  const separators = rest.match(SEPARATOR)?.length ?? 0;
  return separators + 1 >= MIN_ITEMS;
}

/**
 * The sentence that names the instances asked for, when the best sentence does not and one that does scores
 * at least `listShare` of it (model.ts), or null. The candidates come best first.
 */
export function instancesAnswer<C extends { sentence: string; score: number }>(
  candidates: readonly C[],
  best: C | undefined,
  share: number,
): C | null {
  if (!best || enumerates(best.sentence)) return null;
  return candidates.find((c) => c.score >= best.score * share && enumerates(c.sentence)) ?? null;
}
