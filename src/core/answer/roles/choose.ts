import { foldName } from "../features.ts";
import { TUNING } from "../model.ts";
import { namedSubjects, type SubjectCatalog } from "../subject.ts";
import { type AskedTime, yearOf } from "../time.ts";
import type { AskedRole } from "./question.ts";
import type { RoleStatement } from "./statement.ts";

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
  // No period: the newest statement of a holder not said to have left since. A removal told as it happens
  // ("detained President Bazoum", 2023) ends every holding named before it ("President Issoufou", 2014), though
  // no successor is named.
  const removals = pool.filter((s) => s.removed);
  const superseded = (s: RoleStatement) => removals.some((t) => t.key !== s.key && t.asOf > s.asOf);
  const current = pool.filter((s) => live(s) && !superseded(s));
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
  const before = pool.filter((s) => {
    // Left before the period, after this statement: not the holder then. A departure told before the statement
    // is another holding's (two Maïgas share a surname, a holder can return).
    const ended = endedOn.get(s.key);
    const leftBefore = ended !== undefined && yearOf(ended) < from && ended >= effective(s);
    return yearOf(effective(s)) < from && !s.ended && !leftBefore;
  });
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
  if (next.since === null) return null;
  // ... but only when nobody else can have come between: the documents date the last one's departure in or
  // after the period ("succeeding X" in the next one's appointment), or the period follows the newest statement
  // of the last one holding it closely. A prime minister named in 2014 and another appointed in 2019 say
  // nothing of 2018.
  const left = endedOn.get(last.key);
  const leftInOrAfter = left !== undefined && yearOf(left) >= from;
  const lastSeen = before
    .filter((s) => s.key === last.key)
    .reduce((newest, s) => (s.asOf > newest ? s.asOf : newest), last.asOf);
  return leftInOrAfter || from - yearOf(lastSeen) <= TUNING.heldIntoYears ? last : null;
}

/** Whether a chosen holder is only the last one known before the asked period: the answer says "as of". */
export function knownOnlyBefore(
  statement: RoleStatement,
  considered: readonly RoleStatement[],
  time: AskedTime | null,
): boolean {
  if (!time || time.kind === "total") return false;
  if (yearOf(statement.since ?? statement.asOf) >= time.from) return false;
  return !considered.some((s) => s.key === statement.key && !s.ended && yearOf(s.asOf) >= time.from);
}

/**
 * Whether the documents say nothing of the asked period: the holder is only the last one known before it
 * (`knownOnlyBefore`) and no statement of anyone in the role is dated in or after it. A 2021 statement does not
 * say who held the role in 2023; "has led … since 2016" in a 2019 report, a holder named again later, or a
 * successor appointed in or after the period does (those are chosen, not refused).
 */
export function periodUncovered(
  statement: RoleStatement,
  considered: readonly RoleStatement[],
  time: AskedTime | null,
): boolean {
  if (!time || time.kind === "total" || !knownOnlyBefore(statement, considered, time)) return false;
  return !considered.some((s) => !s.ended && yearOf(s.since ?? s.asOf) >= time.from);
}

/**
 * The statement about the holder a keyword names: their appointment (the earliest that dates it), else the
 * earliest mention. Null when no holder of the role bears every word.
 */
export function holderStatement(
  considered: readonly RoleStatement[],
  words: readonly string[],
): RoleStatement | null {
  const theirs = considered.filter((s) => !s.ended && words.every((word) => nameWord(word, s.holder)));
  if (theirs.length === 0) return null;
  const appointed = theirs.filter((s) => s.since !== null);
  const pool = appointed.length > 0 ? appointed : theirs;
  return pool.reduce((a, b) => ((b.since ?? b.asOf) < (a.since ?? a.asOf) ? b : a));
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
