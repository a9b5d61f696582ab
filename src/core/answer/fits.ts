import type { KnowledgeBase } from "../knowledge-base.ts";
import { MONTH_PATTERN } from "../lexicon.ts";
import { escapeRegExp } from "../regexp.ts";
import { nationalityGroupsFor } from "../search/nationality.ts";
import type { Concept, ParsedQuery } from "../search/query.ts";
import { indexTerm, tokenize } from "../search/terms.ts";
import { anchorsOf } from "./anchor.ts";
import { askedHead } from "./asked.ts";
import { ASKS_DECISION, statedCeilings } from "./ceilings.ts";
import { ASKS_AUTHORIZED, authorizedAt, COUNT_TOKEN, countsAsked, NOT_COUNTS, words } from "./measures.ts";
import type { SentenceCandidate } from "./rank.ts";
import { namesRoleHolder, peopleNear } from "./roles/check.ts";
import { askedRole } from "./roles/question.ts";
import { namedSubjects, type SubjectCatalog } from "./subject.ts";
import { type AskedTime, FLOW_WORDS } from "./time.ts";

// Whether the sentence the ranking chose answers what was asked, not only shares its words. The ranking
// scores words; a sentence can hold every word of "Who is the UN special envoy for the Sahel?" and name the
// envoy of another body, or every word of "how many police are deployed" and count nothing deployed. Each
// check reads what the question asks for (a holder of a named role, a count of a named thing) and what the
// sentence gives; a sentence that does not give it is no answer, and the bot says it does not know.

/** "Who is the <role> (of/for …)?": a role asked by its title, with a determiner or a possessor before it. */
// One holder: "who are the foreign fighters" asks for a group, whatever names it.
const ROLE_TITLE = /^(?:and |so |but )?who(?:'s|’s| is| was) (?:the |an? |[\p{L}-]+(?:'s|’s) )(.+)$/u;
/** Verbs that end a title without "-ed" or "-ing": "the man said to lead …". */
const TITLE_VERB = new Set("said known thought believed seen held made told called named".split(" "));
const MONTH = new RegExp(`^(?:${MONTH_PATTERN})$`, "iu");
/** Words that end a role's title: what follows says whose role it is ("envoy for the Sahel"). */
const TITLE_END = new Set(
  "of for in at to on from with about during since between under over into after before as by who that which now currently today".split(
    " ",
  ),
);
/** Words that end what says whose role it is: a clause, a time. */
const CLAUSE_END = new Set(
  "that which who whom whose when where after before during since until while because according".split(" "),
);
/** Words after a title that say nothing of whose role it is. */
const NOT_A_QUALIFIER = new Set(
  "the a an of for in at to on and un united nations mission missions country peacekeeping now currently today still".split(
    " ",
  ),
);
// A run of capitals that names a body, not a person: "the World Food Programme", "the Office of …".
const BODY_WORD =
  /\b(?:Programme|Program|Office|Fund|Organi[sz]ation|Agency|Committee|Commission|Community|Group|Front|Platform|Coordination|Movement|Alliance|Bank|Union|Council|Court|Ministry|Forces|Army|Assembly|Government|Institute|Centre|Center)\b/u;

// Words of a title, not of a name: "the United Nations High Commissioner" names an office.
const TITLE_WORD =
  /\b(?:High|Special|Deputy|Chief|Director|Secretary|General|Coordinator|Adviser|Advisor|Envoy|Commissioner|Representative|Head|Executive)\b/u;

/** The role a question asks the holder of by its title: the title's head word and the words that qualify it. */
export interface AskedTitle {
  /** the title's last word: "envoy" in "UN special envoy" */
  head: string;
  /** the qualifying words after it, as index terms: "sahel" in "envoy for the Sahel" */
  qualifiers: string[];
}

/**
 * The title a "who is the …" question asks the holder of, or null when it asks otherwise ("who was behind
 * …", "who was kidnapped"): the words after a determiner or possessor up to a preposition, whose last word is a
 * noun (not "-ed" or "-ing").
 */
export function askedTitle(question: string, catalog: SubjectCatalog | null): AskedTitle | null {
  const text = question
    .toLowerCase()
    .replace(/[?!.]+$/u, "")
    .trim();
  const match = ROLE_TITLE.exec(text);
  if (!match) return null;
  const words = match[1]!.split(/\s+/u).map((word) => word.replace(/[^\p{L}\p{N}-]/gu, ""));
  const title: string[] = [];
  let at = 0;
  for (; at < words.length; at++) {
    const word = words[at]!;
    if (word === "" || TITLE_END.has(word) || /^\d/u.test(word)) break;
    // "the aid worker kidnapped in Inekar", "the man said to lead": someone a deed describes, not an office.
    if (TITLE_VERB.has(word) || (title.length > 0 && /(?:ed|ing)$/u.test(word))) return null;
    title.push(word);
  }
  const head = title.at(-1);
  // A plural ("fighters", "partners") asks for a group; "-ed", "-ing" is no title ("who was involved").
  if (!head || /(?:ed|ing)$/u.test(head) || /[^s]s$/u.test(head) || head.length < 3) return null;
  // Whose role it is ends where a clause or a time begins: "the leader of the group that claimed it".
  const end = words.findIndex((word, i) => i > at && (CLAUSE_END.has(word) || MONTH.test(word)));
  const rest = words.slice(at, end < 0 ? undefined : end).join(" ");
  const subjectWords = new Set(
    (catalog ? namedSubjects(catalog, rest) : []).flatMap((s) => s.keys.flat().map((k) => k.toLowerCase())),
  );
  const qualifiers = tokenize(rest)
    .map((word) => word.toLowerCase())
    .filter((word) => !NOT_A_QUALIFIER.has(word) && !/^\d/u.test(word) && !subjectWords.has(word))
    .filter((word) => !(catalog && namedSubjects(catalog, word).length > 0))
    .map((word) => indexTerm(word))
    .filter((term): term is string => term !== null);
  return { head, qualifiers };
}

/**
 * Whether a sentence names the holder of an asked title: the title's head word ("envoy", "commissioner"), a
 * person named next to it (not a body: "the World Food Programme"), and each word that says whose role it is
 * ("for the Sahel"). "ECOWAS's special envoy, Goodluck Jonathan" is no answer to "the UN special envoy for the
 * Sahel"; "the Office of the High Commissioner for Refugees" names nobody.
 */
export function namesTitleHolder(
  title: AskedTitle,
  sentence: string,
  terms: readonly string[],
  catalog: SubjectCatalog | null,
  concepts: readonly Concept[] = [],
): boolean {
  // The head as written, in any inflection: "envoy(s)", "commissioner(s)", "secretary-general".
  const stem = title.head.slice(0, Math.max(4, title.head.length - 2)).replace(/[-]/gu, "[- ]");
  const at = [...sentence.matchAll(new RegExp(`\\b${stem}`, "giu"))].map((m) => m.index);
  if (at.length === 0) return false;
  // A qualifier is held as written or as the question's reading of it holds it ("CMA" spelled out).
  const held = (term: string) =>
    terms.includes(term) ||
    concepts.some(
      (concept) =>
        concept.alternatives.some((alternative) => alternative.includes(term)) &&
        concept.alternatives.some((alternative) => alternative.every((t) => terms.includes(t))),
    );
  if (!title.qualifiers.every(held)) return false;
  return peopleNear(sentence, at, catalog).some(
    (person) =>
      !BODY_WORD.test(person) && !TITLE_WORD.test(person) && !new RegExp(`\\b${stem}`, "iu").test(person),
  );
}

/**
 * The ranking's best sentence with why it does not answer what was asked (null when it does). A best that
 * states only a ceiling for "how many … have" yields to a ranked sentence scoring at least `share` of it that
 * counts the asked thing with a count of what serves and passes every check ("The police component had 1,718
 * personnel" over resolution 2584's "up to … 1,920 police personnel"). Other failures are not replaced: the
 * checks are necessary, not sufficient, and the next sentence passing them is often no answer either.
 */
export function fitted(
  kb: KnowledgeBase,
  candidates: readonly SentenceCandidate[],
  best: SentenceCandidate,
  question: string,
  query: ParsedQuery,
  catalog: SubjectCatalog | null,
  time: AskedTime | null,
  subjects: readonly string[],
  share: number,
): { best: SentenceCandidate; why: string | null } {
  const why = misfit(kb, best, question, query, catalog, time, subjects);
  if (why !== ONLY_CEILING) return { best, why };
  const head = askedHead(question);
  const term = head ? indexTerm(head) : null;
  const asked = query.concepts.find((c) => term !== null && c.alternatives.some((a) => a.includes(term)));
  if (!asked) return { best, why };
  const rival = candidates.find((c) => {
    if (c === best || !c.typed || c.score < best.score * share) return false;
    const terms = c.hit.analysis.terms[c.index] ?? [];
    return (
      asked.alternatives.some((alternative) => alternative.every((t) => terms.includes(t))) &&
      countsServing(c.sentence, asked) &&
      misfit(kb, c, question, query, catalog, time, subjects) === null
    );
  });
  return rival ? { best: rival, why: null } : { best, why };
}

const ONLY_CEILING = "the sentence states only a ceiling";
/** Words between what is counted and its count that tell a strength: "the police component had 1,718". */
const HOLDING = new Set(
  "component components contingent contingents strength force had has have numbered stood at of some about around nearly over more than approximately totalled reached was were is are".split(
    " ",
  ),
);

/**
 * Whether a sentence counts how many of `concept` serve, not may serve: a count right before its word ("1,718
 * police"), or after it through words of holding ("the police component had 1,718 personnel"); a count after
 * another verb ("police have conducted 20 assessments") counts something else.
 */
function countsServing(sentence: string, concept: Concept): boolean {
  if (countsAsked(sentence, [concept], { authorized: false })) return true;
  const tokens = words(sentence.replace(NOT_COUNTS, " "));
  const last = new Set(concept.alternatives.map((alternative) => alternative.at(-1)));
  for (let j = 0; j < tokens.length; j++) {
    if (!last.has(indexTerm(tokens[j]!) ?? undefined)) continue;
    for (let i = j + 1; i <= Math.min(tokens.length - 1, j + 4); i++) {
      if (COUNT_TOKEN.test(tokens[i]!)) {
        if (!authorizedAt(tokens, i)) return true;
        break;
      }
      if (!HOLDING.has(tokens[i]!)) break;
    }
  }
  return false;
}

/**
 * Why the chosen sentence does not answer what was asked, or null when it does (or the question asks nothing
 * these checks read).
 */
export function misfit(
  kb: KnowledgeBase,
  best: SentenceCandidate,
  question: string,
  query: ParsedQuery,
  catalog: SubjectCatalog | null,
  time: AskedTime | null,
  subjects: readonly string[] = [],
): string | null {
  const text = question.replace(/[’]/gu, "'");
  if (query.answerType === "who") {
    const role = askedRole(text, catalog, time);
    // A role question the statements could not answer: a ranked sentence must name someone in that role.
    if (role) {
      return namesRoleHolder(role, text, best.sentence, catalog)
        ? null
        : "the sentence names nobody in the asked role";
    }
    const title = askedTitle(text, catalog);
    if (title) {
      const terms = best.hit.analysis.terms[best.index] ?? [];
      return namesTitleHolder(title, best.sentence, terms, catalog, query.concepts)
        ? null
        : `the sentence names no ${title.head}${title.qualifiers.length > 0 ? ` (${title.qualifiers.join(", ")})` : ""}`;
    }
  }
  if (query.answerType === "number" && ASKS_COUNT.test(text)) {
    const kinds = countKinds(best.sentence);
    // "What was the strength of MINUSMA in 2020?" is not answered by "five years at the head of MINUSMA".
    if (kinds.size === 0 || (kinds.size === 1 && kinds.has("span"))) return "the sentence states no count";
    // "How many troops did MINUSMA have in 2016?" is not answered by the ceiling the Council set that year.
    // ("How many troops did the Council add?" asks about the decision: its ceiling answers.)
    if (
      /\bhow many\b/iu.test(text) &&
      !ASKS_AUTHORIZED.test(text) &&
      !ASKS_DECISION.test(text) &&
      !kinds.has("count")
    ) {
      return ONLY_CEILING;
    }
  }
  // "How many troops did MINUSMA have in 2014?" is not answered by "Niger has about 850 troops in the UN force":
  // every count the sentence states is one country's, and the question names no country.
  // Only a strength ("have", "serve", "deployed") is a whole a country's part falls short of: "How many soldiers
  // were arrested in Bamako?" is answered by the 49 Ivorian soldiers arrested there.
  if (
    query.answerType === "number" &&
    /\bhow many\b/iu.test(text) &&
    !FLOW_WORDS.test(text) &&
    !DEED.test(text)
  ) {
    const owners = countOwners(best.sentence, new Set(query.concepts.flatMap((c) => c.alternatives.flat())));
    const foreign = owners?.filter(
      (owner) => !(catalog && namedSubjects(catalog, owner).some((s) => subjects.includes(s.key))),
    );
    if (owners && foreign && foreign.length === owners.length) {
      return `the sentence counts only ${[...new Set(foreign)].join(", ")}'s`;
    }
  }
  // "How many people live in Bamako?": a count of somewhere else ("85,000 people remained internally displaced")
  // is no answer; the count must be told where the place asked is named.
  if (query.answerType === "number") {
    const place = placeNotNamed(kb, best, query, text, catalog);
    if (place) return `no sentence next to the count names ${place}`;
  }
  return null;
}

/**
 * A place the question asks a count at ("in Bamako", "near Bandiagara": one of its own names, not a mission or
 * country, which the subject rule reads) that neither the answer nor a sentence next to it names, or null.
 */
function placeNotNamed(
  kb: KnowledgeBase,
  best: SentenceCandidate,
  query: ParsedQuery,
  question: string,
  catalog: SubjectCatalog | null,
): string | null {
  const lower = question.toLowerCase();
  for (const anchor of anchorsOf(kb, query)) {
    const name = anchor.concept.text.toLowerCase();
    const written = escapeRegExp(name);
    if (!new RegExp(`\\b(?:in|at|near|around|outside)\\s+(?:the\\s+)?${written}\\b`, "u").test(lower))
      continue;
    // A month ("in the October 2014 ambush") is a time, a mission or country the subject rule's.
    if (MONTH.test(name) || (catalog && namedSubjects(catalog, name).length > 0)) continue;
    // Named in the sentence or either next to it: a passage can run over paragraphs about other places.
    const near = [best.hit.analysis.terms[best.index], best.before?.terms, best.after?.terms];
    const named = anchor.concept.alternatives.some((terms) =>
      near.some((held) => held !== undefined && terms.every((term) => held.includes(term))),
    );
    if (!named) return anchor.concept.text;
  }
  return null;
}

/** A question asking for a count in so many words ("how many", "the number of", "strength", "how large"). */
const ASKS_COUNT = /\bhow (?:many|much|large|big|strong)\b|\bnumber of\b|\bstrength\b|\bsize of\b/iu;
/** What follows a count that makes it a length of time: "five years", "two days after" (a percentage is a count). */
const SPAN = /^(?:years?|months?|weeks?|days?|hours?|minutes?|decades?)$/u;

const NAMING = new Set([
  "resolution",
  "resolutions",
  "no",
  "paragraph",
  "paragraphs",
  "article",
  "chapter",
  "res",
]);

/**
 * The kinds of count a sentence states: "count" (a number of something), "span" (a length of time or a
 * percentage), "ceiling" (how many may serve). Years and dates are no counts.
 */
function countKinds(sentence: string): Set<"count" | "span" | "ceiling"> {
  const tokens = words(sentence.replace(NOT_COUNTS, " "));
  const ceilings = statedCeilings(sentence).length;
  const kinds = new Set<"count" | "span" | "ceiling">();
  let counts = 0;
  for (let i = 0; i < tokens.length; i++) {
    // "resolution 2295", "paragraph 8": a number that names, not one that counts.
    if (!COUNT_TOKEN.test(tokens[i]!) || NAMING.has(tokens[i - 1] ?? "")) continue;
    if (SPAN.test(tokens[i + 1] ?? "")) kinds.add("span");
    else counts += 1;
  }
  if (ceilings > 0) kinds.add("ceiling");
  if (counts > ceilings) kinds.add("count");
  return kinds;
}

/** A deed's participle in a question ("arrested", "evacuated"), not a state of serving ("deployed", "based"). */
const DEED =
  /\b(?!(?:deployed|stationed|based|authori[sz]ed|needed|displaced|registered|required)\b)[a-z]{3,}ed\b/iu;
const OWNER_LINK = new Set(
  "has had have whose its about some around nearly almost roughly approximately over more than contributed contributes sent provided provides deployed deploys".split(
    " ",
  ),
);
/** How far before a count its country may stand ("Niger has about 850 troops", "Ivory Coast, whose 49 soldiers"). */
const OWNER_BEFORE = 4;

/** The country or nationality a run of index terms starts with at `at`: its length in terms, 0 when none. */
function countryAt(termAt: (i: number) => string | null, at: number): number {
  const first = termAt(at);
  if (!first) return 0;
  let longest = 0;
  for (const group of nationalityGroupsFor(first)?.groups ?? []) {
    for (const key of group.keys) {
      if (key.length > longest && key.length > 0 && key.every((term, k) => termAt(at + k) === term)) {
        longest = key.length;
      }
    }
  }
  return longest;
}

/**
 * The country each count of a sentence belongs to, or null when one count belongs to none (or the sentence
 * has no count): a country or nationality just before it ("Niger has about 850", "Britain's 300", "Ivory Coast,
 * whose 49") or right after it ("850 Nigerien troops"). Words the question itself holds (`asked`, index terms)
 * own nothing: "How many French troops" is about France's.
 */
function countOwners(sentence: string, asked: ReadonlySet<string>): string[] | null {
  const tokens = words(sentence.replace(NOT_COUNTS, " ").replace(/['’]s\b/gu, ""));
  // Index terms are read only around counts: stemming every word of the sentence would cost each answer.
  const read = new Map<number, string | null>();
  const termAt = (i: number): string | null => {
    if (i < 0 || i >= tokens.length) return null;
    let term = read.get(i);
    if (term === undefined) {
      term = indexTerm(tokens[i]!);
      read.set(i, term);
    }
    return term;
  };
  const owners: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (!COUNT_TOKEN.test(tokens[i]!) || NAMING.has(tokens[i - 1] ?? "") || SPAN.test(tokens[i + 1] ?? ""))
      continue;
    let owner: string | null = null;
    for (let j = i - 1; j >= Math.max(0, i - OWNER_BEFORE) && owner === null; j--) {
      if (COUNT_TOKEN.test(tokens[j]!)) break;
      // Only "has", "whose", "about" … may stand between a country and its count: "in Mali, with some 6,100".
      if (j < i - 1 && !OWNER_LINK.has(tokens[j + 1]!)) break;
      // "Ivory Coast": the name is read from its first word.
      for (const start of [j - 1, j]) {
        const length = start >= 0 ? countryAt(termAt, start) : 0;
        if (length > 0 && start + length - 1 === j) owner = tokens.slice(start, start + length).join(" ");
      }
    }
    if (owner === null && i + 1 < tokens.length) {
      const length = countryAt(termAt, i + 1);
      if (length > 0) owner = tokens.slice(i + 1, i + 1 + length).join(" ");
    }
    if (owner === null) return null;
    if (owner.split(" ").some((word) => asked.has(indexTerm(word) ?? ""))) return null;
    owners.push(owner);
  }
  return owners.length > 0 ? owners : null;
}
