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
}

/** Builds a glossary from its groups of names and example questions (as `glossary.yml` gives them). */
export function buildGlossary(synonyms: string[][], examples: string[]): Glossary {
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
  return { groups, examples };
}
