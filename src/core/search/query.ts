import { TUNING } from "../answer/model.ts";
import { isEnglishWord } from "../knowledge/words.ts";
import { otherVerbForms, WHICH_ACTOR } from "../lexicon.ts";
import { questionAcronyms } from "./acronym.ts";
import { standsForAcronym, withDefinition } from "./defined-acronyms.ts";
import { derivedForms } from "./derivation.ts";
import type { Glossary } from "./glossary.ts";
import { glossaryKey } from "./glossary.ts";
import { plainIdioms } from "./idiom.ts";
import { nationalityGroupsFor } from "./nationality.ts";
import { PARTICLES, paraphrases, phrasalCompound } from "./paraphrase.ts";
import { contentTerms, indexTerm, tokenize } from "./terms.ts";
import type { Vocabulary } from "./vocabulary.ts";

/** What kind of thing the question asks for; the answer sentence should contain one. */
export type AnswerType = "number" | "date" | "duration" | "who" | "place" | "name" | "any";

/** One thing the question is about, with every way the documents may say it. */
export interface Concept {
  /** the words of the question (or of the thread) this concept stands for */
  text: string;
  /** each alternative is a sequence of index terms that must all appear */
  alternatives: string[][];
  /** terms to match as prefixes ("peacekee" while typing) */
  prefixes: string[];
  /** how much the concept counts: 1 for the question's own words, less for the thread's context */
  weight: number;
  /** 0.4..1: how telling its words are in this knowledge base (a word in every passage tells little) */
  specificity: number;
  /** false when no document word matches it, even corrected: the question is about something else */
  known: boolean;
  /** unknown and not an English word either (UNIFIL, Lebanon): a strong sign of an off-topic question */
  foreign: boolean;
  /** a year the question names ("in 2019"): also met by a document of that year */
  year: string | null;
  /** what an alternative other than the typed word counts for, when not the glossary's synonym credit */
  credit?: number;
  /** an acronym the question wrote in capitals ("au"): also met by a name spelling it out (acronym.ts) */
  acronym?: string;
}

export interface ParsedQuery {
  text: string;
  answerType: AnswerType;
  concepts: Concept[];
}

const ANSWER_TYPES: Array<[AnswerType, RegExp]> = [
  ["duration", /\bhow long\b|\bduration\b|\bfor how many (days|weeks|months|years)\b/u],
  [
    "date",
    /^(and |so |but )?when\b|\bwhen (did|was|is|were|will|does|do|has|had)\b|\bwhat (date|day|year|month|time)\b|\bwhich (date|day|year|month)\b|\bsince when\b|\bdate of\b|\bin what year\b/u,
  ],
  [
    "number",
    /\bhow (many|much|large|big|strong|old)\b|\bnumber of\b|\bhow many\b|\b(death )?toll\b|\bceiling\b|\bstrength\b|\bfigures?\b|\bcount\b|\bpercentage\b|\bsize of\b|\bpopulation of\b|^(?:and |so |but )?(?:has|have|had|did|do|does|is|are|was|were)\b.*\b(?:a lot of|lots of|many|a large number of)\b/u,
  ],
  [
    "who",
    new RegExp(
      `^(and )?who\\b|\\bwho (is|was|are|were|did|has|have|led|leads|said)\\b|\\bby whom\\b|\\bwhose\\b|\\b${WHICH_ACTOR}\\b`,
      "u",
    ),
  ],
  [
    "place",
    /\bwhere\b|\bwhich (region|town|village|city|area|place|camp|country)\b|\bin what (region|town|area)\b/u,
  ],
  ["name", /\bwhat (is|was) the name\b|\bwhich operations?\b|\bwhat operations?\b|\bcalled\b|\bnamed\b/u],
];

/** Reads what a question asks for from its question words. */
export function detectAnswerType(text: string): AnswerType {
  const lower = text.toLowerCase().replace(/[’]/gu, "'");
  for (const [type, pattern] of ANSWER_TYPES) if (pattern.test(lower)) return type;
  return "any";
}

interface Token {
  surface: string;
  /** the index term, or null for a stop word */
  term: string | null;
  /** what glossary names are matched on: stop words included, so "set up" is not just "set" */
  key: string;
}

/**
 * Turns a question into concepts to search for: stop words and question phrasing dropped, glossary names
 * grouped with their synonyms, misspellings corrected against the documents' own words.
 */
export function parseQuery(
  text: string,
  vocabulary: Vocabulary,
  glossary: Glossary,
  weight = 1,
): ParsedQuery {
  const tokens: Token[] = tokenize(plainIdioms(stripPhrasing(text)))
    .slice(0, 64)
    .map((surface) => ({ surface, term: indexTerm(surface), key: glossaryKey(surface) }));
  const concepts: Concept[] = [];
  const acronyms = questionAcronyms(text);
  for (let i = 0; i < tokens.length; ) {
    const own = withDefinition(
      matchGlossary(tokens, i, glossary),
      definedGroup(tokens, i, vocabulary, acronyms),
    );
    const national = own ? null : nationalityGroup(tokens, i, vocabulary);
    const group = own ?? national;
    if (group) {
      const alternatives = uniqueAlternatives(group.alternatives).filter((terms) =>
        terms.every((term) => vocabulary.has(term)),
      );
      concepts.push({
        text: group.text,
        alternatives: alternatives.length > 0 ? alternatives : [group.matched],
        prefixes: [],
        weight,
        specificity: 1,
        known: alternatives.length > 0,
        foreign: false,
        year: null,
        ...(national ? { credit: TUNING.nationalityCredit } : {}),
      });
      i += group.length;
      continue;
    }
    const token = tokens[i]!;
    const phrasal = phrasalConcept(tokens, i, vocabulary, weight);
    if (phrasal) {
      concepts.push(phrasal);
      i += 2;
      continue;
    }
    // A light verb ("make", "let", "become") says nothing of its own: "how much bigger did the council make
    // the force" is about "bigger" and "force", and "make" is rare enough in reports to outweigh them.
    if (token.term !== null && !LIGHT_VERBS.has(token.surface)) {
      concepts.push(termConcept(token.surface, token.term, vocabulary, weight));
    }
    i += 1;
  }
  for (const concept of concepts) concept.specificity = specificityOf(concept, vocabulary);
  for (const concept of concepts) {
    const word = concept.text.toLowerCase();
    const acronym = acronyms.has(word)
      ? word
      : acronyms.has(word.replace(/s$/u, ""))
        ? word.slice(0, -1)
        : null;
    if (acronym) concept.acronym = acronym;
  }
  return { text, answerType: detectAnswerType(text), concepts: dedupe(concepts) };
}

// Question phrasing that names the kind of answer rather than its subject: "how long" asks for a duration,
// it is not about length, and "how old" for an age ("Goïta, 38,"), not about being old; "since deployment"
// and "to date" ask for a cumulative count (the time rule reads them), they are not what is counted. The answer type and the period are read before these are dropped.
const PHRASING =
  /\b(how (long|many|much|big|large|far|often|strong|old)|(what|which) (is|was|are|were) the (number|size) of|the number of|number of|in the first place|so far|to date|in total|since (its |the mission's |the |their )?(deployment|establishment|inception|creation|start|beginning|launch)|since|at the moment|right now|these days|at all|for sure|if any|if nothing changes|(take|takes|took|taking|taken) place|(what|which) (are|were) (the )?names of|the names of|^\s*(please )?name(?= (the|all|those|each|every)\b))\b/giu;

const LIGHT_VERBS = new Set([
  "let",
  "lets",
  "make",
  "makes",
  "made",
  "making",
  "become",
  "becomes",
  "became",
]);

function stripPhrasing(text: string): string {
  return text.replace(/[’]/gu, "'").replace(PHRASING, " ");
}

function termConcept(surface: string, term: string, vocabulary: Vocabulary, weight: number): Concept {
  const concept = wordConcept(surface, term, vocabulary, weight);
  // An irregular verb's other forms the documents use: "leave" also finds "left" (lexicon.ts); a verb's noun
  // and a noun's verb whose stems differ: "abstained" also finds "abstentions" (derivation.ts).
  const forms = [...otherVerbForms(surface), ...derivedForms(surface)]
    .map(indexTerm)
    .filter((form): form is string => form !== null && form !== term && vocabulary.has(form));
  if (forms.length > 0) {
    const alternatives = [...(concept.known ? concept.alternatives : []), ...forms.map((form) => [form])];
    return { ...concept, alternatives, known: true, foreign: false };
  }
  // A verb the documents never use: its most frequent sense's other words they do use ("shut" / "closed"),
  // after the typed word, so they count as a synonym (paraphrase.ts).
  const everyday = concept.known ? [] : paraphrases(surface, (t) => vocabulary.has(t));
  if (everyday.length > 0)
    return { ...concept, alternatives: [[term], ...everyday], known: true, foreign: false };
  // A phrasal verb written as one noun ("takeover", "pullout"): the verb's forms and the phrase's sense.
  const compound = concept.known ? null : phrasalCompound(surface);
  const verb = compound ? indexTerm(compound[0]) : null;
  if (!compound || verb === null) return concept;
  const phrasal = phrasalOf(compound[0], verb, compound[1], vocabulary, weight);
  return phrasal ? { ...phrasal, text: surface, alternatives: [[term], ...phrasal.alternatives] } : concept;
}

/** A phrasal verb ("stepped down", "took over") with its first sense's words the documents use, or null. */
function phrasalConcept(tokens: Token[], i: number, vocabulary: Vocabulary, weight: number): Concept | null {
  const [verb, particle] = [tokens[i]!, tokens[i + 1]];
  if (!particle || !PARTICLES.has(particle.surface) || verb.term === null) return null;
  return phrasalOf(verb.surface, verb.term, particle.surface, vocabulary, weight);
}

function phrasalOf(
  surface: string,
  term: string,
  particle: string,
  vocabulary: Vocabulary,
  weight: number,
): Concept | null {
  const everyday = paraphrases(surface, (t) => vocabulary.has(t), particle);
  if (everyday.length === 0) return null;
  // The verb's own forms first ("took" also finds "take"), then the phrase's sense.
  const own = termConcept(surface, term, vocabulary, weight);
  const alternatives = uniqueAlternatives([...(own.known ? own.alternatives : [[term]]), ...everyday]);
  return { ...own, text: `${surface} ${particle}`, alternatives, known: true, foreign: false };
}

function wordConcept(surface: string, term: string, vocabulary: Vocabulary, weight: number): Concept {
  const year = /^(19|20)\d{2}$/u.test(term) ? term : null;
  const base = { text: surface, prefixes: [] as string[], weight, specificity: 1, foreign: false, year };
  // A name also finds its other spellings in the documents ("Aguel'hoc" / "Aguelhok"): vocabulary.ts.
  if (vocabulary.has(term) || year)
    return { ...base, alternatives: year ? [[term]] : vocabulary.withVariants(term), known: true };
  if (/\d/u.test(term)) return { ...base, alternatives: [[term]], known: false };
  // A word still being typed ("peacekee") before a misspelt one ("cieling").
  if (term.length >= 4 && vocabulary.hasPrefix(term)) {
    return { ...base, alternatives: [[term]], prefixes: [term], known: true };
  }
  // A real English word the documents do not use is no typo ("leave" must not become "lead"), unless the
  // correction only reorders its letters, the commonest typo ("cieling" is in the big word list too).
  const variants = vocabulary.nameVariants(surface); // a spelling of a document name: "Timbuctoo"
  if (variants.length > 0)
    return { ...base, alternatives: variants.map((variant) => [variant]), known: true };
  const candidate = vocabulary.correct(surface, term);
  const corrected =
    candidate !== null && isEnglishWord(surface) && !sameLetters(surface, candidate, vocabulary)
      ? null
      : candidate;
  if (corrected !== null) return { ...base, alternatives: vocabulary.withVariants(corrected), known: true };
  return { ...base, alternatives: [[term]], known: false, foreign: !isEnglishWord(surface) };
}

function sameLetters(word: string, term: string, vocabulary: Vocabulary): boolean {
  const sorted = (w: string) => [...w].sort().join("");
  const target = sorted(word);
  return vocabulary.words.some(
    ([surface, t]) => t === term && surface.length === word.length && sorted(surface) === target,
  );
}

function matchGlossary(
  tokens: Token[],
  start: number,
  glossary: Glossary,
): { text: string; matched: string[]; alternatives: string[][]; length: number } | null {
  let best: { text: string; matched: string[]; alternatives: string[][]; length: number } | null = null;
  for (const group of glossary.groups) {
    group.keys.forEach((key, n) => {
      if (key.length <= (best?.length ?? 0) || start + key.length > tokens.length) return;
      if (!key.every((part, k) => tokens[start + k]?.key === part)) return;
      const own = group.terms[n] ?? null;
      const matched = own ?? contentTerms(group.names[n] ?? "");
      const text = tokens
        .slice(start, start + key.length)
        .map((token) => token.surface)
        .join(" ");
      const others = group.terms.filter((terms, m): terms is string[] => terms !== null && m !== n);
      best = { text, matched, alternatives: own ? [own, ...others] : others, length: key.length };
    });
  }
  return best;
}

/**
 * An acronym a document defines, or the name it stands for, met in the question ("MOC" / "Operational
 * Coordination Mechanism"); an acronym only when the question writes it in capitals or it is no English word.
 */
function definedGroup(tokens: Token[], start: number, vocabulary: Vocabulary, written: ReadonlySet<string>) {
  const groups = vocabulary.acronyms.groupsFor(tokens[start]!.key);
  const group = groups ? matchGlossary(tokens, start, groups) : null;
  if (group?.length === 1 && !standsForAcronym(tokens[start]!.surface, written)) return null;
  return group;
}

/**
 * A country's names and its nationality adjective met in the question ("Togolese" / "Togo"), when the
 * documents use one of them; otherwise the word is read as any other (a name no document uses stays unknown).
 */
function nationalityGroup(tokens: Token[], start: number, vocabulary: Vocabulary) {
  const groups = nationalityGroupsFor(tokens[start]!.key);
  const group = groups ? matchGlossary(tokens, start, groups) : null;
  if (!group) return null;
  const used = group.alternatives.some((terms) => terms.every((term) => vocabulary.has(term)));
  return used ? group : null;
}

function uniqueAlternatives(alternatives: string[][]): string[][] {
  const seen = new Set<string>();
  return alternatives.filter((terms) => {
    const key = terms.join(" ");
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function specificityOf(concept: Concept, vocabulary: Vocabulary): number {
  if (!concept.known || concept.year !== null || concept.prefixes.length > 0) return 1;
  let best = 0;
  for (const terms of concept.alternatives) {
    for (const term of terms) best = Math.max(best, vocabulary.specificity(term));
  }
  return TUNING.specificityFloor + (1 - TUNING.specificityFloor) * best;
}

/** What a concept counts for in coverage and confidence. */
export function conceptWeight(concept: Concept): number {
  return concept.weight * concept.specificity;
}

/** What makes two concepts the same: the same ways of saying it. */
export function conceptKey(concept: Concept): string {
  return concept.alternatives.map((terms) => terms.join(" ")).join("|");
}

function dedupe(concepts: Concept[]): Concept[] {
  const seen = new Set<string>();
  return concepts.filter((concept) => {
    const key = conceptKey(concept);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** All the terms of a parsed query with the weight each should carry in the search. */
export function queryTermWeights(concepts: Concept[]): Map<string, number> {
  const weights = new Map<string, number>();
  for (const concept of concepts) {
    if (!concept.known) continue;
    concept.alternatives.forEach((terms, i) => {
      // The word the user typed counts fully; its synonyms a little less, so exact wording wins ties.
      const weight =
        concept.weight * (i === 0 ? 1 : TUNING.searchSynonym) * (terms.length > 1 ? TUNING.searchPhrase : 1);
      for (const term of terms) weights.set(term, Math.max(weights.get(term) ?? 0, weight));
    });
  }
  return weights;
}
