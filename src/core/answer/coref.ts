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
