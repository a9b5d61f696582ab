import YAML from "yaml";
import { z } from "zod";
import { buildGlossary, type Glossary } from "./glossary.ts";

// Reading `glossary.yml` needs the YAML and schema libraries; answering does not, so they live apart.

const glossarySchema = z.strictObject({
  synonyms: z.array(
    z.array(z.string().trim().min(1)).min(2, { error: "a synonym group needs two names or more" }),
  ),
  examples: z.array(z.string().trim().min(1)).default([]),
  subject: z
    .strictObject({
      home: z.array(z.string().trim().min(1)).min(1, { error: "name the home mission or country" }),
      missions: z
        .array(
          z.strictObject({
            names: z.array(z.string().trim().min(1)).min(1, { error: "a mission needs a name" }),
            country: z.string().trim().min(1).optional(),
          }),
        )
        .default([]),
      countries: z
        .array(z.array(z.string().trim().min(1)).min(1, { error: "a country needs a name" }))
        .default([]),
    })
    .optional(),
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
  const { synonyms, examples, subject } = result.data;
  if (subject) {
    const known = new Set(
      [...subject.missions.map((m) => m.names), ...subject.countries].flat().map((n) => n.toLowerCase()),
    );
    const unknown = [
      ...subject.home,
      ...subject.missions.flatMap((m) => (m.country ? [m.country] : [])),
    ].find((name) => !known.has(name.toLowerCase()));
    if (unknown !== undefined) {
      throw new GlossaryError(
        `glossary: ${file}: subject: "${unknown}" is not one of the missions or countries listed under it: add it there`,
      );
    }
  }
  return buildGlossary(synonyms, examples, subject ?? null);
}
