import { TUNING } from "../answer/model.ts";
import { type SentenceCandidate, whenOf } from "../answer/rank.ts";
import { passageId } from "../knowledge/passages.ts";
import type { KnowledgeBase } from "../knowledge-base.ts";
import type { Concept, ParsedQuery } from "../search/query.ts";
import { contentTerms } from "../search/terms.ts";

// A question that opens with a question word or an auxiliary asks something in particular; a bare keyword
// ("Kerena attack", "2020 coup in Mali") asks what happened.
const QUESTION_OPENING =
  /^(and |so |but )?(what|who|whom|whose|when|where|why|how|which|is|are|was|were|do|does|did|has|have|had|can|could|will|would|should|tell|list|give|show|explain|describe)\b/iu;

/**
 * Whether a question is a bare event keyword: no question word, nothing in particular asked for, and at least
 * two words of its own the documents know ("Kerena attack"; a single word such as "ceiling" names a topic, not
 * an event).
 */
export function isEventKeyword(text: string, query: ParsedQuery): boolean {
  if (query.answerType !== "any" || text.includes("?") || QUESTION_OPENING.test(text.trim())) return false;
  // "UNSC resolution 2690" names a document or a figure, not an event: its sentence, not a story's lead.
  if (/\d/u.test(text.replace(/\b(19|20)\d{2}\b/gu, ""))) return false;
  return query.concepts.filter((concept) => concept.weight === 1 && concept.known).length >= 2;
}

/**
 * The lead of the event's own story, for a bare event keyword. A news story says what happened in its first
 * sentence ("One UN peacekeeper was killed and 27 others injured on Wednesday when…"); a later sentence of it,
 * or a recap in a later document ("a peace agreement signed in 2015…"), often shares more of the keyword's
 * words but tells less. A document is the event's own story when its title holds most of the keyword (a year
 * the keyword names is held by a document of that year) and, when it is not the best sentence's document,
 * that sentence recounts it (see below). Its lead answers when it scores close enough to the best sentence (model.ts: eventTitleCover,
 * eventLeadShare). Returns null when no such lead is a candidate.
 */
export function eventLead(
  kb: KnowledgeBase,
  candidates: SentenceCandidate[],
  query: ParsedQuery,
  best: SentenceCandidate | undefined,
): SentenceCandidate | null {
  if (!best) return null;
  const own = query.concepts.filter((concept) => concept.weight === 1 && concept.known);
  const total = own.reduce((sum, concept) => sum + concept.specificity, 0);
  if (total === 0) return null;
  const years = own.flatMap((concept) => (concept.year === null ? [] : [concept.year]));
  // The best sentence is a later document's look back at the keyword's year ("since coups in 2020 and 2021" in
  // 2023): a story of that year wins it at a lower share (model.ts eventRecapShare).
  const bestYear = best.hit.passage.doc.date.slice(0, 4);
  const recapOfYear = years.length > 0 && years.every((year) => year < bestYear);
  const titles = new Map<string, number>();
  let lead: SentenceCandidate | null = null;
  for (const candidate of candidates) {
    if (candidate.index !== 0) continue;
    const { doc } = candidate.hit.passage;
    const share =
      recapOfYear && years.some((year) => doc.date.startsWith(year))
        ? TUNING.eventRecapShare
        : TUNING.eventLeadShare;
    if (candidate.score < best.score * share) continue;
    if (candidate.hit.passage.id !== firstPassage(kb, doc.id)) continue;
    // Another document's lead replaces the best sentence when the keyword's year dates that story ("UN
    // departure from Kidal in October 2023"), or when the best sentence recounts it: a later document telling
    // of an event of the story's year or before ("Ivory Coast, whose 49 soldiers were arrested in Bamako in
    // July"). A newer story, or an older one before the best sentence's own event, is another event of the
    // same kind ("UNSC vote on MINUSMA mandate" is held every year; Aguelhok was attacked in 2019 and 2021).
    if (doc.id !== best.hit.passage.doc.id && !years.some((year) => doc.date.startsWith(year))) {
      const recap = doc.date <= best.hit.passage.doc.date && whenOf(best).slice(0, 4) <= doc.date.slice(0, 4);
      if (!recap) continue;
    }
    let cover = titles.get(doc.id);
    if (cover === undefined) {
      cover = titleCoverage(doc.title, doc.date, own) / total;
      titles.set(doc.id, cover);
    }
    if (cover < TUNING.eventTitleCover) continue;
    if (!lead || candidate.score > lead.score) lead = candidate;
  }
  return lead;
}

/** The weight of the concepts a title holds; a year concept is held by a document of that year. */
export function titleCoverage(title: string, date: string, concepts: Concept[]): number {
  const terms = new Set(contentTerms(title));
  let weight = 0;
  for (const concept of concepts) {
    const held =
      (concept.year !== null && (date.startsWith(concept.year) || terms.has(concept.year))) ||
      concept.alternatives.some((alternative) => alternative.every((term) => terms.has(term))) ||
      concept.prefixes.some((prefix) => [...terms].some((term) => term.startsWith(prefix)));
    if (held) weight += concept.specificity;
  }
  return weight;
}

/** The id of a document's first passage (its lead paragraph): passages are numbered from 0 or 1. */
function firstPassage(kb: KnowledgeBase, docId: string): string | undefined {
  for (let n = 0; n < 4; n++) {
    const id = passageId(docId, n);
    if (kb.index.passages.has(id)) return id;
  }
  return undefined;
}
