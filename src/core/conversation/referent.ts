import { passageId } from "../knowledge/passages.ts";
import type { KnowledgeBase } from "../knowledge-base.ts";
import { escapeRegExp } from "../regexp.ts";

// Who "he" or "she" is in a follow-up. An answer often names two people: the one asked about and the one who
// spoke or announced ("Secretary-General António Guterres today announced the appointment of Mariam Koné … as
// his Deputy Special Representative"). "Where was she educated?" is about Koné: the pronoun agrees with the
// person's gender as the thread's documents write it ("Ms. Koné", "Mr. Davidse").

/** The gender a pronoun asks for: "he", "him", "his" → "he"; "she", "her", "hers" → "she". */
export type Gender = "he" | "she";

/** The gender a pronoun of the question stands for, or null for another word ("they", "it"). */
export function pronounGender(word: string): Gender | null {
  const lower = word.toLowerCase();
  if (lower === "he" || lower === "him" || lower === "his") return "he";
  if (lower === "she" || lower === "her" || lower === "hers") return "she";
  return null;
}

const MALE_TITLE = /^(?:mr|mister|monsieur|m|sir|lord|king|prince|sheikh)$/iu;
const FEMALE_TITLE = /^(?:ms|mrs|miss|madam|madame|mme|dame|lady|queen|princess)$/iu;
// How far after a name its pronoun is looked for ("Keita, 75, said … adding that he was…").
const PRONOUN_REACH = 160;

/**
 * The gender the documents give a person, or null when they do not say: a title before their last name
 * ("Ms. Koné", "Mr. Davidse") first, else the first personal pronoun after the name in the same or the next
 * sentence ("Guterres … as his Deputy", "Keita … He takes over from…"). Titles outvote pronouns: a pronoun
 * after a name may be another's ("Ms. Koné succeeds Koen Davidse, who completed his assignment").
 */
export function personGender(person: string, texts: readonly string[]): Gender | null {
  const last = lastName(person);
  if (last.length < 2) return null;
  const name = new RegExp(`(?<![\\p{L}])${escapeRegExp(last)}(?![\\p{L}])`, "gu");
  let titled: Gender | null = null;
  let pronouns = { he: 0, she: 0 };
  for (const text of texts) {
    for (const match of text.matchAll(name)) {
      const title =
        /([\p{L}]+)\.?\s+(?:(?:[\p{Lu}][\p{L}'’-]*|de|du|da|dos|van|von|der|al|el|ag|ould|bin|ben)\s+){0,3}$/u.exec(
          text.slice(Math.max(0, match.index - 60), match.index),
        )?.[1];
      if (title && MALE_TITLE.test(title)) titled ??= "he";
      else if (title && FEMALE_TITLE.test(title)) titled ??= "she";
      const after = text.slice(match.index + last.length, match.index + last.length + PRONOUN_REACH);
      const pronoun = /\b(he|him|his|she|her|hers)\b/iu.exec(after)?.[1];
      const gender = pronoun ? pronounGender(pronoun) : null;
      if (gender) pronouns = { ...pronouns, [gender]: pronouns[gender] + 1 };
    }
  }
  if (titled) return titled;
  if (pronouns.he > pronouns.she) return "he";
  if (pronouns.she > pronouns.he) return "she";
  return null;
}

/**
 * The people a pronoun may stand for, those the documents give its gender first, then those they say nothing
 * of; those of the other gender are left out. The order within each keeps the caller's preference.
 */
export function agreeing(
  people: readonly string[],
  gender: Gender | null,
  genderOf: (person: string) => Gender | null,
): string[] {
  if (gender === null) return [...people];
  const genders = people.map(genderOf);
  return [...people.filter((_, i) => genders[i] === gender), ...people.filter((_, i) => genders[i] === null)];
}

// How many passages of a thread document are read for a person's gender: a note or story names its people in
// its first passages.
const GENDER_PASSAGES = 6;

/**
 * The gender of a person as the thread's documents write it, read on first ask and kept for the question
 * (`docs`: the documents the thread's answers cited, newest turn first).
 */
export function threadGender(kb: KnowledgeBase, docs: readonly string[]): (person: string) => Gender | null {
  let texts: string[] | null = null;
  const known = new Map<string, Gender | null>();
  return (person) => {
    if (!known.has(person)) {
      texts ??= [...new Set(docs)].flatMap((doc) => {
        const out: string[] = [];
        for (let n = 0; n < GENDER_PASSAGES; n++) {
          const passage = kb.index.passages.get(passageId(doc, n));
          if (passage) out.push(passage.text);
        }
        return out;
      });
      known.set(person, personGender(person, texts));
    }
    return known.get(person) ?? null;
  };
}

/**
 * Whether a document is about a person: its title or first passages name them (the note that announced them,
 * the story of their coup). Read once per document for the question.
 */
export function documentAbout(kb: KnowledgeBase, person: string): (docId: string) => boolean {
  const last = lastName(person).toLowerCase();
  const known = new Map<string, boolean>();
  return (docId) => {
    let about = known.get(docId);
    if (about === undefined) {
      about = false;
      for (let n = 0; n < ABOUT_PASSAGES && !about; n++) {
        const passage = kb.index.passages.get(passageId(docId, n));
        if (!passage) continue;
        about =
          (n === 0 && passage.doc.title.toLowerCase().includes(last)) ||
          passage.text.toLowerCase().includes(last);
      }
      known.set(docId, about);
    }
    return about;
  };
}

// How many of a document's first passages are read for the person it is about.
const ABOUT_PASSAGES = 3;

// A verb of announcing or saying right after a name: the one who spoke, not the one spoken of.
const SPEAKS =
  /^\s*(?:,[^,]{0,60},\s*)?(?:(?:today|has|have|had|on \p{L}+|also|later|then)\s+){0,2}(?:announced|announces|said|says|told|tells|stated|declared|condemned|condemns|welcomed|welcomes|appointed|appoints|named|names|nominated|praised|thanked|thanks)\b/u;

/**
 * The people an answer named, the one spoken of before the one who spoke: "Secretary-General António Guterres
 * today announced the appointment of Jan Holm…" is about Holm, and "where did he study?" next asks about him.
 * A sentence naming only the speaker keeps them.
 */
export function spokenOfFirst(sentence: string, people: readonly string[]): string[] {
  const speaks = (person: string) => {
    const at = sentence.indexOf(person);
    return at >= 0 && SPEAKS.test(sentence.slice(at + person.length));
  };
  return [...people.filter((p) => !speaks(p)), ...people.filter(speaks)];
}

function lastName(person: string): string {
  return (person.split(/\s+/u).pop() ?? person).replace(/['’]s$/u, "");
}
