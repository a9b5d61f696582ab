import { resolveFollowUp } from "../conversation/follow-up.ts";
import { splitSentences } from "../knowledge/sentences.ts";
import type { KnowledgeBase } from "../knowledge-base.ts";
import {
  type AnswerType,
  type Concept,
  conceptWeight,
  type ParsedQuery,
  parseQuery,
} from "../search/query.ts";
import { type PassageHit, searchPassages } from "../search/search.ts";
import { contentTerms, tokenize } from "../search/terms.ts";
import { foldName, satisfiesAnswerType, sentenceFeatures } from "./features.ts";
import { formatDocDate } from "./format.ts";
import { type Answer, type Citation, EMPTY_QUESTION_TEXT, NOT_FOUND_TEXT, type Turn } from "./types.ts";

/** Below this confidence the bot says it could not find the answer rather than guess. */
export const CONFIDENCE_THRESHOLD = 0.5;
/** Questions longer than this are cut: nobody asks 40,000 characters, and parsing them costs. */
export const MAX_QUESTION_CHARS = 500;

interface Candidate {
  hit: PassageHit;
  rank: number;
  index: number;
  sentences: string[];
  sentence: string;
  coverage: number;
  typed: boolean;
  score: number;
  /** the sentences just outside the passage, when the candidate is its first or last */
  before?: string | undefined;
  after?: string | undefined;
}

/** The last sentence of the passage before and the first of the passage after, in the same document. */
function neighbourSentences(kb: KnowledgeBase, passageId: string): [string | undefined, string | undefined] {
  const hash = passageId.lastIndexOf("#");
  const n = Number(passageId.slice(hash + 1));
  const doc = passageId.slice(0, hash);
  const previous = kb.index.passages.get(`${doc}#${n - 1}`);
  const next = kb.index.passages.get(`${doc}#${n + 1}`);
  return [
    previous ? splitSentences(previous.text).at(-1) : undefined,
    next ? splitSentences(next.text)[0] : undefined,
  ];
}

/**
 * Answers a question from the knowledge base with one to three of the documents' own sentences and their
 * citations, or says plainly that the documents do not answer it. `history` is the thread so far, oldest
 * first; an elliptical follow-up ("and for police?") is read in its light.
 */
export function answerQuestion(kb: KnowledgeBase, question: string, history: Turn[] = []): Answer {
  const text = question.replace(/\s+/gu, " ").trim().slice(0, MAX_QUESTION_CHARS);
  const standalone = parseQuery(text, kb.index.vocabulary, kb.glossary);
  const resolution = resolveFollowUp(text, standalone, history, (focus) =>
    parseQuery(focus, kb.index.vocabulary, kb.glossary, CONTEXT_WEIGHT),
  );
  const query: ParsedQuery = { ...standalone, concepts: resolution.concepts };
  if (query.concepts.length === 0) return emptyAnswer(kb, question, text === "" ? EMPTY_QUESTION_TEXT : null);

  const preferDocs = new Set(resolution.docs);
  const hits = searchPassages(kb.index, query.concepts, 8).map((hit) =>
    preferDocs.has(hit.passage.doc.id) ? { ...hit, score: hit.score * 1.25 } : hit,
  );
  const candidates = rankSentences(kb, hits, query);
  const best = preferTyped(candidates, query);
  const confidence = best ? confidenceOf(best, query) : 0;
  if (!best || confidence < CONFIDENCE_THRESHOLD) {
    return notFound(kb, question, hits, confidence, focusOf(query));
  }

  const chosen = chooseSources(best, candidates, query.answerType);
  const citations: Citation[] = [];
  const parts: string[] = [];
  for (const candidate of chosen) {
    const n = citations.length + 1;
    citations.push({
      n,
      doc: candidate.hit.passage.doc,
      passageId: candidate.hit.passage.id,
      passageText: candidate.hit.passage.text,
      section: candidate.hit.passage.section,
    });
    const sentences = withContext(candidate, query, chosen.length > 1 ? 1 : 3);
    const prefix =
      chosen.length > 1 ? `${n === 1 ? "As of" : "Earlier, as of"} ${formatDay(candidate)}: ` : "";
    parts.push(`${prefix}${sentences.join(" ")} [${n}]`);
  }
  const newest = [...citations].sort((a, b) => b.doc.date.localeCompare(a.doc.date))[0]!;
  const figure = query.answerType === "number" || query.answerType === "date" || chosen.length > 1;
  return {
    question,
    found: true,
    text: parts.join(" "),
    confidence: round(confidence),
    citations,
    asOf: figure ? { date: newest.doc.date, approximate: newest.doc.approximateDate } : null,
    topics: [],
    suggestions: [],
    turn: { question, focus: focusOf(query), docs: citations.map((c) => c.doc.id), found: true },
  };
}

const CONTEXT_WEIGHT = 0.5;

/**
 * The top sentence, unless the question asks for a number, date or name that it lacks and another sentence
 * has it while covering the question's own words as well ("for how long?" after "the mandate renewal").
 */
function preferTyped(candidates: Candidate[], query: ParsedQuery): Candidate | undefined {
  const top = candidates[0];
  if (!top || top.typed || query.answerType === "any") return top;
  const own = query.concepts.filter((concept) => concept.weight === 1);
  const ownOf = (c: Candidate) => ownCoverage(c, own);
  const needed = ownOf(top);
  return candidates.find((c) => c.typed && ownOf(c) >= needed) ?? top;
}

function rankSentences(kb: KnowledgeBase, hits: PassageHit[], query: ParsedQuery): Candidate[] {
  const top = hits[0]?.score ?? 0;
  const asked = new Set(tokenize(query.text).map(foldName));
  const total = totalWeight(query.concepts);
  const asksSomething = query.concepts.some((concept) => concept.weight === 1 && concept.known);
  const candidates: Candidate[] = [];
  for (const [rank, hit] of hits.entries()) {
    const sentences = splitSentences(hit.passage.text);
    const year = hit.passage.doc.date.slice(0, 4);
    const covers = sentences.map((sentence) => coveredConcepts(sentence, query.concepts, year));
    // A long paragraph is cut into several passages; the sentences either side of the cut still count.
    const [before, after] = neighbourSentences(kb, hit.passage.id);
    const edges = {
      before: before === undefined ? undefined : coveredConcepts(before, query.concepts, year),
      after: after === undefined ? undefined : coveredConcepts(after, query.concepts, year),
    };
    for (const [index, sentence] of sentences.entries()) {
      const own = covers[index]!;
      if (own.weight === 0) continue;
      // A follow-up's own words must be in the sentence itself: "and for police?" is answered by a sentence
      // that mentions police, not by one that only sits next to it.
      if (asksSomething && ![...own.concepts].some((concept) => concept.weight === 1)) continue;
      // What the neighbouring sentences add counts at half: "The area had been infiltrated by ISGS" answers
      // "ISGS along the Gao road" because the sentence before it names the road.
      const previous = index === 0 ? edges.before : covers[index - 1];
      const next = index === sentences.length - 1 ? edges.after : covers[index + 1];
      const around = new Set([...(previous?.concepts ?? []), ...(next?.concepts ?? [])]);
      const context = [...around]
        .filter((concept) => !own.concepts.has(concept))
        .reduce((sum, concept) => sum + conceptWeight(concept), 0);
      const coverage = Math.min(1, (own.weight + context * 0.5) / total);
      const typed = satisfiesAnswerType(query.answerType, sentenceFeatures(sentence), asked);
      const passageScore = top > 0 ? hit.score / top : 0;
      // Short sentences that hold the question's words beat long ones that mention them in passing.
      const density = Math.min(1, (own.hits * 6) / Math.max(6, own.length));
      // The sentence that is about a thing names it early and names the question's words together:
      // "In the 2 April attack on the camp in Aguelhok" over "attacks on Kerena and the camp in Aguelhok".
      const prominence = 1 - Math.min(own.first, 12) / 12;
      const proximity = own.concepts.size > 1 ? Math.min(1, (own.concepts.size + 1) / (own.span + 1)) : 1;
      const score =
        coverage * 0.6 +
        (typed ? 0.2 : 0) +
        passageScore * 0.1 +
        density * 0.04 +
        prominence * 0.04 +
        proximity * 0.04;
      const outside = {
        before: index === 0 ? before : undefined,
        after: index === sentences.length - 1 ? after : undefined,
      };
      candidates.push({ hit, rank, index, sentences, sentence, coverage, typed, score, ...outside });
    }
  }
  return candidates.sort((a, b) => b.score - a.score);
}

function totalWeight(concepts: Concept[]): number {
  // A word no document knows counts for more when it is not even an English word: "UNIFIL troop ceiling"
  // is about UNIFIL.
  return (
    concepts.reduce((sum, concept) => sum + conceptWeight(concept) * (concept.foreign ? 1.5 : 1), 0) || 1
  );
}

interface Coverage {
  /** weight of the concepts met, the typed wording counting fully and a synonym a little less */
  weight: number;
  concepts: Set<Concept>;
  /** how many of the sentence's terms are the question's */
  hits: number;
  /** the sentence's number of content terms */
  length: number;
  /** position of the first of the question's terms, in content terms */
  first: number;
  /** the narrowest window, in content terms, that holds one term of every concept met */
  span: number;
}

/** Which of the question's concepts a sentence holds. */
function coveredConcepts(sentence: string, concepts: Concept[], year: string): Coverage {
  const list = contentTerms(sentence);
  const terms = new Set(list);
  const met = new Set<Concept>();
  let weight = 0;
  const used = new Set<string>();
  const positions: number[][] = [];
  for (const concept of concepts) {
    if (!concept.known) continue;
    let best = 0;
    const mine = new Set<string>();
    if (concept.year !== null && (terms.has(concept.year) || concept.year === year)) best = 1;
    for (const term of list) if (concept.prefixes.some((prefix) => term.startsWith(prefix))) mine.add(term);
    if (mine.size > 0) best = 1;
    concept.alternatives.forEach((alternative, i) => {
      if (alternative.every((term) => terms.has(term))) {
        best = Math.max(best, i === 0 ? 1 : 0.85);
        for (const term of alternative) mine.add(term);
      }
    });
    if (best > 0) {
      met.add(concept);
      weight += conceptWeight(concept) * best;
      for (const term of mine) used.add(term);
      const at = list.flatMap((term, i) => (mine.has(term) ? [i] : []));
      if (at.length > 0) positions.push(at);
    }
  }
  const all = positions.flat();
  return {
    weight,
    concepts: met,
    hits: list.filter((term) => used.has(term)).length,
    length: list.length,
    first: all.length > 0 ? Math.min(...all) : list.length,
    span: narrowestWindow(positions),
  };
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

/** The weight of the concepts whose terms a sentence holds. */
function sentenceCoverage(sentence: string, concepts: Concept[]): number {
  return coveredConcepts(sentence, concepts, "").weight;
}

/** How much of the question's own words (not the thread's) a sentence and its neighbours cover. */
function ownCoverage(candidate: Candidate, own: Concept[]): number {
  if (own.length === 0) return 1;
  const { sentences, index } = candidate;
  const around = [
    sentences[index - 1] ?? candidate.before,
    candidate.sentence,
    sentences[index + 1] ?? candidate.after,
  ];
  const year = candidate.hit.passage.doc.date.slice(0, 4);
  return coveredConcepts(around.join(" "), own, year).weight / totalWeight(own);
}

function confidenceOf(best: Candidate, query: ParsedQuery): number {
  const own = query.concepts.filter((concept) => concept.weight === 1);
  const mine = ownCoverage(best, own);
  // The kind of answer asked for counts only as far as the sentence is about what was asked.
  const typed = query.answerType === "any" || best.typed ? mine : 0;
  let confidence = 0.35 * best.coverage + 0.35 * mine + 0.15 * best.hit.coverage + 0.15 * typed;
  // A question that asks for a number, a date or a name and finds none has not been answered.
  if (query.answerType !== "any" && !best.typed) confidence = Math.min(confidence, 0.45);
  // A name no document uses, and no English word either (UNIFIL, Lebanon), means the question is about
  // something the briefing documents do not cover, however well its other words match.
  const foreign = own
    .filter((concept) => concept.foreign)
    .reduce((sum, c) => sum + conceptWeight(c) * 1.5, 0);
  if (foreign >= totalWeight(own) / 3) confidence = Math.min(confidence, 0.4);
  return Math.min(1, confidence);
}

/**
 * The best sentence, and, for a figure, the best sentence of another document that covers the question as
 * well: newest first, so a later figure is read first and an older one is shown with its date.
 */
function chooseSources(best: Candidate, candidates: Candidate[], type: AnswerType): Candidate[] {
  const rival = candidates.find(
    (c) =>
      c.hit.passage.doc.id !== best.hit.passage.doc.id &&
      c.typed === best.typed &&
      c.coverage >= best.coverage * 0.95 &&
      c.score >= best.score * 0.9,
  );
  if (!rival) return [best];
  const figure = type === "number" || type === "date";
  const newestFirst = [best, rival].sort((a, b) =>
    b.hit.passage.doc.date.localeCompare(a.hit.passage.doc.date),
  );
  // Outside figures a newer document wins only a near tie: its sentence must answer as well as the best.
  if (!figure) return rival.score >= best.score * 0.97 ? [newestFirst[0]!] : [best];
  return sameFigures(best.sentence, rival.sentence) ? [newestFirst[0]!] : newestFirst;
}

function sameFigures(a: string, b: string): boolean {
  const figures = (s: string) => new Set(s.match(/\d[\d,.]*/gu)?.map((f) => f.replace(/[,.]$/u, "")) ?? []);
  const fa = figures(a);
  return [...figures(b)].some((figure) => fa.has(figure));
}

/** The chosen sentence, with the one before it when it opens on a pronoun and the next when it adds the answer. */
function withContext(candidate: Candidate, query: ParsedQuery, max: number): string[] {
  const { sentences, index } = candidate;
  const out = [candidate.sentence];
  const before = sentences[index - 1] ?? candidate.before;
  if (
    max > out.length &&
    before &&
    /^(It|This|That|They|These|Those|He|She|Such|Its|Their)\b/u.test(candidate.sentence)
  ) {
    out.unshift(before);
  }
  const after = sentences[index + 1];
  const asked = new Set(tokenize(query.text).map(foldName));
  if (
    max > out.length &&
    after &&
    !candidate.typed &&
    satisfiesAnswerType(query.answerType, sentenceFeatures(after), asked) &&
    sentenceCoverage(after, query.concepts) > 0
  ) {
    out.push(after);
  }
  return out;
}

function focusOf(query: ParsedQuery): string[] {
  return query.concepts.filter((concept) => concept.known).map((concept) => concept.text);
}

function formatDay(candidate: Candidate): string {
  return formatDocDate(candidate.hit.passage.doc.date, candidate.hit.passage.doc.approximateDate);
}

function notFound(
  kb: KnowledgeBase,
  question: string,
  hits: PassageHit[],
  confidence: number,
  focus: string[],
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
    turn: { question, focus, docs: [], found: false },
  };
}

function emptyAnswer(kb: KnowledgeBase, question: string, text: string | null): Answer {
  const answer = notFound(kb, question, [], 0, []);
  return text ? { ...answer, text } : answer;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
