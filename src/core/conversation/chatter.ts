// In a thread people talk: "ok, and what about the drone strikes in Kidal?", "thanks. who claimed it?". The
// acknowledgement before the question names nothing in the documents; read as a word of the question it is an
// unknown name ("no document uses ok") that caps the confidence of a question the documents answer well.

// An acknowledgement, then a comma or full stop, or a word that goes on with the question.
const ACKNOWLEDGEMENT =
  /^(?:ok(?:ay)?|alright|all right|right|cool|great|thanks|thank you|thx|got it|i see|understood|sure|hmm+|ah|oh|nice|perfect)(?:[,.!;:]+\s*|\s+(?=(?:and|so|but|then|now|also|what|how|who|whom|whose|when|where|which|why|is|are|was|were|did|does|do|can|could|tell)\b))/iu;

/**
 * The question without the acknowledgement a thread reply may open with ("ok, and what about Kidal?" → "and
 * what about Kidal?"). A message that is only an acknowledgement is left as it is (small talk answers it).
 */
export function withoutAcknowledgement(text: string): string {
  const rest = text.replace(ACKNOWLEDGEMENT, "");
  return rest.trim() === "" ? text : rest;
}
