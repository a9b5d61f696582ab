/** The questions issue 6 names, which must always get a polite answer and never an exception. */
export const HOSTILE_QUERIES: Record<string, string> = {
  empty: "",
  whitespace: " \t\n  \u3000 ",
  "40,000 characters": "troop ceiling ".repeat(2_858).slice(0, 40_000),
  "only emoji": "🪖🚁💣🇲🇱🤷‍♀️",
  "right-to-left": "ما هو الحد الأقصى لعدد القوات؟ \u202eceiling troop",
  "zero-width": "tr\u200boop\u200c ceil\u200ding\ufeff",
  "control characters": "\u0000troop\u0007 \u001b[31mceiling\u007f\b",
  "all stop words": "what is the of and to it was that for on",
  "regular-expression metacharacters": "(troop|ceiling)+ .* [a-z]{2,} \\d+ $^ (?<x>) \\",
};
