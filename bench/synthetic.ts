import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";

/**
 * A synthetic briefing corpus for benchmarks: realistic English passages of about 100 words with figures,
 * dates, places and names, written as knowledge files. Seeded, so every run measures the same corpus.
 */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    // mulberry32: small, fast, good enough for picking words
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = "ba ko ma li se gou ta ni do ra kel fa sou bou ga mo ti ne za an ou ha di me".split(" ");
const MONTHS = "January February March April May June July August September October November December".split(
  " ",
);
const ACTORS = [
  "the Mission",
  "the Force Commander",
  "the Special Representative",
  "the Malian Armed Forces",
  "the Secretary-General",
  "the Security Council",
  "the country team",
  "the formed police unit",
  "the mobile task force",
  "the human rights division",
  "local authorities",
  "the transitional government",
];
const THINGS = [
  "improvised explosive devices",
  "armoured personnel carriers",
  "patrols",
  "civilian casualties",
  "peacekeepers",
  "police officers",
  "displaced persons",
  "convoys",
  "attacks",
  "helicopter flights",
  "mine-protected vehicles",
  "checkpoints",
  "water points",
  "schools",
  "health centres",
  "detention cases",
];
const VERBS = [
  "reported",
  "recorded",
  "verified",
  "deployed",
  "documented",
  "escorted",
  "repaired",
  "rehabilitated",
  "investigated",
  "neutralized",
];
const TOPICS = [
  "protection of civilians",
  "the peace agreement",
  "the political transition",
  "freedom of movement",
  "mandate implementation",
  "the adaptation plan",
  "human rights monitoring",
  "humanitarian access",
  "stabilization efforts",
  "intercommunal violence",
];

export interface SyntheticCorpus {
  dir: string;
  passages: number;
  places: string[];
  operations: string[];
}

function pick<T>(rnd: () => number, list: readonly T[]): T {
  return list[Math.floor(rnd() * list.length)]!;
}

function name(rnd: () => number, syllables: number): string {
  let word = "";
  for (let i = 0; i < syllables; i++) word += pick(rnd, SYLLABLES);
  return word[0]!.toUpperCase() + word.slice(1);
}

function sentence(rnd: () => number, places: string[], operations: string[]): string {
  const n = 2 + Math.floor(rnd() * 900);
  const day = 1 + Math.floor(rnd() * 28);
  const month = pick(rnd, MONTHS);
  const year = 2014 + Math.floor(rnd() * 10);
  const place = pick(rnd, places);
  switch (Math.floor(rnd() * 6)) {
    case 0:
      return `On ${day} ${month} ${year}, ${pick(rnd, ACTORS)} ${pick(rnd, VERBS)} ${n} ${pick(rnd, THINGS)} in the ${place} region.`;
    case 1:
      return `Operation ${pick(rnd, operations)} was launched in ${month} ${year} to secure the road between ${place} and ${pick(rnd, places)}.`;
    case 2:
      return `Since ${month} ${year}, at least ${n} ${pick(rnd, THINGS)} have been affected around ${place}, according to ${pick(rnd, ACTORS)}.`;
    case 3:
      return `${pick(rnd, ACTORS)[0]!.toUpperCase()}${pick(rnd, ACTORS).slice(1)} continued to support ${pick(rnd, TOPICS)} in ${place}, with ${n} ${pick(rnd, THINGS)} by the end of the period.`;
    case 4:
      return `The ceiling for ${pick(rnd, THINGS)} in ${place} was set at ${n * 10} for ${year}, while ${pick(rnd, TOPICS)} remained a priority.`;
    default:
      return `In the ${place} area, ${pick(rnd, ACTORS)} noted that ${pick(rnd, TOPICS)} had improved, though ${n} ${pick(rnd, THINGS)} were still pending.`;
  }
}

/** Writes `passages` passages (in documents of 20) as knowledge files under `dir`. */
export async function writeSyntheticCorpus(
  dir: string,
  passages: number,
  seed = 42,
): Promise<SyntheticCorpus> {
  const rnd = random(seed);
  const places = Array.from({ length: 400 }, () => name(rnd, 2 + Math.floor(rnd() * 2)));
  const operations = Array.from({ length: 150 }, () => name(rnd, 2));
  await mkdir(dir, { recursive: true });
  const perDocument = 20;
  for (let d = 0; d * perDocument < passages; d++) {
    const paragraphs: string[] = [];
    for (let p = 0; p < perDocument && d * perDocument + p < passages; p++) {
      const sentences = Array.from({ length: 4 + Math.floor(rnd() * 2) }, () =>
        sentence(rnd, places, operations),
      );
      paragraphs.push(sentences.join(" "));
    }
    const date = `20${15 + (d % 9)}-${String(1 + (d % 12)).padStart(2, "0")}-${String(1 + (d % 28)).padStart(2, "0")}`;
    const front = `---\ntitle: "Synthetic briefing ${d + 1}: ${pick(rnd, TOPICS)} in ${pick(rnd, places)}"\nsource: Benchmark generator\ndate: ${date}\n---\n\n`;
    await writeFile(
      path.join(dir, `doc-${String(d).padStart(5, "0")}.md`),
      `${front}${paragraphs.join("\n\n")}\n`,
    );
  }
  return { dir, passages, places, operations };
}

/** At least `count` varied questions over a synthetic corpus: keywords, full questions, typos, stop words. */
export function syntheticQuestions(corpus: SyntheticCorpus, count: number, seed = 7): string[] {
  const rnd = random(seed);
  const typo = (word: string) => {
    const i = 1 + Math.floor(rnd() * (word.length - 2));
    return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
  };
  const questions: string[] = [];
  while (questions.length < count) {
    const place = pick(rnd, corpus.places);
    const operation = pick(rnd, corpus.operations);
    const thing = pick(rnd, THINGS);
    const forms = [
      `${thing} ${place}`,
      `How many ${thing} were reported in the ${place} region?`,
      `When was Operation ${operation} launched?`,
      `operation ${operation.toLowerCase()}`,
      `what is the ceiling for ${thing} in ${place}`,
      `${typo(thing.split(" ")[0]!)} in ${place.toLowerCase()}`,
      `Could you please tell me what the situation of ${pick(rnd, TOPICS)} was in ${place} during that period?`,
      `where did operation ${typo(operation.toLowerCase())} take place`,
    ];
    questions.push(pick(rnd, forms));
  }
  return questions;
}
