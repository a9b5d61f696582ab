import { foldName } from "../answer/features.ts";
import { TUNING } from "../answer/model.ts";
import type { ThreadPlace } from "../answer/rank.ts";
import type { Turn } from "../answer/types.ts";
import { MONTH_WORDS } from "../lexicon.ts";
import { escapeRegExp } from "../regexp.ts";
import { type Concept, conceptKey, type ParsedQuery } from "../search/query.ts";
import { indexTerm } from "../search/terms.ts";
import { BIOGRAPHY_WORDS, type BiographyAsk, biographyAsk } from "./biography.ts";
import { EVENT_ASK_WORDS, type EventAsk, eventAsk, isDoerAsk, widenDeed } from "./event-cues.ts";
import { agreeing, type Gender, pronounGender } from "./referent.ts";
import { type RelativeTime, relativeTime } from "./relative-time.ts";
import { ELLIPTICAL_OPENING, type Swap, swapOf } from "./swap.ts";

export interface Resolution {
  /** the concepts to search for: the question's own, plus the thread's when it is a follow-up */
  concepts: Concept[];
  followUp: boolean;
  /** where the thread stands: the previous answer's documents, passage and sentence */
  place: ThreadPlace | null;
  /** the thread's subject and period, for a follow-up that names none ("how many were injured?") */
  subjects: string[];
  period: string | null;
  /** what each pronoun of the question was read as ("his" -> "El-Ghassim Wane"), for explanations */
  referents: Array<{ word: string; to: string; gender?: Gender | null }>;
  /**
   * the names the thread already gave, folded ("kerena", "niger", "mali"): a follow-up asks for something new,
   * so "where did it happen?" is not answered by the place the previous answer named
   */
  given: string[];
  /** "by then", "after that", "before": time placed against the thread's event (relative-time.ts) */
  relative: RelativeTime | null;
  /** "by which resolution?": the thing whose identity is asked, answered by "resolution 2100" */
  which: string | null;
  /** "who did he replace?", "where did he study?": what is asked about the thread's person (biography.ts) */
  biography: BiographyAsk | null;
  /**
   * "and in 2019?" after "how many peacekeepers were killed in 2021?": the previous question with the new year,
   * place or name in place of its own (swap.ts): the answer type it asked, and what was swapped out, for
   * explanations. Null when the follow-up swaps nothing.
   */
  swap: Swap | null;
  /** "where is that?", "who was holding her?": what is asked about the thread's event (event-cues.ts) */
  event: EventAsk | null;
  /** the thread's places, for "where is that?": those its answers and questions named */
  places: string[];
}

// Words that point back at the thread's subject.
const POINTS_BACK =
  /\b(it|its|that|this|these|those|they|them|their|there|he|she|him|his|her|the same|then)\b/iu;
const QUESTION_WORD = /^(how many|how much|how long|who|whom|when|where|what|which)\b/iu;
const WHICH_ONE =
  /^(?:(?:and|but|so) )?(?:(?:by|in|under|from|with|for|at|on|of|to) )?(?:which|what) ([\p{L}-]+)\s*\??$/iu;
// Words a question opens with that name nothing.
const OPENER =
  /^(?:what|who|whom|whose|where|when|why|how|which|is|are|was|were|did|does|do|can|could|will|would|should|has|have|had|and|but|so|the|a|an|in|on|at|of|for|tell|give|show|list|any|some|after|before|since|during)$/iu;
const PERSON = /\b(he|she|him|his|her|hers)\b/iu;
const GROUP = /\b(they|them|their)\b/iu;
const PLACE = /\bthere\b/iu;
// A capitalised word after the first: the question names something of its own ("and when will Germany leave?").
const NAMES_ITS_OWN = /\s\p{Lu}/u;

const STANDALONE: Resolution = {
  concepts: [],
  followUp: false,
  place: null,
  subjects: [],
  period: null,
  referents: [],
  given: [],
  relative: null,
  which: null,
  biography: null,
  swap: null,
  event: null,
  places: [],
};

/**
 * Decides whether a question is a follow-up of the thread and, if so, reads it in the thread's light: the
 * thread's subject is added at a lower weight ("and for police?" after "troop ceiling" searches police first,
 * then troop and ceiling), a pronoun stands for the person, group or place the previous answer named ("who
 * was his predecessor?"), and the previous answer's document and sentence say where the story continues.
 */
export function resolveFollowUp(
  text: string,
  standalone: ParsedQuery,
  history: Turn[],
  parseFocus: (focus: string) => ParsedQuery,
  parseReferent: (name: string) => ParsedQuery = parseFocus,
  previousTerms: ReadonlySet<string> = new Set(),
  genderOf: (person: string) => Gender | null = () => null,
): Resolution {
  const latest = [...history].reverse().find((turn) => turn.focus.length > 0);
  if (!latest) return { ...STANDALONE, concepts: standalone.concepts };
  // A follow-up the documents could not answer ("where did he study?") leaves the thread where it was: the
  // next one ("what job did he have before?") still stands on the last answer's person and place.
  const last = latest.found ? latest : ([...history].reverse().find((turn) => turn.found) ?? latest);

  const own = standalone.concepts.filter((concept) => concept.known);
  // "How many were injured?", "who was behind it?": a question word and one word of its own asks about the
  // thread's event.
  // "By which resolution?", "in what year?": which-what and one word asks which one the thread's event had.
  const bare =
    own.length <= 1 &&
    ((standalone.answerType !== "any" && QUESTION_WORD.test(text)) || WHICH_ONE.test(text));
  // "Who took over the camp?" after "the peacekeepers left their camps in Tessalit": "the camp" is the one the
  // previous answer named.
  const definite =
    own.length <= 2 &&
    own.some(
      (concept) =>
        new RegExp(`\\bthe ${escapeRegExp(concept.text)}\\b`, "iu").test(text) &&
        concept.alternatives.some((terms) => terms.every((term) => previousTerms.has(term))),
    );
  // "Which group claimed responsibility?", "who was responsible?": who did something, naming no event of its
  // own, is about the thread's.
  // ("Who attacked the camp?" names a camp: a follow-up only when the thread named one, as above.)
  const askedOfEvent =
    !NAMES_ITS_OWN.test(text) &&
    !/\d/u.test(text) &&
    isDoerAsk(text) &&
    own.every((concept) => concept.text.split(/\s+/u).every((word) => EVENT_ASK_WORDS.test(word)));
  const elliptical =
    ELLIPTICAL_OPENING.test(text) ||
    own.length === 0 ||
    bare ||
    definite ||
    askedOfEvent ||
    (own.length <= 2 && POINTS_BACK.test(text));
  // A question that stands on its own still stands in the thread: "how many peacekeepers were injured?" after
  // "Ber withdrawal" prefers the Ber story's sentence when it answers as well as another's.
  const relative = last.found ? relativeTime(text) : null;
  if (!elliptical) return { ...STANDALONE, concepts: standalone.concepts, place: placeOf(last), relative };

  const referents: Resolution["referents"] = [];
  const extra: string[] = [];
  const refer = (pattern: RegExp, to: string | undefined) => {
    const word = pattern.exec(text)?.[0];
    if (word && to) {
      // The person's gender as the documents give it: a biography sentence with "she" is hers (biography.ts).
      const gender = pattern === PERSON ? genderOf(to) : null;
      referents.push(gender ? { word, to, gender } : { word, to });
      extra.push(to);
    }
  };
  // The thread is about what its question named: "he" after "El-Ghassim Wane appointment" is Wane, not the
  // Secretary-General who announced it; "they" after "UNIFIL peacekeepers injured" are the peacekeepers (the
  // question's own words, already carried), not "United Nations Interim Force".
  const asked = new Set(last.focus.map((word) => word.toLowerCase()));
  const wordsAsked = (name: string) =>
    name
      .toLowerCase()
      .split(/[\s-]+/u)
      .filter((word) => asked.has(word)).length;
  const inQuestion = (name: string) => wordsAsked(name) > 0;
  // Namesakes: "who did he replace?" about Abdoulaye Maiga is answered with Choguel Kokalla Maiga; the next
  // "he" is still the one the question named in full, not the one who only shares his last name.
  const mostAsked = (...lists: string[][]) => {
    let best: string | undefined;
    let most = 0;
    for (const name of lists.flat()) {
      const n = wordsAsked(name);
      if (n > most) [best, most] = [name, n];
    }
    return best;
  };
  const people = last.people ?? [];
  // "he" is no acronym ("MINUSMA", "JNIM"): those are organisations; nor a month ("Aug. 11").
  const isPerson = (name: string) => !/^\p{Lu}{2,}$/u.test(name) && !MONTH_WORDS.has(name.toLowerCase());
  const persons = people.filter(isPerson);
  // The person the thread is about may have been named turns ago: "who did he replace?" after "who did he
  // beat?" (answered with the rival's name) is still about the one the first answer named.
  const earlier = history.flatMap((turn) => (turn.found ? (turn.people ?? []) : [])).filter(isPerson);
  // "Where was she educated?" after "Guterres … announced the appointment of Mariam Koné" is about Koné: the
  // pronoun agrees with the gender the documents give each person ("Ms. Koné"), when they give one.
  const gender = pronounGender(PERSON.exec(text)?.[0] ?? "");
  const fitting = agreeing(persons, gender, genderOf);
  const fittingEarlier = agreeing(earlier.reverse(), gender, genderOf);
  refer(PERSON, mostAsked(fitting, fittingEarlier) ?? fitting[0] ?? fittingEarlier[0] ?? persons[0]);
  refer(GROUP, people.find(inQuestion));
  refer(PLACE, last.places?.[0]);
  // "Who did he replace?" asks for a kind of sentence about the person, not for the word "replace".
  const person = referents.some((r) => PERSON.test(r.word)) ? biographyAsk(text) : null;
  // "Who was holding her?" asks for the group named at the deed, not for the word "holding" (event-cues.ts).
  // "And when will Germany leave?" names its own subject: the thread's question again, not its deed's date.
  const eventAsked = person ? null : eventAsk(text);
  const event = eventAsked === "when" && NAMES_ITS_OWN.test(text) ? null : eventAsked;
  const askWords = person ? BIOGRAPHY_WORDS : event === "doer" ? EVENT_ASK_WORDS : null;
  const kept = askWords
    ? standalone.concepts.filter((concept) => !concept.text.split(/\s+/u).every((w) => askWords.test(w)))
    : event === "when" || event === "leader" || event === "victim"
      ? // "When were they kidnapped?" is told "They were seized in July 2020", "who led it?" "presented himself
        // as the leader": the deed's family counts as its word.
        standalone.concepts.map((concept) => widenDeed(concept, indexTerm))
      : standalone.concepts;

  const ownKeys = new Set(kept.map(conceptKey));
  // A pronoun stands for its referent's name: "when did he take power?" asks "when did Goïta take power?", so
  // the name counts as the question's own, the thread's other words at the context weight.
  const named =
    extra.length > 0
      ? parseReferent(extra.join(" ")).concepts.filter(
          (concept) => concept.known && !ownKeys.has(conceptKey(concept)),
        )
      : [];
  for (const concept of named) ownKeys.add(conceptKey(concept));
  const inherited = parseFocus(last.focus.join(" ")).concepts.filter(
    (concept) => concept.known && !ownKeys.has(conceptKey(concept)),
  );
  // "And in 2019?", "what about Gao?": the new year or name takes the place of the thread's own.
  const swap = swapOf(text, kept, inherited, history, parseFocus);
  // When something was swapped out, the rest is the question again, counted nearly in full.
  const context =
    swap && swap.replaced.length > 0
      ? inherited
          .filter((concept) => !swap.replaced.includes(concept.text))
          .map((concept) =>
            swap.whole ? { ...concept, weight: Math.max(concept.weight, TUNING.swapWeight) } : concept,
          )
      : inherited;
  return {
    concepts: [...kept, ...named, ...context],
    followUp: true,
    place: placeOf(last),
    subjects: last.subjects ?? [],
    period: last.period ?? null,
    referents,
    given: givenNames(history),
    relative,
    which: WHICH_ONE.exec(text)?.[1]?.toLowerCase() ?? null,
    biography: person,
    swap,
    event,
    places: [
      // The questions' names first: they say which place the thread is about.
      ...new Set([
        ...[...history].reverse().flatMap((turn) =>
          turn.question
            .split(/\s+/u)
            .map((word) => word.replace(/^[("“‘]+|[)"”’.,;:?!]+$/gu, ""))
            // A keyword may open with its place ("Gao suicide bombing 2017"); a question opens with a capital.
            .filter((word, i) => /^\p{Lu}\p{Ll}/u.test(word) && (i > 0 || !OPENER.test(word))),
        ),
        ...(last.places ?? []),
      ]),
    ],
  };
}

/**
 * The names a thread already gave: the people, groups and places its answers named and the capitalised words
 * of its questions, folded as sentence names are (features.ts foldName).
 */
export function givenNames(history: Turn[]): string[] {
  const names = new Set<string>();
  const add = (text: string) => {
    // A sentence's names keep their hyphens ("Tuareg-led"), a question's words lose them: both forms.
    for (const word of text.split(/\s+/u)) {
      const bare = word.replace(/^[("“‘]+|[)"”’.,;:?!]+$/gu, "");
      if (!/^\p{Lu}/u.test(bare)) continue;
      names.add(foldName(bare));
      for (const part of bare.split("-")) if (/^\p{Lu}/u.test(part)) names.add(foldName(part));
    }
  };
  for (const turn of history) {
    for (const name of [...(turn.people ?? []), ...(turn.places ?? [])]) add(name);
    add(turn.question.replace(/^\S+\s*/u, ""));
  }
  return [...names];
}

function placeOf(turn: Turn): ThreadPlace | null {
  return turn.found ? { docs: turn.docs, passage: turn.passage ?? null, sentence: turn.sentence ?? 0 } : null;
}
