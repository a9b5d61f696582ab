// A verb and its noun whose stems differ ("abstained" / "abstentions", "detained" / "detention", "reduce" /
// "reduction", "decide" / "decision", "extend" / "extension", "expel" / "expulsion"): English stemming does not
// join them, so "Who abstained on resolution 2640?" missed "with 2 abstentions (China, Russian Federation)".
// The regular patterns of such derivations are general English; each form found is kept only when the
// documents use it (query.ts), so a pattern that makes a non-word costs nothing.

/** Verb ending -> noun ending, each applied to the verb's base form. */
const VERB_TO_NOUN: Array<[RegExp, string]> = [
  [/ain$/u, "ention"], // abstain, detain, retain
  [/ene$/u, "ention"], // intervene, convene
  [/uce$/u, "uction"], // reduce, produce, introduce
  [/ibe$/u, "iption"], // describe, prescribe
  [/ume$/u, "umption"], // assume, resume, consume
  [/ide$/u, "ision"], // decide, divide, provide
  [/end$/u, "ension"], // extend, suspend
  [/pel$/u, "pulsion"], // expel, compel
  [/eive$/u, "eption"], // receive, perceive
  [/ify$/u, "ification"], // notify, clarify
  [/ose$/u, "osal"], // propose, dispose
  [/ose$/u, "osure"], // close, disclose, expose
  [/ize$/u, "izure"], // seize
  [/part$/u, "parture"], // depart
  [/ode$/u, "osion"], // explode, erode, corrode
];

// Each pair with its reading back, noun ending -> verb ending ("abstention" -> abstain), made once rather than
// per word.
const DERIVATIONS = VERB_TO_NOUN.map(([verb, noun]) => ({
  verb,
  noun,
  nounEnd: new RegExp(`${noun}$`, "u"),
  verbEnd: verb.source.replace(/\$$/u, ""),
}));

/** The base forms a word may be an inflection of: "abstained" -> abstain; "reduced" -> reduce, reduc. */
function bases(word: string): string[] {
  const out = [word];
  if (word.endsWith("ied")) out.push(`${word.slice(0, -3)}y`);
  if (word.endsWith("ed")) out.push(word.slice(0, -2), word.slice(0, -1));
  if (word.endsWith("ing")) out.push(word.slice(0, -3), `${word.slice(0, -3)}e`);
  if (word.endsWith("s")) out.push(word.slice(0, -1));
  if (/(.)\1ed$/u.test(word)) out.push(word.slice(0, -3)); // expelled -> expel
  return out;
}

/** Surface forms derived from a word (its noun for a verb, its verb for a noun); the caller keeps known ones. */
export function derivedForms(word: string): string[] {
  const lower = word.toLowerCase();
  if (lower.length < 5) return [];
  const out = new Set<string>();
  for (const base of bases(lower)) {
    for (const { verb, noun, nounEnd, verbEnd } of DERIVATIONS) {
      if (verb.test(base)) out.add(base.replace(verb, noun));
      // The noun back to its verb: "abstention" -> abstain.
      if (nounEnd.test(base)) out.add(base.replace(nounEnd, verbEnd));
    }
  }
  out.delete(lower);
  return [...out];
}
