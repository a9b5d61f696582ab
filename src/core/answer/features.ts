import { stemmer } from "stemmer";
import {
  MONTH_PATTERN as MONTH,
  MONTH_ABBREVIATION_PATTERN as MONTH_ABBREVIATION,
  NUMBER_WORD_PATTERN as NUMBER_WORD,
  WEEKDAY_PATTERN,
} from "../lexicon.ts";
import type { AnswerType } from "../search/query.ts";
import { TUNING } from "./model.ts";

const HAS_NUMBER = new RegExp(`\\d|\\b(${NUMBER_WORD})\\b`, "iu");
const HAS_DATE = new RegExp(
  `\\b(${MONTH})\\b|\\b(19|20)\\d{2}\\b|\\b(${WEEKDAY_PATTERN})\\b|\\b(late|early|mid)-(${MONTH})\\b|\\b(${MONTH_ABBREVIATION})\\.? \\d{1,2}\\b`,
  "u",
);
const HAS_DURATION =
  /\b\d+[- ](day|week|month|year|hour)s?\b|\bfor (a|one|two|three|\d+) (day|week|month|year)s?\b|\b(day|week|month|year)-long\b|\bbetween \d{1,2} \w+ and \d{1,2} \w+/iu;
// A capitalised word that does not start the sentence: a person, a group, a place or an operation.
const INNER_CAPITAL = /(?<=[\p{L}\p{N},;:)"”] )(\p{Lu}[\p{L}’'-]+)/gu;
const PLACE_CUE =
  /\b(in|at|near|around|from|to|between|of|across)\s+(the\s+)?(\p{Lu}[\p{L}’'-]+)|\b(region|town|village|camp|area|cercle|sector|river|road|north|centre|center|south|west|east|northern|central)\b/u;

// Capitalised words that name an office or an institution, not who holds it.
const GENERIC_CAPITALS = new Set(
  `council security mission missions special representative secretary-general secretary force forces commander
government president prime minister united nations member states headquarters secretariat agreement peace
reconciliation sector operation operations general deputy head chief un the in on a an at as this these it its
january february march april may june july august september october november december monday tuesday wednesday
thursday friday saturday sunday`.split(/\s+/u),
);
const ROLE =
  /^(commander|representative|head|chief|leader|president|minister|envoy|spokesman|spokeswoman|spokesperson|secretary|chair|chairman|director|coordinator)$/u;

const NOTHING_GIVEN: ReadonlySet<string> = new Set();

export interface SentenceFeatures {
  number: boolean;
  date: boolean;
  duration: boolean;
  names: string[];
  place: boolean;
  /** each word of the sentence, folded, and whether it is a personal or group name */
  words: Array<{ folded: string; name: boolean }>;
}

// Digits that name a day, a year, a resolution or a document are not a count.
const NOT_A_COUNT = new RegExp(
  `\\b\\d{1,2} (${MONTH})\\b|\\b(${MONTH}) \\d{1,2}\\b|\\b(19|20)\\d{2}\\b|\\b[A-Z]{1,3}\\/\\S+|\\b[Rr]esolution \\d+|\\b\\d+(st|nd|rd|th)\\b|\\(\\d{4}\\)|COVID-19`,
  "gu",
);

const PARAGRAPH_NUMBER = /^\(?\d{1,3}[.)]\s+/u;

// The year of a resolution or the year in a document symbol dates the text, not an event.
const NOT_A_DATE = /\bresolution \d+ \(\d{4}\)|\b[A-Z]{1,3}\/\d{4}\/\d+\b/gu;

export function sentenceFeatures(sentence: string): SentenceFeatures {
  return new FeaturesOnDemand(sentence);
}

/**
 * Each feature is read when first asked for: a "how many" question needs only `number` of every sentence it
 * scores, and folding every word (`words`, for "who is the <role>?" only) was a tenth of an answer's CPU.
 */
class FeaturesOnDemand implements SentenceFeatures {
  #number?: boolean;
  #date?: boolean;
  #duration?: boolean;
  #names?: string[];
  #place?: boolean;
  #words?: SentenceFeatures["words"];

  constructor(private readonly sentence: string) {}

  get number(): boolean {
    // A report's paragraph number ("23. The peacekeepers...") is no count either.
    this.#number ??= HAS_NUMBER.test(this.sentence.replace(PARAGRAPH_NUMBER, "").replace(NOT_A_COUNT, " "));
    return this.#number;
  }

  get date(): boolean {
    this.#date ??= HAS_DATE.test(this.sentence.replace(NOT_A_DATE, " "));
    return this.#date;
  }

  get duration(): boolean {
    this.#duration ??= HAS_DURATION.test(this.sentence);
    return this.#duration;
  }

  get names(): string[] {
    this.#names ??= [...this.sentence.matchAll(INNER_CAPITAL)].map((match) => match[1] ?? "");
    return this.#names;
  }

  get place(): boolean {
    this.#place ??= PLACE_CUE.test(this.sentence);
    return this.#place;
  }

  get words(): SentenceFeatures["words"] {
    this.#words ??= foldedWords(this.sentence);
    return this.#words;
  }
}

// Hyphens split too, as the question's words are split: "Secretary-General Antonio Guterres".
function foldedWords(sentence: string): SentenceFeatures["words"] {
  return sentence.split(/[\s-]+/u).map((word, i) => {
    const bare = word.replace(/^[("“‘]+|[)"”’.,;:]+$/gu, "");
    const folded = foldName(bare);
    const capital = /^\p{Lu}/u.test(bare) && i > 0;
    return { folded, name: capital && !GENERIC_CAPITALS.has(folded) };
  });
}

/**
 * Whether a sentence holds the kind of thing the question asks for. `asked` holds the question's own words
 * (lower case): a name the question already gave ("Who is the Force Commander?") is not an answer to it.
 */
export function satisfiesAnswerType(
  type: AnswerType,
  features: SentenceFeatures,
  asked: Set<string>,
  given: ReadonlySet<string> = NOTHING_GIVEN,
): boolean {
  // `given`: names a thread already gave, which a follow-up does not ask for again (conversation/follow-up.ts).
  const newNames = () =>
    features.names.filter((name) => {
      const folded = foldName(name);
      return !asked.has(folded) && !given.has(folded) && !GENERIC_CAPITALS.has(folded);
    });
  switch (type) {
    case "number":
      return features.number;
    case "date":
      return features.date;
    case "duration":
      return features.duration;
    case "who":
      return [...asked].some((word) => ROLE.test(word))
        ? namesHolderOfRole(features, asked)
        : newNames().length > 0;
    case "name":
      return newNames().length > 0;
    case "place":
      return features.place && newNames().length > 0;
    case "any":
      return true;
  }
}

export function foldName(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/['’]s$/u, "");
}

/** "Who is the Force Commander?" is answered only by a name standing next to the role: "Force Commander, X". */
function namesHolderOfRole(features: SentenceFeatures, asked: Set<string>): boolean {
  // The first role the question names is the one asked about: "the Special Representative of the
  // Secretary-General" asks for the representative, not the Secretary-General.
  const role = [...asked].find((word) => ROLE.test(word));
  if (role === undefined) return false;
  // "commander", "command", "commanded": the role or the act of holding it.
  const stem = stemmer(role);
  const { words } = features;
  return words.some(
    (word, i) =>
      (word.folded === role || stemmer(word.folded) === stem) &&
      words
        .slice(Math.max(0, i - TUNING.roleWindow), i + TUNING.roleWindow + 1)
        .some((near) => near.name && !asked.has(near.folded)),
  );
}

const CAPITAL_RUN =
  /(?:\p{Lu}[\p{L}’'-]*|al-\p{Lu}[\p{L}’'-]*)(?:\s+(?:(?:de|du|al|el|ag|ould|bin|ben)\s+)?\p{Lu}[\p{L}’'-]*)*/gu;
const BEFORE_PLACE = /\b(?:in|at|near|around|from|to|towards|outside|inside|between|across)\s+(?:the\s+)?$/u;

/**
 * The people or groups and the places a sentence names, roughly: runs of capitalised words that are not
 * offices or months, a place being one that follows "in", "at", "near"... What a follow-up's "he" or "there"
 * points to.
 */
export function namedInSentence(sentence: string): { people: string[]; places: string[] } {
  const people: string[] = [];
  const places: string[] = [];
  for (const match of sentence.matchAll(CAPITAL_RUN)) {
    const run = match[0].replace(/['’]s$/u, "");
    const words = run.split(/\s+/u);
    if (words.every((word) => GENERIC_CAPITALS.has(foldName(word)))) continue;
    // The sentence's first word is capitalised anyway: only a run of two or more names there.
    if (match.index === 0 && words.length < 2) continue;
    const target = BEFORE_PLACE.test(sentence.slice(0, match.index)) ? places : people;
    if (!target.includes(run)) target.push(run);
  }
  return { people, places };
}
