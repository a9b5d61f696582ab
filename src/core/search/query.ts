import type { Glossary } from "./glossary.ts";
import { indexTerm, tokenize } from "./terms.ts";
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
  /** false when no document word matches it, even corrected: the question is about something else */
  known: boolean;
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
    /\bwhen\b|\bwhat (date|day|year|month|time)\b|\bwhich (date|day|year|month)\b|\bsince when\b|\bdate of\b|\bin what year\b/u,
  ],
  [
    "number",
    /\bhow (many|much|large|big|strong)\b|\bnumber of\b|\bhow many\b|\b(death )?toll\b|\bceiling\b|\bstrength\b|\bfigures?\b|\bcount\b|\bpercentage\b|\bsize of\b/u,
  ],
  ["who", /^(and )?who\b|\bwho (is|was|are|were|did|has|have|led|leads|said)\b|\bby whom\b|\bwhose\b/u],
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
  term: string;
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
  const tokens: Token[] = [];
  for (const surface of tokenize(text).slice(0, 64)) {
    const term = indexTerm(surface);
    if (term !== null) tokens.push({ surface, term });
  }
  const concepts: Concept[] = [];
  for (let i = 0; i < tokens.length; ) {
    const group = matchGlossary(tokens, i, glossary);
    if (group) {
      const alternatives = uniqueAlternatives(group.alternatives).filter((terms) =>
        terms.every((term) => vocabulary.has(term)),
      );
      concepts.push({
        text: group.text,
        alternatives: alternatives.length > 0 ? alternatives : [group.matched],
        prefixes: [],
        weight,
        known: alternatives.length > 0,
      });
      i += group.length;
      continue;
    }
    concepts.push(termConcept(tokens[i]!, vocabulary, weight));
    i += 1;
  }
  return { text, answerType: detectAnswerType(text), concepts: dedupe(concepts) };
}

function termConcept({ surface, term }: Token, vocabulary: Vocabulary, weight: number): Concept {
  const base = { text: surface, prefixes: [] as string[], weight };
  if (vocabulary.has(term)) return { ...base, alternatives: [[term]], known: true };
  if (/\d/u.test(term)) return { ...base, alternatives: [[term]], known: false };
  // A word still being typed ("peacekee") before a misspelt one ("cieling").
  if (term.length >= 4 && vocabulary.hasPrefix(term)) {
    return { ...base, alternatives: [[term]], prefixes: [term], known: true };
  }
  const corrected = vocabulary.correct(surface);
  if (corrected !== null) return { ...base, alternatives: [[corrected]], known: true };
  return { ...base, alternatives: [[term]], known: false };
}

function matchGlossary(
  tokens: Token[],
  start: number,
  glossary: Glossary,
): { text: string; matched: string[]; alternatives: string[][]; length: number } | null {
  let best: { text: string; matched: string[]; alternatives: string[][]; length: number } | null = null;
  for (const group of glossary.groups) {
    for (const terms of group.terms) {
      if (terms.length <= (best?.length ?? 0) || start + terms.length > tokens.length) continue;
      if (terms.every((term, k) => tokens[start + k]?.term === term)) {
        const text = tokens
          .slice(start, start + terms.length)
          .map((token) => token.surface)
          .join(" ");
        best = {
          text,
          matched: terms,
          alternatives: [terms, ...group.terms.filter((t) => t !== terms)],
          length: terms.length,
        };
      }
    }
  }
  return best;
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

function dedupe(concepts: Concept[]): Concept[] {
  const seen = new Set<string>();
  return concepts.filter((concept) => {
    const key = concept.alternatives.map((terms) => terms.join(" ")).join("|");
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
      const weight = concept.weight * (i === 0 ? 1 : 0.7) * (terms.length > 1 ? 0.8 : 1);
      for (const term of terms) weights.set(term, Math.max(weights.get(term) ?? 0, weight));
    });
  }
  return weights;
}
