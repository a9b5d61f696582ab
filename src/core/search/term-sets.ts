import { passageId } from "../knowledge/passages.ts";

/**
 * Every passage's distinct index terms, as sorted ids into the vocabulary's sorted term list, in one flat
 * array. The search checks a whole question against hundreds of candidate passages with it, by binary search,
 * without reading their text again; it costs 4 bytes a distinct term a passage (about 25 MB at 100k passages).
 */
export class PassageTermSets {
  /** each document's passage ordinals, found once (see `documentOrdinals`) */
  private readonly byDocument = new Map<string, Uint32Array>();

  private constructor(
    private readonly flat: Uint32Array,
    /** passage ordinal -> start in `flat`; one more entry than passages, for the end of the last */
    private readonly offsets: Uint32Array,
    private readonly ordinals: Map<string, number>,
  ) {}

  /** Builds the sets from each passage's term ids (in any order, duplicates allowed). */
  static build(passageIds: string[], termIds: Array<Iterable<number>>): PassageTermSets {
    const sorted = termIds.map((ids) => Uint32Array.from(new Set(ids)).sort());
    const offsets = new Uint32Array(sorted.length + 1);
    sorted.forEach((ids, i) => {
      offsets[i + 1] = offsets[i]! + ids.length;
    });
    const flat = new Uint32Array(offsets[sorted.length]!);
    sorted.forEach((ids, i) => {
      flat.set(ids, offsets[i]!);
    });
    return new PassageTermSets(flat, offsets, new Map(passageIds.map((id, i) => [id, i])));
  }

  /** How many passages there are. */
  get passageCount(): number {
    return this.offsets.length - 1;
  }

  /** A passage's ordinal (its position in the list the sets were built from). */
  ordinalOf(passageId: string): number | undefined {
    return this.ordinals.get(passageId);
  }

  /**
   * The ordinals of a document's passages, `<doc>#1`, `<doc>#2`, ... up to the first that is not indexed: found
   * by id the first time, then kept (a question reads every passage of the documents it ranks for their names).
   */
  documentOrdinals(docId: string): Uint32Array {
    let found = this.byDocument.get(docId);
    if (!found) {
      const ordinals: number[] = [];
      for (let n = 1; ; n++) {
        const ordinal = this.ordinals.get(passageId(docId, n));
        if (ordinal === undefined) break;
        ordinals.push(ordinal);
      }
      found = Uint32Array.from(ordinals);
      this.byDocument.set(docId, found);
    }
    return found;
  }

  /** How many distinct terms the passage with this ordinal has. */
  lengthAt(ordinal: number): number {
    return this.offsets[ordinal + 1]! - this.offsets[ordinal]!;
  }

  /** The term ids of the passage with this ordinal, sorted. */
  idsAt(ordinal: number): Uint32Array {
    return this.flat.subarray(this.offsets[ordinal]!, this.offsets[ordinal + 1]!);
  }

  /** Whether the passage with this ordinal has some term id in [from, to). */
  hasAt(ordinal: number, from: number, to = from + 1): boolean {
    if (from >= to) return false;
    let lo = this.offsets[ordinal]!;
    let hi = this.offsets[ordinal + 1]!;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.flat[mid]! < from) lo = mid + 1;
      else hi = mid;
    }
    return lo < this.offsets[ordinal + 1]! && this.flat[lo]! < to;
  }

  /** Whether the passage has some term id in [from, to): one id when to = from + 1, a prefix's range else. */
  has(passageId: string, from: number, to = from + 1): boolean {
    const ordinal = this.ordinals.get(passageId);
    return ordinal !== undefined && this.hasAt(ordinal, from, to);
  }

  /**
   * The sets of the passages kept (by ordinal, in order), their term ids renumbered by `remap` (old id -> new
   * id, in the same order, so each set stays sorted), followed by those of new passages.
   */
  update(
    kept: number[],
    remap: Uint32Array,
    passageIds: string[],
    addedTermIds: Array<Iterable<number>>,
  ): PassageTermSets {
    const added = addedTermIds.map((ids) => Uint32Array.from(new Set(ids)).sort());
    let total = 0;
    for (const ordinal of kept) total += this.lengthAt(ordinal);
    for (const ids of added) total += ids.length;
    const flat = new Uint32Array(total);
    const offsets = new Uint32Array(kept.length + added.length + 1);
    let at = 0;
    kept.forEach((ordinal, i) => {
      const from = this.offsets[ordinal]!;
      const to = this.offsets[ordinal + 1]!;
      for (let k = from; k < to; k++) flat[at++] = remap[this.flat[k]!]!;
      offsets[i + 1] = at;
    });
    added.forEach((ids, i) => {
      flat.set(ids, at);
      at += ids.length;
      offsets[kept.length + i + 1] = at;
    });
    return new PassageTermSets(flat, offsets, new Map(passageIds.map((id, i) => [id, i])));
  }

  /** The two arrays as they are: V8's serializer (the persisted index, postMessage) copies them whole. */
  toData(): { flat: Uint32Array; offsets: Uint32Array } {
    return { flat: this.flat, offsets: this.offsets };
  }

  static fromData(data: { flat: Uint32Array; offsets: Uint32Array }, passageIds: string[]): PassageTermSets {
    if (!(data.flat instanceof Uint32Array) || !(data.offsets instanceof Uint32Array))
      throw new Error("search: persisted term sets are not in the expected shape");
    if (data.offsets.length !== passageIds.length + 1)
      throw new Error("search: persisted term sets do not fit the passages");
    return new PassageTermSets(data.flat, data.offsets, new Map(passageIds.map((id, i) => [id, i])));
  }
}

/**
 * For each term found in more passages than the postings budget, a bounded list of the passages to try when a
 * question has no rarer term: the budget's worth of its passages with the fewest distinct terms (where one
 * occurrence weighs most, as in BM25's length normalisation). Without it, a question made only of common words
 * would make MiniSearch score every passage that has them (55,796 of 100k for the worst one measured).
 */
export class CommonTermPostings {
  private constructor(private readonly lists: Map<number, Uint32Array>) {}

  /** Builds the lists from the term sets: `counts[id]` is how many passages have term `id`. */
  static build(termSets: PassageTermSets, counts: ArrayLike<number>, budget: number): CommonTermPostings {
    const common = new Map<number, number[]>();
    for (let id = 0; id < counts.length; id++) if (counts[id]! > budget) common.set(id, []);
    if (common.size === 0) return new CommonTermPostings(new Map());
    const byLength = Array.from({ length: termSets.passageCount }, (_, i) => i).sort(
      (a, b) => termSets.lengthAt(a) - termSets.lengthAt(b) || a - b,
    );
    let open = common.size;
    for (const ordinal of byLength) {
      for (const id of termSets.idsAt(ordinal)) {
        const list = common.get(id);
        if (list && list.length < budget) {
          list.push(ordinal);
          if (list.length === budget) open -= 1;
        }
      }
      if (open === 0) break;
    }
    return new CommonTermPostings(new Map([...common].map(([id, list]) => [id, Uint32Array.from(list)])));
  }

  /**
   * The lists after an update, without sorting every passage again: the kept passages' ordinals renumbered
   * (`newOrdinal[old]`, -1 for a removed one), term ids renumbered by `remap`, the new passages (ordinals from
   * `firstAdded`) appended to the lists with room, and a list built from scratch only for a term that has
   * just become common.
   */
  update(
    termSets: PassageTermSets,
    remap: Uint32Array,
    newOrdinal: Int32Array,
    firstAdded: number,
    counts: ArrayLike<number>,
    budget: number,
  ): CommonTermPostings {
    const lists = new Map<number, number[]>();
    for (const [oldId, list] of this.lists) {
      const id = remap[oldId]!;
      if (!(counts[id]! > budget)) continue;
      const kept: number[] = [];
      for (const ordinal of list) {
        const moved = newOrdinal[ordinal]!;
        if (moved >= 0) kept.push(moved);
      }
      lists.set(id, kept);
    }
    const fresh: number[] = [];
    for (let id = 0; id < counts.length; id++) if (counts[id]! > budget && !lists.has(id)) fresh.push(id);
    for (let ordinal = firstAdded; ordinal < termSets.passageCount; ordinal++) {
      for (const id of termSets.idsAt(ordinal)) {
        const list = lists.get(id);
        if (list && list.length < budget) list.push(ordinal);
      }
    }
    const result = new Map<number, Uint32Array>([...lists].map(([id, list]) => [id, Uint32Array.from(list)]));
    if (fresh.length > 0) {
      const freshCounts = new Uint32Array(counts.length);
      for (const id of fresh) freshCounts[id] = counts[id]!;
      for (const [id, list] of CommonTermPostings.build(termSets, freshCounts, budget).lists)
        result.set(id, list);
    }
    return new CommonTermPostings(result);
  }

  /** The passage ordinals to try for a common term, shortest passages first; undefined for a rarer term. */
  get(termId: number): Uint32Array | undefined {
    return this.lists.get(termId);
  }

  toData(): Map<number, Uint32Array> {
    return this.lists;
  }

  static fromData(data: Map<number, Uint32Array>): CommonTermPostings {
    if (!(data instanceof Map))
      throw new Error("search: persisted common-term lists are not in the expected shape");
    return new CommonTermPostings(data);
  }
}
