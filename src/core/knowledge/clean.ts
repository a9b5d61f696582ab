import { isEnglishWord } from "./words.ts";

/**
 * The version of what cleaning (and the splitting after it) produces. It is part of the persisted index's key
 * (src/knowledge/open.ts), so bump it whenever a change here or in sentences.ts/passages.ts changes the text
 * a document gives: an index persisted before the change is then rebuilt instead of answering with old text.
 */
export const CLEAN_VERSION = 4;

/**
 * Turns raw document text (a news page copied as text, a PDF's text export, or an already clean knowledge
 * file) into clean Markdown: one paragraph a line, blank lines between paragraphs, `## ` section headings.
 * Cleaning a clean text changes nothing, so it is safe to run on every load.
 *
 * @example cleanText("S/2021/520\n\n3/7 21-06844\n\nth e counterp arts") // "the counterparts"
 */
export function cleanText(raw: string): string {
  const lines = normaliseCharacters(raw)
    .split("\n")
    .map((line) => line.replace(/[ \t]+$/u, ""))
    .filter((line) => line.trim() !== "" && !isPageFurniture(line));
  const text = dropLeadingNavigation(dropChrome(dropLinkLists(dropTeasers(lines))));
  const blocks = joinLines(text, isOneParagraphALine(text));
  return blocks.map((block) => (block.heading ? `## ${block.text}` : block.text)).join("\n\n");
}

/** Repairs what PDF extraction does to words inside a line: `th e`, `counterp arts`, `self -defence`. */
export function repairWords(text: string): string {
  return (
    text
      // "self -defence", "in -mission": a hyphen that lost its first neighbour's company
      .replace(/(\p{L}) -(\p{L})/gu, "$1-$2")
      // The lookahead leaves the second fragment unconsumed, so "local counterp arts" still gets to "counterp arts".
      .replace(
        /(?<![\p{L}\p{N}'’-])(\p{L}+) (?=(\p{Ll}+)(?![\p{L}\p{N}'’-]))/gu,
        (whole, a: string, b: string) => (isSplitWord(a, b) ? a : whole),
      )
  );
}

/** Two fragments are one split word when their concatenation is a word while at least one of them is not. */
function isSplitWord(a: string, b: string): boolean {
  // Proper nouns are left alone: only the first fragment may carry a capital (at a sentence start).
  if (a.length + b.length < 3 || a.slice(1) !== a.slice(1).toLowerCase()) return false;
  const joined = `${a}${b}`.toLowerCase();
  return isEnglishWord(joined) && !(isEnglishWord(a.toLowerCase()) && isEnglishWord(b));
}

/**
 * Joins a paragraph's lines. A line that ends in a hyphen meets the next without a space: "peace-" + "keeping"
 * becomes "peacekeeping" when the halves make one word, "troop-" + "contributing" keeps its hyphen. Each
 * decision looks at two lines only, so a paragraph of thousands of lines stays linear.
 */
function joinParagraphLines(lines: string[]): string {
  const parts: string[] = [];
  lines.forEach((line, i) => {
    const previous = lines[i - 1];
    if (previous === undefined || !/\p{L}-$/u.test(previous)) {
      parts.push(i === 0 ? line : ` ${line}`);
      return;
    }
    const before = /\p{L}+(?=-$)/u.exec(previous)?.[0] ?? "";
    const after = /^\p{L}+/u.exec(line)?.[0] ?? "";
    // At a line end the hyphen may be the typesetter's: drop it when the two halves make one word.
    const keep = after !== after.toLowerCase() || !isEnglishWord(`${before}${after}`.toLowerCase());
    if (!keep) parts[parts.length - 1] = parts[parts.length - 1]!.slice(0, -1);
    parts.push(line);
  });
  return parts.join("");
}

const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF\u00AD]/gu;
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/gu;

function normaliseCharacters(raw: string): string {
  return raw
    .normalize("NFC")
    .replace(/\r\n?/g, "\n")
    .replace(ZERO_WIDTH, "")
    .replace(CONTROL, "")
    .replace(/[\u00A0\u2000-\u200A\u202F\u205F\u3000]/gu, " ");
}

// Running headers, page numbers and web page chrome that extraction leaves in the text.
const FURNITURE: RegExp[] = [
  /^\s*\d{1,4}\/\d{1,4}\s+\d{2}-\d{5}(\s*\(E\))?\s*$/u, // "3/7 21-06844"
  /^\s*\d{2}-\d{5}(\s*\(E\))?\s+\d{1,4}\/\d{1,4}\s*$/u, // "21-06844 4/7"
  /^\s*\d{2}-\d{5}(\s*\(E\))?\s*$/u, // a job number alone
  /^\s*\d{2}-\d{5}\s*\([A-Z]\)\s+\d{6}\s*$/u, // "21-06844 (E) 030621": the job number on a first page
  /^\s*\*\d{7}\*\s*$/u, // "*2106844*": the job number's barcode, as text
  /^\s*Please recycle\s*$/iu,
  /^\s*(page\s+)?\d{1,4}(\s*(\/|of)\s*\d{1,4})?\s*$/iu, // "3", "3/7", "Page 3 of 7"
  /^\s*[A-Z]{1,3}\/(RES\/)?\d{2,4}\/\d{1,5}(\/[A-Za-z0-9.]+)*\s*$/u, // "S/2021/520" alone: a running header
  /^\s*https?:\/\/\S+\s*$/u, // a bare link: a PDF's link annotation, not a sentence
  /^\s*(RELATED|ADVERTISEMENT|Advertisement|READ MORE:.+|Read more:.+|Source: .{1,60}|Share this article.*)\s*$/u,
];

/** Whether a line is a running header, a page number or web page chrome rather than text. */
export function isPageFurniture(line: string): boolean {
  return FURNITURE.some((pattern) => pattern.test(line));
}

// A photo credit, alone or closing a caption: "UN Photo/Harandane Dicko", "... in Gao. REUTERS/Stringer".
// A mission's own credit is its acronym: "MONUSCO/Michael Ali", "UNIFIL/Pasqual Gorriz".
const PHOTO_CREDITS = [
  /(^|\s)(©\s*)?(un photo|unicef|unhcr|reuters|afp|ap|getty images|epa|anadolu)(\s+via\s+getty images)?\/\p{L}[\p{L}'’.-]*(\s\p{Lu}[\p{L}'’.-]*){0,3}$/iu,
  /(^|\s)(©\s*)?[A-Z]{3,10}\/\p{Lu}[\p{L}'’.-]*(\s\p{Lu}[\p{L}'’.-]*){0,3}$/u,
];

/** A credit alone, or closing a caption's sentence ("... North Kivu. MONUSCO/Michael Ali"). */
function isPhotoCredit(line: string): boolean {
  return PHOTO_CREDITS.some((pattern) => {
    const match = pattern.exec(line);
    if (!match) return false;
    const caption = line.slice(0, match.index).trim();
    return caption === "" || /[.!?]["'”’)\]]*$/u.test(caption);
  });
}
// A news site's section label: alone on a line, or after the story's date ("19 December 2023 Peace and Security").
const SECTION_LABEL =
  /(^|\s)(peace and security|humanitarian aid|human rights|climate and environment|migrants and refugees|un affairs|law and crime prevention|economic development|culture and education|sustainable development goals|sdgs|health|women|world|world news|africa|middle east|europe|americas|asia|asia pacific|news|meetings coverage|press release)$/iu;

// Lines of a web page or press release around the text: masthead, navigation, bylines, date lines, meeting
// lines, photo credits, share buttons, wire-service sign-offs. Each is matched on the whole trimmed line.
const CHROME: RegExp[] = [
  /^(skip to (main )?content|welcome to the united nations|meetings coverage and press releases|global perspective,? human stories|search|menu|home|back to top|print|email|share|share this( article| story| page)?:?|listen to this article|image caption|image source.*|topics:?|tags:.*|filed under:?.*)$/iu,
  // A row of share buttons: "Facebook Twitter Print Email".
  /^((facebook|twitter|x|linkedin|whatsapp|reddit|print|email|e-mail|link|copy link|tweet|share|share on \p{L}+)[\s,|·•]*){2,}$/iu,
  /^advertisement(\s*[·•|-]\s*scroll to continue)?$|^scroll to continue$/iu,
  /^(get|download) the (free )?un news app.*$/iu,
  /^(subscribe|sign up)\b.{0,80}(newsletter|updates|alerts).*$/iu,
  /^for information media[.,]? not an official record\.?$/iu,
  /^our standards:.*$/iu,
  /^\(?((additional )?reporting|writing|editing|compiled|edited) by [^.]{2,200}\)?\.?$/iu,
  /^(©|\(c\)|copyright\b).{0,120}$/iu,
  /^all rights reserved\.?$/iu,
  /^\d{1,2} min(ute)?s? read$/iu,
  // A press release's meeting line and its symbol: "9350th Meeting (AM)", "SC/15353", "SG/SM/21861".
  /^(security council\s+)?\d{1,5}(st|nd|rd|th) meeting \((am|pm|am & pm|night)\)$/iu,
  /^[A-Z]{2,4}(\/[A-Z]{1,4})*\/\d{3,6}(-[A-Z]{2,4}\/\d{3,6})*$/u,
  // A UN document's masthead, when a PDF export keeps it: "United Nations S/2019/454", "Distr.: General".
  /^(united nations\s+[A-Z]{1,3}\/\S+|(security council\s+|general assembly\s+)?distr\.:\s*(general|limited|restricted).*|original:\s*\p{L}+)$/iu,
  // A news agency or site named alone: the credit under a byline.
  /^(un news|reuters|afp|agence france-presse|ap|associated press|upi|xinhua|al jazeera|bbc news|france 24)$/iu,
  /^(photo|photograph|picture|credit|image)( credit)?:.{1,100}$/iu,
  // A photo caption as news sites print it: a sentence, then the agency's credit ("... Wagner Group. (AFP)").
  /^.{10,400}[.!?]["'”’]?\s*\((AFP|Reuters|AP|UPI|ANI|EPA|Getty Images)\)$/u,
];

// A by-line: "By Jane Doe", "By John Smith and Amadou Diallo", "By Jane Doe, UN News". A month or a number
// among the names makes it a sentence instead ("By December 2023, ...").
const BYLINE =
  /^[Bb]y\s+\p{Lu}[\p{L}'’.-]*(?:(?:\s+|\s*,\s*|\s+and\s+|\s*&\s*|\s*\|\s*)\p{Lu}[\p{L}'’.-]*){0,7}$/u;

// Words a date line is made of: "15 December 2023", "August 14, 2023 4:32 PM UTC Updated 2 hours ago",
// "Published: Wednesday, 14 Aug 2023". Such a line is the page's date, already in the front matter.
const DATE_WORDS = new Set(
  "january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thurs fri sat sun published updated modified issued last posted on at am pm gmt utc cet cest edt est bst wat ago hour hours minute minutes day days yesterday today".split(
    " ",
  ),
);
const MONTH_OR_AGO =
  /\b(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?|ago)\b|\d{1,2}\/\d{1,2}\/\d{2,4}/iu;

function isDateLine(line: string): boolean {
  const words = line
    .toLowerCase()
    .split(/[\s,|·•:]+/u)
    .filter(Boolean);
  return (
    words.length > 0 &&
    words.length <= 14 &&
    !/\.$/u.test(line) && // "5 May." ends a sentence
    MONTH_OR_AGO.test(line) &&
    words.every((word) => DATE_WORDS.has(word.replace(/\.$/u, "")) || /^[\d/:.-]+$/u.test(word))
  );
}

/** Whether a line is web page or press release chrome (navigation, by-line, date line, credit) rather than text. */
export function isWebChrome(line: string): boolean {
  const text = line.trim();
  if (MARKDOWN_HEADING.test(text)) return false;
  if (text.length > 240) return false;
  return (
    CHROME.some((pattern) => pattern.test(text)) ||
    isPhotoCredit(text) ||
    (SECTION_LABEL.test(text) && (SECTION_LABEL.exec(text)?.index ?? 1) === 0) ||
    isDateLine(text.replace(SECTION_LABEL, "")) ||
    (BYLINE.test(text) && !MONTH_OR_AGO.test(text) && !/\d/u.test(text)) ||
    isDateLine(text)
  );
}

/**
 * Drops chrome lines, and the caption under a photo credit when chrome follows it (a news page's header:
 * credit, caption, date): the caption describes a picture, not the story.
 */
function dropChrome(lines: string[]): string[] {
  const out: string[] = [];
  lines.forEach((line, i) => {
    const before = out.at(-1)?.trim() ?? "";
    // A line after "formed on" or a comma continues that sentence ("5 May."), whatever it looks like alone.
    const continues =
      /[,–—-]$/u.test(before) || DANGLING.has(before.split(/\s+/u).at(-1)?.toLowerCase() ?? "");
    if (!continues && (isWebChrome(line) || isCaption(lines, i))) return;
    out.push(line);
  });
  return out;
}

function isCaption(lines: string[], i: number): boolean {
  const credit = lines[i - 1]?.trim();
  const after = lines[i + 1];
  return (
    credit !== undefined &&
    isPhotoCredit(credit) &&
    credit.split(/\s+/u).length <= 6 && // the credit alone, not a caption closing with one
    lines[i]!.trim().split(/\s+/u).length <= 30 &&
    after !== undefined &&
    isWebChrome(after)
  );
}

// "READ MORE" (one link title under it), "Related Stories" (a list of them): other articles, not this one.
const READ_MORE = /^(read more|read next|read also|also read|see also)(:)?$/iu;
const LINK_LIST =
  /^(related|related (stories|articles|content|news|coverage|links)|more (stories|on this|from un news)|recommended|most read|you may also like)(:)?$/iu;

/** Drops a link marker and the link titles under it (lines that end no sentence). */
function dropLinkLists(lines: string[]): string[] {
  const out: string[] = [];
  let links = 0;
  for (const line of lines) {
    const text = line.trim();
    if (READ_MORE.test(text) || LINK_LIST.test(text)) {
      links = LINK_LIST.test(text) ? Number.POSITIVE_INFINITY : 1;
      continue;
    }
    if (links > 0 && !MARKDOWN_HEADING.test(text) && !/[.!?]["'”’)\]]*$/u.test(text) && text.length < 200) {
      links--;
      continue;
    }
    links = 0;
    out.push(line);
  }
  return out;
}

/**
 * Drops one-word lines above the first paragraph ("World", "Africa", "Menu"): a news site's navigation.
 */
function dropLeadingNavigation(lines: string[]): string[] {
  // The text starts at the first heading, sentence end or line of eight words: a second pass, which sees
  // joined paragraphs and Markdown headings, finds it no later than the first did, so it drops nothing new.
  const first = lines.findIndex((line) => {
    const text = line.trim();
    return MARKDOWN_HEADING.test(text) || TERMINAL.test(text) || text.split(/\s+/u).length >= 8;
  });
  const end = first < 0 ? lines.length : first;
  return lines.filter((line, i) => !(i < end && /^\p{Lu}\p{Ll}*$/u.test(line.trim())));
}

/**
 * Whether the text already has one paragraph a line (a web page copied as text, a knowledge file), rather
 * than lines wrapped mid-sentence (a PDF export, hard-wrapped Markdown). Wrapped text shows it in many of
 * its line breaks: the next line starts in lower case, or the line ends on a hyphen or a word such as "of".
 * In text with one paragraph a line, a line that ends no sentence is never continued by a line that starts
 * with a capital: it is a heading, a caption or a list item of its own. Cleaned text has no such break at
 * all, so a second pass reads it the same way.
 */
function isOneParagraphALine(lines: string[]): boolean {
  let breaks = 0;
  let wrapped = 0;
  for (let i = 1; i < lines.length; i++) {
    const previous = lines[i - 1]!.trim();
    const line = lines[i]!.trim();
    // A list item or heading starts a block whatever came before: its break says nothing about wrapping.
    if (MARKDOWN_HEADING.test(previous) || MARKDOWN_HEADING.test(line) || LIST_ITEM.test(line)) continue;
    breaks++;
    const lastWord = previous.split(/\s+/u).at(-1)?.toLowerCase() ?? "";
    if (/^\p{Ll}/u.test(line) || /\p{L}-$/u.test(previous) || DANGLING.has(lastWord)) wrapped++;
  }
  return wrapped <= WRAPPED_BREAKS * breaks;
}

// The share of line breaks that must fall mid-sentence for a text to count as wrapped: a PDF export has
// over half, a web page copied as text almost none.
const WRAPPED_BREAKS = 0.15;

/** A short line that the next line repeats at its start is a caption or teaser left by a web page. */
function dropTeasers(lines: string[]): string[] {
  return lines.filter((line, i) => {
    const next = lines[i + 1]?.trim();
    const here = line.trim();
    return !(
      next &&
      !MARKDOWN_HEADING.test(here) &&
      here.length < 40 &&
      next.length > here.length &&
      next.startsWith(here) &&
      !/[.!?:;,]$/u.test(here)
    );
  });
}

interface Block {
  text: string;
  heading: boolean;
}

// A sentence end, or a news agency's credit line ending a caption: "(AFP)".
const TERMINAL = /[.!?]["'”’)\]]*$|\((AFP|Reuters|AP|UPI|ANI)\)$/u;
const MARKDOWN_HEADING = /^#{1,6}\s+/u;
// A wire story's dateline: "BAMAKO, Aug 14 (Reuters) - ", "BAMAKO, Mali (AP) — ", "Bamako (AFP) - ",
// "GAO, Mali — ", "Bamako, 14 August 2023 – ". The place is kept out of the first sentence.
const AGENCY = "Reuters|AFP|AP|UPI|Xinhua|ANI|IANS|dpa|Anadolu|AA|APA";
const DATELINE = new RegExp(
  [
    `^\\p{Lu}[\\p{L}'’.-]*(?: \\p{Lu}[\\p{L}'’.-]*){0,3}(?:, [\\p{L}\\d. ,]{2,30}?)? \\((?:${AGENCY})\\) ?[-–—]{1,2} (?=["“‘']?[\\p{Lu}\\d])`,
    `^\\p{Lu}{3,}(?:[ -]\\p{Lu}{2,})*, (?:\\p{Lu}[\\p{L}.]+(?: \\p{Lu}[\\p{L}.]+)?|\\d{1,2} \\p{Lu}\\p{Ll}+(?: \\d{4})?|\\p{Lu}\\p{Ll}{2,8}\\.? \\d{1,2}(?:, \\d{4})?) ?[-–—]{1,2} (?=["“‘']?[\\p{Lu}\\d])`,
    `^\\p{Lu}\\p{Ll}+(?: \\p{Lu}\\p{Ll}+)?, \\d{1,2} \\p{Lu}\\p{Ll}+ \\d{4} ?[-–—]{1,2} (?=["“‘']?[\\p{Lu}\\d])`,
  ].join("|"),
  "u",
);

/** The text without a wire story's dateline at its start. */
export function stripDateline(text: string): string {
  return text.replace(DATELINE, "");
}
const LIST_ITEM = /^\s*([-*•]|\d{1,3}[.)]|\([a-z0-9]{1,3}\))\s+/u;
// A line ending in one of these words, or a comma, is always continued on the next line.
const DANGLING = new Set(
  "a an the and or but nor of to in on at by for with from into as than that which who whose whom its their his her our this these those is are was were be been has have had will would shall should may might can could not no including between among over under about after before during per via".split(
    " ",
  ),
);

function startsParagraph(line: string): boolean {
  return /^["'“‘([]?[\p{Lu}\d]/u.test(line.trim());
}

function isHeadingCandidate(text: string): boolean {
  const words = text.split(/\s+/u);
  const last = words.at(-1)?.toLowerCase() ?? "";
  return (
    // A press release's title runs longer, but in title case ("... Adopting Resolution 2640 (2022) by 13 Votes")
    (words.length <= 18 || (words.length <= 32 && isTitleCase(text))) &&
    !/[.!?:;,]["'”’)\]]*$/u.test(text) &&
    !DANGLING.has(last) &&
    /^[\p{Lu}(]/u.test(text) &&
    !/^\(?Signed\)?/iu.test(text)
  );
}

function joinLines(lines: string[], oneParagraphALine: boolean): Block[] {
  const blocks: Block[] = [];
  let current: string[] = [];

  const flush = (next: string | undefined) => {
    if (current.length === 0) return;
    const text = stripDateline(
      repairWords(
        joinParagraphLines(current)
          .replace(/\s{2,}/gu, " ")
          .trim(),
      ),
    );
    current = [];
    if (MARKDOWN_HEADING.test(text)) {
      blocks.push({ text: text.replace(MARKDOWN_HEADING, "").trim(), heading: true });
      return;
    }
    const heading = next !== undefined && startsParagraph(next) && isHeadingCandidate(text);
    blocks.push({ text, heading });
  };

  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] ?? "";
    const line = raw.trim();
    const indented = /^\s/u.test(raw);
    const previous = current.at(-1);
    if (
      previous !== undefined &&
      !shouldContinue(previous, line, indented, current.length === 1, oneParagraphALine)
    )
      flush(line);
    current.push(line);
    if (MARKDOWN_HEADING.test(line)) flush(lines[i + 1]?.trim());
  }
  flush(undefined);
  return blocks;
}

function shouldContinue(
  previous: string,
  line: string,
  indented: boolean,
  aloneInBlock: boolean,
  oneParagraphALine: boolean,
): boolean {
  if (MARKDOWN_HEADING.test(line) || MARKDOWN_HEADING.test(previous) || LIST_ITEM.test(line)) return false;
  // A lower-case start, or a closing bracket/punctuation, can only continue what came before.
  if (/^[\p{Ll},;:)\]]/u.test(line)) return true;
  const lastWord = previous.split(/\s+/u).at(-1)?.toLowerCase() ?? "";
  if (/[:–—-]$/u.test(previous) || DANGLING.has(lastWord)) return true;
  // A resolution's clauses ("Recalling ...,", "Decides ...;") each have a line of their own when the text
  // has one paragraph a line; in wrapped text a comma at a line end is only a wrap before a proper noun.
  if (/[,;]$/u.test(previous)) return !(oneParagraphALine && startsParagraph(line));
  if (/^\((?![a-z0-9]{1,3}\))/u.test(line)) return true; // "(MINUSMA), by which": a bracket, not a list item
  if (TERMINAL.test(previous)) return false;
  // An indented capital after a line with no full stop starts a paragraph or heading of its own (PDF layout);
  // otherwise the line was wrapped mid-sentence, before a proper noun or a number.
  if ((indented || oneParagraphALine) && startsParagraph(line)) return false;
  // A heading alone on its line: short, or in title case ("Security Council Terminates Mandate of ...").
  return !(aloneInBlock && isHeadingCandidate(previous) && (isShortLine(previous) || isTitleCase(previous)));
}

// Words a title in title case leaves in lower case.
const MINOR_WORDS = new Set(
  "a an the and or but nor of to in on at by for with from into as vs via per over under up upon off out amid after before than".split(
    " ",
  ),
);

/** Most of the line's words (all but articles, prepositions and conjunctions) start with a capital or a digit. */
function isTitleCase(line: string): boolean {
  const words = line
    .split(/\s+/u)
    .filter((word) => /\p{L}/u.test(word) && !MINOR_WORDS.has(word.toLowerCase()));
  if (words.length < 4) return false;
  const capitalised = words.filter((word) => /^["'“‘(]?[\p{Lu}\d]/u.test(word)).length;
  return capitalised / words.length >= 0.85;
}

function isShortLine(line: string): boolean {
  return line.split(/\s+/u).length <= 8;
}
