import type { PassageIndex } from "../search/passage-index.ts";
import { type ScoreParts, type SentenceCandidate, scoreOf } from "./rank.ts";

/**
 * A sentence read as a statement of what was asked (a role's holder, a ceiling the Council set) as a candidate
 * answer, scored as a full match: the statement, not the question's words, says it answers.
 */
export function statementCandidate(
  index: PassageIndex,
  passageId: string,
  at: number,
): SentenceCandidate | null {
  const passage = index.passages.get(passageId);
  if (!passage) return null;
  const analysis = index.analyzer.analyze(passage);
  const sentence = analysis.sentences[at];
  if (sentence === undefined) return null;
  const neighbour = (i: number) =>
    i >= 0 && i < analysis.sentences.length
      ? { sentence: analysis.sentences[i]!, terms: analysis.terms[i]! }
      : undefined;
  const parts: ScoreParts = {
    coverage: 1,
    typed: 1,
    nearCount: 0,
    passage: 1,
    density: 0,
    prominence: 0,
    proximity: 0,
    thread: 0,
    headline: 0,
    reason: 0,
    nearAnswer: 0,
    anchor: 0,
  };
  return {
    hit: { passage, score: 1, coverage: 1, analysis },
    index: at,
    sentence,
    coverage: 1,
    typed: true,
    nearCount: false,
    parts,
    score: scoreOf(parts),
    stated: null,
    before: neighbour(at - 1),
    after: neighbour(at + 1),
  };
}
