// "an attack by extremist elements", "blamed on armed men": the doer named by what it is, not by a name.
const AGENT =
  /\b(?:by|blamed on|claimed by|carried out by)\s+(?:(?:an?|the|suspected|unidentified|armed|several|some)\s+)*(?:[\p{L}-]+\s+){0,2}(?:elements|groups?|fighters|militants|gunmen|assailants|terrorists|jihadists|extremists|rebels|soldiers|militias?|men|insurgents|attackers|mutineers)\b/iu;

/**
 * Whether a sentence names who did something by what they are ("an attack by extremist elements on a bus"):
 * "who did it?" in a thread is answered so when the documents name no one, and the names the sentence does
 * hold (the places of the attack) are the thread's own.
 */
export function namesAgent(sentence: string): boolean {
  return AGENT.test(sentence);
}
