import type { DocumentMeta, Passage } from "../knowledge/schema.ts";
import { type Glossary, glossaryKey, type SubjectData } from "../search/glossary.ts";
import { capitalOf } from "../search/nationality.ts";
import type { PassageIndex } from "../search/passage-index.ts";
import { contentTerms, tokenize, undotAcronyms } from "../search/terms.ts";
import { TUNING } from "./model.ts";

// What a knowledge base, a document and a question are about: which missions and countries. The names are
// data (`subject:` in glossary.yml), so a knowledge base about another mission needs no code change.

/** A mission or a country, with the forms its names take in a question and in a document. */
export interface Subject {
  /** how it is shown: the first of its names ("MONUSCO", "DR Congo") */
  key: string;
  kind: "mission" | "country";
  /** each name as glossary keys, matched in a question's words in order */
  keys: string[][];
  /**
   * for each name written in capitals in the glossary (CAR, DRC), a pattern the question must hold it by, in
   * capitals: "car bomb" is no country
   */
  capitals: Array<RegExp | null>;
  /** each name as index terms, all of which a passage must hold to mention it */
  terms: string[][];
  /** for a mission, the key of the country it serves in */
  country: string | null;
  /** its names as written, for a country's capital (`capitalTermsOf`) */
  names: string[];
}

/** The subjects a glossary lists, and which of them make up the knowledge base's home subject. */
export interface SubjectCatalog {
  subjects: Subject[];
  home: ReadonlySet<string>;
}

const catalogs = new WeakMap<Glossary, SubjectCatalog | null>();

/**
 * The catalog of a glossary's `subject:` section, or null when it has none (nothing is then filtered). Built
 * once per glossary: the document subjects worked out from it are kept while it is the same object.
 */
export function subjectCatalog(glossary: Glossary): SubjectCatalog | null {
  let catalog = catalogs.get(glossary);
  if (catalog === undefined) {
    catalog = glossary.subject ? buildCatalog(glossary.subject) : null;
    catalogs.set(glossary, catalog);
  }
  return catalog;
}

function buildCatalog(data: SubjectData): SubjectCatalog {
  const countryKey = new Map<string, string>();
  const subjects: Subject[] = [];
  for (const names of data.countries) {
    const subject = makeSubject(names, "country", null);
    for (const name of names) countryKey.set(name.toLowerCase(), subject.key);
    subjects.push(subject);
  }
  for (const mission of data.missions) {
    const country = mission.country ? (countryKey.get(mission.country.toLowerCase()) ?? null) : null;
    subjects.push(makeSubject(mission.names, "mission", country));
  }
  const keyOf = nameResolver(subjects);
  const home = new Set(data.home.map((name) => keyOf(name) ?? name));
  // The home mission's country is home too: a question about Mali is a question for a MINUSMA library.
  for (const subject of subjects) {
    if (home.has(subject.key) && subject.country) home.add(subject.country);
  }
  return { subjects, home };
}

function makeSubject(names: string[], kind: Subject["kind"], country: string | null): Subject {
  const named = names.filter((name) => tokenize(name).length > 0);
  return {
    key: names[0]!,
    kind,
    keys: named.map((name) => tokenize(name).map(glossaryKey)),
    capitals: named.map((name) => (/^[A-Z]{2,5}$/u.test(name) ? new RegExp(`\\b${name}\\b`, "u") : null)),
    terms: names.map(contentTerms).filter((terms) => terms.length > 0),
    country,
    names,
  };
}

const capitalTerms = new WeakMap<Subject, string[] | null>();

/**
 * A country's capital as index terms (countries-list data, read on the first question naming another
 * country): a sentence naming the capital names the country ("stuck in Dakar" is in Senegal).
 */
function capitalTermsOf(subject: Subject): string[] | null {
  if (subject.kind !== "country") return null;
  let terms = capitalTerms.get(subject);
  if (terms === undefined) {
    const capital = subject.names.map(capitalOf).find((name) => name !== null) ?? null;
    terms = capital ? contentTerms(capital) : null;
    capitalTerms.set(subject, terms);
  }
  return terms;
}

/** Finds a subject's key from any of its names, case and accents aside. */
function nameResolver(subjects: Subject[]): (name: string) => string | undefined {
  const byName = new Map<string, string>();
  for (const subject of subjects) for (const key of subject.keys) byName.set(key.join(" "), subject.key);
  return (name) => byName.get(tokenize(name).map(glossaryKey).join(" "));
}

/** The subjects a text names, longest name first at each word ("South Sudan" before "Sudan"). */
export function namedSubjects(catalog: SubjectCatalog, text: string): Subject[] {
  const words = tokenize(text).map(glossaryKey);
  const found: Subject[] = [];
  for (let i = 0; i < words.length; ) {
    let best: Subject | null = null;
    let length = 0;
    for (const subject of catalog.subjects) {
      for (const [n, key] of subject.keys.entries()) {
        if (key.length <= length || i + key.length > words.length) continue;
        if (!key.every((part, k) => words[i + k] === part)) continue;
        if (subject.capitals[n] && !subject.capitals[n].test(undotAcronyms(text))) continue;
        best = subject;
        length = key.length;
      }
    }
    if (best) {
      if (!found.includes(best)) found.push(best);
      i += length;
    } else i += 1;
  }
  return found;
}

/** Every document's subjects (keys), stated in its front matter or inferred from its passages. */
export type DocumentSubjects = ReadonlyMap<string, ReadonlySet<string>>;

const cache = new WeakMap<PassageIndex, { catalog: SubjectCatalog; subjects: DocumentSubjects }>();

/**
 * Which missions and countries each document is about: those it names in a good share of its passages (its
 * title counts in every passage), plus the country of each mission. A document that names none is about the
 * home subject. Worked out once per index and catalog, from the index's term sets, so no text is read again.
 */
export function documentSubjects(index: PassageIndex, catalog: SubjectCatalog): DocumentSubjects {
  const cached = cache.get(index);
  if (cached?.catalog === catalog) return cached.subjects;
  const byDoc = new Map<string, Passage[]>();
  for (const passage of index.passages.values()) {
    const list = byDoc.get(passage.doc.id);
    if (list) list.push(passage);
    else byDoc.set(passage.doc.id, [passage]);
  }
  // Term ids of each subject name the documents use at all; a name with a word no document has never matches.
  const names = catalog.subjects.map((subject) =>
    subject.terms
      .map((terms) => terms.map((term) => index.vocabulary.idOf(term)))
      .filter((ids): ids is number[] => ids.every((id) => id !== undefined)),
  );
  const keyOf = nameResolver(catalog.subjects);
  const subjects = new Map<string, ReadonlySet<string>>();
  for (const doc of index.documents) {
    const passages = byDoc.get(doc.id) ?? [];
    subjects.set(
      doc.id,
      doc.subjects ? statedSubjects(doc, catalog, keyOf) : inferredSubjects(index, catalog, names, passages),
    );
  }
  cache.set(index, { catalog, subjects });
  return subjects;
}

function statedSubjects(
  doc: DocumentMeta,
  catalog: SubjectCatalog,
  keyOf: (name: string) => string | undefined,
): Set<string> {
  const out = new Set<string>();
  for (const name of doc.subjects ?? []) {
    const key = keyOf(name) ?? name;
    out.add(key);
    const country = catalog.subjects.find((subject) => subject.key === key)?.country;
    if (country) out.add(country);
  }
  return out;
}

function inferredSubjects(
  index: PassageIndex,
  catalog: SubjectCatalog,
  names: number[][][],
  passages: Passage[],
): Set<string> {
  const counts = catalog.subjects.map((_, s) => {
    const ids = names[s]!;
    if (ids.length === 0) return 0;
    let count = 0;
    for (const passage of passages) {
      if (ids.some((name) => name.every((id) => index.termSets.has(passage.id, id)))) count += 1;
    }
    return count;
  });
  const top = Math.max(0, ...counts);
  const out = new Set<string>();
  if (top === 0) return new Set(catalog.home);
  counts.forEach((count, s) => {
    if (count >= Math.max(1, TUNING.subjectShare * top)) {
      const subject = catalog.subjects[s]!;
      out.add(subject.key);
      if (subject.country) out.add(subject.country);
    }
  });
  return out;
}

/** What a question is about, and which documents may answer it. */
export interface QuestionScope {
  /** the subjects the question is about: those it names, or the home subject when it names no mission */
  subjects: string[];
  /** whether the question named no other mission or country, so the home subject applies */
  home: boolean;
  /** whether the question named any mission or country, home ones included */
  named: boolean;
  /** named missions and countries no document is about */
  uncovered: string[];
  /** the uncovered ones that are missions: such a question cannot be answered from this knowledge base */
  uncoveredMissions: string[];
  /** whether some sentences must name what was asked (`sentenceAllowed` can say no) */
  restricted: boolean;
  /** whether a document may answer (its subjects meet the question's) */
  allows(docId: string): boolean;
  /**
   * whether a sentence (its terms, neighbours included) of this document may answer: a home document answers
   * a question naming another country only in a sentence that names it ("refugees in Niger")
   */
  sentenceAllowed(docId: string, terms: readonly string[]): boolean;
}

/** A scope that lets every document answer: a knowledge base whose glossary names no subject. */
export const OPEN_SCOPE: QuestionScope = {
  subjects: [],
  home: true,
  named: false,
  uncovered: [],
  uncoveredMissions: [],
  restricted: false,
  allows: () => true,
  sentenceAllowed: () => true,
};

/**
 * The rule: a question that names no other mission or country is about the home subject, and only documents
 * about the home subject answer it. A question that names another mission or country is answered by the
 * documents about it, or by a home document's sentence that names it ("refugees in Niger"); a question about
 * a mission that no document is about and no sentence names is refused, never answered from another
 * mission's documents. `known` tells whether the documents use an index term at all.
 */
export function questionScope(
  catalog: SubjectCatalog | null,
  docs: DocumentSubjects | null,
  text: string,
  known: (term: string) => boolean,
): QuestionScope {
  if (!catalog || !docs) return OPEN_SCOPE;
  const named = namedSubjects(catalog, text);
  const covered = new Set<string>();
  for (const subjects of docs.values()) for (const key of subjects) covered.add(key);
  const usedByDocs = (subject: Subject) => subject.terms.some((terms) => terms.every(known));
  // A country no document names at all is left to the question's other words ("stuck in Senegal" is
  // answered by a sentence on Dakar); a mission no document names is refused below.
  const foreign = named.filter(
    (subject) =>
      !catalog.home.has(subject.key) &&
      (subject.kind === "mission" || covered.has(subject.key) || usedByDocs(subject)),
  );
  const uncovered = foreign.filter((subject) => !covered.has(subject.key));
  const foreignKeys = new Set(foreign.map((subject) => subject.key));
  const wanted = foreignKeys.size > 0 ? foreignKeys : new Set(catalog.home);
  const mentions = foreign.flatMap((subject) =>
    [...subject.terms, ...[capitalTermsOf(subject)].filter((t) => t !== null)].filter(
      (terms) => terms.length > 0 && terms.every(known),
    ),
  );
  const about = (docId: string, keys: ReadonlySet<string>) => {
    const subjects = docs.get(docId);
    if (!subjects) return true;
    for (const key of subjects) if (keys.has(key)) return true;
    return false;
  };
  return {
    subjects: [...wanted],
    home: foreign.length === 0,
    named: named.length > 0,
    uncovered: uncovered.map((subject) => subject.key),
    uncoveredMissions: uncovered
      .filter((subject) => subject.kind === "mission" && !usedByDocs(subject))
      .map((subject) => subject.key),
    restricted: foreignKeys.size > 0,
    allows: (docId) => about(docId, wanted) || (foreignKeys.size > 0 && mentions.length > 0),
    sentenceAllowed: (docId, terms) => {
      if (foreignKeys.size === 0 || about(docId, foreignKeys)) return true;
      const set = new Set(terms);
      return mentions.some((name) => name.every((term) => set.has(term)));
    },
  };
}
