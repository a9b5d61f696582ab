import { stemmer } from "stemmer";

// English function words plus the words people wrap a question in ("tell me", "how many", "please"):
// neither carries what the question is about, and leaving them in makes every query touch every passage.
const STOP_WORDS = new Set(
  `a about above after again against all also am an and any are aren't as at be because been before being
below between both but by can cannot could couldn't did didn't do does doesn't doing don't down during each
few for from further had hadn't has hasn't have haven't having he he'd he'll he's her here here's hers herself
him himself his how how's i i'd i'll i'm i've if in into is isn't it it's its itself let's me more most
must mustn't my myself no nor not of off on once only or other ought our ours ourselves out over own same shan't
she she'd she'll she's should shouldn't so some such than that that's the their theirs them themselves then
there there's these they they'd they'll they're they've this those through to too under until up very was
wasn't we we'd we'll we're we've were weren't what what's when when's where where's which while who who's
whom why why's with won't would wouldn't you you'd you'll you're you've your yours yourself yourselves
please tell show give find know say said says many much whats whos wheres hows did does do done
anything something thing things about any latest current currently now today ever yet still just
according mention mentioned question answer explain describe happen happened happens get got gets getting
nothing everything someone anyone everyone somebody anybody actually really instead basically exactly probably
maybe perhaps kind sort lot lots bit would like want wanted wants think thought go going went come came way`.split(
    /\s+/u,
  ),
);

// British and American spellings of the same word must meet in the index ("centre" and "center").
const SPELLING: Array<[RegExp, string]> = [
  [/^(cen|me|thea|li)tre(s?)$/u, "$1ter$2"],
  [/^(\p{L}{3,})our(s|ed|ing)?$/u, "$1or$2"],
  [/^(\p{L}{2,})is(e|es|ed|ing|ation|ations)$/u, "$1iz$2"],
  [/^(defen|offen|licen|preten)ce(s?)$/u, "$1se$2"],
  [/^(\p{L}+)ogue(s?)$/u, "$1og$2"],
];

// A Map, not an object literal: a token such as "constructor" must not find Object.prototype's.
const MONTH_ABBREVIATIONS = new Map([
  ["jan", "january"],
  ["feb", "february"],
  ["mar", "march"],
  ["apr", "april"],
  ["jun", "june"],
  ["jul", "july"],
  ["aug", "august"],
  ["sep", "september"],
  ["sept", "september"],
  ["oct", "october"],
  ["nov", "november"],
  ["dec", "december"],
]);

const spellings = new Map<string, string>();

function americanise(token: string): string {
  const month = MONTH_ABBREVIATIONS.get(token);
  if (month) return month;
  if (token.length < 5) return token;
  let spelt = spellings.get(token);
  if (spelt === undefined) {
    spelt = token;
    for (const [pattern, replacement] of SPELLING) {
      if (pattern.test(token)) {
        spelt = token.replace(pattern, replacement);
        break;
      }
    }
    if (spellings.size > 200_000) spellings.clear();
    spellings.set(token, spelt);
  }
  return spelt;
}

// A text with no character outside ASCII has nothing for NFKD to decompose and no mark to drop: it skips both
// (most sentences of the documents are plain ASCII, and reading them is the costliest step of an answer).
const NON_ASCII = /[^\x00-\x7f]/u;
const MARKS = /[\p{M}\u200B-\u200D\u2060\uFEFF\u00AD]/gu;
const QUOTES_AT_ENDS = /^['’]+|['’]+$/gu;

// A dotted acronym ("U.N.", "U.S.-led", "A.U.'s") is the word its letters make, as a question writes it ("UN"):
// split at its dots it was the terms "u" and "n", which nothing a reader types ever meets. Capitals only, so
// "p.m." and "e.g." stay apart; one letter before a name ("George W. Bush") is no acronym.
const MAY_BE_DOTTED = /[A-Z]\.[A-Z]/u;
const DOTTED = /(?<![\p{L}\p{N}.])((?:[A-Z]\.)+[A-Z])\.?(?![\p{L}\p{N}])/gu;

/**
 * The text with each dotted acronym written without its dots ("U.N. force" -> "UN force"), for every reader
 * of a text's words (index, question, capitals checks) to see one form. A joined form that is a stop word
 * ("I.T." -> "it") keeps its dots: dropped as a stop word, it would say less than its letters do.
 */
export function undotAcronyms(text: string): string {
  if (!MAY_BE_DOTTED.test(text)) return text;
  return text.replace(DOTTED, (whole: string, letters: string) => {
    const joined = letters.replaceAll(".", "");
    return STOP_WORDS.has(joined.toLowerCase()) ? whole : joined;
  });
}

/** The tokens of a text before spellings are folded (tokenize without americanise). */
function rawTokens(text: string): string[] {
  // Marks and invisible characters: "Sévaré" is "sevare", and "tr\u200Boop" is "troop".
  const pieces = undotAcronyms(NON_ASCII.test(text) ? text.normalize("NFKD").replace(MARKS, "") : text)
    .toLowerCase()
    // "13,289" and "1.920" stay one token; "Mission’s" loses its possessive.
    .replace(/(\d)[,.](?=\d{3}\b)/gu, "$1")
    .replace(/['’]s\b/gu, "")
    .split(/[^\p{L}\p{N}'’]+/u);
  const tokens: string[] = [];
  for (const piece of pieces) {
    const token = piece.includes("'") || piece.includes("’") ? piece.replace(QUOTES_AT_ENDS, "") : piece;
    if (token !== "") tokens.push(token);
  }
  return tokens;
}

/** Splits text into lower-case word tokens, folding accents ("Sévaré" -> "sevare"), possessives and spellings. */
export function tokenize(text: string): string[] {
  const tokens = rawTokens(text);
  for (let i = 0; i < tokens.length; i++) tokens[i] = americanise(tokens[i]!);
  return tokens;
}

export function isStopWord(token: string): boolean {
  return STOP_WORDS.has(token);
}

// Stemming is the costliest step of reading text, and the same few thousand words come back all the time.
const stems = new Map<string, string>();

/** The index's form of a token: stemmed, or null for a stop word. Used to build the index and to query it. */
export function indexTerm(token: string): string | null {
  if (STOP_WORDS.has(token)) return null;
  if (/^\p{N}+$/u.test(token)) return token;
  let stem = stems.get(token);
  if (stem === undefined) {
    stem = stemmer(token);
    if (stems.size > 200_000) stems.clear();
    stems.set(token, stem);
  }
  return stem;
}

// A token's content term (its spelling folded, then stemmed; null for a stop word), remembered whole: one
// lookup instead of four for the words that come back all the time.
const contentTermOf = new Map<string, string | null>();

/** The stemmed content terms of a text, in order. */
export function contentTerms(text: string): string[] {
  const out: string[] = [];
  for (const token of rawTokens(text)) {
    let term = contentTermOf.get(token);
    if (term === undefined) {
      term = indexTerm(americanise(token));
      if (contentTermOf.size > 200_000) contentTermOf.clear();
      contentTermOf.set(token, term);
    }
    if (term !== null) out.push(term);
  }
  return out;
}
