import MiniSearch, { type Options } from "minisearch";
import type { DocumentMeta, Passage } from "../knowledge/schema.ts";
import { PassageAnalyzer } from "./analysis.ts";
import { DefinedAcronyms } from "./defined-acronyms.ts";
import { type MiniData, miniData, miniFrom } from "./mini-data.ts";
import { CommonTermPostings, PassageTermSets } from "./term-sets.ts";
import { indexTerm, tokenize } from "./terms.ts";
import { Vocabulary } from "./vocabulary.ts";

interface IndexedPassage {
  id: string;
  text: string;
  section: string;
  title: string;
}

/** Field weights, tuned on the golden set: the passage's own words count most. */
export const FIELD_BOOSTS = { text: 1, section: 0.6, title: 0.35 } as const;

/**
 * The one set of MiniSearch options, used both to build and to load an index (MiniSearch refuses an index
 * loaded with options other than those it was built with). Bump INDEX_VERSION when anything here, the
 * tokenizer or the stemmer changes, so persisted indexes are rebuilt.
 */
export const INDEX_OPTIONS: Options<IndexedPassage> = {
  idField: "id",
  fields: ["text", "section", "title"],
  tokenize,
  processTerm: (term) => indexTerm(term),
  searchOptions: { boost: FIELD_BOOSTS },
  // A live update discards a changed document's passages. MiniSearch's automatic vacuum would then walk the
  // index in batches between questions, and a search pruning a discarded passage's term under its paused walk
  // makes it throw outside any handler (an answer worker lost). Discarded passages are skipped at search
  // (MiniSearch and topMatches both) and leave with the next full build or restart.
  autoVacuum: false,
};
export const INDEX_VERSION = 11;

/**
 * The most passages one question may have scored. MiniSearch scores every passage that holds a query term, so
 * a question made of common words ("region", "reported") costs in proportion to how many passages hold them:
 * the rarest terms are searched until their passages add up to this budget, and a term commoner than the whole
 * budget is tried only through its bounded list of passages (CommonTermPostings). On a small knowledge base
 * every term fits, so nothing changes there. Part of the persisted index (the lists depend on it).
 */
export const POSTINGS_BUDGET = 3_000;

/** A built index with the passages it answers from. */
export interface PassageIndex {
  mini: MiniSearch<IndexedPassage>;
  passages: Map<string, Passage>;
  documents: DocumentMeta[];
  vocabulary: Vocabulary;
  /** each passage's terms, to check candidates against a whole question without reading them again */
  termSets: PassageTermSets;
  /** passages in the order of the term sets' ordinals */
  ordered: Passage[];
  /** bounded passage lists for the terms commoner than the postings budget */
  common: CommonTermPostings;
  analyzer: PassageAnalyzer;
}

/** The record MiniSearch indexes for a passage. */
function record(passage: Passage): IndexedPassage {
  return {
    id: passage.id,
    text: passage.text,
    section: passage.section ?? "",
    title: passage.doc.symbol ? `${passage.doc.title} ${passage.doc.symbol}` : passage.doc.title,
  };
}

/**
 * A passage's distinct index terms, counted into `frequencies`, and its words into `surface` (only words are
 * candidates for spelling correction; numbers must match as typed).
 */
function passageTerms(
  indexed: IndexedPassage,
  frequencies: Map<string, number>,
  surface: Map<string, string>,
): Set<string> {
  const seen = new Set<string>();
  for (const token of tokenize(`${indexed.text} ${indexed.section} ${indexed.title}`)) {
    const term = indexTerm(token);
    if (term === null) continue;
    if (!seen.has(term)) {
      seen.add(term);
      frequencies.set(term, (frequencies.get(term) ?? 0) + 1);
    }
    if (!surface.has(token) && token.length >= 3 && !/\d/u.test(token)) surface.set(token, term);
  }
  return seen;
}

/** How many passages are indexed between two progress reports: often enough for a bar, rare enough to cost nothing. */
const PROGRESS_EVERY = 500;

/** Builds a MiniSearch index and vocabulary over passages; `progress` hears how many are indexed so far. */
export function buildPassageIndex(
  documents: DocumentMeta[],
  passages: Passage[],
  progress?: (done: number, total: number) => void,
): PassageIndex {
  const mini = new MiniSearch<IndexedPassage>(INDEX_OPTIONS);
  const surface = new Map<string, string>();
  const frequencies = new Map<string, number>();
  const terms: Array<Set<string>> = [];
  const indexed = passages.map((passage) => {
    const each = record(passage);
    terms.push(passageTerms(each, frequencies, surface));
    return each;
  });
  for (let start = 0; start < indexed.length; start += PROGRESS_EVERY) {
    mini.addAll(indexed.slice(start, start + PROGRESS_EVERY));
    progress?.(Math.min(start + PROGRESS_EVERY, indexed.length), indexed.length);
  }
  const vocabulary = new Vocabulary(
    frequencies,
    [...surface.entries()],
    passages.length,
    undefined,
    DefinedAcronyms.read(passages),
  );
  const termSets = PassageTermSets.build(
    passages.map((passage) => passage.id),
    terms.map((set) => [...set].map((term) => vocabulary.idOf(term)!)),
  );
  return {
    mini,
    passages: new Map(passages.map((passage) => [passage.id, passage])),
    documents,
    vocabulary,
    termSets,
    ordered: passages,
    common: CommonTermPostings.build(termSets, termCounts(vocabulary), POSTINGS_BUDGET),
    analyzer: new PassageAnalyzer(),
  };
}

/**
 * The index with some documents taken out (`removed`, by id: removed or replaced) and others put in, without
 * indexing the rest again: MiniSearch's own `discard` and `addAll` on its index, and the vocabulary, term sets
 * and common-term lists derived again from what they held.
 *
 * Nothing is computed until a field other than `documents` is read: the main thread of a bot with answer
 * workers never searches, and so never pays for an update it only passes on (the workers, which search at
 * once, do). The MiniSearch instance is updated in place when the search fields are first read, and is shared
 * with the index given, which must not be searched afterwards (the new index replaces it in one step).
 */
export function updatePassageIndex(
  index: PassageIndex,
  removed: ReadonlySet<string>,
  documents: DocumentMeta[],
  passages: Passage[],
): PassageIndex {
  const documentsAfter = [...index.documents.filter((doc) => !removed.has(doc.id)), ...documents];
  let kept: number[] | undefined;
  let ordered: Passage[] | undefined;
  const order = () => {
    if (!ordered) {
      kept = [];
      index.ordered.forEach((passage, ordinal) => {
        if (!removed.has(passage.doc.id)) kept!.push(ordinal);
      });
      ordered = [...kept.map((ordinal) => index.ordered[ordinal]!), ...passages];
    }
    return { kept: kept!, ordered };
  };
  let byId: Map<string, Passage> | undefined;
  let search: Pick<PassageIndex, "mini" | "vocabulary" | "termSets" | "common" | "analyzer"> | undefined;
  const searchFields = () => {
    search ??= updateSearch(index, removed, passages, order());
    return search;
  };
  return {
    documents: documentsAfter,
    get ordered() {
      return order().ordered;
    },
    get passages() {
      byId ??= new Map(order().ordered.map((passage) => [passage.id, passage]));
      return byId;
    },
    get mini() {
      return searchFields().mini;
    },
    get vocabulary() {
      return searchFields().vocabulary;
    },
    get termSets() {
      return searchFields().termSets;
    },
    get common() {
      return searchFields().common;
    },
    get analyzer() {
      return searchFields().analyzer;
    },
  };
}

function updateSearch(
  index: PassageIndex,
  removed: ReadonlySet<string>,
  passages: Passage[],
  { kept, ordered }: { kept: number[]; ordered: Passage[] },
): Pick<PassageIndex, "mini" | "vocabulary" | "termSets" | "common" | "analyzer"> {
  const { mini, vocabulary: old, termSets: oldSets } = index;
  const frequencies = new Map<string, number>();
  for (let id = 0; id < old.size; id++) {
    const term = old.termAt(id)!;
    frequencies.set(term, old.passagesWith(term));
  }
  index.ordered.forEach((passage, ordinal) => {
    if (!removed.has(passage.doc.id)) return;
    mini.discard(passage.id);
    for (const id of oldSets.idsAt(ordinal)) {
      const term = old.termAt(id)!;
      frequencies.set(term, frequencies.get(term)! - 1);
    }
  });
  const surface = new Map<string, string>();
  const added = passages.map((passage) => {
    const each = record(passage);
    const terms = passageTerms(each, frequencies, surface);
    mini.add(each);
    return terms;
  });
  for (const [term, count] of frequencies) if (count <= 0) frequencies.delete(term);
  // Surface words of terms no passage has any more go; the new passages' words join the others.
  const words = old.words.filter(([, term]) => frequencies.has(term));
  const known = new Set(words.map(([word]) => word));
  for (const entry of surface) if (!known.has(entry[0])) words.push(entry);
  const vocabulary = new Vocabulary(
    frequencies,
    words,
    ordered.length,
    undefined,
    old.acronyms.update(removed, passages),
  );
  // Term ids are positions in the sorted term list: old ids map to new ones in the same order.
  const remap = new Uint32Array(old.size);
  for (let id = 0; id < old.size; id++) remap[id] = vocabulary.idOf(old.termAt(id)!) ?? 0;
  const termSets = oldSets.update(
    kept,
    remap,
    ordered.map((passage) => passage.id),
    added.map((terms) => [...terms].map((term) => vocabulary.idOf(term)!)),
  );
  const newOrdinal = new Int32Array(index.ordered.length).fill(-1);
  kept.forEach((ordinal, i) => {
    newOrdinal[ordinal] = i;
  });
  return {
    mini,
    vocabulary,
    termSets,
    common: index.common.update(
      termSets,
      remap,
      newOrdinal,
      kept.length,
      termCounts(vocabulary),
      POSTINGS_BUDGET,
    ),
    analyzer: new PassageAnalyzer(),
  };
}

/** How many passages have each term, by term id. */
function termCounts(vocabulary: Vocabulary): Uint32Array {
  const counts = new Uint32Array(vocabulary.size);
  for (let id = 0; id < counts.length; id++) counts[id] = vocabulary.passagesWith(vocabulary.termAt(id)!);
  return counts;
}

/**
 * What a persisted index file holds: MiniSearch's state plus what it cannot rebuild, as maps, arrays and typed
 * arrays for V8's serializer (mini-data.ts says why not JSON).
 */
export interface SerializedPassageIndex {
  version: number;
  documents: DocumentMeta[];
  passages: Array<Omit<Passage, "doc"> & { doc: string }>;
  vocabulary: ReturnType<Vocabulary["toJSON"]>;
  /** the acronyms each document defines (defined-acronyms.ts) */
  acronyms: ReturnType<DefinedAcronyms["toData"]>;
  termSets: ReturnType<PassageTermSets["toData"]>;
  common: ReturnType<CommonTermPostings["toData"]>;
  mini: MiniData;
}

/**
 * The index as structured-cloneable data. It shares the index's own maps and arrays: it is meant to be
 * serialized (v8.serialize, postMessage) at once, never kept beside an index that changes.
 */
export function serializePassageIndex(index: PassageIndex): SerializedPassageIndex {
  const data: SerializedPassageIndex = {
    version: INDEX_VERSION,
    documents: index.documents,
    passages: [...index.passages.values()].map((passage) => ({ ...passage, doc: passage.doc.id })),
    vocabulary: index.vocabulary.toJSON(),
    acronyms: index.vocabulary.acronyms.toData(),
    termSets: index.termSets.toData(),
    common: index.common.toData(),
    mini: miniData(index.mini),
  };
  return data;
}

/** Restores an index written by `serializePassageIndex`; throws if it was written by another version. */
export function deserializePassageIndex(data: SerializedPassageIndex): PassageIndex {
  if (data.version !== INDEX_VERSION) throw new Error(`search: persisted index is version ${data.version}`);
  const byId = new Map(data.documents.map((doc) => [doc.id, doc]));
  const passages = data.passages.map((passage) => {
    const doc = byId.get(passage.doc);
    if (!doc) throw new Error(`search: persisted index names unknown document ${passage.doc}`);
    return { ...passage, doc };
  });
  return {
    mini: miniFrom(data.mini, INDEX_OPTIONS),
    passages: new Map(passages.map((passage) => [passage.id, passage])),
    documents: data.documents,
    vocabulary: new Vocabulary(
      data.vocabulary.terms,
      data.vocabulary.words,
      data.vocabulary.passageCount,
      data.vocabulary.variants,
      DefinedAcronyms.fromData(data.acronyms),
    ),
    termSets: PassageTermSets.fromData(
      data.termSets,
      passages.map((passage) => passage.id),
    ),
    ordered: passages,
    common: CommonTermPostings.fromData(data.common),
    analyzer: new PassageAnalyzer(),
  };
}
