import { contentTerms, indexTerm, tokenize } from "./terms.ts";

/** A group of names for one thing: what people type and what the documents say. */
export interface SynonymGroup {
  names: string[];
  /** each name as the query is matched against it: every word stemmed, stop words kept */
  keys: string[][];
  /**
   * each name as index terms to search for, or null for a name that is one word once its stop words are
   * dropped ("set up"): searching "set" alone would find every "set", so such a name only recognises the
   * concept in a question
   */
  terms: Array<string[] | null>;
}

/** The form a glossary name and a question's words are compared in. */
export function glossaryKey(token: string): string {
  return indexTerm(token) ?? token;
}

export interface Glossary {
  groups: SynonymGroup[];
  /** Example questions that the knowledge base answers, offered when a question finds nothing. */
  examples: string[];
  /** what the knowledge base is about, and the other missions and countries a question may name */
  subject: SubjectData | null;
}

/**
 * The `subject:` section of `glossary.yml`, as written: the home subject (the names of the mission and
 * country the knowledge base is about) and the missions and countries a document or a question may be about.
 */
export interface SubjectData {
  /** names (of missions or countries below) that make up the home subject: a question naming none is about it */
  home: string[];
  /** each mission's names, the first being how it is shown, and the country it serves in */
  missions: Array<{ names: string[]; country?: string | undefined }>;
  /** each country's names, the first being how it is shown ("DR Congo", "Democratic Republic of the Congo") */
  countries: string[][];
}

/**
 * Builds a glossary from its groups of names, example questions and subject section (as `glossary.yml` gives
 * them).
 */
export function buildGlossary(
  synonyms: string[][],
  examples: string[],
  subject: SubjectData | null = null,
): Glossary {
  const groups = synonyms
    .map((names) => names.filter((name) => tokenize(name).length > 0))
    .filter((names) => names.length >= 2)
    .map((names) => {
      const keys = names.map((name) => tokenize(name).map(glossaryKey));
      const terms = names.map((name, i) => {
        const content = contentTerms(name);
        return content.length >= 2 || content.length === keys[i]?.length ? content : null;
      });
      return { names, keys, terms };
    });
  return { groups, examples, subject };
}
