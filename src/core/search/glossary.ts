import { readFile } from "node:fs/promises";
import YAML from "yaml";
import { z } from "zod";
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

export const EMPTY_GLOSSARY: Glossary = { groups: [], examples: [] };

const glossarySchema = z.strictObject({
  synonyms: z.array(
    z.array(z.string().trim().min(1)).min(2, { error: "a synonym group needs two names or more" }),
  ),
  examples: z.array(z.string().trim().min(1)).default([]),
});

export class GlossaryError extends Error {
  override name = "GlossaryError";
}

/** Builds a glossary from its YAML text (see knowledge/glossary.yml). */
export function parseGlossary(text: string, file = "glossary.yml"): Glossary {
  let data: unknown;
  try {
    data = YAML.parse(text, { maxAliasCount: 50 });
  } catch (error) {
    throw new GlossaryError(`glossary: ${file} is not valid YAML (${String(error).split("\n")[0]})`);
  }
  const result = glossarySchema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new GlossaryError(`glossary: ${file}: ${issue?.path.join(".") || "top level"}: ${issue?.message}`);
  }
  const groups = result.data.synonyms
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
  return { groups, examples: result.data.examples };
}

/** Reads `glossary.yml` from a knowledge folder; a folder without one has an empty glossary. */
export async function loadGlossary(dir: string): Promise<Glossary> {
  const file = `${dir}/glossary.yml`;
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return EMPTY_GLOSSARY;
    throw new GlossaryError(`glossary: cannot read ${file}: ${String(error)}`);
  }
  return parseGlossary(text, file);
}
