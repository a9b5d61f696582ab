import type { Passage } from "../knowledge/schema.ts";
import { splitSentences } from "../knowledge/sentences.ts";
import { EARLIEST, MONTH_PATTERN, MONTHS, WEEKDAY_PATTERN } from "../lexicon.ts";
import type { PassageIndex } from "../search/passage-index.ts";
import { tokenize } from "../search/terms.ts";
import { foldName } from "./features.ts";
import { type ScoreParts, type SentenceCandidate, scoreOf } from "./rank.ts";
import { type DocumentSubjects, namedSubjects, type QuestionScope, type SubjectCatalog } from "./subject.ts";
import type { AskedTime } from "./time.ts";

// Who holds a role, read once per passage: a role statement is a role phrase ("Force Commander", "Prime
// Minister", "head of MONUSCO"), the person named with it ("the Force Commander, Major General X", "X was
// sworn in as president") and the date it holds for (its document's date; for an appointment, the date the
// sentence gives it). A question about a role ("Who is the president of Mali?", "SRSG in 2016", "the first
// Force Commander") is answered by choosing among the statements by the asked period, not by the wording of
// one sentence: the holder named last wins, "in 2016" takes a statement of 2016, "first" the earliest.

/** The roles read, each the same office whatever it is called. */
export type RoleKey =
  | "head-of-mission"
  | "force-commander"
  | "president"
  | "leader"
  | "prime-minister"
  | "foreign-minister"
  | "defence-minister"
  | "ambassador";

/** One statement that someone holds (or took) a role. */
export interface RoleStatement {
  role: RoleKey;
  /** the name as the sentence gives it, titles left out */
  holder: string;
  /** the name folded, for comparing holders: its last word ("annadif" for "Mahamat Saleh Annadif") */
  key: string;
  /** words next to the role that say whose role it is ("for Mali", "Niger's", "of MONUSCO", "Israeli") */
  qualifier: string;
  /** the role's own words after it ("for Mali and Head of MINUSMA", "of the Netherlands") */
  tail: string;
  /** the sentence names the role with a nationality no subject list can place ("Israeli Prime Minister") */
  foreignAdjective: boolean;
  /** the sentence says the holder has left it, or is being removed ("former", "arrested", "resigned") */
  ended: boolean;
  /** YYYY-MM-DD the holder took the role, when the sentence is an appointment; else null */
  since: string | null;
  /** an interim holder ("acting head of the Mission", "ad interim") */
  acting?: boolean;
  /** "has headed the Mission since April 2021": held from `since` through `asOf`, not only taken then */
  held?: boolean;
  passageId: string;
  /** index of the sentence in its passage (as `splitSentences` cuts it) */
  sentence: number;
  docId: string;
  /** the document's date: the statement holds as of then */
  asOf: string;
}

// --- Reading role statements --------------------------------------------------------------------------------

const CAP = "\\p{Lu}[\\p{L}'’.-]*";
const PARTICLE = "(?:de|da|du|dos|van|von|al|el|ag|ould|ibn|bin|ben|le|la)";
const NAME_RUN = `${CAP}(?:\\s+(?:${PARTICLE}\\s+)?${CAP}){0,5}`;

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
const RULE_VERB_START = new RegExp(`^${RULE_VERB}\\s+`, "u");

// A holder for the time being: "acting head of the Mission", "interim Special Representative", "ad interim".
const ACTING_BEFORE = /\b(?:[Aa]cting|[Ii]nterim|[Oo]fficer[- ]in[- ][Cc]harge)\s+(?:\S+\s+)?$/u;
const ACTING_AFTER = /^[^,;]{0,30}?\b(?:ad interim|in an acting capacity|on an interim basis)\b/u;

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
    "(?<![Dd]eputy )(?:Force Commander|force commander)|[Cc]ommander of the (?:UN |mission's )?(?:[Ff]orce|troops)|(?:assumed |took )?command(?:s|ed)? (?:of )?the (?:\\p{Lu}+ |UN |mission's )?force\\b" +
      // "leads the MINUSMA force", "heads the mission's military component", "the force's commander, X"
      `|${LEAD_VERB} (?:the )?(?:\\p{Lu}+ |UN |[Mm]ission's )?(?:force|military component)\\b|[Hh]ead of (?:the )?(?:[Mm]ission's )?(?:military component|force)\\b|(?:[Ff]orce|[Mm]ission|\\p{Lu}{4,})(?:'s|’s) (?:top |military )?commander(?=,)`,
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

const ROLE_PATTERNS = ROLE_PHRASES.map(([key, source]) => [key, new RegExp(source, "gu")] as const);

/** A cheap test a passage must pass before its sentences are read: most passages name no role. */
const MAY_HOLD_ROLE =
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
function personIn(run: string): string | null {
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

// A name right after the role: "the Force Commander, Major General X", "Prime Minister X", "its Force
// Commander is X". The role's own qualifier comes first ("Special Representative for Mali and Head of
// MINUSMA, X").
const QUALIFIER_TAIL = new RegExp(
  `^(?:\\s+(?:for|of|in|to|and)\\s+(?:the\\s+)?(?:${CAP}|\\([\\p{Lu}]+\\))(?:\\s+(?:${CAP}|\\([\\p{Lu}]+\\)|of|in|the|and|for)(?=\\s+(?:${CAP}|\\())|\\s+(?:${CAP}|\\([\\p{Lu}]+\\)))*)*`,
  "u",
);
const NAME_AFTER = new RegExp(`^(?:,\\s+|\\s+(?:is|was)\\s+|\\s+)(${NAME_RUN})`, "u");

// A name before the role: "X of Chad, who took up his post as the Secretary-General's Special
// Representative", "X, the Special Representative", "X was sworn in as Mali's president", "X is its Force
// Commander", "appointed X, a leader of the movement, as Prime Minister".
const VERB =
  "(?:who\\s+)?(?:(?:has|had|have)(?=\\s+$)|(?:(?:has|had|have)\\s+)?(?:is|was|became|becomes|become|remains|remained|been|serves|served|(?:was\\s+|been\\s+)?(?:named|appointed|elected|sworn\\s+in|installed|confirmed)|assumed\\s+(?:his|her)\\s+(?:functions|duties|post)|took\\s+up\\s+(?:his|her)\\s+(?:post|functions|duties)|took\\s+office|takes\\s+office|took\\s+over|takes\\s+over))";
const DETERMINER = "(?:the|my|his|her|its|their|a|new|current|interim|transitional|acting)";
const NAME_BEFORE = new RegExp(
  `^(${NAME_RUN})(?:\\s+of\\s+(?:the\\s+)?${CAP}(?:\\s+${CAP})*)?(?:,\\s+[^,;]{1,80})?(?:,\\s+|\\s+)(?:(?:\\p{Ll}+ly\\s+)?${VERB}(?:\\s+(?:on|in)\\s+[^,;]{1,25}?)?\\s+)?(?:as\\s+)?(?:${DETERMINER}\\s+)*(?:${CAP}(?:'s|’s)\\s+)?(?:${DETERMINER}\\s+)*$`,
  "u",
);
const TOOK_UP_AFTER =
  /^[^,;]{0,40}?,\s+who\s+(?:(?:has|had)\s+)?(?:assumed\s+(?:his|her)\s+(?:functions|duties|post)|took\s+up\s+(?:his|her)\s+(?:post|functions|duties)|took\s+office|was\s+(?:appointed|sworn\s+in|named))\b/u;
const APPOINTED_BEFORE =
  /(?:named|appointed|reappointed|elected|sworn\s+in|installed|assumed|took\s+up|took\s+office|takes\s+office|took\s+over|takes\s+over|appointment\s+of|nominated)/u;

// Taking power names the new leader before the verb: "Ibrahim Traoré ... had ousted ...", "Damiba, who had
// himself seized power in January", "the military, led by Colonel Assimi Goita, seized power".
const TOOK_POWER =
  /\b(?:seiz(?:ed|es)\s+power|t(?:ook|akes)\s+power|ousted|overthrew|toppled|deposed|led\s+(?:a|the|two|both)\s+(?:military\s+)?coups?)\b/gu;

// What ends a holding, just before the role or name ("arrest President X", "former Special Representative")
// or just after the name ("X and his Government resigned").
const ENDED_BEFORE =
  /\b(?:arrest(?:ed|ing)?|detain(?:ed|ing)?|oust(?:ed|ing)?|overthr(?:ew|own|owing)|toppl(?:ed|ing)|depos(?:ed|ing)|seiz(?:ed|ing)(?!\s+power)|succeed(?:ed|ing)|replac(?:ed|ing)|(?:takes|took|taking)\s+over\s+from|former|outgoing|ex|then|late|predecessor|departure\s+of)\b[^.;]*$/u;
const ENDED_AFTER =
  /^[^;]{0,60}?\b(?:resign(?:ed|s)?|(?:was|were)\s+(?:arrested|detained|ousted|overthrown|removed|killed|deposed)|announced\s+(?:his|her)\s+resignation|stepped\s+down|departed|completed\s+(?:his|her)\s+(?:assignment|tenure|term)|ended\s+(?:his|her)\s+(?:tenure|term|assignment)|left\s+(?:office|(?:the|his|her)\s+(?:post|office|[Mm]ission|job|position|[Gg]overnment)))\b/u;

// "since 24 October 2016" after the role, or "Since April 2021, X has headed" before it: a holding's start.
const SINCE_AFTER = /^[^,;]{0,60}?\bsince\b/u;
const SINCE_BEFORE = /^(?:[^,;]*[,;]\s*)?[Ss]ince\b[^;]*$/u;

/** The start a "since" next to the role gives ("since April 2021"), or null ("since its creation" dates nothing). */
function sinceDate(sentence: string, start: number, end: number, docDate: string): string | null {
  const after = SINCE_AFTER.exec(sentence.slice(end));
  const from = after
    ? end + after[0].length - "since".length
    : SINCE_BEFORE.test(sentence.slice(0, start))
      ? sentence.slice(0, start).search(/\b[Ss]ince\b/u)
      : -1;
  if (from < 0) return null;
  const clause = sentence.slice(from).split(/[,;]/u)[0]!;
  return dateIn(clause, docDate);
}
// "the Secretary-General named X to lead", "announced the appointment of X as": the name is being appointed.
const APPOINTING_BEFORE =
  /\b(?:appointment\s+of|(?:re-?)?appointed|(?:re-?)?appoints|appoint|named|names|nominated|nominates|chose|picked|tapped|designated)\s+(?:[^,;]{0,40}?\s)?$/u;

const PLACE_BEFORE = /\b(?:in|at|near|from|to|between|across|towards|into)\s+(?:the\s+)?$/u;

/** The last few words before an index: what can say whose role it is or that it ended. */
function wordsBefore(text: string, at: number, n: number): string {
  const words = text.slice(0, at).split(/\s+/u).filter(Boolean);
  return words.slice(-n).join(" ");
}

const RUN_START = new RegExp(
  `(?<!\\p{Lu}[\\p{L}'’.-]*\\s+(?:and\\s+)?)(?<!\\b${PARTICLE}\\s+)(?<![\\p{L}'’-])(?<!\\p{Lu}\\.)\\p{Lu}`,
  "gu",
);
// "Koenders of the Netherlands", "Minister of Economy", "in Mali": a nationality, an institution or a place.
const OF_BEFORE =
  /(?:\p{Lu}[\p{L}'’.-]*\s+of|\b(?:in|at|near|from|to|between|across|towards|into|for))\s+(?:the\s+)?$/u;

/**
 * The person named just before a role ("X of Chad, who took up his post as the Special Representative"):
 * the nearest run of capitalised words that is not a place or a nationality ("of the Netherlands") and is
 * linked to the role by a comma, a verb of holding or "as".
 */
function nameBefore(sentence: string, start: number): { person: string; at: number; link: string } | null {
  const from = Math.max(0, start - 220);
  const prefix = sentence.slice(from, start);
  const starts = [...prefix.matchAll(RUN_START)].map((m) => m.index).reverse();
  for (const at of starts) {
    if (OF_BEFORE.test(sentence.slice(0, from + at))) continue;
    const match = NAME_BEFORE.exec(prefix.slice(at));
    // "Mali's interim president": the possessor is whose role it is, never its holder.
    if (!match || /['’]s$/u.test(match[1]!)) continue;
    const person = personIn(match[1]!);
    if (person) return { person, at: from + at, link: match[0].slice(match[1]!.length) };
  }
  return null;
}

/** Every role statement of a sentence of a document dated `docDate`. */
export function readRoleStatements(
  sentence: string,
  docDate: string,
  where: { passageId: string; sentence: number; docId: string } = { passageId: "", sentence: 0, docId: "" },
): RoleStatement[] {
  const out: RoleStatement[] = [];
  // Most sentences of a passage that names a role name none: the cheap test first.
  if (!MAY_HOLD_ROLE.test(sentence)) return out;
  const add = (
    role: RoleKey,
    holder: string,
    qualifier: string,
    ended: boolean,
    appointment: boolean | string,
    foreignAdjective: boolean,
    at = 0,
    tail = "",
    acting = false,
  ) => {
    const key = foldName(holder.split(/\s+/u).at(-1)!);
    if (out.some((s) => s.role === role && s.key === key)) return;
    out.push({
      ...(acting ? { acting } : {}),
      ...(typeof appointment === "string" ? { held: true } : {}),
      role,
      holder,
      key,
      qualifier,
      tail,
      foreignAdjective,
      ended,
      since:
        typeof appointment === "string"
          ? appointment
          : appointment
            ? appointmentDate(sentence, docDate, at)
            : null,
      asOf: docDate,
      ...where,
    });
  };
  for (const [role, pattern] of ROLE_PATTERNS) {
    pattern.lastIndex = 0;
    for (const match of sentence.matchAll(pattern)) {
      const start = match.index;
      let end = start + match[0].length;
      // "has led Mali": the country ruled is the role's own words, placed like "President of Niger".
      const possessor = role === "leader" ? /^(\p{Lu}[\p{L} ]+)(?:'s|’s) /u.exec(match[0])?.[1] : undefined;
      const ruled =
        role !== "leader"
          ? ""
          : RULE_VERB_START.test(match[0])
            ? ` ${match[0].replace(RULE_VERB_START, "")}`
            : possessor && possessor !== "Country"
              ? ` ${possessor}`
              : "";
      const tail = ruled + (QUALIFIER_TAIL.exec(sentence.slice(end))?.[0] ?? "");
      end += tail.length - ruled.length;
      const before = wordsBefore(sentence, start, 4);
      // "Israeli Prime Minister", "Malian President": a nationality right before the role.
      const adjective = /(\p{Lu}\p{L}+(?:an|ian|i|ese|ish|ch|ien|ais))\s+$/u.exec(sentence.slice(0, start));
      const qualifier = `${before} ${match[0]}${tail}`;
      const foreignAdjective = adjective !== null && !/^(?:The|A|An|His|Her|Its|My)$/u.test(adjective[1]!);
      const endedBefore = ENDED_BEFORE.test(wordsBefore(sentence, start, 5));
      const acting =
        ACTING_BEFORE.test(sentence.slice(Math.max(0, start - 40), start)) ||
        ACTING_AFTER.test(sentence.slice(end));
      // "has headed the Mission since April 2021", "Since 2021, X has led MINUSMA": held from then.
      const since = sinceDate(sentence, start, end, docDate);
      // The name after the role.
      const after = NAME_AFTER.exec(sentence.slice(end));
      if (after && !/declared/u.test(match[0])) {
        const person = personIn(after[1]!);
        if (person) {
          const nameEnd = end + after[0].length;
          const ended = endedBefore || ENDED_AFTER.test(sentence.slice(nameEnd));
          // "My Special Representative, X, who assumed his functions on 15 April 2021, ...": an appointment too.
          const took = TOOK_UP_AFTER.test(sentence.slice(nameEnd)) || /helm|^to /u.test(match[0]);
          const held = took || (since !== null && !ended ? since : false);
          add(
            role,
            person,
            qualifier,
            ended && !took,
            held,
            foreignAdjective,
            took ? nameEnd : end,
            tail,
            acting,
          );
          continue;
        }
      }
      // The name before the role.
      const named = nameBefore(sentence, start);
      if (named) {
        const { person, at: nameAt, link } = named;
        {
          // "has commanded the force since 24 October 2016" dates the holding's start too.
          const appointment =
            since !== null ||
            APPOINTED_BEFORE.test(link) ||
            /declared|assumed|took|helm|^to /u.test(match[0]);
          const ended =
            ENDED_BEFORE.test(wordsBefore(sentence, nameAt, 5)) ||
            (!appointment && ENDED_AFTER.test(sentence.slice(end)));
          const appointed =
            appointment || APPOINTING_BEFORE.test(sentence.slice(Math.max(0, nameAt - 60), nameAt));
          add(role, person, qualifier, ended, since ?? appointed, foreignAdjective, nameAt, tail, acting);
        }
      }
    }
  }
  // Taking power: the nearest person named before the verb is the new leader.
  for (const match of sentence.matchAll(TOOK_POWER)) {
    const prefix = sentence.slice(0, match.index);
    let person: string | null = null;
    let at = -1;
    for (const run of prefix.matchAll(new RegExp(NAME_RUN, "gu"))) {
      const candidate = personIn(run[0]);
      if (!candidate || PLACE_BEFORE.test(prefix.slice(0, run.index))) continue;
      person = candidate;
      at = run.index;
    }
    if (person && at >= 0) {
      add("leader", person, `${prefix.slice(at)}${match[0]}`, false, true, false, match.index);
    }
  }
  return out;
}

/**
 * The date an appointment sentence gives ("on 5 February 2015", "in January", "on Friday"), else its
 * document's: the first date from `at` (where the appointment is told) on, else the first before it.
 */
function appointmentDate(sentence: string, docDate: string, at: number): string {
  return dateIn(sentence.slice(at), docDate) ?? dateIn(sentence.slice(0, at), docDate) ?? docDate;
}

function dateIn(sentence: string, docDate: string): string | null {
  const docYear = Number(docDate.slice(0, 4));
  const docMonth = Number(docDate.slice(5, 7));
  const monthOf = (name: string) => MONTHS.findIndex((m) => m.toLowerCase() === name.toLowerCase()) + 1;
  const pad = (n: number) => String(n).padStart(2, "0");
  const full = new RegExp(
    `\\b(?:(\\d{1,2}) )?(${MONTH_PATTERN})(?: (\\d{1,2}),?)?(?: ((?:19|20)\\d{2}))?\\b`,
    "u",
  ).exec(sentence);
  // "sworn in on Monday, after he ousted X in May": the day named first is the appointment's (the document's).
  const day = new RegExp(`\\b(?:on (?:${WEEKDAY_PATTERN})|today|yesterday)\\b`, "u").exec(sentence);
  if (day && (!full || day.index < full.index)) return docDate;
  if (full) {
    const month = monthOf(full[2]!);
    const day = Number(full[1] ?? full[3] ?? 1);
    // A month without a year is of the document's year, or the year before for a month after the document's.
    const year = full[4] ? Number(full[4]) : month > docMonth ? docYear - 1 : docYear;
    return `${year}-${pad(month)}-${pad(Math.min(28, day))}`;
  }
  const year = /\b(?:in|[Ss]ince) (?:\w+ (?:in )?)?((?:19|20)\d{2})\b/u.exec(sentence);
  if (year) return `${year[1]}-01-01`;
  if (new RegExp(`\\b(?:on (?:${WEEKDAY_PATTERN})|today|yesterday)\\b`, "u").test(sentence)) return docDate;
  return null;
}

// --- The statements of an index, read once per passage ------------------------------------------------------

const perPassage = new WeakMap<Passage, RoleStatement[]>();

/** The role statements of one passage, read once. */
export function passageRoleStatements(passage: Passage): RoleStatement[] {
  let statements = perPassage.get(passage);
  if (!statements) {
    statements = [];
    if (MAY_HOLD_ROLE.test(passage.text)) {
      for (const [i, sentence] of splitSentences(passage.text).entries()) {
        statements.push(
          ...readRoleStatements(sentence, passage.doc.date, {
            passageId: passage.id,
            sentence: i,
            docId: passage.doc.id,
          }),
        );
      }
    }
    perPassage.set(passage, statements);
  }
  return statements;
}

/**
 * Index terms one of which a passage stating each role holds: only those passages are read for it. Not "govern":
 * its stem is also "government's", in most passages, and "has governed Mali" is rare beside "has led / ruled".
 */
const ROLE_TERMS: Record<RoleKey, readonly string[]> = {
  "head-of-mission": ["repres", "srsg", "head", "lead", "led", "helm", "chief", "envoi", "offici"],
  "force-commander": ["command"],
  president: ["presid", "head"],
  leader: [
    "leader",
    "power",
    "oust",
    "overthrew",
    "toppl",
    "depos",
    "coup",
    "head",
    "led",
    "lead",
    "rule",
    "ruler",
    "govern",
    "run",
    "ran",
    "strongman",
  ],
  "prime-minister": ["minist", "head", "lead", "led"],
  "foreign-minister": ["minist"],
  "defence-minister": ["minist"],
  ambassador: ["ambassador", "repres"],
};

const perRoles = new WeakMap<PassageIndex, Map<string, RoleStatement[]>>();

/**
 * The statements of some roles in an index, read when those roles are first asked about and kept with the
 * index: only passages holding one of the roles' words (the index's term sets say which) are read, each once (a
 * passage kept through an update is not read again). A single-word holder ("Goïta") is kept only when a longer
 * name elsewhere ends in it: a lone capitalised word is too often a place or a group.
 */
export function roleStatements(index: PassageIndex, roles: readonly RoleKey[]): RoleStatement[] {
  let cache = perRoles.get(index);
  if (!cache) {
    cache = new Map();
    perRoles.set(index, cache);
  }
  const key = [...roles].sort().join(",");
  let all = cache.get(key);
  if (!all) {
    const ids = [...new Set(roles.flatMap((role) => ROLE_TERMS[role]))]
      .map((term) => index.vocabulary.idOf(term))
      .filter((id): id is number => id !== undefined);
    const read: RoleStatement[] = [];
    const { termSets, ordered } = index;
    for (let ordinal = 0; ordinal < ordered.length; ordinal++) {
      if (!ids.some((id) => termSets.hasAt(ordinal, id))) continue;
      for (const statement of passageRoleStatements(ordered[ordinal]!)) {
        if (roles.includes(statement.role)) read.push(statement);
      }
    }
    const fullNames = new Map<string, string>();
    for (const s of read) if (s.holder.includes(" ") && !fullNames.has(s.key)) fullNames.set(s.key, s.holder);
    all = read.filter((s) => s.holder.includes(" ") || fullNames.has(s.key));
    cache.set(key, all);
  }
  return all;
}

// --- Reading a role question --------------------------------------------------------------------------------

/** What a role question asks: which roles answer it, and how to choose among their holders. */
export interface AskedRole {
  roles: RoleKey[];
  /** "Who became prime minister": only an appointment answers */
  appointment: boolean;
  /** "the first head of MINUSMA": the earliest holder */
  earliest: boolean;
  /** a month the question names with its year ("in April 2019"), 1..12 */
  month: number | null;
  /** "Who was the acting head of MINUSMA?": only an interim holder answers */
  acting?: boolean;
  /**
   * a keyword question's other words, when it names someone ("anadif head of minusma appointed"): they must be
   * a holder's name, and that holder's own statement answers
   */
  holder?: string[];
}

const QUESTION_ROLES: Array<[RoleKey[], RegExp]> = [
  [["foreign-minister"], /\bforeign (?:affairs )?minister\b|\bminister (?:for|of) foreign affairs\b/u],
  [["defence-minister"], /\bdefen[cs]e minister\b|\bminister (?:for|of) (?:defen[cs]e|the armed forces)\b/u],
  [
    ["prime-minister"],
    /\bprime minister\b|\bpremier\b|\bhead of (?:the )?(?:transitional )?government\b|\b(?:heads?|headed|leads?|led) (?:the )?(?:transitional )?government\b/u,
  ],
  [
    ["ambassador"],
    /\bambassador\b|\bpermanent representative\b|\brepresentative (?:at|to) the (?:un|united nations|security council)\b/u,
  ],
  [["force-commander"], /\bforce commander\b|\bcommand(?:s|ed|er|ing)?\b/u],
  [
    ["head-of-mission"],
    /\bsrsg\b|\bspecial representative\b|\bhead of (?:the )?(?:un |united nations )?(?:peacekeeping )?mission\b|\b(?:un|united nations|mission|minusma)(?:'s)? (?:top |special )?(?:envoy|chief)\b|\bchief of (?:the )?(?:un )?mission\b|\bat the helm of\b/u,
  ],
  [["president"], /\b(?<!vice[- ])president\b|\bhead of state\b/u],
];
// "Who heads MINUSMA", "who leads the UN mission": a verb of leading, about a mission or a country.
const LEADS =
  /\b(?:heads?|headed|leads?|led|runs?|ran|rules?|ruled|in charge(?: of)?|chief of|in power|took power|seized power|leader|junta|helm)\b/u;
const ABOUT_MISSION = /\bmission\b|\bpeacekeep|\bun (?:troops|force)\b/u;
const APPOINTMENT_ASKED =
  /\b(?:became|become|becomes|appointed|named|took over|sworn in|took office|elected|succeeded|replaced|was made|took the helm)\b/u;

// Words a role question may hold besides its role, subject and period; any other word means it asks something
// else ("Who was interim president before Keita?", "what did the Force Commander say").
const FRAME = new Set(
  `who whos is was are were be been being has have had did does do the a an of in at for to s now currently
current today presently present still these days latest new newest first original originally initial
initially earliest founding start acting interim then became become becomes appointed named took take over sworn office
elected succeeded replaced made after before between and since during until from un united nations
mission missions peacekeeping peacekeepers troops force forces military coup power its their country s`.split(
    /\s+/u,
  ),
);
const ROLE_WORDS = new Set(
  `srsg special representative head heads headed leads lead led runs run ran rules rule ruled charge chief leader
junta commander commands commanded command commanding president envoy top helm government transitional state prime minister premier foreign affairs
defence defense armed ambassador permanent representative security council seized`.split(/\s+/u),
);
const WH_OTHER = /\b(?:what|when|where|why|how|which|whose)\b/u;

/**
 * The role a question asks the holder of, or null when it asks something else. Only a question made of a
 * role, the mission or country, a period and framing words is read as one: anything more is left to the
 * ranking of sentences.
 */
export function askedRole(
  question: string,
  catalog: SubjectCatalog | null,
  time: AskedTime | null,
): AskedRole | null {
  const text = question.toLowerCase().replace(/[’']/gu, "'");
  if (WH_OTHER.test(text)) return null;
  let roles: RoleKey[] = [];
  for (const [keys, pattern] of QUESTION_ROLES) {
    if (pattern.test(text)) {
      roles = keys;
      break;
    }
  }
  // "Who is the president" asks for a president; "who runs Mali" for whoever leads it, president or junta.
  const named = catalog ? namedSubjects(catalog, question) : [];
  if (roles.length === 0 && LEADS.test(text)) {
    const mission = ABOUT_MISSION.test(text) || named.some((s) => s.kind === "mission");
    // "who leads the MINUSMA force", "who heads the military component": the force's commander.
    const force = /\b(?:force|troops|military component)\b/u.test(text) && !/\btask force\b/u.test(text);
    roles = force && mission ? ["force-commander"] : mission ? ["head-of-mission"] : ["leader", "president"];
  }
  if (roles.includes("force-commander") && !/\bforce commander\b/u.test(text)) {
    // "commands" alone asks for the force's commander only about troops or a mission.
    if (
      !/\b(?:troops|force|forces|peacekeepers|military)\b/u.test(text) &&
      !named.some((s) => s.kind === "mission")
    ) {
      return null;
    }
  }
  if (roles.length === 0) return null;
  // Everything else the question says must be framing, the subject's names or the period.
  const subjectWords = new Set(named.flatMap((s) => s.keys.flat()));
  const periodWords = new Set(tokenize(time?.text ?? "").map((w) => w.toLowerCase()));
  const leftover = tokenize(question)
    .map((w) => w.toLowerCase().replace(/'s$/u, ""))
    .filter(
      (w) =>
        !FRAME.has(w) &&
        !ROLE_WORDS.has(w) &&
        !periodWords.has(w) &&
        !subjectWords.has(w) &&
        !/^(?:19|20)\d{2}$/u.test(w) &&
        !MONTHS.some((m) => m.toLowerCase() === w),
    )
    .filter((w) => !named.some((s) => s.keys.some((k) => k.includes(w))));
  // A keyword naming someone with the role ("annadif head of minusma appointed") asks about that holder.
  const keyword = !/\bwho\b|\?/u.test(text);
  if (leftover.length > 0 && !(keyword && leftover.length <= 3)) return null;
  const month = new RegExp(`\\bin (${MONTH_PATTERN}) (?:19|20)\\d{2}\\b`, "iu").exec(question);
  return {
    roles,
    appointment: APPOINTMENT_ASKED.test(text),
    earliest: EARLIEST.test(question),
    month: month ? MONTHS.findIndex((m) => m.toLowerCase() === month[1]!.toLowerCase()) + 1 : null,
    ...(/\b(?:acting|interim)\b/u.test(text) ? { acting: true } : {}),
    ...(leftover.length > 0 ? { holder: leftover.map(foldName) } : {}),
  };
}

/** Whether a typed word is a word of a name, allowing one slip in a long word ("anadif" / "Annadif"). */
function nameWord(typed: string, name: string): boolean {
  return name
    .split(/[\s-]+/u)
    .map(foldName)
    .some(
      (word) =>
        word === typed ||
        (typed.length >= 5 && Math.abs(word.length - typed.length) <= 1 && oneEdit(word, typed)),
    );
}

function oneEdit(a: string, b: string): boolean {
  if (a.length < b.length) return oneEdit(b, a);
  let i = 0;
  while (i < b.length && a[i] === b[i]) i++;
  return a.length === b.length ? a.slice(i + 1) === b.slice(i + 1) : a.slice(i + 1) === b.slice(i);
}

// --- Choosing the holder ------------------------------------------------------------------------------------

/** Whether a statement is about the question's subjects, given who may answer. */
export interface SubjectTest {
  /** the question's subjects (keys), the home subject's when it names none */
  subjects: readonly string[];
  /** whether the document may answer the question */
  allows(docId: string): boolean;
}

// Capitalised words a role's own words may hold that name no country: "President of the Transition".
const GENERIC_TAIL = new Set(
  `transition transitional mission head the of and for in un united nations multidimensional integrated
stabilization organization force operation interim`.split(/\s+/u),
);

/** Whether a statement's own words (its qualifier) place it in the question's subject. */
export function statementFits(
  statement: RoleStatement,
  catalog: SubjectCatalog | null,
  test: SubjectTest,
): boolean {
  // A holder that is a country or a mission ("Burkina Faso, which took power") is no person.
  if (catalog && namedSubjects(catalog, statement.holder).length > 0) return false;
  const keys = namedIn(statement.qualifier, catalog);
  // "Israeli Prime Minister", "Minister for Foreign Affairs of the Netherlands": a place no list holds.
  if (statement.foreignAdjective && keys.length === 0) return false;
  const tailNames = (statement.tail.match(/\p{Lu}[\p{L}'’-]*/gu) ?? []).filter(
    (word) => !GENERIC_TAIL.has(foldName(word)),
  );
  if (tailNames.length > 0 && namedIn(statement.tail, catalog).length === 0) return false;
  if (keys.length === 0) return test.allows(statement.docId);
  return keys.some((key) => test.subjects.includes(key));
}

function namedIn(text: string, catalog: SubjectCatalog | null): string[] {
  if (!catalog) return [];
  const keys: string[] = [];
  for (const subject of namedSubjects(catalog, text)) {
    keys.push(subject.key);
    if (subject.country) keys.push(subject.country);
  }
  return keys;
}

/**
 * The statement that answers a role question, or null. A holder said to have left (arrested, resigned,
 * "former") is out from that date: an earlier mention of them no longer says who holds the role.
 */
export function chooseHolder(
  statements: readonly RoleStatement[],
  asked: AskedRole,
  time: AskedTime | null,
): RoleStatement | null {
  const effective = (s: RoleStatement) => s.since ?? s.asOf;
  const endedOn = new Map<string, string>();
  for (const s of statements) {
    if (s.ended && asked.roles.includes(s.role) && (endedOn.get(s.key) ?? "") < s.asOf)
      endedOn.set(s.key, s.asOf);
  }
  const live = (s: RoleStatement) => !s.ended && !(effective(s) < (endedOn.get(s.key) ?? ""));
  let pool = statements.filter((s) => asked.roles.includes(s.role));
  if (asked.appointment) pool = pool.filter((s) => s.since !== null);
  if (asked.acting) pool = pool.filter((s) => s.acting);
  if (pool.length === 0) return null;
  const yearOf = (date: string) => Number(date.slice(0, 4));
  const earliest = (list: RoleStatement[]) => list.reduce((a, b) => (effective(b) < effective(a) ? b : a));
  const latest = (list: RoleStatement[]) =>
    list.reduce((a, b) => {
      const interim = actingYields(a, b);
      if (interim) return interim;
      if (effective(b) !== effective(a)) return effective(b) > effective(a) ? b : a;
      return b.asOf > a.asOf ? b : a;
    });
  if (asked.earliest && !time) return earliest(pool);
  if (time && time.kind !== "total") {
    const inPeriod = (year: number) => year >= time.from && year <= time.to;
    // Statements written during the period say who held the role then; an appointment dated in it, in a later
    // document, only when none was written then ("between 2016 and 2018": the one who held it through it).
    const written = pool.filter((s) => inPeriod(yearOf(s.asOf)));
    let during =
      written.length > 0 && asked.month === null && !asked.appointment
        ? written
        : pool.filter((s) => inPeriod(yearOf(s.asOf)) || (s.since !== null && inPeriod(yearOf(s.since))));
    if (asked.month !== null) {
      during = during.filter((s) => s.since !== null && Number(s.since.slice(5, 7)) === asked.month);
    }
    if (during.length === 0 && !asked.appointment && asked.month === null) {
      // "has headed the Mission since April 2021", written in 2023: held through the period.
      during = pool.filter(
        (s) => s.held && !s.ended && yearOf(s.since!) <= time.to && yearOf(s.asOf) >= time.from,
      );
    }
    if (during.length === 0) {
      if (asked.appointment || asked.month !== null) return null;
      return lastBefore(pool, time.from, endedOn);
    }
    if (asked.earliest) return earliest(during);
    const current = during.filter((s) => !s.ended);
    const last = latest(current.length > 0 ? current : during);
    // Of that holder's statements in the period, an appointment says the most: when and as what.
    const chosen = during.find((s) => s.key === last.key && s.since !== null && !s.ended) ?? last;
    // "Maiga has led the government since 2017" names them by surname: a statement of the period giving the
    // whole name ("reappointed Soumeylou Boubeye Maiga") says who better.
    if (chosen.holder.includes(" ")) return chosen;
    return during.find((s) => s.key === chosen.key && !s.ended && s.holder.includes(" ")) ?? chosen;
  }
  // No period: the newest statement of a holder not said to have left since.
  const current = pool.filter(live);
  if (current.length === 0) return null;
  return current.reduce((a, b) => {
    const interim = actingYields(a, b);
    if (interim) return interim;
    if (b.asOf !== a.asOf) return b.asOf > a.asOf ? b : a;
    return effective(b) > effective(a) ? b : a;
  });
}

/**
 * Of two statements of one document, the holder who is not acting: an interim holder the document names held the
 * role until the appointment it also tells ("Mr. B has served as acting head ... Mr. C assumed his functions").
 */
function actingYields(a: RoleStatement, b: RoleStatement): RoleStatement | null {
  if (a.docId !== b.docId || a.key === b.key || Boolean(a.acting) === Boolean(b.acting)) return null;
  return a.acting ? b : a;
}

/**
 * The holder in a period nothing is dated in: the last one named before it, not said to have left before it,
 * when they are named again after it (held through), the next holder's appointment is dated in or after it
 * (not superseded before it), or nobody else is named after them (the last known holder, answered "as of").
 * When someone else is only mentioned later, when the change came is unknown: null, not a holder from years
 * before.
 */
function lastBefore(
  pool: readonly RoleStatement[],
  from: number,
  endedOn: ReadonlyMap<string, string>,
): RoleStatement | null {
  const effective = (s: RoleStatement) => s.since ?? s.asOf;
  const yearOf = (date: string) => Number(date.slice(0, 4));
  const before = pool.filter(
    (s) => yearOf(effective(s)) < from && !s.ended && !(yearOf(endedOn.get(s.key) ?? "9999") < from),
  );
  if (before.length === 0) return null;
  const last = before.reduce((a, b) => {
    if (effective(b) !== effective(a)) return effective(b) > effective(a) ? b : a;
    return b.asOf > a.asOf ? b : a;
  });
  const later = pool.filter((s) => yearOf(effective(s)) >= from);
  const again = later.some((s) => s.key === last.key && !s.ended);
  const others = later.filter((s) => s.key !== last.key && !s.ended);
  if (again || others.length === 0) return last;
  // The next holder's own appointment dates the change: when it came in or after the period, the last one
  // held the role into it ("assumed command on 1 October 2021, succeeding X": X commanded in 2020).
  const next = others.reduce((a, b) => (effective(b) < effective(a) ? b : a));
  return next.since !== null ? last : null;
}

/** Whether a chosen holder is only the last one known before the asked period: the answer says "as of". */
export function knownOnlyBefore(
  statement: RoleStatement,
  considered: readonly RoleStatement[],
  time: AskedTime | null,
): boolean {
  if (!time || time.kind === "total") return false;
  const yearOf = (date: string) => Number(date.slice(0, 4));
  if (yearOf(statement.since ?? statement.asOf) >= time.from) return false;
  return !considered.some((s) => s.key === statement.key && !s.ended && yearOf(s.asOf) >= time.from);
}

// --- Answering ----------------------------------------------------------------------------------------------

/** A role question answered from the statements: the one chosen, and how many were weighed. */
export interface RoleAnswer {
  asked: AskedRole;
  statement: RoleStatement;
  /** the statements of the asked role and subject, newest first: what `--explain` lists */
  considered: RoleStatement[];
  /**
   * the sentence that answers, then, when it only mentions the holder, the one that says when they took the
   * role (newest holder asked, no period): "As of 2024: X, head of the mission, said... Earlier: X was appointed"
   */
  candidates: SentenceCandidate[];
  /** the holder is only the last one known before the asked period: the answer says "as of" */
  knownOnlyBefore: boolean;
}

/**
 * Answers a question about who holds a role from the index's role statements, or returns null when the
 * question is no role question or no statement fits its role, subject and period (the sentence ranking then
 * answers or refuses it as any other question).
 */
export function answerRole(
  index: PassageIndex,
  question: string,
  catalog: SubjectCatalog | null,
  docs: DocumentSubjects | null,
  questionScope: QuestionScope,
  time: AskedTime | null,
): RoleAnswer | null {
  const asked = askedRole(question, catalog, time);
  if (!asked) return null;
  // A mission or country the question names that the scope set aside (no document is about it) is not
  // answered with the home subject's holder.
  const named = catalog ? namedSubjects(catalog, question) : [];
  if (named.length > 0 && !named.some((s) => questionScope.subjects.includes(s.key))) return null;
  // A holder is read from a document about the asked subject (or a sentence naming it: "the head of
  // MONUSCO"); a home document that mentions another country in passing does not state its leader.
  const scope: SubjectTest = {
    subjects: questionScope.subjects,
    allows: (docId) => {
      const about = docs?.get(docId);
      return about
        ? [...about].some((key) => questionScope.subjects.includes(key))
        : questionScope.allows(docId);
    },
  };
  const considered = roleStatements(index, asked.roles)
    .filter((s) => asked.roles.includes(s.role) && statementFits(s, catalog, scope))
    .sort((a, b) => b.asOf.localeCompare(a.asOf));
  const statement = asked.holder
    ? holderStatement(considered, asked.holder)
    : chooseHolder(considered, asked, time);
  if (!statement) return null;
  const first = candidateOf(index, statement);
  if (!first) return null;
  // The holder's appointment: the earliest statement of it (the announcement, not a later recap).
  const appointments = considered.filter((s) => s.key === statement.key && s.since !== null && !s.ended);
  const appointed =
    statement.since === null && !time && !asked.earliest && appointments.length > 0
      ? appointments.reduce((a, b) =>
          b.since! < a.since! || (b.since === a.since && b.asOf < a.asOf) ? b : a,
        )
      : undefined;
  const second = appointed && candidateOf(index, appointed);
  return {
    asked,
    statement,
    considered,
    candidates: second ? [first, second] : [first],
    knownOnlyBefore: knownOnlyBefore(statement, considered, time),
  };
}

// The verb a role question asks by ("who led", "who commands", "who was in charge of"), as the index's stems.
const QUESTION_VERBS: Array<[RegExp, readonly string[]]> = [
  [/\b(?:heads?|headed)\b/u, ["head"]],
  [/\b(?:leads?|led|leading)\b/u, ["lead", "led"]],
  [/\b(?:commands?|commanded|commanding)\b/u, ["command"]],
  [/\bin charge\b/u, ["charg"]],
  [/\b(?:runs?|ran)\b/u, ["run", "ran"]],
];

// The verbs' words in a sentence, to find where they stand ("headed", "leads", "in charge", "commanded").
const QUESTION_VERB_WORDS =
  /\b(?:head(?:s|ed|ing)?|lead(?:s|ing)?|led|command(?:s|ed|ing)?|charge|run(?:s|ning)?|ran)\b/giu;
// A person "together with" the role: named within this many characters of it (a clause, an appositive).
const ROLE_NEAR_CHARS = 80;

/**
 * The ranked sentence that makes a role answer stale, or null: one of the best-ranked sentences (`ranks`), from
 * a newer document (of the asked period, when one is asked), that names a person other than the chosen holder
 * together with the asked role or the question's verb, a person the statements do not say has left. The
 * statements' reader can miss a wording; a newer sentence ranked on top then answers, so the reader never makes
 * an answer staler than the ranking alone.
 */
export function newerRankedHolder(
  role: RoleAnswer,
  ranked: readonly SentenceCandidate[],
  question: string,
  time: AskedTime | null,
  catalog: SubjectCatalog | null,
  ranks: number,
): SentenceCandidate | null {
  // "The first head" is old by design; a keyword naming the holder asks about that very holder.
  if (role.asked.earliest || role.asked.holder || role.asked.acting) return null;
  const answeredOn = role.candidates[0]?.hit.passage.doc.date ?? role.statement.asOf;
  const text = question.toLowerCase();
  const verbs = QUESTION_VERBS.filter(([pattern]) => pattern.test(text)).flatMap(([, stems]) => stems);
  const patterns = ROLE_PATTERNS.filter(([key]) => role.asked.roles.includes(key)).map(([, p]) => p);
  // A holder the statements read was weighed by the choice already: only one the reader missed can rival it.
  const read = new Set(role.considered.map((s) => s.key));
  for (const candidate of ranked.slice(0, ranks)) {
    const date = candidate.hit.passage.doc.date;
    if (date <= answeredOn) continue;
    if (time && time.kind !== "total" && !(Number(date.slice(0, 4)) <= time.to)) continue;
    const sentence = candidate.sentence;
    const terms = candidate.hit.analysis.terms[candidate.index] ?? [];
    if (
      !verbs.some((stem) => terms.includes(stem)) &&
      !patterns.some((p) => new RegExp(p.source, "u").test(sentence))
    )
      continue;
    // Where the role or the verb stands: the person must be named next to it, not elsewhere in the sentence.
    const at = [
      ...patterns.flatMap((p) => [...sentence.matchAll(new RegExp(p.source, "gu"))].map((m) => m.index)),
      ...[...sentence.matchAll(QUESTION_VERB_WORDS)]
        .filter((m) => verbs.some((stem) => m[0].toLowerCase().startsWith(stem.slice(0, 3))))
        .map((m) => m.index),
    ];
    for (const run of sentence.matchAll(new RegExp(NAME_RUN, "gu"))) {
      if (!at.some((i) => Math.abs(i - run.index) <= ROLE_NEAR_CHARS)) continue;
      const person = personIn(run[0]);
      if (!person?.includes(" ")) continue;
      if (catalog && namedSubjects(catalog, person).length > 0) continue;
      const key = foldName(person.split(/\s+/u).at(-1)!);
      if (key === role.statement.key || read.has(key)) continue;
      return candidate;
    }
  }
  return null;
}

/** The sentence of a statement as a candidate answer, scored as a full match. */
function candidateOf(index: PassageIndex, statement: RoleStatement): SentenceCandidate | null {
  const passage = index.passages.get(statement.passageId);
  if (!passage) return null;
  const analysis = index.analyzer.analyze(passage);
  const sentence = analysis.sentences[statement.sentence];
  if (sentence === undefined) return null;
  const neighbour = (i: number) =>
    i >= 0 && i < analysis.sentences.length
      ? { sentence: analysis.sentences[i]!, terms: analysis.terms[i]! }
      : undefined;
  const parts: ScoreParts = {
    coverage: 1,
    typed: 1,
    nearCount: 0,
    passage: 1,
    density: 0,
    prominence: 0,
    proximity: 0,
    thread: 0,
    headline: 0,
    reason: 0,
    nearAnswer: 0,
    anchor: 0,
  };
  const candidate: SentenceCandidate = {
    hit: { passage, score: 1, coverage: 1, analysis },
    index: statement.sentence,
    sentence,
    coverage: 1,
    typed: true,
    nearCount: false,
    parts,
    score: scoreOf(parts),
    stated: null,
    before: neighbour(statement.sentence - 1),
    after: neighbour(statement.sentence + 1),
  };
  return candidate;
}

/**
 * The statement about the holder a keyword names: their appointment (the earliest that dates it), else the
 * earliest mention. Null when no holder of the role bears every word.
 */
function holderStatement(
  considered: readonly RoleStatement[],
  words: readonly string[],
): RoleStatement | null {
  const theirs = considered.filter((s) => !s.ended && words.every((word) => nameWord(word, s.holder)));
  if (theirs.length === 0) return null;
  const appointed = theirs.filter((s) => s.since !== null);
  const pool = appointed.length > 0 ? appointed : theirs;
  return pool.reduce((a, b) => ((b.since ?? b.asOf) < (a.since ?? a.asOf) ? b : a));
}

/** A statement as `--explain` lists it. */
export function describeStatement(s: RoleStatement): string {
  const since = s.since ? `, since ${s.since}` : "";
  return `${s.role}: ${s.holder} (as of ${s.asOf}${since}${s.acting ? ", acting" : ""}${s.ended ? ", left" : ""}) [${s.passageId}]`;
}
