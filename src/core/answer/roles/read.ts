import { foldName } from "../features.ts";
import { yearOf } from "../time.ts";
import { appointmentDate, sinceDate } from "./date.ts";
import {
  ACTING_AFTER,
  ACTING_BEFORE,
  CAP,
  MAY_HOLD_ROLE,
  NAME_RUN,
  PARTICLE,
  personIn,
  ROLE_PATTERNS,
  RULE_VERB_START,
} from "./phrases.ts";
import type { RoleKey, RoleStatement } from "./statement.ts";

// Reading the role statements of one sentence: the person named after or before a role phrase, whether the
// holding is an appointment, acting or ended, and who took power.

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
// Commander", "appointed X, a leader of the movement, as Prime Minister", "X continued to command the force".
const VERB =
  "(?:who\\s+)?(?:(?:has|had|have)(?=\\s+$)|(?:(?:has|had|have)\\s+)?(?:continued|continues|continue)\\s+to(?=\\s+$)|(?:(?:has|had|have)\\s+)?(?:is|was|became|becomes|become|remains|remained|been|serves|served|(?:was\\s+|been\\s+)?(?:named|appointed|elected|sworn\\s+in|installed|confirmed)|assumed\\s+(?:his|her)\\s+(?:functions|duties|post)|took\\s+up\\s+(?:his|her)\\s+(?:post|functions|duties)|took\\s+office|takes\\s+office|took\\s+over|takes\\s+over))";
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

// Removing a holder by force or arrest, told right before the role: "detained President X", "ousting President X".
const REMOVED_BEFORE =
  /\b(?:arrest(?:ed|ing)?|detain(?:ed|ing)?|oust(?:ed|ing)?|overthr(?:ew|own|owing)|toppl(?:ed|ing)|depos(?:ed|ing))\b[^.;]*$/u;

/**
 * Whether a removal before the role at `start` is told as it happens: no year before the document's is named
 * in the sentence ("Goïta, who seized power in coups in 2020 and 2021, ousting President X" recalls one).
 */
function removedNow(sentence: string, start: number, docDate: string): boolean {
  if (!REMOVED_BEFORE.test(wordsBefore(sentence, start, 5))) return false;
  const docYear = yearOf(docDate);
  return !(sentence.match(/\b(?:19|20)\d{2}\b/gu) ?? []).some((year) => Number(year) < docYear);
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
    removed = false,
  ) => {
    const key = foldName(holder.split(/\s+/u).at(-1)!);
    if (out.some((s) => s.role === role && s.key === key)) return;
    out.push({
      ...(acting ? { acting } : {}),
      ...(removed ? { removed } : {}),
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
            endedBefore && !took && removedNow(sentence, start, docDate),
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
