/** A text as a regular expression that matches it literally (a name, a place, a word typed in a question). */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&");
}
