import { EARLIEST, MONTH_PATTERN, MONTHS } from "../../lexicon.ts";
import { tokenize } from "../../search/terms.ts";
import { foldName } from "../features.ts";
import { namedSubjects, type SubjectCatalog } from "../subject.ts";
import type { AskedTime } from "../time.ts";
import type { RoleKey } from "./statement.ts";

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
