// "Why" has no answer type of its own (a reason is not a number or a name, and a cap for a missing one would
// refuse answers worded without a marker), but its answer is a sentence that gives a reason: "left their base
// in Ber earlier than planned, because of a deteriorating security situation", "MINUSMA was established after
// radical Islamist militias seized the north". Among sentences that cover the question as well, the one with a
// reason clause is preferred (model.ts: scoreReason); clause.ts then keeps that clause of a long sentence.

const WHY = /\bwhy\b|\bfor what reason\b|\bhow come\b|\bwhat (?:was|is|were|are) the reasons?\b/iu;
const REASON =
  /\b(?:because|owing to|due to|as a result of|on account of|in order to|so that|in response to|following|amid|after|citing|blaming|blamed on|in protest|for fear of)\b/iu;

/** Whether a question asks for a reason. */
export function asksWhy(question: string): boolean {
  return WHY.test(question);
}

/** Whether a sentence gives a reason: a clause opened by "because", "owing to", "after", "citing"... */
export function givesReason(sentence: string): boolean {
  return REASON.test(sentence);
}
