import { readFile } from "node:fs/promises";
import YAML from "yaml";
import { z } from "zod";
import { contentTerms } from "./terms.ts";

/** A group of names for one thing: what people type and what the documents say. */
export interface SynonymGroup {
  names: string[];
  /** each name as stemmed content terms, in the same order as `names` */
  terms: string[][];
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
    .map((names) => ({ names, terms: names.map(contentTerms) }))
    .map((group) => ({
      names: group.names.filter((_, i) => (group.terms[i]?.length ?? 0) > 0),
      terms: group.terms.filter((terms) => terms.length > 0),
    }))
    .filter((group) => group.terms.length >= 2);
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
