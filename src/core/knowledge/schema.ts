import { isValid } from "date-fns/isValid";
import { parseISO } from "date-fns/parseISO";
import { z } from "zod";

const isoDate = z
  .string({ error: "date must be a YYYY-MM-DD string (quote it in YAML if needed)" })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "date must be YYYY-MM-DD" })
  .refine((value) => isValid(parseISO(value)), { error: "date is not a real calendar day" });

/**
 * The YAML front matter of a knowledge file. YAML turns an unquoted 2021-06-01 into a Date, so dates are
 * normalised back to strings before validation (see `normaliseFrontMatter`).
 */
export const frontMatterSchema = z.strictObject({
  title: z.string().trim().min(1, { error: "title must not be empty" }),
  source: z.string().trim().min(1, { error: "source (the publisher) must not be empty" }),
  date: isoDate,
  approximate_date: z.boolean({ error: "approximate_date must be true or false" }).optional(),
  url: z.url({ error: "url must be an http(s) link", protocol: /^https?$/ }).optional(),
  symbol: z
    .string()
    .regex(/^[A-Z][A-Z0-9.]*(\/[A-Za-z0-9.()-]+)+$/, {
      error: "symbol must look like a UN symbol, e.g. S/2021/520",
    })
    .optional(),
  subjects: z
    .array(z.string().trim().min(1, { error: "subjects: a subject must not be empty" }), {
      error: "subjects must be a list of mission or country names, e.g. [MONUSCO, DR Congo]",
    })
    .min(1, { error: "subjects must name at least one mission or country" })
    .optional(),
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]*$/, { error: "id must use lower-case letters, digits, '.', '_' or '-'" })
    .optional(),
});

export type FrontMatter = z.infer<typeof frontMatterSchema>;

/** What every passage and citation carries about the document it comes from. */
export interface DocumentMeta {
  id: string;
  title: string;
  source: string;
  /** YYYY-MM-DD */
  date: string;
  approximateDate: boolean;
  url: string | null;
  symbol: string | null;
  /**
   * the missions and countries the document is about, as its front matter states them; when absent they are
   * inferred from its text (see `src/core/answer/subject.ts`)
   */
  subjects?: string[] | undefined;
}

export interface KnowledgeDocument extends DocumentMeta {
  /** the knowledge file's name, relative to the knowledge folder */
  file: string;
  /** cleaned Markdown body */
  body: string;
  /** sha256 of the file's bytes: what the digest and the index cache key on */
  hash: string;
}

export interface Passage {
  /** `<doc id>#<n>`, n counted from 1 in document order */
  id: string;
  doc: DocumentMeta;
  section: string | null;
  text: string;
}
