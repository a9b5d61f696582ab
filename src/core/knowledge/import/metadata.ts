import YAML from "yaml";
import { parseKnowledgeFile } from "../load.ts";
import { type FrontMatter, frontMatterSchema, type KnowledgeDocument } from "../schema.ts";
import type { FoundMetadata, MetadataField } from "./detect.ts";

/** The metadata given on the command line; it wins over what is found in the document. */
export type MetadataFlags = Partial<Record<MetadataField, string>> & { approximateDate?: boolean };

/** The fields the loader requires; the others are optional. */
export const REQUIRED_FIELDS = ["title", "source", "date"] as const;
export type RequiredField = (typeof REQUIRED_FIELDS)[number];

/** How to give each field on the command line, for messages that name the missing flag. */
export const FLAG_FOR: Record<MetadataField, string> = {
  title: '--title "..."',
  source: '--source "..." (the publisher)',
  date: "--date YYYY-MM-DD",
  url: "--url https://...",
  symbol: "--symbol S/2021/520",
};

/** The metadata of one document: each value with where it came from, and the required fields still missing. */
export interface ResolvedMetadata {
  values: Partial<Record<MetadataField, string>>;
  from: Partial<Record<MetadataField, string>>;
  approximateDate: boolean;
  missing: RequiredField[];
}

const FIELDS: MetadataField[] = ["title", "source", "date", "url", "symbol"];

/** Combines what was found in a document with the flags given (flags win), and lists what is still missing. */
export function resolveMetadata(
  found: FoundMetadata,
  flags: MetadataFlags,
  approximateDate = false,
): ResolvedMetadata {
  const values: ResolvedMetadata["values"] = {};
  const from: ResolvedMetadata["from"] = {};
  for (const field of FIELDS) {
    const flag = flags[field]?.trim();
    if (flag) {
      values[field] = flag;
      from[field] = `--${field}`;
    } else if (found[field]) {
      values[field] = found[field].value;
      from[field] = found[field].from;
    }
  }
  return {
    values,
    from,
    approximateDate: flags.approximateDate ?? approximateDate,
    missing: REQUIRED_FIELDS.filter((field) => !values[field]),
  };
}

/**
 * Checks one value as the loader would, and returns the loader's message when it is refused: the same words
 * whether it was typed at a prompt or given as a flag.
 */
export function checkField(field: MetadataField, value: string): string | null {
  const result = frontMatterSchema.shape[field].safeParse(value);
  return result.success ? null : (result.error.issues[0]?.message ?? `${field} is not valid`);
}

/** The front matter for resolved metadata, in the order the README documents; throws if a field is missing. */
export function toFrontMatter(metadata: ResolvedMetadata, id?: string): FrontMatter {
  const { values } = metadata;
  const front = {
    title: values.title,
    source: values.source,
    date: values.date,
    ...(metadata.approximateDate ? { approximate_date: true } : {}),
    ...(values.url ? { url: values.url } : {}),
    ...(values.symbol ? { symbol: values.symbol } : {}),
    ...(id ? { id } : {}),
  };
  return frontMatterSchema.parse(front);
}

/**
 * Writes a knowledge file: YAML front matter (by the yaml package, so quoting is always right) and the cleaned
 * body. The result is parsed back with the loader before it is returned, so a file the bot would skip is never
 * written.
 */
export function renderKnowledgeFile(
  file: string,
  front: FrontMatter,
  body: string,
): { text: string; document: KnowledgeDocument } {
  const yaml = YAML.stringify(front, { lineWidth: 0 });
  const text = `---\n${yaml}---\n\n${body.trim()}\n`;
  return { text, document: parseKnowledgeFile(file, Buffer.from(text)) };
}
