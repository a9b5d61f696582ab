// A name given in full once is then called by its head noun: "the National Committee for the Salvation of the
// People (CNSP)" becomes "the committee", "the United Nations Multidimensional Integrated Stabilization
// Mission in Mali (MINUSMA)" becomes "the mission". A sentence saying "the committee" right after the sentence
// that named it in full is about it, as a sentence opening with "He" is about the person named before it
// (rank.ts counts such a concept as the sentence's own).

const JOINING = new Set(["of", "the", "for", "and", "in", "on", "to", "de", "du", "des", "la", "le"]);
const EDGES = /^[("“‘]+|[)"”’.,;:]+$/gu;

/**
 * Whether `sentence` calls a concept by a word of the full name that the sentence before it gives just before
 * the concept's own name ("... Salvation of the People (CNSP)" then "the leader of the committee").
 */
export function namesByDescription(sentence: string, previous: string, name: string): boolean {
  const words = previous.split(/\s+/u);
  const target = name.toLowerCase();
  const heads = new Set<string>();
  words.forEach((raw, i) => {
    if (raw.replace(EDGES, "").toLowerCase() !== target) return;
    // The capitalised run just before the name: "National Committee for the Salvation of the People".
    for (let j = i - 1; j >= 0; j--) {
      const word = words[j]!.replace(EDGES, "");
      if (/^\p{Lu}\p{Ll}{3,}$/u.test(word)) heads.add(word.toLowerCase());
      else if (!JOINING.has(word)) break;
    }
  });
  if (heads.size === 0) return false;
  const lower = sentence.toLowerCase();
  for (const head of heads) if (new RegExp(`\\bthe ${head}\\b`, "u").test(lower)) return true;
  return false;
}

/**
 * The words of the full name a document gives an acronym in its first passages ("United Nations
 * Multidimensional Integrated Stabilization Mission in Mali (MINUSMA)" gives mission, integrated...), lower
 * case: a later "the mission" in the document is about it. Read on the passages' raw text, no sentence split.
 */
export function fullNameHeads(texts: readonly string[], acronym: string): Set<string> {
  const heads = new Set<string>();
  const upper = acronym.toUpperCase();
  for (const text of texts) {
    const words = text.split(/\s+/u);
    words.forEach((raw, i) => {
      if (raw.replace(EDGES, "") !== upper || !raw.startsWith("(")) return;
      for (let j = i - 1; j >= 0; j--) {
        const word = words[j]!.replace(EDGES, "");
        if (/^\p{Lu}\p{Ll}{3,}$/u.test(word)) heads.add(word.toLowerCase());
        else if (!JOINING.has(word)) break;
      }
    });
  }
  return heads;
}

/** Whether a sentence says "the <head>" for one of a full name's words. */
export function callsByHead(sentence: string, heads: ReadonlySet<string>): boolean {
  if (heads.size === 0) return false;
  const lower = sentence.toLowerCase();
  for (const head of heads)
    if (lower.includes(`the ${head}`) && new RegExp(`\\bthe ${head}\\b`, "u").test(lower)) return true;
  return false;
}
