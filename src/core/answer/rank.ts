import { type BiographyAsk, tellsBiography } from "../conversation/biography.ts";
import { askedSpeaker, identifies, namesAgent, saidBy } from "../conversation/cues.ts";
import { fitsRelativeTime, type RelativeTime } from "../conversation/relative-time.ts";
import { passageId, passagePlace } from "../knowledge/passages.ts";
import type { KnowledgeBase } from "../knowledge-base.ts";
import { MONTH_WORDS } from "../lexicon.ts";
import { spellsOut } from "../search/acronym.ts";
import { type Concept, conceptWeight, type ParsedQuery } from "../search/query.ts";
import type { PassageHit } from "../search/search.ts";
import { contentTerms, tokenize } from "../search/terms.ts";
import { agentOf, countsEventNotAgents } from "./agent.ts";
import { anchorHeld, anchorsOf } from "./anchor.ts";
import { actionVerb, askedHead, countedVerb } from "./asked.ts";
import { callsByHead, fullNameHeads, namesByDescription } from "./coref.ts";
import { foldName, satisfiesAnswerType, sentenceFeatures } from "./features.ts";
import { isKeywordQuery, statesToll } from "./headline.ts";
import { TUNING } from "./model.ts";
import { answerNearEvent, doerAtAction, eventTermsOf } from "./near.ts";
import { precisePlace } from "./place.ts";
import { asksWhy, givesReason } from "./reason.ts";
import { shareHead } from "./share.ts";
import { OPEN_SCOPE, type QuestionScope } from "./subject.ts";
import { type AskedTime, eventDate, matchesTime, type SentenceTime, sentenceTime } from "./time.ts";

/** Openings that stand for a person or thing the sentence before named. */
const PRONOUN_OPENING = /^["“]?(He|She|It|They|His|Her|Its|Their)\b/u;

/** Where a follow-up's thread stands: the previous answer's document and sentence. */
export interface ThreadPlace {
  docs: readonly string[];
  /** the passage id and sentence index the previous answer quoted first */
  passage: string | null;
  sentence: number;
}

/** What a question is checked against besides its words: its subject, its period, its thread. */
export interface RankContext {
  scope: QuestionScope;
  time: AskedTime | null;
  thread: ThreadPlace | null;
  /** the period is the thread's, not the question's ("when did he take power?" after "Keita 2013 election") */
  threadTime?: boolean;
  /** names the thread already gave (conversation/follow-up.ts): a follow-up is not answered by them */
  given?: readonly string[];
  /** the question is all thread ("where did it happen?"): it has no words of its own the documents know */
  followUp?: boolean;
  /** "after that", "before": a sentence of the thread's document that reads so is scored even without the words */
  relative?: RelativeTime | null;
  /** "by which resolution?": only a sentence saying which one ("resolution 2100") holds the answer */
  which?: string | null;
  /** "who did he replace?": a thread sentence telling it is read though it holds none of the words */
  biography?: BiographyAsk | null;
  /** "where is that?", "who was holding her?": a thread sentence meeting the cue is read without the words */
  cue?: ((sentence: string) => boolean) | null;
}

export const NO_CONTEXT: RankContext = { scope: OPEN_SCOPE, time: null, thread: null };

/** The parts a sentence's score is made of (each 0..1 before its weight), as `--explain` prints them. */
export interface ScoreParts {
  coverage: number;
  typed: number;
  nearCount: number;
  passage: number;
  density: number;
  prominence: number;
  proximity: number;
  thread: number;
  /** a keyword question about an event, and the sentence states its toll (headline.ts) */
  headline: number;
  /** a "why" question, and the sentence gives a reason (reason.ts) */
  reason: number;
  /** the asked date stands next to the asked event's words (near.ts) */
  nearAnswer: number;
  /** the sentence's document names one of the question's names (a place, a hotel, a group) (anchor.ts) */
  anchor: number;
}

/** A sentence that may answer the question, with what it covers. */
export interface SentenceCandidate {
  hit: PassageHit;
  /** position of the sentence in its passage */
  index: number;
  sentence: string;
  /** 0..1: the question's concepts the sentence holds, with half credit for its neighbours' */
  coverage: number;
  /** whether it holds the kind of thing asked for (a number for "how many"...) */
  typed: boolean;
  /** for a number question: the count stands next to the question's words */
  nearCount: boolean;
  parts: ScoreParts;
  score: number;
  /** the dates it states, read when first needed (`timeOf`): most candidates are never asked */
  stated: SentenceTime | null;
  /** the sentence before and after it, across a passage boundary if need be */
  before: Neighbour | undefined;
  after: Neighbour | undefined;
}

interface Neighbour {
  sentence: string;
  terms: string[];
}

/** What a sentence covers of a question. */
interface Coverage {
  /** weight of the concepts met, the typed wording counting fully and a synonym a little less */
  weight: number;
  concepts: Set<Concept>;
  /** how many of the sentence's terms are the question's */
  hits: number;
  /** position of the first of the question's terms, in content terms */
  first: number;
  /** the narrowest window, in content terms, that holds one term of every concept met */
  span: number;
  /** a count stands just before the question's words ("1,920 police", not "police conducted 20 reports") */
  nearCount: boolean;
}

/** The question's own concepts, as opposed to those a follow-up borrowed from its thread. */
export function ownConcepts(query: ParsedQuery): Concept[] {
  return query.concepts.filter((concept) => concept.weight === 1);
}

/** Sentences set aside before scoring, and why: for `--explain`. */
export interface Rejected {
  sentence: string;
  doc: string;
  why: string;
}

/**
 * Every sentence of the hit passages that holds something of the question and fits its period and subject,
 * best first. `rejected`, when given, collects the sentences that matched words but not the period or subject.
 */
export function rankSentences(
  kb: KnowledgeBase,
  hits: PassageHit[],
  query: ParsedQuery,
  context: RankContext = NO_CONTEXT,
  rejected?: Rejected[],
): SentenceCandidate[] {
  const top = hits[0]?.score ?? 0;
  const asked = askedWords(query);
  const given = new Set(context.given ?? []);
  const total = totalWeight(query.concepts);
  const asksSomething = query.concepts.some((concept) => concept.weight === 1 && concept.known);
  const { scope, time, thread, threadTime, followUp, relative, which, biography, cue } = context;
  // "What did MINUSMA say about them?" is answered by MINUSMA's words, not by another's that name it.
  const speaker = askedSpeaker(query.text);
  const counted = countedVerbConcept(query);
  const ownKnown = ownConcepts(query).filter((concept) => concept.known);
  const keyword = query.answerType === "any" && isKeywordQuery(query.text);
  const why = asksWhy(query.text);
  const eventTerms = eventTermsOf(query.text, query.concepts);
  // "How many attackers?": a count of the attacks is not one of the attackers (agent.ts).
  const agent = query.answerType === "number" ? agentOf(askedHead(query.text)) : null;
  // "Who signed ...?": the doer named right at the action (near.ts).
  const actionTerms =
    query.answerType === "who" && counted !== null ? new Set(counted.alternatives.flat()) : null;
  // "Which group claimed the Radisson Blu attack?": a claim in a document that never names the hotel is another's.
  const anchors = anchorsOf(kb, query);
  const anchorHelds = new Map<string, number>();
  const candidates: SentenceCandidate[] = [];
  const heads = new Map<string, Set<string>>();
  for (const hit of hits) {
    const { sentences, terms } = hit.analysis;
    const docDate = hit.passage.doc.date;
    const year = docDate.slice(0, 4);
    const covers = terms.map((list, i) => coveredConcepts(list, query.concepts, year, sentences[i]));
    const [first, last] = edgeSentences(kb, hit.passage.id);
    // The sentences just outside the passage are weighed once here, those inside it once above.
    const firstCover = first && coveredConcepts(first.terms, query.concepts, year, first.sentence);
    const lastCover = last && coveredConcepts(last.terms, query.concepts, year, last.sentence);
    const threadAt = thread ? threadPosition(thread, hit.passage.id) : null;
    for (const [index, sentence] of sentences.entries()) {
      const own = covers[index]!;
      // "What did he do before?": "Most recently, he was Chief of Staff…" holds none of the thread's words.
      const sequel = threadAt
        ? (relative ? fitsRelativeTime(relative, sentence) : false) ||
          (biography ? tellsBiography(biography, sentence) : false) ||
          (cue ? cue(sentence) : false)
        : false;
      if (own.weight === 0 && !sequel) continue;
      // A follow-up's own words must be in the sentence itself: "and for police?" is answered by a sentence
      // that mentions police, not by one that only sits next to it.
      if (asksSomething && !sequel && ![...own.concepts].some((concept) => concept.weight === 1)) continue;
      const before = index === 0 ? first : { sentence: sentences[index - 1]!, terms: terms[index - 1]! };
      const after =
        index === sentences.length - 1 ? last : { sentence: sentences[index + 1]!, terms: terms[index + 1]! };
      const stated = time ? sentenceTime(sentence) : null;
      // A period the question inherited from its thread does not set aside the thread's own documents: they
      // were chosen for it, and their background ("appointed in April 2012") is what a follow-up asks about.
      if (time && stated && !(threadTime && threadAt) && !matchesTime(time, stated, docDate)) {
        rejected?.push({ sentence, doc: hit.passage.doc.id, why: `not about ${time.text}` });
        continue;
      }
      if (
        scope.restricted &&
        !scope.sentenceAllowed(hit.passage.doc.id, [
          ...terms[index]!,
          ...(before?.terms ?? []),
          ...(after?.terms ?? []),
        ])
      ) {
        rejected?.push({ sentence, doc: hit.passage.doc.id, why: "does not name the country asked about" });
        continue;
      }
      // What the neighbouring sentences add counts at half: "The area had been infiltrated by ISGS" answers
      // "ISGS along the Gao road" because the sentence before it names the road.
      const previous = (index === 0 ? firstCover : covers[index - 1])?.concepts ?? new Set<Concept>();
      const around = new Set<Concept>([
        ...previous,
        ...((index === sentences.length - 1 ? lastCover : covers[index + 1])?.concepts ?? []),
      ]);
      // A sentence that opens with a pronoun ("He takes over from ...") is about what the sentence before it
      // named: those concepts count fully, as if the name stood in its place.
      // So is one saying "the committee" after a sentence naming "the National Committee ... (CNSP)" (coref.ts).
      const carried = PRONOUN_OPENING.test(sentence)
        ? [...previous].filter((concept) => !own.concepts.has(concept))
        : [...new Set([...previous, ...query.concepts])].filter(
            (concept) =>
              !own.concepts.has(concept) &&
              ((previous.has(concept) &&
                before !== undefined &&
                namesByDescription(sentence, before.sentence, concept.text)) ||
                (concept.acronym !== undefined &&
                  callsByHead(sentence, headsOf(kb, hit.passage.doc.id, concept.acronym, heads)))),
          );
      // A carried concept counts fully, whether or not a neighbour holds it too.
      const context = [...around]
        .filter((concept) => !own.concepts.has(concept) && !carried.includes(concept))
        .reduce((sum, concept) => sum + conceptWeight(concept), 0);
      const carriedWeight = carried.reduce((sum, concept) => sum + conceptWeight(concept), 0);
      const coverage = Math.min(1, (own.weight + carriedWeight + context * TUNING.neighbourShare) / total);
      // "How many Chadian peacekeepers serve in MINUSMA?": a count in a sentence without "serve" counts
      // something else ("an attack which killed 10 peacekeepers from Chad"), unless the sentence holds all the
      // rest of the question and words the verb otherwise ("IEDs targeted MINUSMA": "25 against MINUSMA").
      // In a thread, a name it already gave is no answer, and "who did it?" is met by a doer named by what it
      // is ("an attack by extremist elements").
      const typed =
        (satisfiesAnswerType(query.answerType, sentenceFeatures(sentence), asked, given) ||
          (query.answerType === "who" && given.size > 0 && namesAgent(sentence))) &&
        (!which || identifies(sentence, which)) &&
        (speaker === null || saidBy(sentence, speaker)) &&
        (agent === null || !countsEventNotAgents(sentence, agent)) &&
        (counted === null ||
          own.concepts.has(counted) ||
          (query.answerType === "number" &&
            ownKnown.every((concept) => concept === counted || own.concepts.has(concept))));
      const length = terms[index]!.length;
      // "How many police?": "1,920 police" answers it better than "20 reports ... MINUSMA police".
      const nearCount = query.answerType === "number" && typed && own.nearCount;
      const parts: ScoreParts = {
        coverage,
        typed: typed ? 1 : 0,
        nearCount: nearCount ? 1 : 0,
        passage: top > 0 ? Math.min(1, hit.score / top) : 0,
        density: Math.min(1, (own.hits * TUNING.densityWords) / Math.max(TUNING.densityWords, length)),
        prominence: 1 - Math.min(own.first, TUNING.prominenceWindow) / TUNING.prominenceWindow,
        proximity: own.concepts.size > 1 ? Math.min(1, (own.concepts.size + 1) / (own.span + 1)) : 1,
        thread: threadPart(threadAt, index, followUp === true, Boolean(which)),
        headline: keyword && statesToll(sentence) ? 1 : 0,
        reason: why && givesReason(sentence) ? 1 : 0,
        nearAnswer:
          typed &&
          (answerNearEvent(sentence, query.answerType, eventTerms, TUNING.nearAnswerWindow) ||
            (actionTerms !== null && doerAtAction(sentence, actionTerms, asked)) ||
            (query.answerType === "place" && precisePlace(sentence, asked)))
            ? 1
            : 0,
        anchor: anchorHeld(kb, hit.passage.doc.id, anchors, anchorHelds),
      };
      candidates.push({
        hit,
        index,
        sentence,
        coverage,
        typed,
        nearCount,
        parts,
        score: scoreOf(parts),
        stated,
        before,
        after,
      });
    }
  }
  return candidates.sort((a, b) => b.score - a.score);
}

/** How many of a document's first passages are read for the full name of an acronym (coref.ts). */
const FULL_NAME_PASSAGES = 3;

/** The words of an acronym's full name in a document's first passages, read once per question and document. */
function headsOf(
  kb: KnowledgeBase,
  docId: string,
  acronym: string,
  cache: Map<string, Set<string>>,
): Set<string> {
  const key = `${docId}\u0000${acronym}`;
  let heads = cache.get(key);
  if (!heads) {
    const texts: string[] = [];
    for (let n = 0; n <= FULL_NAME_PASSAGES; n++) {
      const passage = kb.index.passages.get(passageId(docId, n));
      if (passage) texts.push(passage.text);
    }
    heads = fullNameHeads(texts, acronym);
    cache.set(key, heads);
  }
  return heads;
}

/** The dates a candidate sentence states, read once. */
export function timeOf(candidate: SentenceCandidate): SentenceTime {
  candidate.stated ??= sentenceTime(candidate.sentence);
  return candidate.stated;
}

/** When a candidate's event happened (YYYY-MM-DD), for "the newest figure wins". */
export function whenOf(candidate: SentenceCandidate): string {
  return eventDate(timeOf(candidate), candidate.hit.passage.doc.date);
}

/** A sentence's score: its parts weighted by the model table. */
export function scoreOf(parts: ScoreParts): number {
  return (
    parts.coverage * TUNING.scoreCoverage +
    parts.typed * TUNING.scoreTyped +
    parts.nearCount * TUNING.scoreNearCount +
    parts.passage * TUNING.scorePassage +
    parts.density * TUNING.scoreDensity +
    parts.prominence * TUNING.scoreProminence +
    parts.proximity * TUNING.scoreProximity +
    parts.headline * TUNING.scoreHeadline +
    parts.reason * TUNING.scoreReason +
    parts.nearAnswer * TUNING.scoreNearAnswer +
    parts.anchor * TUNING.scoreAnchor +
    (parts.thread > 0
      ? TUNING.scoreThread +
        (parts.thread >= THREAD_LATER ? TUNING.scoreThreadAfter : 0) +
        (parts.thread === THREAD_NEXT ? TUNING.scoreThreadNext : 0)
      : 0)
  );
}

/** The thread part of the sentence right after the previous answer, of a later one, of an earlier one. */
const THREAD_NEXT = 1;
const THREAD_LATER = 0.75;
const THREAD_EARLIER = 0.5;

/**
 * How far a sentence continues the thread: 1 for the sentence right after the previous answer in its document,
 * for a follow-up (a story tells its event in order: "where did it happen?" after the lead is answered by the next sentence),
 * 0.75 later in it, 0.5 before it, 0 for the previous answer itself (a follow-up asks something new; a penalty
 * beyond that lost "near which villages did they patrol?") and for other documents.
 */
function threadPart(
  threadAt: ThreadPosition | null,
  index: number,
  followUp: boolean,
  identifying = false,
): number {
  if (threadAt === null || !threadAt.sameDoc) return 0;
  // Only for a question that leans on the thread: one with words of its own ("what did MINUSMA say about
  // them?") is answered by the sentence holding them, wherever it stands in the story.
  if (followUp && index === threadAt.next) return THREAD_NEXT;
  if (index >= threadAt.after) return THREAD_LATER;
  // The previous answer itself asked again is no follow-up ("when did the government sign?" after the rebels'
  // signing wants another sentence), except "by which resolution?": the story's sentence may name it.
  return index === threadAt.after - 1 && !identifying ? 0 : THREAD_EARLIER;
}

interface ThreadPosition {
  sameDoc: boolean;
  /** the index from which the passage's sentences come after the previous answer */
  after: number;
  /** the index of the sentence right after the previous answer, if it is in this passage, else -1 */
  next: number;
}

/**
 * Where a passage stands against the thread's previous answer: in the same document or not, and from which
 * sentence index on it continues the story (every sentence of a later passage does).
 */
function threadPosition(thread: ThreadPlace, id: string): ThreadPosition | null {
  const { doc, n } = passagePlace(id);
  if (!thread.docs.includes(doc)) return null;
  const previous = thread.passage;
  // Another document the previous answer cited: the whole of it continues the thread, no sentence first.
  if (!previous || passagePlace(previous).doc !== doc) return { sameDoc: true, after: 0, next: -1 };
  const m = passagePlace(previous).n;
  // The first sentence of the passage after the previous answer's is taken for the next one (the previous
  // answer may not have been its passage's last: a small bonus to two sentences, not worth reading lengths).
  if (n > m) return { sameDoc: true, after: 0, next: n === m + 1 ? 0 : -1 };
  if (n === m) return { sameDoc: true, after: thread.sentence + 1, next: thread.sentence + 1 };
  return { sameDoc: true, after: Number.POSITIVE_INFINITY, next: -1 };
}

/**
 * The top sentence, unless the question asks for a number, date or name that it lacks and another sentence
 * has it while covering the question's own words as well ("for how long?" after "the mandate renewal").
 */
export function preferTyped(
  candidates: SentenceCandidate[],
  query: ParsedQuery,
): SentenceCandidate | undefined {
  const top = candidates[0];
  if (!top || top.typed || query.answerType === "any") return top;
  const own = ownConcepts(query);
  const needed = ownCoverage(top, own);
  return candidates.find((c) => c.typed && ownCoverage(c, own) >= needed) ?? top;
}

/** The parts confidence is made of, as `--explain` prints them. */
export interface ConfidenceParts {
  coverage: number;
  own: number;
  passage: number;
  typed: number;
  /** 1 when the asked thing (a known word) is nowhere in the sentence's passage: a penalty, see model.ts */
  asked: number;
  /** the cap applied, and why, if one was */
  cap: { value: number; why: string } | null;
}

/** 0..1: how sure the bot is that a sentence answers the question, with its parts. */
export function confidenceParts(best: SentenceCandidate, query: ParsedQuery): ConfidenceParts {
  const own = ownConcepts(query);
  const mine = ownCoverage(best, own);
  // The kind of answer asked for counts only as far as the sentence is about what was asked.
  const typed = query.answerType === "any" || best.typed ? mine : 0;
  let cap: ConfidenceParts["cap"] = null;
  // A question that asks for a number, a date or a name and finds none has not been answered.
  if (query.answerType !== "any" && !best.typed) {
    cap = { value: TUNING.capUntyped, why: `no ${query.answerType} in the sentence` };
  }
  // A name no document uses, and no English word either (UNIFIL, Lebanon), means the question is about
  // something the briefing documents do not cover, however well its other words match.
  const foreign = own
    .filter((concept) => concept.foreign)
    .reduce((sum, concept) => sum + conceptWeight(concept) * TUNING.foreignFactor, 0);
  if (foreign >= totalWeight(own) * TUNING.foreignShare) {
    const names = own.filter((c) => c.foreign).map((c) => c.text);
    cap = {
      value: Math.min(cap?.value ?? 1, TUNING.capForeign),
      why: `no document uses ${names.join(", ")}`,
    };
  }
  // The thing asked about ("religion" in "the main religion in Mali") that no document uses: the sentence
  // matched only the question's incidental words. An asked thing the documents know but the passage words
  // differently ("peacekeepers" / "uniformed personnel", "ceiling" / "up to 11,200") is no such sign.
  const head = unknownAskedThing(query);
  if (head) {
    cap = {
      value: Math.min(cap?.value ?? 1, TUNING.capAskedUnknown),
      why: `no document mentions the asked "${head.text}"`,
    };
  }
  return {
    coverage: best.coverage,
    own: mine,
    passage: best.hit.coverage,
    typed,
    asked: askedThingAbsent(best, query) ? 1 : 0,
    cap,
  };
}

/**
 * Whether the question's asked thing, a word the documents know, is absent from the sentence's passage, its
 * neighbours and its heading: "how many civilian staff" answered by a sentence about 42 arrests.
 */
function askedThingAbsent(best: SentenceCandidate, query: ParsedQuery): boolean {
  const head = askedHead(query.text);
  if (!head || shareHead(head)) return false;
  const headTerms = contentTerms(head);
  const concept = ownConcepts(query).find((c) => contentTerms(c.text).some((t) => headTerms.includes(t)));
  if (!concept?.known) return false;
  const terms = [
    ...best.hit.analysis.terms.flat(),
    ...(best.before?.terms ?? []),
    ...(best.after?.terms ?? []),
    ...contentTerms(best.hit.passage.section ?? ""),
  ];
  return coveredConcepts(terms, [concept], best.hit.passage.doc.date.slice(0, 4)).weight === 0;
}

/** The concept of the verb a count question counts with (asked.ts), when the documents know it. */
function countedVerbConcept(query: ParsedQuery): Concept | null {
  const verb =
    query.answerType === "number"
      ? countedVerb(query.text)
      : query.answerType === "who"
        ? actionVerb(query.text)
        : null;
  if (!verb) return null;
  const verbTerms = contentTerms(verb);
  if (verbTerms.length === 0) return null;
  const concept = ownConcepts(query).find((c) => contentTerms(c.text).some((t) => verbTerms.includes(t)));
  return concept?.known ? concept : null;
}

/** The question's asked thing (its head noun, asked.ts) when it is a word no document uses, else null. */
function unknownAskedThing(query: ParsedQuery): Concept | null {
  const head = askedHead(query.text);
  // "What share of the vote": a share is the kind of answer (a percentage, share.ts), not a thing documents name.
  if (!head || shareHead(head)) return null;
  const headTerms = contentTerms(head);
  const concept = ownConcepts(query).find((c) => contentTerms(c.text).some((t) => headTerms.includes(t)));
  return concept && !concept.known ? concept : null;
}

/** Confidence from its parts, weighted by the model table and capped. */
export function confidenceFrom(parts: ConfidenceParts): number {
  const value =
    TUNING.confidenceCoverage * parts.coverage +
    TUNING.confidenceOwn * parts.own +
    TUNING.confidencePassage * parts.passage +
    TUNING.confidenceTyped * parts.typed -
    TUNING.confidenceAskedAbsent * parts.asked;
  return Math.min(1, parts.cap ? Math.min(value, parts.cap.value) : value);
}

/** 0..1: how sure the bot is that a sentence answers the question. */
export function confidenceOf(best: SentenceCandidate, query: ParsedQuery): number {
  return confidenceFrom(confidenceParts(best, query));
}

/** Whether a sentence (given as its terms) holds a count right before one of the concepts ("14 mausoleums"). */
export function countsAny(terms: string[], concepts: Concept[]): boolean {
  return coveredConcepts(terms, concepts, "").nearCount;
}

/** Whether a sentence (given as its terms) holds any of the concepts. */
export function mentionsAny(terms: string[], concepts: Concept[]): boolean {
  return coveredConcepts(terms, concepts, "").weight > 0;
}

/** The question's words, folded, to tell a name it gave from a name that answers it. */
export function askedWords(query: ParsedQuery): Set<string> {
  return new Set(tokenize(query.text).map(foldName));
}

/** How much of the question's own words (not the thread's) a sentence and its neighbours cover. */
export function ownCoverage(candidate: SentenceCandidate, own: Concept[]): number {
  if (own.length === 0) return 1;
  const terms = [
    ...(candidate.before?.terms ?? []),
    ...candidate.hit.analysis.terms[candidate.index]!,
    ...(candidate.after?.terms ?? []),
  ];
  const year = candidate.hit.passage.doc.date.slice(0, 4);
  return coveredConcepts(terms, own, year).weight / totalWeight(own);
}

function totalWeight(concepts: Concept[]): number {
  // A word no document knows counts for more when it is not even an English word: "UNIFIL troop ceiling"
  // is about UNIFIL.
  return (
    concepts.reduce(
      (sum, concept) => sum + conceptWeight(concept) * (concept.foreign ? TUNING.foreignFactor : 1),
      0,
    ) || 1
  );
}

/**
 * Which of the question's concepts a sentence, given as its content terms, holds. `raw`, the sentence's text
 * when given, also meets an acronym the sentence spells out ("African Union" for "AU", acronym.ts).
 */
function coveredConcepts(list: string[], concepts: Concept[], year: string, raw?: string): Coverage {
  // Most sentences of a hit hold none of the question's terms: they are told apart without building anything.
  if (missesAll(list, concepts)) {
    return { weight: 0, concepts: new Set(), hits: 0, first: list.length, span: 0, nearCount: false };
  }
  const terms = new Set(list);
  const met = new Set<Concept>();
  let weight = 0;
  const used = new Set<string>();
  const positions: number[][] = [];
  for (const concept of concepts) {
    if (!concept.known) continue;
    let best = 0;
    const mine = new Set<string>();
    // A year the sentence names counts fully; the document's own year only in part: a 2021 letter is not
    // about 2021 in every sentence.
    if (concept.year !== null && terms.has(concept.year)) best = 1;
    else if (concept.year !== null && concept.year === year) best = TUNING.docYearCredit;
    if (concept.prefixes.length > 0) {
      for (const term of list) if (concept.prefixes.some((prefix) => term.startsWith(prefix))) mine.add(term);
      if (mine.size > 0) best = 1;
    }
    concept.alternatives.forEach((alternative, i) => {
      if (alternative.every((term) => terms.has(term))) {
        best = Math.max(best, i === 0 ? 1 : (concept.credit ?? TUNING.synonymCredit));
        for (const term of alternative) mine.add(term);
      }
    });
    if (best === 0 && concept.acronym && raw !== undefined && spellsOut(raw, concept.acronym)) {
      best = TUNING.acronymCredit;
    }
    if (best === 0) continue;
    met.add(concept);
    weight += conceptWeight(concept) * best;
    for (const term of mine) used.add(term);
    const at: number[] = [];
    for (let i = 0; i < list.length; i++) if (mine.has(list[i]!)) at.push(i);
    if (at.length > 0) positions.push(at);
  }
  if (met.size === 0)
    return { weight, concepts: met, hits: 0, first: list.length, span: 0, nearCount: false };
  const all = positions.flat();
  const counts = countPositions(list);
  let hits = 0;
  for (const term of list) if (used.has(term)) hits += 1;
  return {
    weight,
    concepts: met,
    hits,
    first: all.length > 0 ? Math.min(...all) : list.length,
    span: narrowestWindow(positions),
    // A count precedes what it counts: "1,920 police", "over 200 extremist elements".
    nearCount: counts.some((at) => all.some((p) => p - at >= 1 && p - at <= 2)),
  };
}

/** Where a sentence's content terms hold a count: digits that are not a year and not a day of a month. */
/** Every term a question's concepts can be met by, per concepts list; null when a concept is met otherwise too. */
const conceptTerms = new WeakMap<Concept[], { length: number; terms: Set<string> | null }>();

/**
 * Whether a sentence's terms certainly meet none of the concepts: none of their terms is among them, and no
 * concept can be met another way (a word being typed, a year a document's date meets, an acronym spelt out, an
 * alternative of no terms, which every sentence meets).
 */
function missesAll(list: string[], concepts: Concept[]): boolean {
  let known = conceptTerms.get(concepts);
  if (!known || known.length !== concepts.length) {
    const open = concepts.some(
      (concept) =>
        concept.known &&
        (concept.year !== null ||
          concept.prefixes.length > 0 ||
          concept.acronym !== undefined ||
          concept.alternatives.some((terms) => terms.length === 0)),
    );
    const terms = open
      ? null
      : new Set(concepts.flatMap((concept) => (concept.known ? concept.alternatives.flat() : [])));
    known = { length: concepts.length, terms };
    conceptTerms.set(concepts, known);
  }
  const { terms } = known;
  if (terms === null) return false;
  for (const term of list) if (terms.has(term)) return false;
  return true;
}

function countPositions(list: string[]): number[] {
  const out: number[] = [];
  list.forEach((term, i) => {
    if (!/^\d+$/u.test(term) || /^(19|20)\d\d$/u.test(term)) return;
    if (MONTH_WORDS.has(list[i - 1] ?? "") || MONTH_WORDS.has(list[i + 1] ?? "")) return;
    out.push(i);
  });
  return out;
}

/** The width of the narrowest window holding one position from every list (lists are short). */
function narrowestWindow(positions: number[][]): number {
  if (positions.length < 2) return 0;
  let best = Number.POSITIVE_INFINITY;
  for (const start of positions.flat()) {
    let end = start;
    for (const list of positions) {
      const next = list.filter((p) => p >= start);
      if (next.length === 0) {
        end = Number.POSITIVE_INFINITY;
        break;
      }
      end = Math.max(end, Math.min(...next));
    }
    best = Math.min(best, end - start);
  }
  return Number.isFinite(best) ? best : 99;
}

/**
 * The last sentence of the passage before and the first of the passage after, in the same document: a long
 * paragraph is cut into several passages, and the sentences either side of the cut still give context.
 */
function edgeSentences(kb: KnowledgeBase, id: string): [Neighbour | undefined, Neighbour | undefined] {
  const { doc, n } = passagePlace(id);
  const previous = kb.index.passages.get(passageId(doc, n - 1));
  const next = kb.index.passages.get(passageId(doc, n + 1));
  // Only the neighbours' edge sentences are read, not their whole analysis (analysis.ts).
  return [
    (previous && kb.index.analyzer.edges(previous)?.last) ?? undefined,
    (next && kb.index.analyzer.edges(next)?.first) ?? undefined,
  ];
}
