import YAML from "yaml";
import { z } from "zod";
import { buildGlossary, type Glossary } from "./glossary.ts";

// Reading `glossary.yml` needs the YAML and schema libraries; answering does not, so they live apart.

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
    data = YAML.parse(text, { maxAliasCount: 50, logLevel: "error" });
  } catch (error) {
    throw new GlossaryError(`glossary: ${file} is not valid YAML (${String(error).split("\n")[0]})`);
  }
  const result = glossarySchema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new GlossaryError(`glossary: ${file}: ${issue?.path.join(".") || "top level"}: ${issue?.message}`);
  }
  return buildGlossary(result.data.synonyms, result.data.examples);
}
