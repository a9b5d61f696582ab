// English says a death in idioms whose words the reports do not use: "has the mission cost a lot of UN soldiers
// their lives?", "how many peacekeepers lost their lives?", "the attack claimed the lives of 10 peacekeepers".
// Read word by word, "cost" and "lives" look for sentences about costs and lives; the reports write "killed"
// and "died". The idiom is read as the plain verb before the question is split into concepts.

const IDIOMS: ReadonlyArray<[RegExp, string]> = [
  // "cost a lot of UN soldiers their lives" → "killed a lot of UN soldiers"
  [/\bcost(?:s|ing)?\b((?:\s+[\p{L}\p{N}'-]+){0,8}?)\s+(?:their|his|her|its|the)\s+lives?\b/giu, "killed$1"],
  // "claimed the lives of 10 peacekeepers" → "killed 10 peacekeepers"
  [/\b(?:claimed|claim|claims|took|take|takes|cost|costs)\s+the\s+lives\s+of\b/giu, "killed"],
  // "lost their lives" → "died"
  [/\b(?:lost|lose|loses|losing)\s+(?:their|his|her|its)\s+lives?\b/giu, "died"],
];

/** The question with its idioms for dying put in plain words ("cost … their lives" → "killed …"). */
export function plainIdioms(text: string): string {
  return IDIOMS.reduce((result, [pattern, plain]) => result.replace(pattern, plain), text);
}
