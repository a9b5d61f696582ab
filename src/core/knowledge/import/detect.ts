import { frontMatterSchema } from "../schema.ts";

/** The front matter fields an import can fill in. */
export type MetadataField = "title" | "source" | "date" | "url" | "symbol";

/** A value found in the document, and where, for the confirmation screen: `date: 2021-06-01 ("Letter dated 1 June 2021")`. */
export interface Found {
  value: string;
  from: string;
}

export type FoundMetadata = Partial<Record<MetadataField, Found>>;

const MONTHS = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];
const MONTH = "(January|February|March|April|May|June|July|August|September|October|November|December)";
const DAY_MONTH_YEAR = `(\\d{1,2})\\s+${MONTH}\\s+(\\d{4})`;
const MONTH_DAY_YEAR = `${MONTH}\\s+(\\d{1,2}),?\\s+(\\d{4})`;

// A UN document symbol on a line of its own (a running header) or after "United Nations" (the masthead):
// S/2021/520, A/75/283, A/HRC/46/L.1, S/RES/2584 (2021), S/PV.8789.
const SYMBOL_LINE =
  /^(?:United Nations\s+)?([A-Z]{1,3}(?:\/[A-Z0-9.]+)*\/(?:\d|PV\.\d)[A-Za-z0-9.]*(?:\/[A-Za-z0-9.]+)*(?: \(\d{4}\))?)$/u;

/** The publisher of a UN document, by its symbol's series (the Council's own documents start with S/). */
const PUBLISHERS: Array<[RegExp, string]> = [
  [/^S\//u, "United Nations Security Council"],
  [/^A\/HRC\//u, "United Nations Human Rights Council"],
  [/^A\//u, "United Nations General Assembly"],
  [/^E\//u, "United Nations Economic and Social Council"],
];
const ORGANS: Record<string, string> = {
  "security council": "United Nations Security Council",
  "general assembly": "United Nations General Assembly",
  "human rights council": "United Nations Human Rights Council",
  "economic and social council": "United Nations Economic and Social Council",
};

/** The first page: up to the first form feed (a PDF's page break), or the first 60 lines of a text. */
export function firstPage(text: string): string {
  const page = text.split("\f")[0] ?? "";
  return page.split("\n").slice(0, 60).join("\n");
}

/**
 * Finds what it can of a document's metadata in its raw text (before cleaning): the UN symbol (masthead or
 * running header), the date ("Letter dated 1 June 2021", then "Distr.: General 25 September 2018", then an
 * ISO date leading the file name), the publisher from the symbol or the masthead, and the undocs.org link of
 * a symbol or a lone link at the top of the text. The title comes later, from the cleaned text's first heading.
 */
export function detectMetadata(raw: string, fileName: string): FoundMetadata {
  const found: FoundMetadata = {};
  const page = firstPage(raw);
  const symbol = detectSymbol(raw);
  if (symbol) found.symbol = symbol;
  const date = detectDate(page, fileName);
  if (date) found.date = date;

  const publisher = symbol && PUBLISHERS.find(([series]) => series.test(symbol.value));
  if (publisher) {
    found.source = { value: publisher[1], from: `the symbol ${symbol.value}` };
  } else {
    const organ = page
      .split("\n")
      .slice(0, 8)
      .map((line) => /^(.*?)\s*(Distr\.:.*)?$/u.exec(line.trim())?.[1]?.toLowerCase() ?? "")
      .find((line) => line in ORGANS);
    if (organ) found.source = { value: ORGANS[organ]!, from: `the masthead ("${titleCase(organ)}")` };
  }

  if (symbol && valid("url", undocsLink(symbol.value))) {
    found.url = { value: undocsLink(symbol.value), from: `the symbol ${symbol.value}` };
  } else {
    const link = page
      .split("\n")
      .map((line) => line.trim())
      .filter(Boolean)
      .slice(0, 5)
      .find((line) => /^https?:\/\/\S+$/u.test(line) && valid("url", line));
    if (link) found.url = { value: link, from: "a link at the top of the text" };
  }
  return found;
}

/** The title: the cleaned text's first block, when it is a heading. */
export function detectTitle(cleaned: string): Found | null {
  const first = cleaned.split("\n\n")[0] ?? "";
  const heading = /^#{1,6}\s+(.+)$/u.exec(first);
  if (!heading) return null;
  return { value: heading[1]!.trim(), from: "the first heading" };
}

/**
 * The opening lines UN documents use as their title, as the Official Document System lists them: a letter or
 * note verbale "dated … from … addressed to the President of the Security Council" (S/2021/520), "Report of
 * the Secretary-General on the situation in Mali", a report under its masthead heading ("Situation in Mali"
 * then "Report of the Secretary-General"), and "Resolution 2690 (2023)". Each returns the title and the words
 * it took, so a title wrapped over lines, or run on into the first paragraph, is cut at the right word.
 */
const OPENING_TITLES: Array<(head: string, lines: string[]) => { title: string; taken: string } | null> = [
  // A letter's opening ends where its grammar does: at the addressee.
  (head) => {
    const match =
      /^(?:Identical letters|Letter|Note verbale) dated \d{1,2} [A-Z][a-z]+ \d{4} from .{3,200}? addressed to the (?:President of the (?:Security Council|General Assembly)|Secretary-General)(?![\w-])/u.exec(
        head,
      );
    return match ? { title: match[0], taken: match[0] } : null;
  },
  // A report's title is its first line, and the next when the first stops on a word that needs more.
  (_head, lines) => {
    if (!/^Report of the Secretary-General on \S/u.test(lines[0] ?? "")) return null;
    let taken = lines[0]!;
    for (let i = 1; i < 3 && /\b(?:the|in|of|on|and|concerning|to|-)$/u.test(taken) && lines[i]; i += 1) {
      taken = `${taken} ${lines[i]}`;
    }
    return { title: taken, taken };
  },
  (_head, lines) => {
    if (!/^Situation (?:in|concerning) \S.{0,80}$/u.test(lines[0] ?? "")) return null;
    if (lines[1] !== "Report of the Secretary-General") return null;
    return { title: `${lines[0]}: ${lines[1]}`, taken: `${lines[0]} ${lines[1]}` };
  },
  (head) => {
    const match = /^Resolution \d{1,4} \(\d{4}\)(?![\w-])/u.exec(head);
    return match ? { title: match[0], taken: match[0] } : null;
  },
];

/**
 * A UN document's title at the top of its text (see OPENING_TITLES), and the text after it. The text is
 * given after the masthead is removed (`stripUnFurniture`); null when it does not open with such a title.
 *
 * @example openingTitle("Resolution 2690 (2023)\nAdopted by the Security Council…")?.title // "Resolution 2690 (2023)"
 */
export function openingTitle(text: string): { title: string; rest: string } | null {
  const start = text.slice(0, 1_000).replace(/\f/gu, " ");
  // The first few hundred characters with line breaks, blank lines and runs of spaces made single spaces.
  const head = start.replace(/\s+/gu, " ").trim();
  const lines = start
    .split("\n")
    .map((line) => line.replace(/\s+/gu, " ").trim())
    .filter((line) => line !== "");
  for (const rule of OPENING_TITLES) {
    const found = rule(head, lines);
    if (!found) continue;
    // Walks the text over the words taken, whitespace aside, to cut it where the title ends.
    let at = 0;
    for (const char of found.taken.replace(/\s+/gu, "")) {
      while (at < text.length && text[at] !== char) at += 1;
      at += 1;
    }
    return { title: found.title, rest: text.slice(at).trimStart() };
  }
  return null;
}

/** The undocs.org link of a UN symbol: the address the Official Document System answers for every symbol. */
export function undocsLink(symbol: string): string {
  return `https://undocs.org/en/${symbol.replace(/ /gu, "%20")}`;
}

function detectSymbol(raw: string): Found | null {
  const page = firstPage(raw);
  const counts = new Map<string, number>();
  for (const line of raw.split("\n")) {
    const symbol = SYMBOL_LINE.exec(line.replace(/\f/gu, "").trim())?.[1];
    if (symbol && valid("symbol", symbol)) counts.set(symbol, (counts.get(symbol) ?? 0) + 1);
  }
  // The masthead names the document's own symbol; a running header repeats it on every page.
  const masthead = page
    .split("\n")
    .map((line) => /^United Nations\s+(\S.*)$/u.exec(line.trim())?.[1])
    .find((symbol) => symbol !== undefined && counts.has(symbol));
  if (masthead) return { value: masthead, from: "the first page" };
  let best: string | null = null;
  for (const [symbol, count] of counts) if (best === null || count > counts.get(best)!) best = symbol;
  if (best === null) return null;
  return { value: best, from: page.includes(best) ? "the first page" : "the running header" };
}

function detectDate(page: string, fileName: string): Found | null {
  const flat = page.replace(/\s+/gu, " ");
  const dated = new RegExp(
    `\\b(?:(?:Letter|Identical letters|Note verbale|Note) )?dated (?:${DAY_MONTH_YEAR}|${MONTH_DAY_YEAR})`,
    "iu",
  ).exec(flat);
  if (dated) {
    const [whole, d1, m1, y1, m2, d2, y2] = dated;
    const day = isoDay(y1 ?? y2!, m1 ?? m2!, d1 ?? d2!);
    if (day) return { value: day, from: `"${whole}"` };
  }
  const distributed = new RegExp(`Distr\\.: ?(?:General|Limited|Restricted) ${DAY_MONTH_YEAR}`, "u").exec(
    flat,
  );
  if (distributed) {
    const day = isoDay(distributed[3]!, distributed[2]!, distributed[1]!);
    if (day) return { value: day, from: `"${distributed[0]}"` };
  }
  const named = /^(\d{4}-\d{2}-\d{2})(?!\d)/u.exec(fileName.split(/[\\/]/u).at(-1) ?? "");
  if (named && valid("date", named[1]!)) return { value: named[1]!, from: "the file name" };
  return null;
}

function isoDay(year: string, month: string, day: string): string | null {
  const m = MONTHS.indexOf(month.toLowerCase()) + 1;
  const value = `${year}-${String(m).padStart(2, "0")}-${day.padStart(2, "0")}`;
  return valid("date", value) ? value : null;
}

/** Whether a value passes the same check the loader applies to that front matter field. */
export function valid(field: MetadataField, value: string): boolean {
  return frontMatterSchema.shape[field].safeParse(value).success;
}

function titleCase(text: string): string {
  return text.replace(/\b\p{L}/gu, (letter) => letter.toUpperCase()).replace(/\bAnd\b/u, "and");
}

const MASTHEAD = [
  /^United Nations(\s+\S+)?$/u,
  /^(Security Council|General Assembly|Human Rights Council|Economic and Social Council)(\s+Distr\..*)?$/iu,
  /^Distr\.:\s*(General|Limited|Restricted)$/iu,
  /^Original:\s*\p{L}+$/u,
  /^\d{1,2}\s+\p{L}+\s+\d{4}$/u,
];

/**
 * Drops a UN masthead from the top of the first page ("United Nations S/2021/520", "Security Council
 * Distr.: General", its date, "Original: English") and every line that is only the document's symbol (the
 * running header, which cleanText drops only for the common shapes): metadata, not text.
 */
export function stripUnFurniture(raw: string, symbol: string | null): string {
  const lines = raw.split("\n");
  const isDistributed = lines.slice(0, 12).some((line) => /Distr\.:/u.test(line));
  let start = 0;
  if (isDistributed) {
    while (start < Math.min(lines.length, 12)) {
      const line = (lines[start] ?? "").replace(/\f/gu, "").trim();
      if (line !== "" && !MASTHEAD.some((pattern) => pattern.test(line))) break;
      start += 1;
    }
  }
  return lines
    .slice(start)
    .filter((line) => symbol === null || line.replace(/\f/gu, "").trim() !== symbol)
    .join("\n");
}
