import { biographyAnswer, untoldBiography } from "../conversation/biography.ts";
import { withoutAcknowledgement } from "../conversation/chatter.ts";
import { eventLead, isEventKeyword } from "../conversation/event.ts";
import {
  askedDeed,
  eventAnswer,
  eventCue as eventTest,
  eventTold,
  onlyTheDeed,
  sameEventAs,
  toldCount,
} from "../conversation/event-cues.ts";
import { resolveFollowUp } from "../conversation/follow-up.ts";
import { documentAbout, spokenOfFirst, threadGender } from "../conversation/referent.ts";
import { type RelativeTime, relativeAnswer } from "../conversation/relative-time.ts";
import { passageId, passagePlace } from "../knowledge/passages.ts";
import type { KnowledgeBase } from "../knowledge-base.ts";
import { DEPENDENT_OPENING, EARLIEST } from "../lexicon.ts";
import { type AnswerType, type ParsedQuery, parseQuery } from "../search/query.ts";
import { type PassageHit, searchPassages } from "../search/search.ts";
import { indexTerm } from "../search/terms.ts";
import { actionVerb } from "./asked.ts";
import { ceilingAnswer } from "./ceilings.ts";
import { answerClause } from "./clause.ts";
import type { Explanation } from "./explain.ts";
import { namedInSentence, satisfiesAnswerType, sentenceFeatures } from "./features.ts";
import { fitted, misfit } from "./fits.ts";
import { formatDocDate } from "./format.ts";
import { isKeywordQuery, statesToll } from "./headline.ts";
import { impliedSubjects } from "./implied.ts";
import { asksForInstances, enumerates, instancesAnswer } from "./instances.ts";
import { isCountKeyword, markCounted, measurePassages, preferCounted } from "./measures.ts";
import { TUNING } from "./model.ts";
import { namesAnswer, namesNone } from "./names.ts";
import { precisePlace } from "./place.ts";
import { dropsNationality } from "./qualifier.ts";
import {
  askedWords,
  type ConfidenceParts,
  confidenceFrom,
  confidenceParts,
  countsAny,
  mentionsAny,
  ownConcepts,
  preferTyped,
  type RankContext,
  type Rejected,
  rankSentences,
  type SentenceCandidate,
  type ThreadPlace,
  timeOf,
  whenOf,
} from "./rank.ts";
import { dropsAskedWord } from "./restates.ts";
import { answerRole, uncoveredNote } from "./roles/answer.ts";
import { newerRankedHolder } from "./roles/check.ts";
import { describeStatement } from "./roles/statement.ts";
import { shareAnswer, shareRivals } from "./share.ts";
import { documentSubjects, namedSubjects, questionScope, subjectCatalog } from "./subject.ts";
import { askedTime, FLOW_WORDS } from "./time.ts";
import {
  type Answer,
  type Citation,
  EMPTY_QUESTION_TEXT,
  GREETING_TEXT,
  NOT_FOUND_TEXT,
  THANKS_TEXT,
  type Turn,
} from "./types.ts";
import { datePrecision, eventDay, formatEventDay } from "./when.ts";

/** Below this confidence the bot says it could not find the answer rather than guess (see model.ts). */
export const CONFIDENCE_THRESHOLD = TUNING.threshold;
/** Questions longer than this are cut: nobody asks 40,000 characters, and parsing them costs. */
export const MAX_QUESTION_CHARS = 500;

/**
 * Answers a question from the knowledge base with one to three of the documents' own sentences and their
 * citations, or says plainly that the documents do not answer it. `history` is the thread so far, oldest
 * first; an elliptical follow-up ("and for police?") is read in its light. `explain`, when given, is filled
 * with how the question was read and why the answer was chosen or refused.
 */
export function answerQuestion(
  kb: KnowledgeBase,
  question: string,
  history: Turn[] = [],
  explain?: Explanation,
): Answer {
  // "ok, and what about Kidal?": the acknowledgement is no word of the question (conversation/chatter.ts).
  const text = withoutAcknowledgement(question.replace(/\s+/gu, " ").trim().slice(0, MAX_QUESTION_CHARS));
  const standalone = parseQuery(text, kb.index.vocabulary, kb.glossary);
  const resolution = resolveFollowUp(
    text,
    standalone,
    history,
    (focus) => parseQuery(focus, kb.index.vocabulary, kb.glossary, TUNING.contextWeight),
    (name) => parseQuery(name, kb.index.vocabulary, kb.glossary, TUNING.referentWeight),
    previousTerms(kb, history),
    threadGender(
      kb,
      [...history].reverse().flatMap((turn) => turn.docs),
    ),
  );
  const query: ParsedQuery = {
    ...standalone,
    concepts: resolution.concepts,
    // "peacekeepers killed in 2021" asks for a count as "how many" does (measures.ts).
    answerType: !resolution.followUp && isCountKeyword(text, standalone) ? "number" : standalone.answerType,
  };
  // "Where did he study?" asks for the person's studies, wherever or whatever they were (biography.ts).
  if (resolution.biography && resolution.biography !== "predecessor" && resolution.biography !== "successor")
    query.answerType = "any";
  // "And in 2019?" after "how many … in 2021?" asks for a number as the thread's question did (swap.ts).
  if (resolution.swap?.answerType && query.answerType === "any")
    query.answerType = resolution.swap.answerType;

  // What the question is about (its missions and countries) and when: a follow-up that names neither keeps
  // the thread's.
  const catalog = subjectCatalog(kb.glossary);
  const docSubjects = catalog ? documentSubjects(kb.index, catalog) : null;
  const known = (term: string) => kb.index.vocabulary.has(term);
  let scope = questionScope(catalog, docSubjects, text, known);
  // A thread about another mission stays on it until a question names another: "MINUSCA troop increase",
  // then "what is the new ceiling?".
  const threadSubjects = resolution.followUp
    ? resolution.subjects
    : ([...history].reverse().find((turn) => turn.found)?.subjects ?? []);
  if (!scope.named && threadSubjects.length > 0) {
    scope = questionScope(catalog, docSubjects, threadSubjects.join(", "), known);
  }
  // "gaskinde convoy attack": a rare name only another subject's documents use names that subject (implied.ts).
  const implied = impliedSubjects(kb.index, standalone, scope, docSubjects);
  if (implied.length > 0) scope = questionScope(catalog, docSubjects, implied.join(", "), known);
  // "How many had been killed by then?": a running total as of the thread's event, from documents no newer.
  // Only a count is a running total: "who was in charge by then?" keeps every sentence.
  const byThen =
    resolution.relative?.kind === "by" && query.answerType === "number" && askedTime(text) === null;
  const threadDate = byThen ? threadDateOf(kb, resolution.place) : null;
  const time = byThen
    ? {
        kind: "total" as const,
        from: 0,
        to: 9999,
        text: `${resolution.relative?.text} (as of ${threadDate ?? "the thread"})`,
      }
    : ((resolution.swap?.reading ? askedTime(resolution.swap.reading) : null) ??
      askedTime(text) ??
      (resolution.followUp && resolution.period ? askedTime(resolution.period) : null));
  const context: RankContext = {
    scope,
    time,
    thread: resolution.place,
    threadTime: time !== null && askedTime(text) === null && !byThen,
    given: resolution.given,
    // "where did it happen?" has nothing of its own to place it: the story's order does.
    followUp: resolution.followUp && standalone.concepts.every((concept) => !concept.known),
    relative: resolution.relative,
    which: resolution.which,
    biography: resolution.biography,
    cue: eventTest(resolution.event, resolution.places, text, standalone.concepts, indexTerm),
  };
  const turnBase = {
    subjects: scope.home ? undefined : scope.subjects,
    // "by then" is the thread's own date, not a period for the next follow-up to inherit.
    period: byThen ? undefined : time?.text,
  };
  if (explain) {
    explain.reading = {
      concepts: query.concepts.map((c) => ({
        text: c.text,
        weight: round(c.weight * c.specificity),
        known: c.known,
        foreign: c.foreign,
        searched: c.alternatives.map((terms) => terms.join(" ")),
      })),
      answerType: query.answerType,
      subjects: scope.subjects,
      home: scope.home,
      period: time?.text ?? null,
      followUp: resolution.followUp,
      relative: resolution.relative?.text ?? null,
      biography: resolution.biography,
      swap: resolution.swap,
      event: resolution.event,
      referents: resolution.referents,
    };
  }

  if (query.concepts.length === 0) return emptyAnswer(kb, question, text === "" ? EMPTY_QUESTION_TEXT : null);
  // "hi" and "thanks" are not questions the documents fail to answer: a colleague would just reply.
  const smallTalk = smallTalkReply(text);
  if (smallTalk) return emptyAnswer(kb, question, smallTalk);

  if (scope.uncoveredMissions.length > 0) {
    if (explain) explain.decision = `refused: no document is about ${scope.uncoveredMissions.join(", ")}`;
    return notFound(kb, question, [], 0, focusOf(query), turnBase);
  }

  // "Who is the president?", "SRSG in 2016", "the first Force Commander": the holder is chosen among the
  // role statements read from the documents, by the asked period (roles/); a follow-up is left to the thread.
  const roleRead = resolution.followUp ? null : answerRole(kb.index, text, catalog, docSubjects, scope, time);
  if (explain && roleRead) {
    explain.facts = roleRead.considered.slice(0, 8).map(describeStatement);
  }

  const preferDocs = new Set(resolution.place?.docs ?? []);
  // A figure goes stale: with no period asked, passages just past the cut are scored too when their document is
  // newer than all the kept ones ("311 killed" in a 2024 story ranked 10th by its words). Not for "who": a
  // newer sentence naming someone near "led by" is too often another role's holder (measured on the library).
  const changing = time === null && query.answerType === "number";
  const found = searchPassages(
    kb.index,
    query.concepts,
    TUNING.passages + (changing ? TUNING.newerPassages : 0),
    (passage) => scope.allows(passage.doc.id) && (threadDate === null || passage.doc.date <= threadDate),
  );
  const kept = found.slice(0, TUNING.passages);
  const newestKept = kept.reduce((d, hit) => (hit.passage.doc.date > d ? hit.passage.doc.date : d), "");
  const hits = [
    ...kept,
    ...found.slice(TUNING.passages).filter((hit) => hit.passage.doc.date > newestKept),
    // Passages that count the asked thing, newest first, though their words rank them lower (measures.ts).
    ...(resolution.followUp || resolution.place
      ? []
      : measurePassages(kb.index, query, time, found, (passage) => scope.allows(passage.doc.id))),
  ].map((hit) =>
    preferDocs.has(hit.passage.doc.id) ? { ...hit, score: hit.score * TUNING.threadPassageBoost } : hit,
  );
  // "2020 coup in Mali": the event's own story is a document of that year, which later recaps of it can
  // outrank in the search; its best passages are scored too, so its lead can answer (conversation/event.ts).
  const keyword = !resolution.followUp && isEventKeyword(text, query);
  const years = keyword ? ownConcepts(query).flatMap((c) => (c.year === null ? [] : [c.year])) : [];
  if (years.length > 0) {
    const have = new Set(hits.map((hit) => hit.passage.id));
    const dated = searchPassages(
      kb.index,
      query.concepts,
      TUNING.threadPassages,
      (p) => scope.allows(p.doc.id) && years.some((year) => p.doc.date.startsWith(year)),
    );
    for (const hit of dated) if (!have.has(hit.passage.id)) hits.push(hit);
  }
  // A follow-up is answered from the thread's document first: its best passages for the question are scored
  // even when other documents' passages outrank them in the search ("for how long should it be extended?").
  if (resolution.followUp && preferDocs.size > 0) {
    const have = new Set(hits.map((hit) => hit.passage.id));
    for (const doc of preferDocs) {
      const own = searchPassages(kb.index, query.concepts, TUNING.threadPassages, (p) => p.doc.id === doc);
      for (const hit of own) {
        if (!have.has(hit.passage.id)) hits.push({ ...hit, score: hit.score * TUNING.threadPassageBoost });
      }
    }
  }
  // "What happens after that?" is told in the passages after the previous answer, whatever their words.
  // "Where did he study?": the note that announced the person tells it, though the thread may have cited a later
  // report; the best passages naming the person are read too (biography.ts).
  const person = resolution.biography
    ? resolution.referents.find((r) => /^(?:he|she|him|his|her|hers)$/iu.test(r.word))?.to
    : undefined;
  if (person) {
    const have = new Set(hits.map((hit) => hit.passage.id));
    const named = parseQuery(person, kb.index.vocabulary, kb.glossary).concepts.filter((c) => c.known);
    for (const hit of searchPassages(kb.index, named, TUNING.threadPassages, (p) => scope.allows(p.doc.id))) {
      if (!have.has(hit.passage.id)) hits.push(hit);
    }
  }
  // So are an appointment's biography sentences, read either side of the previous answer.
  const story =
    resolution.relative ??
    (resolution.biography || resolution.event ? { kind: "before" as const, text: "" } : null);
  if (story) hits.push(...storyPassages(kb, story, resolution.place, hits));
  const rejected: Rejected[] | undefined = explain ? [] : undefined;
  const candidates = rankSentences(kb, hits, query, context, rejected);
  // The statements never make an answer staler than the ranking: a newer top-ranked sentence naming someone in
  // the asked role answers instead (roles/check.ts).
  const rival = roleRead
    ? newerRankedHolder(roleRead, candidates, text, time, catalog, TUNING.roleRivalRanks)
    : null;
  const role = rival ? null : roleRead;
  // "Who was prime minister in 2023?" when the newest statement is of 2021 and nobody is named since: the
  // documents do not say (roles/choose.ts); the refusal gives the newest statement and its date.
  if (role?.uncovered) {
    if (explain) explain.decision = `refused: no statement places anyone in the role in ${time?.text}`;
    const refusal = notFound(kb, question, hits, 0, focusOf(query), turnBase);
    return { ...refusal, text: `${refusal.text} ${uncoveredNote(role)}` };
  }
  if (explain && rival && roleRead) {
    explain.facts = [
      ...(explain.facts ?? []),
      `set aside: a newer ranked sentence names someone in the role (${rival.hit.passage.doc.id})`,
    ];
  }
  // "Kerena attack" asks what happened: the lead of the event's own story (conversation/event.ts).
  // A count question's figures are compared only among sentences that count the asked thing (measures.ts).
  const counted = role || resolution.followUp ? [] : markCounted(candidates, query);
  const typedBest = preferCounted(candidates, preferTyped(candidates, query), counted);
  const eventStory = !role && keyword ? eventLead(kb, candidates, query, typedBest) : null;
  // "What happens after that?": the thread document's sentence that tells what came next (relative-time.ts).
  // "Who did he replace?": the thread document's sentence that tells it of the person (biography.ts).
  const biography =
    !role && resolution.biography && person
      ? biographyAnswer(
          candidates,
          resolution.biography,
          person,
          documentAbout(kb, person),
          resolution.referents.find((r) => r.to === person)?.gender ?? null,
        )
      : null;
  // "Where is that?", "who was holding her?": the thread document's sentence placing its place or naming the
  // doer (event-cues.ts).
  const cued =
    !role && resolution.event
      ? eventAnswer(
          candidates,
          resolution.event,
          preferDocs,
          resolution.places,
          context.cue ?? undefined,
          askedDeed(text),
          onlyTheDeed(standalone.concepts, indexTerm) ? resolution.place : null,
          sameEventAs(threadDateOf(kb, resolution.place), resolution.places, TUNING.sameEventDays),
        )
      : null;
  // Its locating phrase or doer is the kind of answer asked, though the place's name was given before ("the
  // northern Malian city of Gao" answers "where is that?" after the Gao bombing's lead).
  const eventCue = cued && !cued.typed ? { ...cued, typed: true, parts: { ...cued.parts, typed: 1 } } : cued;
  const sequel =
    !role && !biography && !eventCue && resolution.relative
      ? relativeAnswer(candidates, resolution.relative)
      : null;
  // "What capabilities is MINUSMA still missing?": the sentence that names them (instances.ts).
  const instances = !role && query.answerType === "any" && asksForInstances(query.text);
  const listed = instances ? instancesAnswer(candidates, typedBest, TUNING.listShare) : null;
  // "What share of the vote did Keita get?": the sentence giving Keita's share, not his rival's (share.ts).
  const shared = role ? null : shareAnswer(candidates, typedBest, text, TUNING.shareScore);
  // "What troop ceiling did the Council set in 2013?": the sentence stating a ceiling of the asked personnel,
  // though it never says "ceiling" ("Decides that MINUSMA shall comprise up to 11,200 …"; ceilings.ts).
  // So does "and for police?" after "what was the troop ceiling in 2019?", read as the thread's question with
  // police in place of troop (swap.ts), from the document the thread's answer quoted ("troop ceiling of 13,289
  // unchanged along with the maximum deployment of 1,920 police"), or as any other follow-up.
  const swapped = resolution.followUp ? (resolution.swap?.reading ?? null) : null;
  const quoted = resolution.place?.docs[0];
  const ceiling =
    role || (resolution.followUp && !(swapped && quoted))
      ? null
      : ceilingAnswer(
          kb.index,
          swapped ? candidates.filter((c) => c.hit.passage.doc.id === quoted) : candidates,
          swapped ? undefined : typedBest,
          swapped ? { ...query, text: swapped } : query,
          time,
          (p) => scope.allows(p.doc.id) && (!swapped || p.doc.id === quoted),
        );
  // The ranking's sentence must give what was asked (a holder of the asked role or title, a count of the asked
  // kind, at the asked place); a count of what serves ranked nearly as high replaces a ceiling (fits.ts).
  const fit =
    role || resolution.followUp || !typedBest
      ? { best: typedBest, why: null }
      : fitted(
          kb,
          candidates,
          typedBest,
          text,
          query,
          catalog,
          time,
          scope.subjects,
          TUNING.measureRivalScore,
        );
  // "What were the names of …?": a sentence naming them, else the documents do not say (names.ts).
  const subjectName = (run: string) => catalog !== null && namedSubjects(catalog, run).length > 0;
  const names =
    role || resolution.followUp
      ? null
      : namesAnswer(candidates, fit.best, text, TUNING.namesScore, subjectName);
  const ranked = names && "best" in names ? names.best : fit.best;
  // "How many were wounded?" when the sentence that told the event counts them (event-cues.ts).
  const recount =
    resolution.followUp && query.answerType === "number"
      ? toldCount(
          candidates,
          typedBest,
          resolution.place,
          preferDocs,
          standalone.concepts.filter((c) => c.known).length <= 1,
        )
      : null;
  const best =
    role?.candidates[0] ??
    ceiling?.[0] ??
    eventStory ??
    biography ??
    eventCue ??
    sequel ??
    listed ??
    recount ??
    shared ??
    ranked;
  // "Where did he study?" is not answered by a sentence that tells no studies: the documents do not say.
  const untold = untoldBiography(resolution.biography, person, biography, best?.sentence);
  const parts =
    best && !role && !ceiling ? withCap(confidenceParts(best, query), untold, TUNING.capUntyped) : null;
  const confidence = role || ceiling ? TUNING.factConfidence : parts ? confidenceFrom(parts) : 0;
  if (explain) {
    explain.candidates = candidates.slice(0, 8);
    explain.rejected = rejected ?? [];
    explain.confidence = parts ? { ...parts, value: round(confidence) } : null;
  }
  const wrongKind = best === fit.best ? (fit.why ?? (names && "why" in names ? names.why : null)) : null;
  if (!best || confidence < TUNING.threshold || wrongKind) {
    if (explain) {
      explain.decision = wrongKind
        ? `refused: ${wrongKind}`
        : !best
          ? time && (rejected?.length ?? 0) > 0
            ? `refused: sentences matched the words, but none is about ${time.text}`
            : "refused: no sentence holds the question's words"
          : `refused: confidence ${round(confidence)} is below the threshold ${TUNING.threshold}${
              parts?.cap ? ` (capped: ${parts.cap.why})` : ""
            }`;
    }
    return notFound(kb, question, hits, confidence, focusOf(query), turnBase);
  }

  // The event's own story is no stale figure a newer document updates.
  const sourced = role
    ? role.candidates
    : ceiling
      ? ceiling
      : eventStory || sequel || biography || eventCue || recount
        ? [best!]
        : chooseSources(
            best,
            shared ? shareRivals(candidates, text) : candidates,
            query,
            time !== null && time.kind !== "total",
            preferDocs,
            // A follow-up is about the thread's event: a later document's figure is another event's.
            resolution.followUp ? earliestThreadDate(kb, resolution.place) : null,
            {
              until: time?.until,
              since: time?.kind === "since" ? time.from : undefined,
              counted: counted.length > 0,
              instances,
            },
          );
  // A newer document's sentence replaces the best only when it too gives what was asked (fits.ts).
  const chosen =
    !role &&
    sourced[0] !== best &&
    (misfit(kb, sourced[0]!, text, query, catalog, time, scope.subjects) ||
      (!resolution.followUp && namesNone(sourced[0]!.sentence, text, subjectName)))
      ? [best!]
      : sourced;
  if (explain) {
    explain.chosen = chosen;
    explain.decision = role
      ? `answered from the role statements: ${describeStatement(role.statement)}`
      : eventCue
        ? `answered: the thread document's sentence ${eventTold(resolution.event ?? "doer", resolution.places)}, confidence ${round(confidence)}`
        : biography
          ? `answered: the thread document's sentence telling the person's ${resolution.biography}, confidence ${round(confidence)}`
          : sequel
            ? `answered: the thread document's sentence ${resolution.relative?.kind} the previous answer ("${resolution.relative?.text}"), confidence ${round(confidence)}`
            : eventStory
              ? `answered: the lead of the event's own story (${eventStory.hit.passage.doc.id}; the best-scoring sentence was ${round(typedBest?.score ?? 0)}), confidence ${round(confidence)}`
              : chosen[0] === best
                ? `answered: the best sentence, confidence ${round(confidence)} ≥ ${TUNING.threshold}`
                : `answered: a newer document states it (${whenOf(chosen[0]!)} over ${whenOf(best)}), confidence ${round(confidence)}`;
  }
  const citations: Citation[] = [];
  const texts: string[] = [];
  for (const candidate of chosen) {
    const n = citations.length + 1;
    citations.push({
      n,
      doc: candidate.hit.passage.doc,
      passageId: candidate.hit.passage.id,
      passageText: candidate.hit.passage.text,
      section: candidate.hit.passage.section,
    });
    // A sentence over LONG_SENTENCE_CHARS is cut to the clauses that answer (clause.ts); the citation keeps the passage.
    const sentences = withContext(candidate, query, chosen.length > 1 ? 1 : 3).map((s) =>
      answerClause(s, query, askedWords(query)),
    );
    // A holder named with no period asked goes stale like a figure: the answer says as of when.
    // A "when" answer is no figure going stale: it says the day, its year read from the document if the
    // sentence leaves it out ("left Mali on December 31" in a June 2024 story: 31 December 2023; when.ts).
    const day =
      !role && query.answerType === "date"
        ? eventDay(candidate.sentence, candidate.hit.passage.doc.date)
        : null;
    const prefix =
      !role && query.answerType === "date"
        ? day && !day.full
          ? `On ${formatEventDay(day.date)}: `
          : ""
        : chosen.length > 1 || (role && (!time || role.knownOnlyBefore) && !role.asked.earliest)
          ? `${n === 1 ? "As of" : "Earlier, as of"} ${formatDay(candidate)}: `
          : "";
    texts.push(`${prefix}${sentences.join(" ")} [${n}]`);
  }
  const newest = [...citations].sort((a, b) => b.doc.date.localeCompare(a.doc.date))[0]!;
  // "As of" matters for figures, which go stale: a count asked for, or one the answer gives anyway ("and for
  // police?" asks nothing in particular but is answered with 1,920).
  const figure =
    query.answerType === "number" ||
    query.answerType === "date" ||
    chosen.length > 1 ||
    role !== null ||
    chosen.some((candidate) => sentenceFeatures(candidate.sentence).number);
  const lead = chosen[0]!;
  const named = namedInSentence(lead.sentence);
  return {
    question,
    found: true,
    text: texts.join(" "),
    confidence: round(confidence),
    citations,
    asOf: figure ? { date: newest.doc.date, approximate: newest.doc.approximateDate } : null,
    topics: [],
    suggestions: [],
    turn: {
      question,
      focus: focusOf(query),
      docs: citations.map((c) => c.doc.id),
      found: true,
      passage: lead.hit.passage.id,
      sentence: lead.index,
      // A role's holder is who "he" means next ("when did he take power?" after "who runs Mali now?"), even
      // when the sentence opens with the bare name ("Goïta, who seized power…").
      // So is the person a biography answer was about ("Most recently, he was Chief of Staff…"): the thread
      // stays on them for "who did he replace?" next, except when the answer is a predecessor's name.
      people: [
        ...new Set([
          ...(role ? [role.statement.holder] : []),
          ...(biography &&
          person &&
          resolution.biography !== "predecessor" &&
          resolution.biography !== "successor"
            ? [person]
            : []),
          ...spokenOfFirst(lead.sentence, named.people),
        ]),
      ].slice(0, 3),
      places: named.places.slice(0, 3),
      ...stripUndefined(turnBase),
    },
  };
}

/**
 * The sentences to give, newest first. For a figure or the holder of a role, the newest document that states
 * it as well as the best sentence does wins; an older, different figure follows with its date when the
 * question names no period ("over 300 as of Aug 2023; 125 as of 2019"). Otherwise a newer document wins only
 * a near tie.
 */
function chooseSources(
  best: SentenceCandidate,
  candidates: SentenceCandidate[],
  query: ParsedQuery,
  periodAsked: boolean,
  threadDocs: ReadonlySet<string>,
  notAfter: string | null = null,
  measure: {
    until?: string | undefined;
    since?: number | undefined;
    counted: boolean;
    instances?: boolean;
  } = {
    counted: false,
  },
): SentenceCandidate[] {
  const { until, since, counted } = measure;
  // "In the first half of 2021": a count stated after the half is not its count; the best one stated by then
  // answers, when one answers nearly as well.
  if (until && whenOf(best) > until) {
    const within = candidates.find(
      (c) =>
        c.typed === best.typed &&
        whenOf(c) <= until &&
        c.coverage >= best.coverage * TUNING.rivalCoverage &&
        c.score >= best.score * TUNING.rivalScore,
    );
    if (within)
      return chooseSources(within, candidates, query, periodAsked, threadDocs, notAfter, {
        ...measure,
        until,
      });
  }
  // "How many ... since January 2021?" is answered by the count from then ("Since January 2021, four ..."),
  // not replaced by a later report's count from another start.
  if (since !== undefined && timeOf(best).since === since) return [best];
  const type: AnswerType = query.answerType;
  // Two counts of the asked thing (measures.ts) are statements of one figure even when one sentence holds
  // fewer of the question's other words ("412,000" alone against a resolution's long preamble).
  const rivalCoverage = (c: SentenceCandidate) =>
    counted && c.nearCount && best.nearCount ? TUNING.measureRivalCoverage : TUNING.rivalCoverage;
  const peers = candidates.filter(
    (c) =>
      c !== best &&
      (notAfter === null || c.hit.passage.doc.date <= notAfter) &&
      c.hit.passage.doc.id !== best.hit.passage.doc.id &&
      c.typed === best.typed &&
      // A rival restates the best answer only if its document names what the question names, as the best's does.
      c.parts.anchor >= best.parts.anchor &&
      c.coverage >= best.coverage * rivalCoverage(c) &&
      c.score >= best.score * (counted && c.nearCount ? TUNING.measureRivalScore : TUNING.rivalScore) &&
      // "in the first half of 2021": a figure stated at the end of the year is not the half's.
      !(until && whenOf(c) > until),
  );
  if (peers.length === 0) return [best];
  // What is still missing goes stale as a figure does: of the sentences listing it, the newest.
  if (measure.instances && enumerates(best.sentence)) {
    const lists = [best, ...peers.filter((c) => enumerates(c.sentence))];
    return [lists.reduce((a, b) => (whenOf(b) > whenOf(a) ? b : a))];
  }
  const isFigure = (c: SentenceCandidate) =>
    type === "number" ? c.nearCount : type === "any" && sentenceFeatures(c.sentence).number;
  // A follow-up's holder from the thread's own document ("who was his predecessor?") is no stale figure.
  // "Who claimed the attack?" asks for the doer of one past action, not a role's holder that goes stale.
  const holder =
    type === "who" &&
    best.typed &&
    !threadDocs.has(best.hit.passage.doc.id) &&
    actionVerb(query.text) === null;
  if (isFigure(best) || holder) {
    let same = [best, ...peers.filter((c) => (holder ? c.typed : isFigure(c)))];
    // "How many have been killed?" with no period asks for the running total: a count for one year ("In
    // 2023, 14 were killed") does not replace it, however new.
    // A stock ("internally displaced persons stood at 412,000") has no running total: "the highest figure
    // since 2014" is no count since 2014.
    if (!holder && !periodAsked && FLOW_WORDS.test(query.text) && same.some((c) => timeOf(c).cumulative)) {
      same = same.filter((c) => timeOf(c).cumulative);
    }
    // "Who was the first Force Commander?", "how many soldiers at the start": the earliest, alone.
    if (EARLIEST.test(query.text)) return [same.reduce((a, b) => (whenOf(b) < whenOf(a) ? b : a))];
    const newest = same.reduce((a, b) => (whenOf(b) > whenOf(a) ? b : a));
    if (periodAsked || holder) return [newest];
    const older = same.find(
      (c) =>
        c !== newest &&
        whenOf(c).slice(0, 4) < whenOf(newest).slice(0, 4) &&
        !sameFigures(c.sentence, newest.sentence),
    );
    return older ? [newest, older] : [newest];
  }
  // A follow-up about the thread's event ("when did the government sign?") is answered from the thread's
  // document; another document's date for a similar event is no update of it.
  if (threadDocs.has(best.hit.passage.doc.id)) return [best];
  const rival = peers[0]!;
  const newestFirst = [best, rival].sort((a, b) => whenOf(b).localeCompare(whenOf(a)));
  if (type === "date" || type === "duration") {
    if (sameFigures(best.sentence, rival.sentence)) return [newestFirst[0]!];
    // "When did MINUSMA leave Mali?": the sentence giving the day with its year before one without (when.ts).
    if (type === "date") {
      const precision = (c: SentenceCandidate) => datePrecision(c.sentence, c.hit.passage.doc.date);
      return newestFirst.sort((a, b) => precision(b) - precision(a));
    }
    return newestFirst;
  }
  // Outside figures a newer document wins only a near tie: its sentence must answer as well as the best.
  // ... and must state the nationality the best states: "french troops withdrawn" (qualifier.ts).
  const termsOf = (c: SentenceCandidate) => c.hit.analysis.terms[c.index] ?? [];
  if (dropsNationality(query.concepts, termsOf(best), termsOf(rival))) return [best];
  // ... and must hold the question's everyday words the best holds itself (restates.ts).
  if (dropsAskedWord(query.concepts, termsOf(best), termsOf(rival))) return [best];
  return rival.score >= best.score * TUNING.nearTie ? [newestFirst[0]!] : [best];
}

/**
 * The passages of the thread's document a relative time points at, besides those the search found: the next
 * ones after the previous answer's for "after", those either side of it for "before" (TUNING.storyPassages
 * each way), scored as the weakest hit.
 */
function storyPassages(
  kb: KnowledgeBase,
  relative: RelativeTime,
  place: ThreadPlace | null,
  hits: PassageHit[],
): PassageHit[] {
  if (relative.kind === "by" || !place?.passage) return [];
  const { doc, n: m } = passagePlace(place.passage);
  const have = new Set(hits.map((hit) => hit.passage.id));
  const floor = Math.min(...hits.map((hit) => hit.score), 1);
  const out: PassageHit[] = [];
  for (let i = 1; i <= TUNING.storyPassages; i++) {
    // "Before" reads both ways: a career is told after the appointment ("Most recently, he was…").
    for (const n of relative.kind === "after" ? [m + i] : [m - i, m + i]) {
      const passage = kb.index.passages.get(passageId(doc, n));
      if (!passage || have.has(passage.id)) continue;
      out.push({ passage, score: floor, coverage: 0, analysis: kb.index.analyzer.analyze(passage) });
    }
  }
  return out;
}

/** The cap a confidence takes for a reason (`why`), or the parts as they are without one. */
function withCap(parts: ConfidenceParts, why: string | null, value: number): ConfidenceParts {
  return why ? { ...parts, cap: { value: Math.min(parts.cap?.value ?? 1, value), why } } : parts;
}

/**
 * The date of the oldest document the previous answer cited: an answer that gave a figure "as of" now and
 * "earlier" is about the earlier event too.
 */
function earliestThreadDate(kb: KnowledgeBase, place: ThreadPlace | null): string | null {
  let earliest: string | null = null;
  for (const doc of place?.docs ?? []) {
    for (let n = 0; n < 4; n++) {
      const passage = kb.index.passages.get(passageId(doc, n));
      if (!passage) continue;
      if (earliest === null || passage.doc.date < earliest) earliest = passage.doc.date;
      break;
    }
  }
  return earliest;
}

/** The content terms of the sentence the thread's previous answer quoted: what "the camp" may point back to. */
function previousTerms(kb: KnowledgeBase, history: Turn[]): Set<string> {
  const last = [...history].reverse().find((turn) => turn.found && turn.passage);
  const passage = last?.passage ? kb.index.passages.get(last.passage) : undefined;
  if (!passage) return new Set();
  return new Set(kb.index.analyzer.analyze(passage).terms[last?.sentence ?? 0] ?? []);
}

/** The date of the document the thread's previous answer quoted: what "by then" is read against. */
function threadDateOf(kb: KnowledgeBase, place: ThreadPlace | null): string | null {
  const passage = place?.passage ? kb.index.passages.get(place.passage) : undefined;
  return passage?.doc.date ?? null;
}

/** Whether two sentences share a figure; years do not count ("since 2013" in both says nothing). */
function sameFigures(a: string, b: string): boolean {
  const figures = (s: string) =>
    new Set(
      (s.match(/\d[\d,.]*/gu) ?? [])
        .map((f) => f.replace(/[,.]$/u, ""))
        .filter((f) => !/^(19|20)\d{2}$/u.test(f)),
    );
  const fa = figures(a);
  return [...figures(b)].some((figure) => fa.has(figure));
}

/**
 * The chosen sentence, with the one before it when it leans on it ("It was...", "However, ...") and the next
 * when it adds the answer.
 */
function withContext(candidate: SentenceCandidate, query: ParsedQuery, max: number): string[] {
  const out = [candidate.sentence];
  const { before, after } = candidate;
  if (max > out.length && before && DEPENDENT_OPENING.test(candidate.sentence)) {
    out.unshift(before.sentence);
  } else if (max > out.length && before && candidate.parts.headline === 0 && tollBefore(candidate, query)) {
    // "kerena base attack": the sentence naming Kerena sets the scene; the one before it gives the toll.
    out.unshift(before.sentence);
  }
  if (
    max > out.length &&
    after &&
    !candidate.typed &&
    satisfiesAnswerType(query.answerType, sentenceFeatures(after.sentence), askedWords(query)) &&
    mentionsAny(after.terms, query.concepts)
  ) {
    out.push(after.sentence);
  } else if (max > out.length && after && countAfter(candidate, query)) {
    // "timbuctoo mausoleums": "the reconstruction of the mausoleums continued", then "masons have rebuilt 14
    // mausoleums": a keyword question's fact is its count.
    out.push(after.sentence);
  } else if (max > out.length && after && placeAfter(candidate, query)) {
    // "Where were they killed?": "in central Mali", then "about 30 kilometres west of Sevare" (place.ts).
    out.push(after.sentence);
  }
  return out;
}

/** A keyword question's answer without a count, before a sentence counting one of its words (headline.ts). */
function countAfter(candidate: SentenceCandidate, query: ParsedQuery): boolean {
  const after = candidate.after;
  return (
    after !== undefined &&
    query.answerType === "any" &&
    isKeywordQuery(query.text) &&
    !sentenceFeatures(candidate.sentence).number &&
    countsAny(after.terms, query.concepts)
  );
}

/** A "where" answer without a precise place, before a sentence about the question that has one (place.ts). */
function placeAfter(candidate: SentenceCandidate, query: ParsedQuery): boolean {
  const after = candidate.after;
  const asked = askedWords(query);
  return (
    after !== undefined &&
    query.answerType === "place" &&
    !precisePlace(candidate.sentence, asked) &&
    precisePlace(after.sentence, asked) &&
    mentionsAny(after.terms, query.concepts)
  );
}

/** A keyword question's answer that states no toll, after a sentence that does (headline.ts). */
function tollBefore(candidate: SentenceCandidate, query: ParsedQuery): boolean {
  const before = candidate.before;
  return (
    before !== undefined &&
    query.answerType === "any" &&
    isKeywordQuery(query.text) &&
    !statesToll(candidate.sentence) &&
    statesToll(before.sentence) &&
    mentionsAny(before.terms, query.concepts)
  );
}

function focusOf(query: ParsedQuery): string[] {
  return query.concepts.filter((concept) => concept.known).map((concept) => concept.text);
}

function formatDay(candidate: SentenceCandidate): string {
  return formatDocDate(candidate.hit.passage.doc.date, candidate.hit.passage.doc.approximateDate);
}

function notFound(
  kb: KnowledgeBase,
  question: string,
  hits: PassageHit[],
  confidence: number,
  focus: string[],
  extra: Partial<Turn> = {},
): Answer {
  const topics: string[] = [];
  for (const hit of hits) {
    const topic = hit.passage.section ?? hit.passage.doc.title;
    if (hit.coverage > 0 && !topics.includes(topic)) topics.push(topic);
    if (topics.length === 3) break;
  }
  return {
    question,
    found: false,
    text: NOT_FOUND_TEXT,
    confidence: round(confidence),
    citations: [],
    asOf: null,
    topics,
    suggestions: kb.glossary.examples.slice(0, 2),
    turn: { question, focus, docs: [], found: false, ...stripUndefined(extra) },
  };
}

function stripUndefined(value: Partial<Turn>): Partial<Turn> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}

const GREETING =
  /^(hi|hello|hey|hiya|good (morning|afternoon|evening)|bonjour|salut)( there| all| everyone| minusma)?[\s!.,]*$/iu;
const THANKS = /^(thanks|thank you|thx|cheers|merci)( (a lot|very much|so much))?[\s!.,]*$/iu;

function smallTalkReply(text: string): string | null {
  if (GREETING.test(text)) return GREETING_TEXT;
  if (THANKS.test(text)) return THANKS_TEXT;
  return null;
}

function emptyAnswer(kb: KnowledgeBase, question: string, text: string | null): Answer {
  const answer = notFound(kb, question, [], 0, []);
  return text ? { ...answer, text } : answer;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
