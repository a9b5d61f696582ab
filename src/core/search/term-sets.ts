/**
 * Every passage's distinct index terms, as sorted ids into the vocabulary's sorted term list, in one flat
 * array. The search checks a whole question against hundreds of candidate passages with it, by binary search,
 * without reading their text again; it costs 4 bytes a distinct term a passage (about 25 MB at 100k passages).
 */
export class PassageTermSets {
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

  /** Whether the passage has some term id in [from, to): one id when to = from + 1, a prefix's range else. */
  has(passageId: string, from: number, to = from + 1): boolean {
    const ordinal = this.ordinals.get(passageId);
    if (ordinal === undefined || from >= to) return false;
    let lo = this.offsets[ordinal]!;
    let hi = this.offsets[ordinal + 1]!;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.flat[mid]! < from) lo = mid + 1;
      else hi = mid;
    }
    return lo < this.offsets[ordinal + 1]! && this.flat[lo]! < to;
  }

  /** Base64 of the two arrays: compact in the persisted index, and decoded in milliseconds. */
  toJSON(): { flat: string; offsets: string } {
    return { flat: toBase64(this.flat), offsets: toBase64(this.offsets) };
  }

  static fromJSON(data: { flat: string; offsets: string }, passageIds: string[]): PassageTermSets {
    const offsets = fromBase64(data.offsets);
    if (offsets.length !== passageIds.length + 1)
      throw new Error("search: persisted term sets do not fit the passages");
    return new PassageTermSets(fromBase64(data.flat), offsets, new Map(passageIds.map((id, i) => [id, i])));
  }
}

function toBase64(array: Uint32Array): string {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString("base64");
}

function fromBase64(text: string): Uint32Array {
  const bytes = Buffer.from(text, "base64");
  // Copy into a fresh, aligned buffer: a Buffer may sit at any offset of Node's shared pool.
  const array = new Uint32Array(bytes.byteLength / 4);
  new Uint8Array(array.buffer).set(bytes);
  return array;
}
