import type { Passage } from "../knowledge/schema.ts";
import { isEnglishWord } from "../knowledge/words.ts";
import { buildGlossary, type Glossary } from "./glossary.ts";
import { contentTerms, indexTerm } from "./terms.ts";

// Documents define their own acronyms: "the National Movement for X (MNX)", "the Operational Coordination
// Mechanism, known by its French initials MOC", "Group for Y (GXY, by its French acronym)", "MOC (Mécanisme
// opérationnel de coordination)". A fixed glossary cannot know the acronyms of documents nobody has seen yet,
// so each document's definitions are read when it is indexed and kept with the index (per document, so a file
// added, changed or removed changes the table with it). A question's acronym then also searches the full
// name's words, and the full name the acronym, as a glossary group does.
//
// A parenthesis is a definition only when its initials fit: every content word of the name gives the next
// letter(s) of the acronym in order (small joining words such as "of", "de", "al" may give a letter or none:
// ECOWAS, JNIM), or, for three letters or more and a name in capitals, the same letters in another order (an
// acronym that keeps the French word order: "Operational Coordination Mechanism" / MOC). A year, a number, a
// symbol, a country or a name whose initials do not fit is never read as one.

/** One definition a document gives: the acronym as written (no plural "s") and the name it stands for. */
export interface AcronymDefinition {
  acronym: string;
  name: string;
}

/** Joining words that may give a letter of an acronym or none ("Economic Community of West African States"). */
const SMALL = new Set(
  `of the for and in on to at a an by with from de du des la le les l d pour et en au aux sur a al el wa wal ul`.split(
    " ",
  ),
);

/** How an acronym is written: a capital, then capitals (a lower-case letter allowed: "FAMa"), 2 to 10 long. */
const ACRONYM_SHAPE = /^[A-Z][A-Za-z&]{1,9}$/u;
const ROMAN = /^[IVXLCDM]+$/u;
/** Only this many characters before a parenthesis are read for its name (MAX_NAME_WORDS words fit in it). */
const BEFORE = 200;
/** More words than this before a parenthesis are never read as a name. */
const MAX_NAME_WORDS = 14;
/** A content word gives its initial and at most this many more of its letters ("Congo" gives the "CO" of an acronym). */
const MAX_EXTRA_LETTERS = 1;

/** The acronym a token writes, without a plural "s" ("IEDs" -> "IED"), or null when it is none. */
export function acronymOf(token: string): string | null {
  const bare = /^[A-Z]{2,}s$/u.test(token) ? token.slice(0, -1) : token;
  if (!ACRONYM_SHAPE.test(bare) || ROMAN.test(bare)) return null;
  const capitals = bare.replace(/[^A-Z]/gu, "").length;
  return capitals >= 2 && capitals >= bare.length - 1 ? bare : null;
}

/** The letters a name's initials must give: the acronym's capitals ("FAMa" -> F, A, M), lower case. */
function lettersOf(acronym: string): string[] {
  return [...acronym.replace(/[^A-Z]/gu, "").toLowerCase()];
}

/**
 * A name's words, accents folded, hyphen and apostrophe parts apart ("al-Islam" -> al, Islam). A lower-case
 * part after a hyphen ("African-led") counts as a small word: it may give a letter or none.
 */
function nameWords(text: string): string[] {
  const words: string[] = [];
  for (const whole of text.normalize("NFKD").replace(/\p{M}/gu, "").split(/\s+/u)) {
    whole.split(/['’]/u).forEach((part) => {
      part.split(/[-–]/u).forEach((piece, i) => {
        const word = piece.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, "");
        if (word !== "") words.push(i > 0 && /^\p{Ll}/u.test(word) ? `${SMALL_MARK}${word}` : word);
      });
    });
  }
  return words;
}

/** Marks a word that counts as small wherever it is (a lower-case part after a hyphen). */
const SMALL_MARK = "\u0000";
const isSmall = (word: string) => word.startsWith(SMALL_MARK) || SMALL.has(word.toLowerCase());
/** Where a word's letters start: after the small mark, if any. */
const initial = (word: string) => (word.startsWith(SMALL_MARK) ? word[1] : word[0])?.toLowerCase();

/**
 * How many letters beyond the initials `words` (the whole name) need to give `letters` in order, or -1 when
 * they cannot: each content word gives its initial and perhaps a letter of its own after it, each small word
 * its initial or nothing; at least two words give a letter.
 */
function initialsInOrder(words: string[], letters: string[]): number {
  const memo = new Map<number, number>();
  const NO = Number.POSITIVE_INFINITY;
  const extras = (i: number, j: number, givers: number): number => {
    if (i === words.length) return j === letters.length && givers >= 2 ? 0 : NO;
    const key = (i * 64 + j) * 4 + Math.min(givers, 2);
    const known = memo.get(key);
    if (known !== undefined) return known;
    const written = words[i]!;
    const word = written.toLowerCase();
    let best = isSmall(word) ? extras(i + 1, j, givers) : NO;
    if (j < letters.length && initial(word) === letters[j]) {
      best = Math.min(best, extras(i + 1, j + 1, givers + 1));
      // The initial, then up to MAX_EXTRA_LETTERS further letters found in order inside a content word
      // written with a capital ("Congo" may give "CO"; "commission" is no name).
      const named = !isSmall(word) && /^\p{Lu}/u.test(written);
      let from = 1;
      for (let extra = 1; named && extra <= MAX_EXTRA_LETTERS && j + extra < letters.length; extra++) {
        const at = word.indexOf(letters[j + extra]!, from);
        if (at < 0) break;
        from = at + 1;
        best = Math.min(best, extra + extras(i + 1, j + 1 + extra, givers + 1));
      }
    }
    memo.set(key, best);
    return best;
  };
  // A name starts with a content word, or an article written in capitals ("Al-Qaida in the Islamic Maghreb").
  if (words.length === 0 || (isSmall(words[0]!) && !/^\p{Lu}/u.test(words[0]!))) return -1;
  const found = extras(0, 0, 0);
  return found === NO ? -1 : found;
}

/**
 * Whether a name in capitals gives the acronym's letters in another order (three letters or more, one a
 * content word): "Coordination of Azawad Movements" / CMA, "National Committee for the Salvation of the
 * People" / CNSP.
 */
function initialsAnyOrder(words: string[], letters: string[]): boolean {
  if (letters.length < 3 || words.length === 0 || isSmall(words[0]!)) return false;
  const content = words.filter((word) => !isSmall(word));
  if (content.length !== letters.length || !content.every((word) => /^\p{Lu}/u.test(word))) return false;
  const initials = content.map((word) => initial(word)!);
  return initials.sort().join("") === [...letters].sort().join("");
}

/** How well a name's initials fit the letters: 0 exactly, more for letters taken inside words, -1 not at all. */
function initialsFit(words: string[], letters: string[]): number {
  const inOrder = initialsInOrder(words, letters);
  if (inOrder >= 0) return inOrder;
  return initialsAnyOrder(words, letters) ? 0 : -1;
}

/**
 * The name that ends where `before` ends and stands for `acronym`: the last words whose initials fit, the fewest
 * letters taken inside words first, then the fewest words (the words after a sentence's punctuation only).
 */
function nameBefore(before: string, acronym: string): string | null {
  const clause = before.split(/[.;:!?()[\]"“”]/u).pop() ?? "";
  const raw = clause.trim().split(/\s+/u).slice(-MAX_NAME_WORDS);
  const letters = lettersOf(acronym);
  let best: { name: string; extras: number } | null = null;
  for (let start = raw.length - 1; start >= 0; start--) {
    const name = raw
      .slice(start)
      .join(" ")
      .replace(/^[^\p{L}]+/u, "");
    const extras = initialsFit(nameWords(name), letters);
    if (extras >= 0 && (best === null || extras < best.extras)) best = { name, extras };
    if (best?.extras === 0) break;
  }
  return best?.name ?? null;
}

/** "Name (ACR)", "Name (ACR, by its French acronym)" and "ACR (Name)" in one parenthesis. */
const PARENTHESIS = /\(([^()]{2,120})\)/gu;
/** "Name, known by its French initials ACR", "Name, known as ACR", "Name, also known as the ACR". */
const KNOWN_AS =
  /,?\s+(?:also |better |commonly )?known (?:(?:in \w+ )?by (?:its|the) (?:\w+ ){0,2}(?:initials|acronym|abbreviation)|as(?: the)?)\s+([A-Z][A-Za-z&]{1,10})\b/gu;

/** The acronyms a text defines, as "name (ACR)", "ACR (name)" or "name, known by its initials ACR". */
export function readDefinitions(text: string): AcronymDefinition[] {
  if (!text.includes("(") && !text.includes("known")) return [];
  const found: AcronymDefinition[] = [];
  for (const match of text.matchAll(PARENTHESIS)) {
    const inside = match[1]!.trim();
    const at = match.index;
    const first = inside.split(/[\s,;]+/u)[0] ?? "";
    const acronym = acronymOf(first);
    if (acronym) {
      // "Name (ACR)", "(ACR, by its French acronym)": the name ends right before the parenthesis.
      const name = nameBefore(text.slice(Math.max(0, at - BEFORE), at), acronym);
      if (name) found.push({ acronym, name });
      continue;
    }
    // "ACR (Name)": the name is the parenthesis, up to a comma; the acronym the word right before it.
    const before = /(\S+)\s*$/u.exec(text.slice(Math.max(0, at - BEFORE), at))?.[1] ?? "";
    const written = acronymOf(before);
    const name = inside.split(/[,;]/u)[0]!.trim();
    if (!written || /\d/u.test(name) || nameWords(name).length < 2) continue;
    const words = nameWords(name.replace(/^(the|le|la|les|l['’])\s*/iu, ""));
    if (initialsFit(words, lettersOf(written)) >= 0) found.push({ acronym: written, name });
  }
  for (const match of text.matchAll(KNOWN_AS)) {
    const acronym = acronymOf(match[1]!);
    if (!acronym) continue;
    const name = nameBefore(text.slice(Math.max(0, match.index - BEFORE), match.index), acronym);
    if (name) found.push({ acronym, name });
  }
  return found;
}

/**
 * The acronyms every document of a knowledge base defines, by document, with the glossary groups a question is
 * read against (built on the first question, one group per acronym: the acronym and every name given for it).
 */
export class DefinedAcronyms {
  private byKey: Map<string, Glossary> | undefined;

  private constructor(private readonly byDoc: ReadonlyMap<string, readonly AcronymDefinition[]>) {}

  static readonly none = new DefinedAcronyms(new Map());

  /** Reads the definitions of the passages' documents (their titles too). */
  static read(passages: readonly Passage[]): DefinedAcronyms {
    return new DefinedAcronyms(readByDoc(passages));
  }

  /** The table with `removed` documents' definitions dropped and the new passages' documents' read. */
  update(removed: ReadonlySet<string>, passages: readonly Passage[]): DefinedAcronyms {
    const byDoc = new Map([...this.byDoc].filter(([doc]) => !removed.has(doc)));
    for (const [doc, definitions] of readByDoc(passages)) byDoc.set(doc, definitions);
    return new DefinedAcronyms(byDoc);
  }

  /** The definitions of one document (for tests and `--explain`). */
  of(docId: string): readonly AcronymDefinition[] {
    return this.byDoc.get(docId) ?? [];
  }

  /**
   * The groups with a name that starts with the question word `key` (as glossaryKey gives it), as a small
   * glossary, or null: one Map lookup a question word.
   */
  groupsFor(key: string): Glossary | null {
    this.byKey ??= this.groups();
    return this.byKey.get(key) ?? null;
  }

  toData(): Array<[string, Array<[string, string]>]> {
    return [...this.byDoc].map(([doc, list]) => [
      doc,
      list.map((d) => [d.acronym, d.name] as [string, string]),
    ]);
  }

  static fromData(data: ReadonlyArray<readonly [string, ReadonlyArray<readonly [string, string]>]>) {
    return new DefinedAcronyms(
      new Map(data.map(([doc, list]) => [doc, list.map(([acronym, name]) => ({ acronym, name }))])),
    );
  }

  private groups(): Map<string, Glossary> {
    // One group per acronym (as its letters are written), every document's names for it together; a name
    // whose words are the acronym's own word ("UN Photo") adds nothing.
    const names = new Map<string, { acronym: string; names: Map<string, string> }>();
    for (const list of this.byDoc.values()) {
      for (const { acronym, name } of list) {
        const terms = contentTerms(name);
        if (terms.length < 2) continue;
        const entry = names.get(acronym) ?? { acronym, names: new Map<string, string>() };
        entry.names.set(terms.join(" "), name);
        names.set(acronym, entry);
      }
    }
    const glossary = buildGlossary(
      [...names.values()].map((entry) => [entry.acronym, ...entry.names.values()]),
      [],
    );
    const byKey = new Map<string, Glossary>();
    for (const group of glossary.groups) {
      for (const key of new Set(group.keys.map((keys) => keys[0]!))) {
        const small = byKey.get(key) ?? { groups: [], examples: [], subject: null };
        small.groups.push(group);
        byKey.set(key, small);
      }
    }
    return byKey;
  }
}

function readByDoc(passages: readonly Passage[]): Map<string, AcronymDefinition[]> {
  const byDoc = new Map<string, AcronymDefinition[]>();
  for (const passage of passages) {
    let list = byDoc.get(passage.doc.id);
    if (!list) {
      list = readDefinitions(passage.doc.title);
      byDoc.set(passage.doc.id, list);
    }
    list.push(...readDefinitions(passage.text));
  }
  for (const [doc, list] of byDoc) {
    const seen = new Set<string>();
    const unique = list.filter((d) => {
      const key = `${d.acronym}\n${d.name}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    if (unique.length > 0) byDoc.set(doc, unique);
    else byDoc.delete(doc);
  }
  return byDoc;
}

/**
 * Whether a question word stands for a defined acronym: written in capitals in the question ("MOC"), or an
 * acronym whose lower case is no English word and no stop word ("moc"), so that "is" or "au" in a question
 * never stand for "Islamic State" or "African Union".
 */
export function standsForAcronym(word: string, written: ReadonlySet<string>): boolean {
  const lower = word.toLowerCase().replace(/s$/u, "");
  if (written.has(lower) || written.has(word.toLowerCase())) return true;
  return indexTerm(lower) !== null && !isEnglishWord(lower);
}

/**
 * A question's glossary match and its defined-acronym match at the same word as one: the longer wins, and at
 * the same length the glossary's names come first and the document's are added.
 */
export function withDefinition<T extends { length: number; alternatives: string[][] }>(
  glossed: T | null,
  defined: T | null,
): T | null {
  if (!defined) return glossed;
  if (!glossed || defined.length > glossed.length) return defined;
  if (defined.length < glossed.length) return glossed;
  return { ...glossed, alternatives: [...glossed.alternatives, ...defined.alternatives] };
}
