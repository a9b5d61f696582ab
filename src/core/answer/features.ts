import type { AnswerType } from "../search/query.ts";

const MONTH = "January|February|March|April|May|June|July|August|September|October|November|December";
const NUMBER_WORD =
  "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred|hundreds|thousand|thousands|dozen|dozens";

const HAS_NUMBER = new RegExp(`\\d|\\b(${NUMBER_WORD})\\b`, "iu");
const HAS_DATE = new RegExp(
  `\\b(${MONTH})\\b|\\b(19|20)\\d{2}\\b|\\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\\b|\\b(late|early|mid)-(${MONTH})\\b`,
  "u",
);
const HAS_DURATION =
  /\b\d+[- ](day|week|month|year|hour)s?\b|\bfor (a|one|two|three|\d+) (day|week|month|year)s?\b|\b(day|week|month|year)-long\b|\bbetween \d{1,2} \w+ and \d{1,2} \w+/iu;
// A capitalised word that does not start the sentence: a person, a group, a place or an operation.
const INNER_CAPITAL = /(?<=[\p{L}\p{N},;:)"”] )(\p{Lu}[\p{L}’'-]+)/gu;
const PLACE_CUE =
  /\b(in|at|near|around|from|to|between|of|across)\s+(the\s+)?(\p{Lu}[\p{L}’'-]+)|\b(region|town|village|camp|area|cercle|sector|river|road|north|centre|center|south|west|east|northern|central)\b/u;

export interface SentenceFeatures {
  number: boolean;
  date: boolean;
  duration: boolean;
  names: string[];
  place: boolean;
}

export function sentenceFeatures(sentence: string): SentenceFeatures {
  return {
    number: HAS_NUMBER.test(sentence),
    date: HAS_DATE.test(sentence),
    duration: HAS_DURATION.test(sentence),
    names: [...sentence.matchAll(INNER_CAPITAL)].map((match) => match[1] ?? ""),
    place: PLACE_CUE.test(sentence),
  };
}

/**
 * Whether a sentence holds the kind of thing the question asks for. `asked` holds the question's own words
 * (lower case): a name the question already gave ("Who is the Force Commander?") is not an answer to it.
 */
export function satisfiesAnswerType(
  type: AnswerType,
  features: SentenceFeatures,
  asked: Set<string>,
): boolean {
  const newNames = features.names.filter((name) => !asked.has(foldName(name)));
  switch (type) {
    case "number":
      return features.number;
    case "date":
      return features.date;
    case "duration":
      return features.duration;
    case "who":
    case "name":
      return newNames.length > 0;
    case "place":
      return features.place && newNames.length > 0;
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
