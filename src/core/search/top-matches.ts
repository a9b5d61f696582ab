import type MiniSearch from "minisearch";

// MiniSearch's `search` builds a result object (its matched terms, a match record per field, a copy of the stored
// fields) and a map entry per term for every passage a query term is found in, then sorts them all; the search
// keeps the best few hundred of up to POSTINGS_BUDGET passages, and that bookkeeping was a third of an answer's
// CPU. `topMatches` computes the same scores, in MiniSearch's own order of operations so that every score is the
// same number to the last bit, into arrays indexed by MiniSearch's short ids, and sorts only the best. Like
// mini-data.ts it reads MiniSearch's private fields (the two modules are the only ones that do); it falls back to
// `search` itself for any option it does not reproduce.

/** A passage MiniSearch would return, by its number there (see `ordinalsByShortId`), with the score it would give it. */
export interface Match {
  shortId: number;
  score: number;
}

/** The private fields of MiniSearch 7 that scoring reads. */
interface ScoringInternals {
  _index: { get(term: string): Map<number, Map<number, number>> | undefined };
  _documentIds: Map<number, unknown>;
  _idToShortId: Map<unknown, number>;
  _fieldIds: Record<string, number>;
  _fieldLength: Map<number, number[]>;
  _avgFieldLength: number[];
  _documentCount: number;
  _nextId: number;
  _options: {
    fields: string[];
    searchOptions: {
      fields?: string[];
      boost?: Record<string, number>;
      boostDocument?: unknown;
      filter?: unknown;
      bm25: { k: number; b: number; d: number };
    };
  };
  removeTerm(fieldId: number, shortId: number, term: string): void;
}

/** Scratch arrays, indexed by short id, kept between questions: a question allocates none of them. */
class Scratch {
  partial = new Float64Array(0);
  total = new Float64Array(0);
  quality = new Uint32Array(0);
  termStamp = new Uint32Array(0);
  queryStamp = new Uint32Array(0);
  /** short ids in the order a question first met them, and those the current term met */
  order = new Int32Array(0);
  touched = new Int32Array(0);
  /** the scores in `order`'s order, and a copy to select the best from */
  scores = new Float64Array(0);
  selection = new Float64Array(0);
  epoch = 0;

  fit(size: number): void {
    if (this.partial.length >= size) return;
    // Room for the passages a few live updates add, not double: at 100k passages these arrays are ~5 MB.
    const length = size + 1_024;
    this.partial = new Float64Array(length);
    this.total = new Float64Array(length);
    this.quality = new Uint32Array(length);
    this.termStamp = new Uint32Array(length);
    this.queryStamp = new Uint32Array(length);
    this.order = new Int32Array(length);
    this.touched = new Int32Array(length);
    this.scores = new Float64Array(length);
    this.selection = new Float64Array(length);
    this.epoch = 0;
  }

  /** A fresh stamp: an entry whose stamp differs was not touched since. */
  next(): number {
    if (this.epoch >= 0xffff_fff0) {
      this.termStamp.fill(0);
      this.queryStamp.fill(0);
      this.epoch = 0;
    }
    this.epoch += 1;
    return this.epoch;
  }
}

const scratch = new Scratch();

/**
 * What scoring reads for every posting, by short id in arrays rather than maps: each field's length and
 * whether the passage is still in the index. Made again whenever the index changed: every change MiniSearch
 * makes (`add`, `discard`, `remove`, `removeAll`) moves its next id or its document count, or replaces the maps.
 */
interface Layout {
  fieldLength: Map<number, number[]>;
  documentIds: Map<number, unknown>;
  nextId: number;
  documentCount: number;
  /** by field id: the field's length for each short id, NaN where MiniSearch has none */
  lengths: Float64Array[];
  live: Uint8Array;
}

const layouts = new WeakMap<object, Layout>();

function layoutOf(inner: ScoringInternals): Layout {
  const known = layouts.get(inner);
  if (
    known &&
    known.fieldLength === inner._fieldLength &&
    known.documentIds === inner._documentIds &&
    known.nextId === inner._nextId &&
    known.documentCount === inner._documentCount
  )
    return known;
  const size = inner._nextId;
  const fieldCount = Object.keys(inner._fieldIds).length;
  const lengths = Array.from({ length: fieldCount }, () => new Float64Array(size).fill(Number.NaN));
  for (const [shortId, fieldLengths] of inner._fieldLength) {
    for (let f = 0; f < fieldCount; f++) {
      const length = fieldLengths[f];
      if (length !== undefined) lengths[f]![shortId] = length;
    }
  }
  const live = new Uint8Array(size);
  for (const shortId of inner._documentIds.keys()) live[shortId] = 1;
  const layout: Layout = {
    fieldLength: inner._fieldLength,
    documentIds: inner._documentIds,
    nextId: inner._nextId,
    documentCount: inner._documentCount,
    lengths,
    live,
  };
  layouts.set(inner, layout);
  return layout;
}

const ordinalTables = new WeakMap<object, { layout: Layout; ordered: object; table: Int32Array }>();

/**
 * For each MiniSearch short id, the position of its passage in `ordered` (-1 for none), so that a match finds
 * its passage without a lookup by id. Kept until the index or the list changes.
 */
export function ordinalsByShortId(
  mini: MiniSearch<never> | MiniSearch<unknown>,
  ordered: ReadonlyArray<{ id: string }>,
): Int32Array {
  const inner = mini as unknown as ScoringInternals;
  const layout = layoutOf(inner);
  const known = ordinalTables.get(inner);
  if (known && known.layout === layout && known.ordered === ordered) return known.table;
  const table = new Int32Array(layout.nextId).fill(-1);
  ordered.forEach((passage, ordinal) => {
    const shortId = inner._idToShortId.get(passage.id);
    if (shortId !== undefined) table[shortId] = ordinal;
  });
  ordinalTables.set(inner, { layout, ordered, table });
  return table;
}

/**
 * The first `limit` results, in order, of `mini.search(terms.join(" "))` with each term exact (no prefix, no
 * fuzzy), combined with OR, each boosted by `boosts.get(term) ?? 1`: the same passages and the same scores.
 */
export function topMatches(
  mini: MiniSearch<never> | MiniSearch<unknown>,
  terms: string[],
  boosts: ReadonlyMap<string, number>,
  limit: number,
): Match[] {
  const inner = mini as unknown as ScoringInternals;
  const options = inner._options.searchOptions;
  if (options.boostDocument != null || options.filter != null || typeof inner.removeTerm !== "function")
    return viaSearch(mini, terms, boosts, limit);
  const { k, b, d } = options.bm25;
  const { lengths, live } = layoutOf(inner);
  const fieldNames = options.fields ?? inner._options.fields;
  const fields = fieldNames.map((field) => ({
    id: inner._fieldIds[field]!,
    lengths: lengths[inner._fieldIds[field]!]!,
    boost: (Object.hasOwn(options.boost ?? {}, field) ? options.boost![field] : undefined) || 1,
  }));
  scratch.fit(inner._nextId);
  const { partial, total, quality, termStamp, queryStamp, order, touched } = scratch;
  const query = scratch.next();
  // Passages in the order they were first met: MiniSearch's order, which its stable sort keeps for equal scores.
  let met = 0;
  let touchedCount = 0;
  const documentCount = inner._documentCount;
  for (const term of terms) {
    if (!term) continue;
    const data = inner._index.get(term);
    if (data == null) continue;
    const termBoost = boosts.get(term) ?? 1;
    const stamp = scratch.next();
    touchedCount = 0;
    for (const field of fields) {
      const frequencies = data.get(field.id);
      if (frequencies == null) continue;
      let matching = frequencies.size;
      const averageLength = inner._avgFieldLength[field.id]!;
      let invDocFreq = Math.log(1 + (documentCount - matching + 0.5) / (matching + 0.5));
      for (const [shortId, termFreq] of frequencies) {
        if (live[shortId] !== 1) {
          // A discarded passage not yet vacuumed: MiniSearch drops its posting here and counts one match less.
          inner.removeTerm(field.id, shortId, term);
          matching -= 1;
          invDocFreq = Math.log(1 + (documentCount - matching + 0.5) / (matching + 0.5));
          continue;
        }
        const fieldLength = field.lengths[shortId]!;
        // calcBM25Score and the weighting of MiniSearch 7's termResults, operation for operation.
        const raw =
          invDocFreq *
          (d + (termFreq * (k + 1)) / (termFreq + k * (1 - b + (b * fieldLength) / averageLength)));
        const weighted = termBoost * field.boost * raw;
        if (termStamp[shortId] !== stamp) {
          termStamp[shortId] = stamp;
          partial[shortId] = weighted;
          touched[touchedCount++] = shortId;
        } else {
          partial[shortId]! += weighted;
        }
      }
    }
    for (let t = 0; t < touchedCount; t++) {
      const shortId = touched[t]!;
      if (queryStamp[shortId] !== query) {
        queryStamp[shortId] = query;
        total[shortId] = partial[shortId]!;
        quality[shortId] = 1;
        order[met++] = shortId;
      } else {
        total[shortId]! += partial[shortId]!;
        quality[shortId]! += 1;
      }
    }
  }
  const scores = scratch.scores.subarray(0, met);
  for (let i = 0; i < met; i++) {
    const shortId = order[i]!;
    scores[i] = total[shortId]! * quality[shortId]!;
    if (Number.isNaN(scores[i])) return viaSearch(mini, terms, boosts, limit);
  }
  return best(scores, limit, scratch.selection).map((i) => ({ shortId: order[i]!, score: scores[i]! }));
}

/**
 * The positions of the `limit` highest scores, highest first, equal scores in position order (as a stable sort
 * by descending score would leave them), without sorting all of them.
 */
export function best(scores: Float64Array, limit: number, room?: Float64Array): number[] {
  const n = scores.length;
  if (n === 0 || limit <= 0) return [];
  let threshold = Number.NEGATIVE_INFINITY;
  if (n > limit) {
    // Selected in a copy (in `room`, when it is big enough: no array made per question).
    const copy = room && room.length >= n ? room.subarray(0, n) : new Float64Array(n);
    copy.set(scores);
    threshold = kthLowest(copy, n - limit);
  }
  // Every score above the threshold is in; of those equal to it, the first ones until `limit` are.
  let above = 0;
  for (let i = 0; i < n; i++) if (scores[i]! > threshold) above += 1;
  let left = limit - above;
  const kept: number[] = [];
  for (let i = 0; i < n; i++) {
    const score = scores[i]!;
    if (score > threshold || (score === threshold && left-- > 0)) kept.push(i);
  }
  return kept.sort((x, y) => scores[y]! - scores[x]! || x - y);
}

/** The value that would be at position `k` were `values` (no NaN) sorted ascending; reorders `values`. */
function kthLowest(values: Float64Array, k: number): number {
  let lo = 0;
  let hi = values.length - 1;
  while (lo < hi) {
    const pivot = values[(lo + hi) >>> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
      if (i <= j) {
        const swap = values[i]!;
        values[i] = values[j]!;
        values[j] = swap;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return values[k]!;
}

/**
 * The best `limit` matches as MiniSearch's own search gives them: the fallback when the index's internals are not
 * what topMatches reads, and the reference the tests hold topMatches to.
 */
export function viaSearch(
  mini: MiniSearch<never> | MiniSearch<unknown>,
  terms: string[],
  boosts: ReadonlyMap<string, number>,
  limit: number,
): Match[] {
  return mini
    .search(terms.join(" "), {
      tokenize: (text) => text.split(" "),
      processTerm: (term) => term,
      prefix: false,
      fuzzy: false,
      combineWith: "OR",
      boostTerm: (term) => boosts.get(term) ?? 1,
    })
    .slice(0, limit)
    .map((result) => ({
      shortId: (mini as unknown as ScoringInternals)._idToShortId.get(result.id)!,
      score: result.score,
    }));
}
