import { isEnglishWord } from "../knowledge/words.ts";
import { DefinedAcronyms } from "./defined-acronyms.ts";

/**
 * The words of the indexed passages: which index terms exist (to search exact terms first) and the surface
 * words behind them (to correct a misspelt query word into one the documents use).
 */
export class Vocabulary {
  /** index term -> the number of passages it occurs in */
  private readonly terms: Map<string, number>;
  private readonly sortedTerms: string[];
  private readonly ids: Map<string, number>;
  /** surface word -> index term, bucketed by length for the spelling search; built on the first typo */
  private byLengthCache: Map<number, Array<[string, string]>> | undefined;
  private readonly corrections = new Map<string, string | null>();
  /** each name term -> every index term of its spelling variants, itself first */
  private readonly variants: Map<string, string[]>;
  /** name skeleton -> index terms, for a name the documents do not use; built on the first such name */
  private skeletonCache: Map<string, string[]> | undefined;

  /**
   * `variants` are the groups of names spelt differently in the documents ("Aguelhok" / "Aguel'hoc"), as
   * `nameVariantGroups` finds them when the index is built; a persisted index passes them back, so a restart
   * does not load the English word list to find them again. `acronyms` are the acronyms the documents define
   * ("Operational Coordination Mechanism (MOC)"), read with the passages (defined-acronyms.ts).
   */
  constructor(
    frequencies: Iterable<readonly [term: string, passages: number]>,
    readonly words: ReadonlyArray<readonly [surface: string, term: string]>,
    readonly passageCount: number,
    variantGroups?: ReadonlyArray<readonly string[]>,
    readonly acronyms: DefinedAcronyms = DefinedAcronyms.none,
  ) {
    this.terms = new Map(frequencies);
    this.sortedTerms = [...this.terms.keys()].sort();
    this.ids = new Map(this.sortedTerms.map((term, id) => [term, id]));
    this.variants = new Map();
    for (const group of variantGroups ?? nameVariantGroups(words)) {
      for (const term of group) this.variants.set(term, [term, ...group.filter((other) => other !== term)]);
    }
  }

  /**
   * A term as a query's alternatives: itself, then the other spellings of the same name in the documents
   * ("aguel'hoc" also finds "aguelhok"). A word that is no such name is only itself.
   */
  withVariants(term: string): string[][] {
    return (this.variants.get(term) ?? [term]).map((variant) => [variant]);
  }

  /** The variant groups, as `toJSON` persists them. */
  variantGroups(): string[][] {
    const seen = new Set<string>();
    const groups: string[][] = [];
    for (const [term, group] of this.variants) {
      if (seen.has(term)) continue;
      for (const member of group) seen.add(member);
      groups.push(group);
    }
    return groups;
  }

  /**
   * The index terms of the document names that a name the documents do not use is a spelling of, by its
   * skeleton ("Timbuctoo" and "Timbuktu", "Douentsa" and "Douentza"); empty when none.
   */
  nameVariants(word: string): string[] {
    if (!this.skeletonCache) {
      this.skeletonCache = new Map();
      for (const [surface, term] of this.words) {
        if (!isNameCandidate(surface)) continue;
        const key = nameSkeleton(surface);
        const terms = this.skeletonCache.get(key) ?? [];
        if (!terms.includes(term)) terms.push(term);
        this.skeletonCache.set(key, terms);
      }
    }
    return isNameCandidate(word) ? (this.skeletonCache.get(nameSkeleton(word)) ?? []) : [];
  }

  /** A term's id: its position in the sorted term list, so the terms of a prefix have consecutive ids. */
  idOf(term: string): number | undefined {
    return this.ids.get(term);
  }

  /** The ids [from, to) of the terms that start with `prefix` (empty when none does). */
  prefixRange(prefix: string): [from: number, to: number] {
    const from = this.lowerBound(prefix);
    let to = from;
    while (to < this.sortedTerms.length && this.sortedTerms[to]!.startsWith(prefix)) to++;
    return [from, to];
  }

  /** The term with id `id` (its position in the sorted term list). */
  termAt(id: number): string | undefined {
    return this.sortedTerms[id];
  }

  /** How many terms there are: ids run from 0 to this, exclusive. */
  get size(): number {
    return this.sortedTerms.length;
  }

  private lowerBound(prefix: string): number {
    let lo = 0;
    let hi = this.sortedTerms.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.sortedTerms[mid] ?? "") < prefix) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private get byLength(): Map<number, Array<[string, string]>> {
    if (this.byLengthCache) return this.byLengthCache;
    const byLength = new Map<number, Array<[string, string]>>();
    // Stems are candidates too, so "atacked" (stem "atack") still meets "attack" when only "attacks" is written.
    const seen = new Set<string>();
    const candidates: Array<readonly [string, string]> = [
      ...this.words,
      ...this.sortedTerms.filter((term) => /^\p{L}{4,}$/u.test(term)).map((term) => [term, term] as const),
    ];
    for (const [surface, term] of candidates) {
      if (seen.has(surface)) continue;
      seen.add(surface);
      const bucket = byLength.get(surface.length) ?? [];
      bucket.push([surface, term]);
      byLength.set(surface.length, bucket);
    }
    this.byLengthCache = byLength;
    return byLength;
  }

  has(term: string): boolean {
    return this.terms.has(term);
  }

  /** How many passages a term occurs in. */
  passagesWith(term: string): number {
    return this.terms.get(term) ?? 0;
  }

  /**
   * How telling a term is, from 0 (in every passage, like "MINUSMA" here) to 1 (in one passage): an inverse
   * document frequency scaled to the size of the knowledge base.
   */
  specificity(term: string): number {
    const df = this.terms.get(term);
    if (df === undefined || this.passageCount <= 1) return 1;
    return Math.log(1 + this.passageCount / df) / Math.log(1 + this.passageCount);
  }

  /** Whether some index term starts with `prefix` (binary search over the sorted terms). */
  hasPrefix(prefix: string): boolean {
    return this.sortedTerms[this.lowerBound(prefix)]?.startsWith(prefix) ?? false;
  }

  /**
   * The index term of the document word closest to a misspelt `word`, or null. One edit is allowed in words
   * of 4 to 7 letters and two in longer ones; a swap of two letters counts as one edit ("cieling").
   */
  correct(word: string, stem?: string): string | null {
    const direct = this.closest(word);
    return direct !== null || stem === undefined || stem === word ? direct : this.closest(stem);
  }

  private closest(word: string): string | null {
    const cached = this.corrections.get(word);
    if (cached !== undefined) return cached;
    const limit = word.length < 4 ? 0 : word.length < 8 ? 1 : 2;
    let best: string | null = null;
    let bestDistance = limit + 1;
    for (let length = word.length - limit; length <= word.length + limit && limit > 0; length++) {
      for (const [surface, term] of this.byLength.get(length) ?? []) {
        const distance = editDistance(word, surface, bestDistance - 1);
        if (distance < bestDistance) {
          bestDistance = distance;
          best = term;
        }
      }
    }
    if (this.corrections.size > 10_000) this.corrections.clear();
    this.corrections.set(word, best);
    return best;
  }

  toJSON(): {
    terms: Array<[string, number]>;
    words: Array<readonly [string, string]>;
    passageCount: number;
    variants: string[][];
  } {
    return {
      terms: [...this.terms.entries()],
      words: [...this.words],
      passageCount: this.passageCount,
      variants: this.variantGroups(),
    };
  }
}

// Names shorter than this are too short to tell a variant from another name ("Gao" / "Gas").
const MIN_NAME_LETTERS = 4;

/** A word that may be a name: long enough, letters only, and not an English word ("leave" is no "Leave"). */
function isNameCandidate(word: string): boolean {
  return word.length >= MIN_NAME_LETTERS && /^\p{L}+(['’]\p{L}+)*$/u.test(word) && !isEnglishWord(word);
}

/**
 * What a transliterated name keeps whatever the spelling: no accents, apostrophes or double letters, one
 * letter for c/k/q and for s/z, "u" for "ou" and "oo", no final "e". "Aguel'hoc" and "Aguelhok",
 * "Tessalite" and "Tessalit", "Kidall" and "Kidal", "Timbuctoo" and "Timbuktu" each share one.
 */
export function nameSkeleton(word: string): string {
  return word
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/['’`-]/gu, "")
    .replace(/ou|oo/gu, "u")
    .replace(/ph/gu, "f")
    .replace(/[ckq]/gu, "k")
    .replace(/z/gu, "s")
    .replace(/y/gu, "i")
    .replace(/(\p{L})\1+/gu, "$1")
    .replace(/(?<=\p{L}{3})e$/u, "");
}

/**
 * The groups of document words that are spellings of one name: words that are not English, share a
 * skeleton and have different index terms. Each group lists index terms.
 */
export function nameVariantGroups(
  words: ReadonlyArray<readonly [surface: string, term: string]>,
): string[][] {
  const bySkeleton = new Map<string, string[]>();
  for (const [surface, term] of words) {
    if (!isNameCandidate(surface)) continue;
    const key = nameSkeleton(surface);
    const terms = bySkeleton.get(key) ?? [];
    if (!terms.includes(term)) terms.push(term);
    bySkeleton.set(key, terms);
  }
  return [...bySkeleton.values()].filter((terms) => terms.length > 1);
}

/**
 * Optimal-string-alignment distance between a and b, or `max + 1` as soon as it must exceed `max`
 * (the bound keeps a scan of the whole vocabulary cheap).
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous2: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, previous2[j - 2]! + 1);
      }
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > max) return max + 1;
    previous2 = previous;
    previous = current;
  }
  return previous[b.length]!;
}
