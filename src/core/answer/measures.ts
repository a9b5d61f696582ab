import type { Passage } from "../knowledge/schema.ts";
import { EARLIEST, MONTH_PATTERN, NUMBER_WORD_PATTERN } from "../lexicon.ts";
import type { PassageIndex } from "../search/passage-index.ts";
import { type Concept, conceptWeight, type ParsedQuery } from "../search/query.ts";
import type { PassageHit } from "../search/search.ts";
import { indexTerm, tokenize } from "../search/terms.ts";
import { askedHead } from "./asked.ts";
import { TUNING } from "./model.ts";
import type { SentenceCandidate } from "./rank.ts";
import { type AskedTime, FLOW_WORDS, yearOf } from "./time.ts";

// Figures that change over time, read once per passage: a measure statement is a count and the words it
// counts ("311 peacekeepers killed", "the number of internally displaced persons stood at 412,000",
// "authorized strength of 13,289"). A question asking for a count ("how many formed police units") finds
// every passage that counts its asked thing, not only those its words rank highest: the newest statement of a
// figure is often a short line in a long story that ranks far down, and a year's count ("In 2021, 28
// peacekeepers were killed") sits in a report among other counts. Those passages join the ranked ones, and
// the sentence ranking, the time rule and "the newest figure wins" (answer.ts) choose among them.

// A count: digits (with thousands separators), not a year, not a day of a month.
// Case-sensitive (a number word capitalised at a sentence's start is listed so): twice as fast as /i.
const NUMBER_WORDS = NUMBER_WORD_PATTERN.split("|")
  .map((word) => `[${word[0]}${word[0]!.toUpperCase()}]${word.slice(1)}`)
  .join("|");
const COUNT = new RegExp(
  `(?<![\\d,.\\/])(\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d+)?(?![\\d/])(?!\\s+(?:${MONTH_PATTERN})\\b)|\\b(?:${NUMBER_WORDS})\\b`,
  "gu",
);
const YEAR = /^(?:19|20)\d{2}$/u;
const MONTH_BEFORE = new RegExp(`\\b(?:${MONTH_PATTERN})\\s+$`, "u");
const NOT_COUNTED = /(?:\b[Rr]esolution|\bS\/RES\/|\b[A-Z]{1,3}\/\S*|\bNo\.?|\bparagraph|\bArticle)\s*$/u;
/** Content words after a count (what it counts) and before it ("strength of 13,289") that are read. */
const AFTER_WORDS = 4;
const BEFORE_WORDS = 4;

const perPassage = new WeakMap<Passage, ReadonlySet<string>>();

/** The terms a passage counts: the content words right after each count, and right before it. */
const SENTENCE_END = /[.;:!?](?:\s|$)/u;
// "12,909" is one number, as the index tokenizer reads it.
const ASCII_WORD = /\d{1,3}(?:,\d{3})+|[a-z0-9][a-z0-9'-]*/gu;
const NON_ASCII = /[^ -~\s]/u;

/** The words of a short text as the index tokenizes them (a plain ASCII text is split without normalizing). */
export function words(text: string): string[] {
  return NON_ASCII.test(text)
    ? tokenize(text)
    : (text.toLowerCase().match(ASCII_WORD) ?? []).map((word) => word.replace(/,/gu, ""));
}

export function countedTerms(text: string): Set<string> {
  const out = new Set<string>();
  for (const match of text.matchAll(COUNT)) {
    const digits = (match[1] ?? "").replace(/,/gu, "");
    const before = text.slice(Math.max(0, match.index - 60), match.index);
    if (YEAR.test(digits) || MONTH_BEFORE.test(before) || NOT_COUNTED.test(before)) continue;
    const end = match.index + match[0].length;
    const after = words(text.slice(end, end + 80).split(SENTENCE_END, 1)[0]!).slice(0, AFTER_WORDS + 2);
    let taken = 0;
    for (const token of after) {
      if (/^\d/u.test(token)) break;
      const term = indexTerm(token);
      if (term === null) continue;
      out.add(term);
      if (++taken === AFTER_WORDS) break;
    }
    const previous = words(before.split(SENTENCE_END).at(-1) ?? "").slice(-BEFORE_WORDS - 2);
    taken = 0;
    for (const token of previous.reverse()) {
      if (/^\d/u.test(token)) break;
      const term = indexTerm(token);
      if (term === null) continue;
      out.add(term);
      if (++taken === BEFORE_WORDS) break;
    }
  }
  return out;
}

function passageCounted(passage: Passage): ReadonlySet<string> {
  let terms = perPassage.get(passage);
  if (!terms) {
    terms = /\d/u.test(passage.text) ? countedTerms(passage.text) : new Set();
    perPassage.set(passage, terms);
  }
  return terms;
}

const byDate = new WeakMap<PassageIndex, Uint32Array>();

/** The index's passage ordinals, newest document first: sorted once per index. */
function newestFirst(index: PassageIndex): Uint32Array {
  let order = byDate.get(index);
  if (!order) {
    const { ordered } = index;
    order = Uint32Array.from(ordered.keys()).sort((a, b) =>
      ordered[b]!.doc.date < ordered[a]!.doc.date ? -1 : ordered[b]!.doc.date > ordered[a]!.doc.date ? 1 : 0,
    );
    byDate.set(index, order);
  }
  return order;
}

/**
 * The passages that count a term, newest first (or oldest first), read lazily: the index's term sets say which
 * passages hold the term at all, and only those `want` does not skip are read for their counts (once per
 * passage, kept with it). `want` may stop the walk: a question asking for the newest figure reads no further
 * back than the passages its words found, so a question costs the few passages it can use, not the index.
 */
export function* countingPassages(
  index: PassageIndex,
  term: string,
  oldestFirst: boolean,
  want: (passage: Passage) => "take" | "skip" | "stop",
): Generator<Passage> {
  const id = index.vocabulary.idOf(term);
  if (id === undefined) return;
  const order = newestFirst(index);
  const { termSets, ordered } = index;
  for (let k = 0; k < order.length; k++) {
    const ordinal = order[oldestFirst ? order.length - 1 - k : k]!;
    if (!termSets.hasAt(ordinal, id)) continue;
    const passage = ordered[ordinal]!;
    const verdict = want(passage);
    if (verdict === "stop") return;
    if (verdict === "take" && passageCounted(passage).has(term)) yield passage;
  }
}

/** A question that asks for a count, as opposed to a keyword question that holds a counting word ("death toll"). */
const ASKS_COUNT = /\b(?:how|what|which)\b|\bnumber of\b/iu;

/**
 * A keyword question naming a count of events: a thing and what happened to it ("peacekeepers killed in
 * 2021", "peacekepers killed"), no question word, no one event's "toll", no name of its own beyond the thing.
 */
export function isCountKeyword(text: string, query: ParsedQuery): boolean {
  if (query.answerType !== "any" || ASKS_COUNT.test(text) || /[?]/u.test(text) || /\btoll\b/iu.test(text)) {
    return false;
  }
  const own = query.concepts.filter((concept) => concept.weight === 1 && concept.year === null);
  // What happened to them, as a participle ("killed", "injured"): "Kerena attack" names one event.
  return (
    own.length === 2 && own.every((concept) => concept.known) && own.some((c) => COUNTED_EVENT.test(c.text))
  );
}

const COUNTED_EVENT = /^(?:killed|died|dead|injured|wounded|abducted|kidnapped|displaced|executed)$/iu;

/** The concept a count question counts: its head noun's ("how many formed police units" → units), else all. */
function countedConcepts(query: ParsedQuery): Concept[] {
  if (query.answerType !== "number") return [];
  // A keyword of a count of events ("peacekeepers killed in 2021") asks for the count too; one event's
  // "death toll" does not.
  const keywordCount = FLOW_WORDS.test(query.text) && !/\btoll\b/iu.test(query.text);
  if (!ASKS_COUNT.test(query.text) && !keywordCount) return [];
  const own = query.concepts.filter(
    (concept) => concept.weight === 1 && concept.known && concept.year === null,
  );
  // The counted phrase: the words after "how many" up to the verb ("internally displaced people", "formed
  // police units"); its last concept is the counted thing, the others qualify it.
  const phrase = COUNTED_PHRASE.exec(query.text.toLowerCase())?.[1];
  if (phrase) {
    const terms = tokenize(phrase).map((token) => indexTerm(token));
    // "troops and police": both are counted.
    if (/\b(?:and|or)\b/u.test(phrase)) {
      const all = own.filter((c) =>
        c.alternatives.some((alternative) => terms.includes(alternative.at(-1)!)),
      );
      if (all.length > 1) return all;
    }
    const last = [...terms].reverse().find((term) => term !== null);
    const concept = own.find((c) =>
      c.alternatives.some((alternative) => last != null && alternative.includes(last)),
    );
    // "How many peacekeepers were killed": a count of the event counts them too ("including 187 killed").
    const verb = own.find((c) => c !== concept && FLOW_WORDS.test(c.text));
    if (concept) return verb ? [concept, verb] : [concept];
  }
  const head = askedHead(query.text);
  if (head) {
    const term = indexTerm(head);
    const concept = own.find((c) =>
      c.alternatives.some((alternative) => term !== null && alternative.includes(term)),
    );
    if (concept) return [concept];
  }
  return own;
}

const COUNTED_PHRASE =
  /\bhow many ((?:(?!\b(?:are|is|were|was|have|has|had|does|do|did|will|would|can|could|in|of|on|at|for|since|during|there|did|does|with|from|to|by)\b)[\p{L}'’-]+\s*)+)/u;

/**
 * Passages that count what a number question asks about and are not among `hits`: those that count it and
 * hold most of the question's other concepts, newest first (for an asked period, those of a document dated in
 * it or the year after first: a year's count is reported then). At most `TUNING.measurePassages`.
 */
export function measurePassages(
  index: PassageIndex,
  query: ParsedQuery,
  time: AskedTime | null,
  hits: readonly PassageHit[],
  accept: (passage: Passage) => boolean,
): PassageHit[] {
  if (query.answerType !== "number") return [];
  const counted = countedConcepts(query);
  if (counted.length === 0) return [];
  const seen = new Set(hits.map((hit) => hit.passage.id));
  // With no period asked, only a statement at least as new as every passage the words found can change the
  // answer (the newest figure wins): older ones are not read.
  // "... at the start", "the first ...": the earliest wins, so the oldest statements are read instead.
  const earliest = EARLIEST.test(query.text);
  const dates = hits.slice(0, TUNING.passages).map((hit) => hit.passage.doc.date);
  const newestFound = dates.reduce((a, b) => (b > a ? b : a), "");
  const oldestFound = dates.reduce((a, b) => (b < a ? b : a), "9999");
  const recentEnough = (passage: Passage) =>
    (time !== null && time.kind !== "total") ||
    (earliest ? passage.doc.date <= oldestFound : passage.doc.date >= newestFound);
  const dated = (passage: Passage) => {
    if (!time || time.kind === "total") return 0;
    const year = yearOf(passage.doc.date);
    return year >= time.from && year <= time.to + 1 ? 1 : 0;
  };
  // The newest (or, for "first", the oldest) statements, or those of the asked period, are read, not every one.
  const periodAsked = time !== null && time.kind !== "total";
  const found = new Map<string, Passage>();
  for (const concept of counted) {
    for (const alternative of concept.alternatives) {
      // A multi-word name ("formed police unit") is counted when its last word is: "eight formed police units".
      const term = alternative.at(-1);
      if (!term) continue;
      let taken = 0;
      const want = (passage: Passage): "take" | "skip" | "stop" => {
        if (taken >= TUNING.measureScan || (!periodAsked && !recentEnough(passage))) return "stop";
        if (periodAsked && dated(passage) === 0) {
          // Newest first: a document older than the period ends the walk.
          return !earliest && yearOf(passage.doc.date) < time!.from ? "stop" : "skip";
        }
        return seen.has(passage.id) || !accept(passage) ? "skip" : "take";
      };
      for (const passage of countingPassages(index, term, earliest, want)) {
        found.set(passage.id, passage);
        taken += 1;
      }
      // No passage of the period: the newest, which the time rule may still accept (a year told later).
      if (taken === 0 && periodAsked) {
        const any = (passage: Passage) =>
          taken >= TUNING.measureScan ? "stop" : seen.has(passage.id) || !accept(passage) ? "skip" : "take";
        for (const passage of countingPassages(index, term, false, any)) {
          found.set(passage.id, passage);
          taken += 1;
        }
      }
    }
  }
  const concepts = query.concepts.filter((concept) => concept.known && concept.year === null);
  // The share of the question's weight a passage holds (from the index's term sets: no text is read);
  // "MINUSMA", in most passages, weighs little.
  const total = concepts.reduce((sum, concept) => sum + conceptWeight(concept), 0) || 1;
  const ids = concepts.map((concept) =>
    concept.alternatives
      .map((terms) => terms.map((term) => index.vocabulary.idOf(term)))
      .filter((list): list is number[] => list.every((id) => id !== undefined)),
  );
  const holds = (passage: Passage) => {
    let held = 0;
    concepts.forEach((concept, i) => {
      if (ids[i]!.some((list) => list.every((id) => index.termSets.has(passage.id, id)))) {
        held += conceptWeight(concept);
      }
    });
    return held / total;
  };
  // How many of the question's concepts the passage counts (a count stands next to their word).
  const countsOf = (passage: Passage) => {
    const terms = passageCounted(passage);
    return concepts.filter((concept) =>
      concept.alternatives.some((alternative) => terms.has(alternative.at(-1)!)),
    ).length;
  };
  const scanned = [...found.values()]
    .map((passage) => ({ passage, held: holds(passage), counts: countsOf(passage) }))
    .filter(({ held }) => held >= TUNING.measureCoverage);
  // Those counting more of the asked things first ("12,900 military and police personnel" for "troops and
  // police"); among equals, of the asked period, then the newest.
  scanned.sort(
    (a, b) =>
      b.counts - a.counts ||
      dated(b.passage) - dated(a.passage) ||
      b.passage.doc.date.localeCompare(a.passage.doc.date),
  );
  const floor = hits.reduce((min, hit) => Math.min(min, hit.score), hits[0]?.score ?? 1);
  return scanned.slice(0, TUNING.measurePassages).map(({ passage, held }) => ({
    passage,
    score: floor,
    coverage: held,
    analysis: index.analyzer.analyze(passage),
  }));
}

// Words that may stand between a measured thing and its count after it: "stood at 412,000", "strength of
// 13,289", "rose to 120,000", "had some 12,900".
const LINK_WORDS = new Set(
  `stood at of was is were are rose risen to reached totalled totaled numbered had has have some about around
nearly over more than approximately an estimated up increased decreased fell dropped climbed now currently`.split(
    /\s+/u,
  ),
);
export const COUNT_TOKEN = new RegExp(`^(?:\\d[\\d,.]*|${NUMBER_WORD_PATTERN})$`, "u");
/** Tokens between a count and the word it counts: "12,900 military and police personnel". */
const COUNT_REACH = 4;

/**
 * Whether a sentence counts one of `concepts` (given by their index terms): a count right before its word
 * ("311 peacekeepers", "eight formed police units") or after it through a verb of measure ("the number of
 * internally displaced persons stood at 412,000", "authorized strength of 1,920"). Years and days are no count.
 */
export function countsAsked(
  sentence: string,
  concepts: readonly Concept[],
  options: { authorized?: boolean } = {},
): boolean {
  // Years and days of a month are no counts: "on 8 December", "December 8" (not "since January, 13 ...").
  const tokens = words(sentence.replace(NOT_COUNTS, " "));
  const terms = tokens.map((token) => indexTerm(token));
  // A verb of events ("killed") is counted only right before it ("187 killed", "28 were killed"): "46
  // children were massacred" counts children.
  const alternatives = concepts.flatMap((concept) =>
    concept.alternatives.map((alternative) => ({ alternative, verb: FLOW_WORDS.test(concept.text) })),
  );
  // The asked name ends at position j, its other words just before it ("internally displaced persons").
  const named = (j: number) =>
    alternatives.find(({ alternative }) => {
      if (alternative.at(-1) !== terms[j]) return false;
      const before = new Set(terms.slice(Math.max(0, j - alternative.length - 1), j));
      return alternative.slice(0, -1).every((term) => before.has(term));
    });
  const isCount = (i: number) => COUNT_TOKEN.test(tokens[i]!);
  for (let j = 0; j < tokens.length; j++) {
    const name = terms[j] === null ? undefined : named(j);
    if (!name) continue;
    for (let i = j - 1; i >= Math.max(0, j - COUNT_REACH); i--) {
      if (name.verb && !isCount(i) && !AUXILIARIES.has(tokens[i]!)) break;
      if (!isCount(i)) continue;
      // "12,900 military and police personnel" counts personnel, not police: through "and" a count reaches
      // the asked word only when it ends the phrase.
      const coordinated = tokens.slice(i + 1, j).some((token) => token === "and" || token === "or");
      if (coordinated && terms[j + 1] !== null && terms[j + 1] !== undefined) break;
      // "up to 1,920 police" is how many may serve, not how many do: it answers a ceiling question only.
      if (options.authorized !== undefined && options.authorized !== authorizedAt(tokens, i)) break;
      return true;
    }
    for (let i = j + 1; i <= Math.min(tokens.length - 1, j + COUNT_REACH); i++) {
      if (isCount(i)) {
        if (options.authorized === undefined || options.authorized === authorizedAt(tokens, i)) return true;
        break;
      }
      if (!LINK_WORDS.has(tokens[i]!)) break;
    }
  }
  return false;
}

/** Words before a count (in its clause) that make it a ceiling: "up to", "ceiling of", "authorized strength of". */
const AUTHORIZED_WORDS = new Set([
  "up",
  "ceiling",
  "authorized",
  "authorised",
  "maximum",
  "comprise",
  "cap",
  "allowed",
]);
const AUTHORIZED_REACH = 8;

export function authorizedAt(tokens: readonly string[], at: number): boolean {
  for (let i = at - 1; i >= Math.max(0, at - AUTHORIZED_REACH); i--) {
    // Another count before it has its own words ("authorized strength of 1,920, including eight units").
    // ... unless the two are coordinated: "up to 13,289 military personnel and 1,920 police personnel".
    if (tokens[i] === "including") return false;
    // Not so another clause's count: "a ceiling of 13,289, and the police component 1,717 personnel".
    if (COUNT_TOKEN.test(tokens[i]!) && !coordinated(tokens.slice(i + 1, at))) return false;
    if (AUTHORIZED_WORDS.has(tokens[i]!)) return tokens[i] !== "up" || tokens[i + 1] === "to";
  }
  return false;
}

/** Words between two counts that share the first one's "up to": "13,289 military personnel and 1,920". */
function coordinated(between: readonly string[]): boolean {
  return between.length <= COORDINATED_REACH && between.includes("and") && !between.includes("the");
}
const COORDINATED_REACH = 4;

/** A question asking how many may serve (a ceiling), as opposed to how many do. */
export const ASKS_AUTHORIZED = /\b(?:ceiling|authori[sz]ed|maximum|max|allowed|up to|cap|limit)\b/iu;

const AUXILIARIES = new Set(["were", "was", "have", "had", "has", "been", "are", "is", "be", "being"]);

export const NOT_COUNTS = new RegExp(
  `\\b(?:19|20)\\d{2}\\b|\\b\\d{1,2}\\s+(?:${MONTH_PATTERN})\\b|\\b(?:${MONTH_PATTERN})\\s+\\d{1,2}\\b(?!,\\d)`,
  "gu",
);

/**
 * For a number question, marks the candidates that count the asked thing (`nearCount`), so that "the newest
 * figure wins" compares counts of the same thing; returns the counted concepts (none: nothing marked).
 */
export function markCounted(candidates: SentenceCandidate[], query: ParsedQuery): Concept[] {
  if (query.answerType !== "number") return [];
  const counted = countedConcepts(query);
  if (counted.length === 0) return [];
  // Only candidates that can still answer or rival the best are read (candidates are best first).
  const floor = (candidates[0]?.score ?? 0) * Math.min(TUNING.measureRivalScore, TUNING.rivalScore);
  for (const candidate of candidates) {
    if (candidate.score < floor) break;
    candidate.nearCount = countsAsked(candidate.sentence, counted, {
      authorized: ASKS_AUTHORIZED.test(query.text),
    });
  }
  return counted;
}

/**
 * The best candidate, or, when it does not count the asked thing, the first that does and answers nearly as
 * well (the rival thresholds of model.ts): "how many formed police units" is not answered by "the second formed
 * police unit ... its 20-member advance team" when "including eight formed police units" is there.
 */
export function preferCounted(
  candidates: readonly SentenceCandidate[],
  best: SentenceCandidate | undefined,
  counted: readonly Concept[],
): SentenceCandidate | undefined {
  if (!best || counted.length === 0 || best.nearCount) return best;
  return (
    candidates.find(
      (c) =>
        c.nearCount &&
        c.coverage >= best.coverage * TUNING.measureRivalCoverage &&
        c.score >= best.score * TUNING.rivalScore,
    ) ?? best
  );
}
