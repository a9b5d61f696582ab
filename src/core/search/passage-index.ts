import MiniSearch, { type Options } from "minisearch";
import type { DocumentMeta, Passage } from "../knowledge/schema.ts";
import { PassageAnalyzer } from "./analysis.ts";
import { PassageTermSets } from "./term-sets.ts";
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
};
export const INDEX_VERSION = 7;

/** A built index with the passages it answers from. */
export interface PassageIndex {
  mini: MiniSearch<IndexedPassage>;
  passages: Map<string, Passage>;
  documents: DocumentMeta[];
  vocabulary: Vocabulary;
  /** each passage's terms, to check candidates against a whole question without reading them again */
  termSets: PassageTermSets;
  analyzer: PassageAnalyzer;
}

/** Builds a MiniSearch index and vocabulary over passages. */
export function buildPassageIndex(documents: DocumentMeta[], passages: Passage[]): PassageIndex {
  const mini = new MiniSearch<IndexedPassage>(INDEX_OPTIONS);
  const surface = new Map<string, string>();
  const frequencies = new Map<string, number>();
  const passageTerms: Array<Set<string>> = [];
  const indexed = passages.map((passage) => {
    const record = {
      id: passage.id,
      text: passage.text,
      section: passage.section ?? "",
      title: passage.doc.symbol ? `${passage.doc.title} ${passage.doc.symbol}` : passage.doc.title,
    };
    const seen = new Set<string>();
    for (const token of tokenize(`${record.text} ${record.section} ${record.title}`)) {
      const term = indexTerm(token);
      if (term === null) continue;
      if (!seen.has(term)) {
        seen.add(term);
        frequencies.set(term, (frequencies.get(term) ?? 0) + 1);
      }
      // Only words are candidates for spelling correction; numbers must match as typed.
      if (!surface.has(token) && token.length >= 3 && !/\d/u.test(token)) surface.set(token, term);
    }
    passageTerms.push(seen);
    return record;
  });
  mini.addAll(indexed);
  const vocabulary = new Vocabulary(frequencies, [...surface.entries()], passages.length);
  return {
    mini,
    passages: new Map(passages.map((passage) => [passage.id, passage])),
    documents,
    vocabulary,
    termSets: PassageTermSets.build(
      passages.map((passage) => passage.id),
      passageTerms.map((terms) => [...terms].map((term) => vocabulary.idOf(term)!)),
    ),
    analyzer: new PassageAnalyzer(),
  };
}

/** What a persisted index file holds: MiniSearch's own serialization plus what it cannot rebuild. */
export interface SerializedPassageIndex {
  version: number;
  documents: DocumentMeta[];
  passages: Array<Omit<Passage, "doc"> & { doc: string }>;
  vocabulary: ReturnType<Vocabulary["toJSON"]>;
  termSets: ReturnType<PassageTermSets["toJSON"]>;
  mini: unknown;
}

/** The index as a plain object, ready for JSON.stringify (one pass, no JSON nested in a string). */
export function serializePassageIndex(index: PassageIndex): SerializedPassageIndex {
  const data: SerializedPassageIndex = {
    version: INDEX_VERSION,
    documents: index.documents,
    passages: [...index.passages.values()].map((passage) => ({ ...passage, doc: passage.doc.id })),
    vocabulary: index.vocabulary.toJSON(),
    termSets: index.termSets.toJSON(),
    mini: index.mini.toJSON(),
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
    mini: MiniSearch.loadJS(data.mini as Parameters<typeof MiniSearch.loadJS>[0], INDEX_OPTIONS),
    passages: new Map(passages.map((passage) => [passage.id, passage])),
    documents: data.documents,
    vocabulary: new Vocabulary(
      data.vocabulary.terms,
      data.vocabulary.words,
      data.vocabulary.passageCount,
      data.vocabulary.variants,
    ),
    termSets: PassageTermSets.fromJSON(
      data.termSets,
      passages.map((passage) => passage.id),
    ),
    analyzer: new PassageAnalyzer(),
  };
}
