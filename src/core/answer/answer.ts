import { resolveFollowUp } from "../conversation/follow-up.ts";
import type { KnowledgeBase } from "../knowledge-base.ts";
import { type AnswerType, type ParsedQuery, parseQuery } from "../search/query.ts";
import { type PassageHit, searchPassages } from "../search/search.ts";
import { satisfiesAnswerType, sentenceFeatures } from "./features.ts";
import { formatDocDate } from "./format.ts";
import { askedWords, type Candidate, confidenceOf, mentionsAny, preferTyped, rankSentences } from "./rank.ts";
import {
  type Answer,
  type Citation,
  EMPTY_QUESTION_TEXT,
  GREETING_TEXT,
  NOT_FOUND_TEXT,
  THANKS_TEXT,
  type Turn,
} from "./types.ts";

/** Below this confidence the bot says it could not find the answer rather than guess. */
export const CONFIDENCE_THRESHOLD = 0.5;
/** Questions longer than this are cut: nobody asks 40,000 characters, and parsing them costs. */
export const MAX_QUESTION_CHARS = 500;

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
  // "hi" and "thanks" are not questions the documents fail to answer: a colleague would just reply.
  const smallTalk = smallTalkReply(text);
  if (smallTalk) return emptyAnswer(kb, question, smallTalk);

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
  // "As of" matters for figures, which go stale: a count asked for, or one the answer gives anyway ("and for
  // police?" asks nothing in particular but is answered with 1,920).
  const figure =
    query.answerType === "number" ||
    query.answerType === "date" ||
    chosen.length > 1 ||
    chosen.some((candidate) => sentenceFeatures(candidate.sentence).number);
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
  // Two counts disagree only when both stand next to what was asked: "20 reports" is no police figure.
  if (type === "number" && !(best.nearCount && rival.nearCount)) return [best];
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
  const out = [candidate.sentence];
  const { before, after } = candidate;
  if (
    max > out.length &&
    before &&
    /^(It|This|That|They|These|Those|He|She|Such|Its|Their)\b/u.test(candidate.sentence)
  ) {
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
