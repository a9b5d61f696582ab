import { undotAcronyms } from "./terms.ts";

// An acronym in a question ("AU force in CAR", "CNSP leader") often meets a document that spells the name
// out without the acronym beside it ("taking over from an African Union force", "the National Committee for
// the Salvation of the People"). A run of capitalised words (short joining words between them allowed: "for
// the", "of") whose initials are the acronym's letters is that acronym: in order for two letters, in any order
// for three or more, as an acronym often keeps the order of another language ("CNSP" for the French "Comité
// national pour le salut du peuple", "CMA" for "Coordination of Azawad Movements"). Read on the sentence's own
// text: capitals matter ("armoured units" is no "AU").

/** Acronyms as a question writes them: two to eight capitals, with a plural "s" ("IEDs") allowed. */
const ACRONYM = /\b([A-Z]{2,8})s?\b/gu;
const JOINING = new Set(["of", "the", "for", "and", "de", "du", "des", "la", "le", "in", "on", "to"]);

/** The acronyms a question writes, lower case ("au", "cnsp"). */
export function questionAcronyms(text: string): Set<string> {
  return new Set([...undotAcronyms(text).matchAll(ACRONYM)].map((match) => match[1]!.toLowerCase()));
}

/** Whether a sentence spells out an acronym (lower case) as a run of capitalised words. */
export function spellsOut(sentence: string, acronym: string): boolean {
  const letters = [...acronym.toUpperCase()];
  const words = sentence.split(/[\s,;:()"“”]+/u).filter((word) => word !== "");
  for (let start = 0; start < words.length; start++) {
    const initials: string[] = [];
    for (let i = start; i < words.length && initials.length < letters.length; i++) {
      const word = words[i]!;
      if (/^\p{Lu}\p{Ll}/u.test(word)) initials.push(word[0]!);
      else if (initials.length > 0 && JOINING.has(word)) continue;
      else break;
    }
    if (initials.length !== letters.length) continue;
    if (letters.length === 2 ? initials.join("") === letters.join("") : sameLetters(initials, letters)) {
      return true;
    }
  }
  return false;
}

function sameLetters(a: string[], b: string[]): boolean {
  return [...a].sort().join("") === [...b].sort().join("");
}
