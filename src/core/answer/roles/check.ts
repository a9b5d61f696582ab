import { foldName } from "../features.ts";
import type { SentenceCandidate } from "../rank.ts";
import { namedSubjects, type SubjectCatalog } from "../subject.ts";
import { type AskedTime, yearOf } from "../time.ts";
import type { RoleAnswer } from "./answer.ts";
import { NAME_RUN, personIn, ROLE_PATTERNS } from "./phrases.ts";
import type { AskedRole } from "./question.ts";

// The safety check on a role answer: a newer top-ranked sentence naming someone else with the role.

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
    if (time && time.kind !== "total" && !(yearOf(date) <= time.to)) continue;
    const sentence = candidate.sentence;
    const terms = candidate.hit.analysis.terms[candidate.index] ?? [];
    if (
      !verbs.some((stem) => terms.includes(stem)) &&
      !patterns.some((p) => new RegExp(p.source, "u").test(sentence))
    )
      continue;
    // Where the role or the verb stands: the person must be named next to it, not elsewhere in the sentence.
    const at = roleAt(sentence, patterns, verbs);
    for (const person of peopleNear(sentence, at, catalog)) {
      const key = foldName(person.split(/\s+/u).at(-1)!);
      if (key === role.statement.key || read.has(key)) continue;
      return candidate;
    }
  }
  return null;
}

/** Where a sentence names one of the role phrases or one of the question's verbs (their index stems). */
function roleAt(sentence: string, patterns: readonly RegExp[], verbs: readonly string[]): number[] {
  return [
    ...patterns.flatMap((p) => [...sentence.matchAll(new RegExp(p.source, "gu"))].map((m) => m.index)),
    ...[...sentence.matchAll(QUESTION_VERB_WORDS)]
      .filter((m) => verbs.some((stem) => m[0].toLowerCase().startsWith(stem.slice(0, 3))))
      .map((m) => m.index),
  ];
}

/**
 * The people (two words or more, no mission or country) a sentence names within `ROLE_NEAR_CHARS` of one of
 * the positions `at`: who holds the role or does the deed told there.
 */
export function peopleNear(
  sentence: string,
  at: readonly number[],
  catalog: SubjectCatalog | null,
): string[] {
  const out: string[] = [];
  if (at.length === 0) return out;
  for (const run of sentence.matchAll(new RegExp(NAME_RUN, "gu"))) {
    if (!at.some((i) => Math.abs(i - run.index) <= ROLE_NEAR_CHARS)) continue;
    const person = personIn(run[0]);
    if (!person?.includes(" ")) continue;
    if (catalog && namedSubjects(catalog, person).length > 0) continue;
    out.push(person);
  }
  return out;
}

/**
 * Whether a ranked sentence answers a role question the statements could not: it names one of the asked roles
 * ("Prime Minister", "has led the Mission") or the question's verb ("who commanded …"), with a person next to
 * it. "Who was Mali's prime minister in 2014?" is not answered by a sentence about a foreign minister.
 */
export function namesRoleHolder(
  asked: AskedRole,
  question: string,
  sentence: string,
  catalog: SubjectCatalog | null,
): boolean {
  const text = question.toLowerCase();
  const verbs = QUESTION_VERBS.filter(([pattern]) => pattern.test(text)).flatMap(([, stems]) => stems);
  const patterns = ROLE_PATTERNS.filter(([key]) => asked.roles.includes(key)).map(([, p]) => p);
  return peopleNear(sentence, roleAt(sentence, patterns, verbs), catalog).length > 0;
}
