import { stemmer } from "stemmer";

// English function words plus the words people wrap a question in ("tell me", "how many", "please"):
// neither carries what the question is about, and leaving them in makes every query touch every passage.
const STOP_WORDS = new Set(
  `a about above after again against all also am an and any are aren't as at be because been before being
below between both but by can cannot could couldn't did didn't do does doesn't doing don't down during each
few for from further had hadn't has hasn't have haven't having he he'd he'll he's her here here's hers herself
him himself his how how's i i'd i'll i'm i've if in into is isn't it it's its itself let's me more most
mustn't my myself no nor not of off on once only or other ought our ours ourselves out over own same shan't
she she'd she'll she's should shouldn't so some such than that that's the their theirs them themselves then
there there's these they they'd they'll they're they've this those through to too under until up very was
wasn't we we'd we'll we're we've were weren't what what's when when's where where's which while who who's
whom why why's with won't would wouldn't you you'd you'll you're you've your yours yourself yourselves
please tell show give find know say said says many much whats whos wheres hows did does do done
anything something thing things about any latest current currently now today ever yet still just
according mention mentioned question answer explain describe happen happened happens get got`.split(/\s+/u),
);

/** Splits text into lower-case word tokens, folding accents ("Sévaré" -> "sevare") and possessives. */
export function tokenize(text: string): string[] {
  return (
    text
      .normalize("NFKD")
      .replace(/\p{M}/gu, "")
      .toLowerCase()
      // "13,289" and "1.920" stay one token; "Mission’s" loses its possessive.
      .replace(/(\d)[,.](?=\d{3}\b)/gu, "$1")
      .replace(/['’]s\b/gu, "")
      .split(/[^\p{L}\p{N}'’]+/u)
      .map((token) => token.replace(/^['’]+|['’]+$/gu, ""))
      .filter((token) => token !== "")
  );
}

export function isStopWord(token: string): boolean {
  return STOP_WORDS.has(token);
}

/** The index's form of a token: stemmed, or null for a stop word. Used to build the index and to query it. */
export function indexTerm(token: string): string | null {
  if (STOP_WORDS.has(token)) return null;
  if (/^\p{N}+$/u.test(token)) return token;
  return stemmer(token);
}

/** The stemmed content terms of a text, in order. */
export function contentTerms(text: string): string[] {
  const out: string[] = [];
  for (const token of tokenize(text)) {
    const term = indexTerm(token);
    if (term !== null) out.push(term);
  }
  return out;
}
