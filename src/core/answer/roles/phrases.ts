import { MONTH_PATTERN, WEEKDAY_PATTERN } from "../../lexicon.ts";
import { foldName } from "../features.ts";
import type { RoleKey } from "./statement.ts";

// How documents name a role and the person who holds it: the role phrases, and the person in a run of
// capitalised words.

export const CAP = "\\p{Lu}[\\p{L}'’.-]*";
export const PARTICLE = "(?:de|da|du|dos|van|von|al|el|ag|ould|ibn|bin|ben|le|la)";
export const NAME_RUN = `${CAP}(?:\\s+(?:${PARTICLE}\\s+)?${CAP}){0,5}`;

// Verbs of leading a mission, as data: "has headed", "leads", "took the helm of", "(named X) to lead".
const LEAD_VERBS = [
  "headed",
  "heads",
  "leads",
  "led",
  "(?:took|takes|taken|take|taking) the helm (?:of|at)",
  "to (?:lead|head)",
  "(?:was|is|been) (?:in charge|at the helm) of",
];
const LEAD_VERB = `(?:(?:has|had|have|who)\\s+)?(?:${LEAD_VERBS.join("|")})`;
// "led MINUSMA convoys", "heads the mission's police": the mission is only a modifier of what is led.
const NOT_THE_MISSION_ITSELF =
  "(?!['’]s|\\s+(?:convoys?|patrols?|bases?|camps?|troops|forces?|personnel|peacekeepers|compounds?|positions?|helicopters?|delegations?|teams?|police|contingents?|units?|operations?|investigations?|efforts?|officials?|staff)\\b)";
// Verbs of ruling a country, as data: "has led Mali", "ruled the country", "has governed".
const RULE_VERB = "(?:(?:has|had|have|who)\\s+)?(?:led|leads|ruled|rules|governed|governs|run|runs|ran)";
export const RULE_VERB_START = new RegExp(`^${RULE_VERB}\\s+`, "u");

// A holder for the time being: "acting head of the Mission", "interim Special Representative", "ad interim".
export const ACTING_BEFORE = /\b(?:[Aa]cting|[Ii]nterim|[Oo]fficer[- ]in[- ][Cc]harge)\s+(?:\S+\s+)?$/u;
export const ACTING_AFTER = /^[^,;]{0,30}?\b(?:ad interim|in an acting capacity|on an interim basis)\b/u;

/**
 * How documents name each role. Capitals matter where a title is capitalised ("President Keïta") and the
 * lower-case word is common ("the president said"): both are listed where both are used as titles.
 */
const ROLE_PHRASES: Array<[RoleKey, string]> = [
  [
    "head-of-mission",
    "(?<!Deputy |Assistant |Acting )(?:Special Representative|SRSG)|[Hh]ead of (?:the )?(?:[Mm]ission|\\p{Lu}{4,}\\b|(?:United Nations|UN)\\b[^,;.]{0,100}?\\b(?:Mission|Force|Operation)\\b)" +
      // a verb of leading the mission: "has headed the Mission", "leads MINUSMA", "took the helm of", "named X to lead"
      `|${LEAD_VERB} (?:the )?(?:(?:UN|United Nations|peacekeeping)\\s+)*(?:[Mm]ission|\\p{Lu}{4,}\\b)${NOT_THE_MISSION_ITSELF}` +
      // the mission led by someone: "MINUSMA, led by X", "the Mission is headed by Special Representative X"
      "|(?<!\\p{L})(?=[Mm]ission|\\p{Lu}{4})(?<!\\b(?:on|against|at|targeting|attacked|of|near|in|to|from|with)\\s+(?:the\\s+)?)(?:[Mm]ission|\\p{Lu}{4,})(?:,?\\s+(?:which\\s+)?(?:is|was|has been|had been|will be|now|currently))*,?\\s+(?:led|headed)\\s+by(?=\\s)" +
      // an appositive title: "the mission's chief, X", "the chief of MINUSMA", "X, the UN envoy in Mali"
      "|(?:[Mm]ission(?:'s|’s)|(?<!\\p{L})\\p{Lu}{4,}(?:'s|’s)|\\b[Ii]ts) (?:chief|head|top official)(?:\\s+(?:in|for)\\s+\\p{Lu}\\p{L}+)?(?=,)|(?:[Mm]ission|(?<!\\p{L})\\p{Lu}{4,}) (?:head|chief)(?= \\p{Lu}|,)|(?:UN|United Nations)(?:'s|’s)? top (?:official|envoy|representative)(?=\\s+(?:in|to|for)\\s+(?:the\\s+)?\\p{Lu})|[Cc]hief of (?:the )?(?:UN )?(?:[Mm]ission|\\p{Lu}{4,}\\b)|(?:UN|United Nations)(?:'s|’s)? (?:top |special )?envoy(?=\\s+(?:in|to|for)\\s+(?:the\\s+)?\\p{Lu})",
  ],
  [
    "force-commander",
    "(?<![Dd]eputy )(?:Force Commander|force commander)|[Cc]ommander of the (?:UN |[Mm]ission(?:'s|’s) )?(?:[Ff]orce|troops)|(?:assumed |took )?command(?:s|ed|ing)? (?:of )?the (?:\\p{Lu}+ |UN |[Mm]ission(?:'s|’s) )?force\\b" +
      // "leads the MINUSMA force", "heads the mission's military component", "the force's commander, X"
      `|${LEAD_VERB} (?:the )?(?:\\p{Lu}+ |UN |[Mm]ission(?:'s|’s) )?(?:force|military component)\\b|[Hh]ead of (?:the )?(?:[Mm]ission's )?(?:military component|force)\\b|(?:[Ff]orce|[Mm]ission|\\p{Lu}{4,})(?:'s|’s) (?:top |military )?commander(?=,)`,
  ],
  [
    "prime-minister",
    // the head of government: "named X to lead the government", "X, who heads the transitional government"
    `Prime Minister|prime minister|[Hh]ead of (?:the )?(?:transitional )?[Gg]overnment|${LEAD_VERB} (?:the |a new |its )?(?:transitional )?(?:government|[Cc]abinet)\\b`,
  ],
  ["foreign-minister", "[Ff]oreign [Mm]inister|Minister (?:for|of) Foreign Affairs"],
  ["defence-minister", "[Dd]efen[cs]e [Mm]inister|Minister (?:for|of) (?:Defen[cs]e|the Armed Forces)"],
  [
    "president",
    "(?<![Vv]ice[- ])(?:President|president)(?! of the (?:Security Council|General Assembly|Council|\\p{Lu}\\S* (?:Commission|Union|Bank)))\\b|[Hh]ead of [Ss]tate",
  ],
  [
    "leader",
    "(?:junta|coup|military) leader|leader of (?:the |last month's |last year's |a )?(?:junta|coup|military government|transition)|declared (?:himself|herself) (?:head|leader) of" +
      // "the country's military ruler, X", "Mali's leader, X": an appositive title of whoever rules
      "|(?:[Cc]ountry|(?<!\\p{L})\\p{Lu}\\p{L}+(?: Faso)?)(?:'s|’s) (?:military |junta |interim |transitional |new )?(?:leader|ruler|strongman)(?=,)" +
      // "X, who has led Mali since the 2020 coup", "has ruled the country": the country is the role's tail
      `|${RULE_VERB}\\s+(?:the\\s+(?:country|junta|transition|military government)\\b|(?<!\\p{L})\\p{Lu}\\p{L}+(?:\\s+Faso)?(?=\\s+(?:since|for|until|from|through|after)\\b|[,.;]))`,
  ],
  [
    "ambassador",
    "Permanent Representative|[Aa]mbassador to the (?:UN|United Nations)|(?<=\\p{Lu}\\p{L}+(?:'s|’s) )representative",
  ],
];

export const ROLE_PATTERNS = ROLE_PHRASES.map(([key, source]) => [key, new RegExp(source, "gu")] as const);

/** A cheap test a passage must pass before its sentences are read: most passages name no role. */
export const MAY_HOLD_ROLE =
  /President|president|Minister|minister|Representative|representative|SRSG|Commander|command|[Hh]ead|[Ll]ead|\bled\b|helm|[Cc]hief|envoy|top official|leader|power|rule|\bran\b|\bruns?\b|strongman|[Aa]mbassador|oust|overthr|toppl|depos/u;

// Titles and words that stand before a name but are not it.
const TITLE =
  /^(?:(?:Major|Lieutenant|Brigadier|Lt\.?|Maj\.?|Brig\.?)[- ]?(?:General|Gen\.?|Colonel|Col\.?)|General|Gen\.|Colonel|Col\.|Captain|Capt\.|Commander|Admiral|Marshal|Retired|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Ambassador|Sir|Dame|Lieutenant-Colonel|Lieutenant|Major|(?:Rear|Vice)[- ]Admiral|Air[- ]Marshal|Professor|Prof\.|His Excellency|Her Excellency|H\.\s?E\.|Mme\.?|Madame|Monsieur|M\.)\s+/u;
const NOT_A_NAME = new Set(
  `the a an it its this that these those he she they his her their my our in on at of for and but as by with
mission council security special representative secretary-general secretary force commander government
president prime minister ministers foreign affairs defence defense united nations un state states head chief
transition transitional interim deputy general assembly agreement peace operation operations armed forces
republic democratic people's minusma monusco minusca unmiss unifil ecowas african union junta army military
national assembly court constitutional movement coalition group`.split(/\s+/u),
);
const MONTH_OR_DAY = new RegExp(`^(?:${MONTH_PATTERN}|${WEEKDAY_PATTERN})$`, "u");

/** The person in a run of capitalised words, titles and offices left out; null when none is left. */
export function personIn(run: string): string | null {
  let name = run.trim();
  for (let before = ""; before !== name; ) {
    before = name;
    name = name.replace(TITLE, "");
  }
  const words = name.split(/\s+/u).map((w) => w.replace(/['’]s$/u, ""));
  // A name ends before a word that is an office or an institution ("Bah Ndaw and Prime Minister...").
  const kept: string[] = [];
  for (const word of words) {
    const folded = foldName(word);
    if (NOT_A_NAME.has(folded) || MONTH_OR_DAY.test(word) || /^\p{Lu}{3,}$/u.test(word)) {
      if (kept.length > 0) break;
      continue;
    }
    kept.push(word.replace(/[.,]$/u, ""));
  }
  if (kept.length === 0) return null;
  if (kept.length === 1 && kept[0]!.length < 3) return null;
  return kept.join(" ");
}
