import MiniSearch, { type Options } from "minisearch";

// MiniSearch's index in a form that loads fast, for persisting and sending between threads. MiniSearch's own
// `toJSON` turns every map into an object keyed by strings and `loadJS` turns them back one key at a time: at
// 10k passages that was most of a restart. Even as maps through V8's serializer, the postings (a map per term
// and field, an entry per passage: 5 million entries at 100k passages) took most of the load. Here the
// postings are packed into one typed array, which V8 copies whole, and each term's maps are made from it the
// first time a search (or an update) touches that term (`PackedLeaf`); the radix tree of terms itself stays
// maps, small beside them. The price is knowing MiniSearch's private fields; this and top-matches.ts (which
// scores a search from them) are the only modules that do, and `miniFrom` refuses (throws) when a MiniSearch
// of another shape is installed, so a persisted index is rebuilt rather than misread.

/** A MiniSearch index's state, structured-cloneable (maps, arrays, typed arrays). */
export interface MiniData {
  /** the radix tree of terms as MiniSearch keeps it, with each term's leaf replaced by its number */
  tree: Map<string, unknown>;
  /**
   * every term's postings, the term numbered `i` from `offsets[i]`: its number of fields, then for each field
   * its id, its number of passages n, n short ids and n frequencies
   */
  postings: Uint32Array;
  offsets: Uint32Array;
  /** short id -> passage id, as two arrays */
  shortIds: Uint32Array;
  ids: unknown[];
  /**
   * short id -> each field's length, as the short ids and their lengths one field after the other; NaN for a
   * field the passage does not have (a hole in MiniSearch's array, which its `discard` skips)
   */
  lengthIds: Uint32Array;
  lengths: Float64Array;
  fieldIds: Record<string, number>;
  averageFieldLength: number[];
  storedFields: Map<number, unknown>;
  documentCount: number;
  nextId: number;
  dirtCount: number;
}

/** MiniSearch's leaf marker: the key under which a radix tree node holds its term's data. */
const LEAF = "";

type FieldPostings = Map<number, number>;

/**
 * A term's data (field id -> (short id -> frequency)) that is made from the packed postings the first time it
 * is read or changed. Every Map method MiniSearch uses goes through `#unpack` first, so to MiniSearch it is
 * the map it would have built. (V8's serializer would not see the packed part: `miniData` packs leaves by
 * iterating them, never by serializing them as they are.)
 */
class PackedLeaf extends Map<number, FieldPostings> {
  #postings: Uint32Array | null;
  readonly #at: number;

  constructor(postings: Uint32Array, at: number) {
    super();
    this.#postings = postings;
    this.#at = at;
  }

  /** Makes the maps now (a worker does it for every term in its idle time, so memory settles early). */
  unpack(): void {
    this.#unpack();
  }

  #unpack(): void {
    const postings = this.#postings;
    if (!postings) return;
    this.#postings = null;
    let at = this.#at;
    const fields = postings[at++]!;
    for (let f = 0; f < fields; f++) {
      const fieldId = postings[at++]!;
      const n = postings[at++]!;
      const map: FieldPostings = new Map();
      for (let i = 0; i < n; i++) map.set(postings[at + i]!, postings[at + n + i]!);
      at += 2 * n;
      super.set(fieldId, map);
    }
  }

  override get size(): number {
    this.#unpack();
    return super.size;
  }
  override get(key: number): FieldPostings | undefined {
    this.#unpack();
    return super.get(key);
  }
  override has(key: number): boolean {
    this.#unpack();
    return super.has(key);
  }
  override set(key: number, value: FieldPostings): this {
    this.#unpack();
    return super.set(key, value);
  }
  override delete(key: number): boolean {
    this.#unpack();
    return super.delete(key);
  }
  override clear(): void {
    this.#postings = null;
    super.clear();
  }
  override forEach(
    callback: (value: FieldPostings, key: number, map: Map<number, FieldPostings>) => void,
    thisArg?: unknown,
  ): void {
    this.#unpack();
    super.forEach(callback, thisArg);
  }
  override entries(): MapIterator<[number, FieldPostings]> {
    this.#unpack();
    return super.entries();
  }
  override keys(): MapIterator<number> {
    this.#unpack();
    return super.keys();
  }
  override values(): MapIterator<FieldPostings> {
    this.#unpack();
    return super.values();
  }
  override [Symbol.iterator](): MapIterator<[number, FieldPostings]> {
    return this.entries();
  }
}

/** The private fields of MiniSearch 7 this module reads and writes. */
interface Internals {
  _index: { _tree: Map<string, unknown>; _prefix: string; _size: number | undefined };
  _documentCount: number;
  _documentIds: Map<number, unknown>;
  _idToShortId: Map<unknown, number>;
  _fieldIds: Record<string, number>;
  _fieldLength: Map<number, number[]>;
  _avgFieldLength: number[];
  _nextId: number;
  _storedFields: Map<number, unknown>;
  _dirtCount: number;
}

const FIELDS = [
  "_index",
  "_documentCount",
  "_documentIds",
  "_idToShortId",
  "_fieldIds",
  "_fieldLength",
  "_avgFieldLength",
  "_nextId",
  "_storedFields",
  "_dirtCount",
] as const;

/** The index's state, packed (the postings copied; the rest shares the index's maps: serialize it at once). */
export function miniData(mini: MiniSearch<never> | MiniSearch<unknown>): MiniData {
  const inner = internals(mini);
  if (inner._index._prefix !== "") throw new Error("search: cannot persist a view of a MiniSearch index");
  const packed: number[] = [];
  const offsets: number[] = [];
  const pack = (node: Map<string, unknown>): Map<string, unknown> => {
    const copy = new Map<string, unknown>();
    for (const [key, child] of node) {
      if (key !== LEAF) {
        copy.set(key, pack(child as Map<string, unknown>));
        continue;
      }
      copy.set(LEAF, offsets.length);
      offsets.push(packed.length);
      const data = child as Map<number, FieldPostings>;
      packed.push(data.size);
      for (const [fieldId, docs] of data) {
        packed.push(fieldId, docs.size);
        for (const shortId of docs.keys()) packed.push(shortId);
        for (const frequency of docs.values()) packed.push(frequency);
      }
    }
    return copy;
  };
  const tree = pack(inner._index._tree);
  const fieldCount = Object.keys(inner._fieldIds).length;
  const lengthIds = new Uint32Array(inner._fieldLength.size);
  const lengths = new Float64Array(inner._fieldLength.size * fieldCount);
  let i = 0;
  for (const [shortId, fieldLengths] of inner._fieldLength) {
    lengthIds[i] = shortId;
    for (let f = 0; f < fieldCount; f++) lengths[i * fieldCount + f] = fieldLengths[f] ?? Number.NaN;
    i++;
  }
  return {
    tree,
    postings: Uint32Array.from(packed),
    offsets: Uint32Array.from(offsets),
    shortIds: Uint32Array.from(inner._documentIds.keys()),
    ids: [...inner._documentIds.values()],
    lengthIds,
    lengths,
    fieldIds: inner._fieldIds,
    averageFieldLength: inner._avgFieldLength,
    storedFields: inner._storedFields,
    documentCount: inner._documentCount,
    nextId: inner._nextId,
    dirtCount: inner._dirtCount,
  };
}

/**
 * A MiniSearch index holding `data` (taken over, not copied), with `options` (those it was built with).
 * Throws when the data is not of this shape, or the installed MiniSearch keeps its state in other fields.
 */
export function miniFrom<T>(data: MiniData, options: Options<T>): MiniSearch<T> {
  const mini = new MiniSearch<T>(options);
  const inner = internals(mini);
  const arrays = [data.postings, data.offsets, data.shortIds, data.lengthIds];
  if (
    !(data.tree instanceof Map) ||
    !arrays.every((array) => array instanceof Uint32Array) ||
    !(data.lengths instanceof Float64Array) ||
    !Array.isArray(data.ids) ||
    data.ids.length !== data.shortIds.length
  ) {
    throw new Error("search: the persisted MiniSearch data is not in the expected shape");
  }
  const leaves: PackedLeaf[] = [];
  const unpack = (node: Map<string, unknown>): void => {
    for (const [key, child] of node) {
      if (key !== LEAF) {
        unpack(child as Map<string, unknown>);
        continue;
      }
      const leaf = new PackedLeaf(data.postings, data.offsets[child as number]!);
      leaves.push(leaf);
      node.set(LEAF, leaf);
    }
  };
  unpack(data.tree);
  packedLeaves.set(mini, leaves);
  inner._index._tree = data.tree;
  inner._index._size = undefined;
  inner._documentCount = data.documentCount;
  inner._documentIds = new Map();
  inner._idToShortId = new Map();
  for (let i = 0; i < data.shortIds.length; i++) {
    inner._documentIds.set(data.shortIds[i]!, data.ids[i]);
    inner._idToShortId.set(data.ids[i], data.shortIds[i]!);
  }
  const fieldCount = Object.keys(data.fieldIds).length;
  inner._fieldLength = new Map();
  for (let i = 0; i < data.lengthIds.length; i++) {
    const fieldLengths: number[] = [];
    for (let f = 0; f < fieldCount; f++) {
      const length = data.lengths[i * fieldCount + f]!;
      if (!Number.isNaN(length)) fieldLengths[f] = length;
    }
    inner._fieldLength.set(data.lengthIds[i]!, fieldLengths);
  }
  inner._fieldIds = data.fieldIds;
  inner._avgFieldLength = data.averageFieldLength;
  inner._nextId = data.nextId;
  inner._storedFields = data.storedFields;
  inner._dirtCount = data.dirtCount;
  return mini;
}

const packedLeaves = new WeakMap<object, PackedLeaf[]>();

/**
 * Makes the maps of up to `count` more terms of an index `miniFrom` loaded; false once every term has them.
 * An answer worker calls it between questions: each term's maps then exist before a question needs them,
 * and the worker's memory stops growing soon after a start instead of over hours of questions.
 */
export function unpackSome(mini: object, count: number): boolean {
  const leaves = packedLeaves.get(mini);
  if (!leaves) return false;
  for (let i = 0; i < count && leaves.length > 0; i++) leaves.pop()!.unpack();
  if (leaves.length > 0) return true;
  packedLeaves.delete(mini);
  return false;
}

function internals(mini: object): Internals {
  const record = mini as Record<string, unknown>;
  const index = record._index as Record<string, unknown> | undefined;
  if (!FIELDS.every((field) => field in record) || !(index?._tree instanceof Map)) {
    throw new Error(
      "search: this MiniSearch keeps its index in other fields than version 7 did; update src/core/search/mini-data.ts",
    );
  }
  return mini as unknown as Internals;
}
