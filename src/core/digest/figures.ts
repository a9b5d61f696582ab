import type { DocumentMeta } from "../knowledge/schema.ts";
import { type DocSentence, truncate } from "./corpus.ts";

/** What a figure counts. The first four are the headline figures every digest tries to give. */
export type FigureKind =
  | "troop-ceiling"
  | "police-ceiling"
  | "deployed-personnel"
  | "peacekeepers-killed"
  | "casualties"
  | "incidents"
  | "personnel"
  | "head-of-mission";

/** Kinds in the order a digest lists them, with how much each counts when choosing. */
export const FIGURE_KINDS: ReadonlyArray<{ kind: FigureKind; label: string; weight: number }> = [
  { kind: "troop-ceiling", label: "troop ceiling", weight: 10 },
  { kind: "police-ceiling", label: "police ceiling", weight: 9 },
  { kind: "deployed-personnel", label: "deployed personnel", weight: 8 },
  { kind: "peacekeepers-killed", label: "peacekeepers killed", weight: 8 },
  { kind: "casualties", label: "casualties", weight: 5 },
  { kind: "incidents", label: "incidents", weight: 4 },
  { kind: "personnel", label: "personnel", weight: 3 },
  { kind: "head-of-mission", label: "head of mission", weight: 7 },
];
/** The topics every digest gives one line each, the newest statement first (an older, different one after it). */
// A topic that only grows (deaths since deployment): an older figure counts as its earlier value only when it
// is a running total too, not the toll of one reporting period ("14 peacekeepers were killed" in a quarter).
const CUMULATIVE = new Set<FigureKind>(["peacekeepers-killed"]);
const RUNNING_TOTAL =
  /\b(since|to date|in total|a total of|so far|altogether|in all|during its (decade|\d+ years))\b/iu;

const HEADLINE = new Set<FigureKind>([
  "troop-ceiling",
  "police-ceiling",
  "deployed-personnel",
  "peacekeepers-killed",
  "head-of-mission",
]);

/**
 * Roles whose holder the digest gives like a figure: the words that name the role in a sentence. The holder
 * is the person's name nearest to them ("El-Ghassim Wane, the Special Representative and head of the mission").
 */
export const ROLE_TOPICS: ReadonlyArray<{ kind: FigureKind; cue: RegExp }> = [
  {
    kind: "head-of-mission",
    cue: /\b(head of (the )?(Mission|mission|MINUSMA)|Special Representative (of the Secretary-General )?for Mali|MINUSMA is led by)\b/u,
  },
];

/** How many key figures a digest lists: enough for the headline figures and a few from new documents. */
export const MAX_FIGURES = 6;
/** How many of those are kept for figures from the digest's new documents, when they have any. */
export const NEW_DOCUMENT_FIGURES = 2;
/** A figure sentence longer than this is cut to the clauses that hold its numbers. */
export const FIGURE_CHARS = 300;

/** A sentence of a document that states a figure, as the digest shows it. */
export interface KeyFigure {
  /** the sentence (or the clauses of it that hold the figures), as the document words it */
  text: string;
  doc: DocumentMeta;
  kinds: FigureKind[];
  /** the numbers it states, as written ("13,289"), or the holder's name for a role */
  values: string[];
  /**
   * For a headline topic: an older document's different value, shown after the newest with its date
   * ("1,920 as of 2023; 1,440 as of 2013"). Absent when no older document says otherwise.
   */
  earlier?: { value: string; doc: DocumentMeta };
}

/** One number found in a sentence, and what it counts. */
export interface FigureMention {
  value: string;
  kind: FigureKind;
  /** character offsets of the number in the sentence */
  start: number;
  end: number;
}

// Nouns for people: a number right before one of these counts people ("157 people", "1,920 police").
const PERSON = new Set(
  "people persons civilians children women men peacekeepers peacekeeper troops troop soldiers soldier police policemen officers personnel staff members member uniformed military helmets fighters militants combatants elements refugees villagers workers detainees hostages casualties bodies".split(
    " ",
  ),
);
const POLICE = new Set("police policemen officers".split(" "));
const TROOPS = new Set(
  "troops troop soldiers military uniformed personnel peacekeepers peacekeeper".split(" "),
);
const PEACEKEEPERS = new Set("peacekeepers peacekeeper helmets minusma".split(" "));
const CEILING = new Set("ceiling ceilings maximum authorized authorised cap strength".split(" "));
const DEPLOYED = new Set("deployed deployment deploying present serving".split(" "));
const KILLED = new Set("killed died dead deaths death fatalities lost".split(" "));
const CASUALTY = new Set(
  "killed dead deaths died death wounded injured massacred massacre executed execution executions casualties fatalities victims murdered slain abducted kidnapped".split(
    " ",
  ),
);
const INCIDENT = new Set(
  "attack attacks attacked incident incidents explosive explosives ied ieds ambush ambushes abducted abduction abductions kidnapped strike strikes raid raids clashes violations displaced mortar rocket rockets mines".split(
    " ",
  ),
);
const MONTHS = new Set(
  "january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec".split(
    " ",
  ),
);
// A number after one of these is a reference, not a count: "resolution 2531", "paragraph 5", "No. 3".
const REFERENCE = new Set(
  "resolution resolutions paragraph paragraphs para paras article articles chapter annex page section no number phase level sector camp".split(
    " ",
  ),
);
const DEPENDENT_OPENING =
  /^["“]?(It|Its|This|That|These|They|Their|Such|However|But|And|Also|For instance|For example|In addition)\b/u;
const NUMBER = /^\d/u;
const TOKEN = /\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\p{L}+(?:['’]\p{L}+)*/gu;

interface Token {
  text: string;
  lower: string;
  start: number;
  end: number;
}

/**
 * The figures a sentence states about personnel, casualties or incidents, by code: a number counts when a
 * word for people follows it ("125 peacekeepers"), or when it closes "troop ceiling of 13,289"; the words
 * around it say what kind of figure it is. Years, days of the month, document symbols and references
 * ("resolution 2531") are not figures.
 */
export function findFigures(sentence: string): FigureMention[] {
  const tokens: Token[] = [...sentence.matchAll(TOKEN)].map((match) => ({
    text: match[0],
    lower: match[0].toLowerCase(),
    start: match.index,
    end: match.index + match[0].length,
  }));
  const sentenceWords = new Set(tokens.map((token) => token.lower));
  const mentions: FigureMention[] = [];
  tokens.forEach((token, i) => {
    if (!NUMBER.test(token.text) || !isCount(sentence, tokens, i)) return;
    const before = words(tokens, i - 5, i);
    const after = words(tokens, i + 1, i + 6);
    const near = new Set([...before, ...after]);
    const person = personFor(tokens, i);
    const kind = classify(person, near, sentenceWords);
    if (kind) mentions.push({ value: token.text, kind, start: token.start, end: token.end });
  });
  return mentions;
}

/** Whether the number at `i` is a count rather than a year, a day, a time, a symbol or a reference. */
function isCount(sentence: string, tokens: Token[], i: number): boolean {
  const token = tokens[i]!;
  const before = sentence.slice(Math.max(0, token.start - 2), token.start);
  const after = sentence.slice(token.end, token.end + 2);
  // "S/2021/519", "COVID-19", "10:30", "20th", "5km": part of a symbol, a name, a time or an ordinal.
  if (/[/\\]$|\p{L}-$/u.test(before) || /^[/\\]|^:\d|^\p{L}/u.test(after)) return false;
  const previous = tokens[i - 1]?.lower ?? "";
  const next = tokens[i + 1]?.lower ?? "";
  if (REFERENCE.has(previous)) return false;
  const value = Number(token.text.replace(/,/gu, ""));
  if (/^(19|20)\d{2}$/u.test(token.text) && !PERSON.has(next)) return false;
  if (value <= 31 && (MONTHS.has(previous) || MONTHS.has(next))) return false;
  return true;
}

/** The people word that the number at `i` counts, if any. */
function personFor(tokens: Token[], i: number): string | null {
  // After the number, within three words: "157 people", "200 extremist elements", "20-member team".
  for (let k = i + 1; k <= i + 3 && k < tokens.length; k++) {
    const word = tokens[k]!.lower;
    if (NUMBER.test(word)) break;
    // "armoured personnel carriers" are vehicles, not people.
    if (PERSON.has(word) && !/^carriers?$/u.test(tokens[k + 1]?.lower ?? "")) return word;
  }
  // Before it, across "of": "troop ceiling of 13,289", "a strength of 12,000 uniformed personnel".
  if (tokens[i - 1]?.lower === "of") {
    for (let k = i - 2; k >= Math.max(0, i - 4); k--) {
      const word = tokens[k]!.lower;
      if (PERSON.has(word)) return word;
    }
  }
  return null;
}

function classify(person: string | null, near: Set<string>, sentence: Set<string>): FigureKind | null {
  const hasAny = (set: Set<string>, pool: Set<string>) => [...pool].some((word) => set.has(word));
  if (person && hasAny(CEILING, near)) {
    if (POLICE.has(person)) return "police-ceiling";
    if (TROOPS.has(person)) return "troop-ceiling";
  }
  if (person && PEACEKEEPERS.has(person) && hasAny(KILLED, near)) return "peacekeepers-killed";
  if (person && (TROOPS.has(person) || POLICE.has(person)) && hasAny(DEPLOYED, near))
    return "deployed-personnel";
  if (person && hasAny(CASUALTY, sentence)) return "casualties";
  if (hasAny(INCIDENT, near)) return "incidents";
  if (person) return "personnel";
  return null;
}

// Capitalised words that are titles or institutions, not a person's name.
const NOT_A_NAME = new Set(
  "Secretary-General Secretary General Special Representative Deputy Head Mission MINUSMA United Nations Security Council Major Lieutenant Colonel Brigadier Mr Ms Mrs Dr President Prime Minister Force Commander Chief The Malian Mali Under-Secretary-General Assistant Peacekeeping Operations Government Transition".split(
    " ",
  ),
);
const NAME_RUN = /\p{Lu}[\p{L}'’.-]+(?:\s+\p{Lu}[\p{L}'’.-]+)+/gu;

/** The holders of the roles in `ROLE_TOPICS` that a sentence names, as mentions. */
export function findRoleHolders(sentence: string): FigureMention[] {
  const mentions: FigureMention[] = [];
  for (const { kind, cue } of ROLE_TOPICS) {
    const role = cue.exec(sentence);
    if (!role) continue;
    let best: FigureMention | null = null;
    let bestDistance = Number.POSITIVE_INFINITY;
    for (const run of sentence.matchAll(NAME_RUN)) {
      // Titles before a name ("Major General Jean Bosco Kazura") are dropped; what remains must be a name.
      const words = run[0].split(/\s+/u);
      let skip = 0;
      while (skip < words.length && NOT_A_NAME.has(words[skip]!.replace(/[.’']s?$/u, ""))) skip++;
      const name = words.slice(skip);
      if (name.length < 2 || name.some((word) => NOT_A_NAME.has(word))) continue;
      const start = run.index + run[0].length - name.join(" ").length;
      const end = run.index + run[0].length;
      const distance = start > role.index ? start - (role.index + role[0].length) : role.index - end;
      if (distance < bestDistance && distance <= ROLE_NAME_CHARS) {
        bestDistance = distance;
        best = { value: name.join(" "), kind, start, end };
      }
    }
    if (best) mentions.push(best);
  }
  return mentions;
}

// How far from the words naming a role its holder's name may stand, in characters.
const ROLE_NAME_CHARS = 80;

function words(tokens: Token[], from: number, to: number): string[] {
  return tokens
    .slice(Math.max(0, from), Math.max(0, to))
    .filter((token) => !NUMBER.test(token.text))
    .map((token) => token.lower);
}

interface Candidate {
  figure: KeyFigure;
  mentions: FigureMention[];
  score: number;
  fromNew: boolean;
  rank: number;
}

export interface FigureOptions {
  /** ids of the documents that are new in this digest: their figures are given a place */
  newDocs: ReadonlySet<string>;
  max?: number;
}

/**
 * Chooses the key figures of the knowledge base: for each headline kind (troop ceiling, police ceiling,
 * deployed personnel, peacekeepers killed) the figure from the newest document that states one, then up to
 * two figures from the new documents, then the strongest of the rest. A sentence is listed once even when
 * it states several figures, and a figure already given (same kind and number) is not repeated from
 * another document.
 */
export function keyFigures(
  sentences: ReadonlyMap<string, DocSentence[]>,
  documents: DocumentMeta[],
  options: FigureOptions,
): KeyFigure[] {
  const max = options.max ?? MAX_FIGURES;
  const candidates = collectCandidates(sentences, documents, options.newDocs);
  const chosen: Candidate[] = [];
  const coveredKinds = new Set<FigureKind>();
  const coveredValues = new Set<string>();
  const seenText = new Set<string>();

  const take = (candidate: Candidate, headline = false): boolean => {
    if (chosen.length >= max || chosen.includes(candidate)) return false;
    // One line per topic: past the headline lines, a sentence that restates a headline topic already given
    // (an older ceiling beside a new count) would put a stale value on a line of its own.
    if (!headline && candidate.mentions.some((m) => HEADLINE.has(m.kind) && coveredKinds.has(m.kind))) {
      return false;
    }
    const key = candidate.figure.text.toLowerCase().replace(/\W+/gu, " ").trim();
    if (seenText.has(key)) return false;
    const pairs = candidate.mentions.map((m) => `${m.kind}:${m.value.replace(/,/gu, "")}`);
    // An older statement of a headline figure already given, or the same numbers again, adds nothing.
    const adds = candidate.mentions.some(
      (m, i) => !(HEADLINE.has(m.kind) && coveredKinds.has(m.kind)) && !coveredValues.has(pairs[i]!),
    );
    if (!adds) return false;
    chosen.push(candidate);
    seenText.add(key);
    for (const m of candidate.mentions) coveredKinds.add(m.kind);
    for (const pair of pairs) coveredValues.add(pair);
    return true;
  };

  for (const { kind } of FIGURE_KINDS) {
    if (!HEADLINE.has(kind) || coveredKinds.has(kind)) continue;
    // Newest document first: the current ceiling, not the one from five years ago.
    const statements = candidates
      .filter((c) => c.mentions.some((m) => m.kind === kind))
      .sort((a, b) => b.figure.doc.date.localeCompare(a.figure.doc.date) || b.score - a.score);
    const best = statements[0];
    if (!best || !take(best, true)) continue;
    // An older document's different value says the figure changed: it follows the newest, with its date.
    const value = topicValue(best, kind);
    const older = statements.find(
      (c) =>
        c.figure.doc.date < best.figure.doc.date &&
        topicValue(c, kind) !== value &&
        (CUMULATIVE.has(kind) ? RUNNING_TOTAL.test(c.figure.text) : comparable(topicValue(c, kind), value)),
    );
    if (older)
      best.figure.earlier = {
        value: older.mentions.find((m) => m.kind === kind)!.value,
        doc: older.figure.doc,
      };
  }
  let fromNew = 0;
  for (const candidate of candidates.filter((c) => c.fromNew).sort((a, b) => b.score - a.score)) {
    if (fromNew >= NEW_DOCUMENT_FIGURES) break;
    if (take(candidate)) fromNew++;
  }
  for (const candidate of [...candidates].sort((a, b) => b.score - a.score)) take(candidate);

  return chosen.sort((a, b) => a.rank - b.rank || b.score - a.score).map((c) => c.figure);
}

/**
 * Whether an older count can be the same figure's earlier value: ceilings and strengths move by a few
 * thousand, so a count less than half or more than twice the newest is about something else (a joint force's
 * "5,000 troops" is no MINUSMA ceiling). Names are always comparable.
 */
function comparable(older: string, newest: string): boolean {
  const a = Number(older);
  const b = Number(newest);
  if (!Number.isFinite(a) || !Number.isFinite(b) || b === 0) return true;
  return a / b >= 0.5 && a / b <= 2;
}

/** The candidate's value for a topic, comparable across spellings ("13,289" = "13289"). */
function topicValue(candidate: Candidate, kind: FigureKind): string {
  const mention = candidate.mentions.find((m) => m.kind === kind);
  return (mention?.value ?? "").replace(/,/gu, "").toLowerCase();
}

function collectCandidates(
  sentences: ReadonlyMap<string, DocSentence[]>,
  documents: DocumentMeta[],
  newDocs: ReadonlySet<string>,
): Candidate[] {
  const newestFirst = [...documents].sort((a, b) => b.date.localeCompare(a.date));
  const recency = new Map(newestFirst.map((doc, i) => [doc.id, i]));
  const candidates: Candidate[] = [];
  for (const doc of documents) {
    for (const sentence of sentences.get(doc.id) ?? []) {
      const mentions = [...findFigures(sentence.text), ...findRoleHolders(sentence.text)];
      if (mentions.length === 0) continue;
      const weights = mentions.map((m) => kindInfo(m.kind).weight);
      const fromNew = newDocs.has(doc.id);
      // A sentence that gives several kinds of figure at once (ceiling and police, deployed and killed) is
      // worth more than one; the same kind repeated is not.
      let score = Math.max(...weights) + 0.5 * (new Set(mentions.map((m) => m.kind)).size - 1);
      // "For instance, ..." or "They ..." leans on the sentence before it and reads badly alone.
      if (DEPENDENT_OPENING.test(sentence.text)) score -= 1.5;
      if (fromNew) score += 3;
      // Newer documents break ties: a digest is about the current picture.
      score -= 0.1 * (recency.get(doc.id) ?? 0);
      if (sentence.text.length > FIGURE_CHARS * 1.5) score -= 1;
      candidates.push({
        figure: {
          // A report's paragraph number ("9. As at 15 March ...") is layout, not part of the figure.
          text: figureText(sentence.text, mentions).replace(/^\d{1,3}\.\s+/u, ""),
          doc,
          kinds: [...new Set(mentions.map((m) => m.kind))],
          values: mentions.map((m) => m.value),
        },
        mentions,
        score,
        fromNew,
        rank: Math.min(...mentions.map((m) => FIGURE_KINDS.findIndex((k) => k.kind === m.kind))),
      });
    }
  }
  return candidates;
}

function kindInfo(kind: FigureKind): { kind: FigureKind; label: string; weight: number } {
  return FIGURE_KINDS.find((k) => k.kind === kind)!;
}

/** The label a person would use for a figure kind ("troop ceiling"). */
export function figureLabel(kind: FigureKind): string {
  return kindInfo(kind).label;
}

/**
 * The sentence, or when it is long, the run of its clauses that holds its figures, with ellipses where it
 * was cut: the document's own words, never rephrased.
 */
export function figureText(sentence: string, mentions: FigureMention[]): string {
  if (sentence.length <= FIGURE_CHARS || mentions.length === 0) return truncate(sentence, FIGURE_CHARS);
  const clauses: Array<{ start: number; end: number }> = [];
  const boundary = /[,;:—–]\s+/gu;
  let start = 0;
  for (const match of sentence.matchAll(boundary)) {
    clauses.push({ start, end: match.index + 1 });
    start = match.index + match[0].length;
  }
  clauses.push({ start, end: sentence.length });
  const first = clauses.findIndex((c) => c.end > mentions[0]!.start);
  const last = clauses.findIndex((c) => c.end >= mentions.at(-1)!.end);
  let from = Math.max(0, first);
  let to = last < 0 ? clauses.length - 1 : last;
  // Widen by whole clauses while there is room, so the figure keeps the words that say what it counts.
  while (true) {
    const grewLeft = from > 0 && span(clauses, from - 1, to) <= FIGURE_CHARS;
    if (grewLeft) from--;
    const grewRight = to < clauses.length - 1 && span(clauses, from, to + 1) <= FIGURE_CHARS;
    if (grewRight) to++;
    if (!grewLeft && !grewRight) break;
  }
  let text = sentence.slice(clauses[from]!.start, clauses[to]!.end).replace(/[,;:—–]$/u, "");
  if (from > 0) text = `…${text}`;
  if (to < clauses.length - 1) text = `${text}…`;
  return truncate(text, FIGURE_CHARS);
}

function span(clauses: Array<{ start: number; end: number }>, from: number, to: number): number {
  return clauses[to]!.end - clauses[from]!.start;
}
