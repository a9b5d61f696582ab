import { escapeRegExp } from "../regexp.ts";

// What a follow-up's answer sentence must say, beyond its words: who did it, which one it was.

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

/**
 * Whether a sentence says which one a thing is: the thing's word followed by a number or a name ("resolution
 * 2100", "Operation Barkhane"), or a name followed by it ("the Barkhane operation"). "By which resolution?" is
 * not answered by "the implementation of this resolution".
 */
export function identifies(sentence: string, thing: string): boolean {
  const stem = thing.replace(/(?:s|es)$/u, "");
  const lower = sentence.toLowerCase();
  for (let at = lower.indexOf(stem); at >= 0; at = lower.indexOf(stem, at + 1)) {
    const after = sentence.slice(at + stem.length).replace(/^[\p{L}]*/u, "");
    if (/^\s+(?:\d|\p{Lu})/u.test(after)) return true;
    if (/\p{Lu}[\p{L}-]*\s+$/u.test(sentence.slice(0, at)) && at > 0) return true;
  }
  return false;
}

// "What did MINUSMA say about them?": the one whose words are asked for.
const SPEAKER_FRAME =
  /\bwhat (?:did|does|do|has|have|had) (?:the |its |their )?([\p{L}'’-]+(?: [\p{L}'’-]+){0,2}?) (?:say|said|tell|told|announce|state|declare|respond|reply|answer)\b/iu;
const SPEECH_VERBS =
  "said|says|say|told|tells|announced|announces|stated|states|declared|denied|denies|added|warned|insisted|accused|rejected|responded|replied|urged|noted|stressed|welcomed|condemned|called";

/** The speaker a "what did X say?" question asks about (its last word, lower case), or null. */
export function askedSpeaker(question: string): string | null {
  const speaker = SPEAKER_FRAME.exec(question)?.[1]?.trim().split(/\s+/u).pop();
  return speaker ? speaker.toLowerCase() : null;
}

/**
 * Whether a sentence gives the speaker's words: the speaker stands a few words before a verb of saying ("A
 * MINUSMA spokesperson said…", "The Malian government has denied…"), not after it ("Ivory Coast said … the
 * U.N. mission, MINUSMA").
 */
export function saidBy(sentence: string, speaker: string): boolean {
  const word = escapeRegExp(speaker);
  return new RegExp(`\\b${word}\\S*(?:\\s+\\S+){0,3}?\\s+(?:${SPEECH_VERBS})\\b`, "iu").test(sentence);
}
