// `npm run fit`: searches the answer model's weights (src/core/answer/model.ts) on the development library's
// `fit` questions, then reports accuracy on the `held-out` ones, which the search never sees. A coordinate
// search: each weight in turn is scaled up and down, and a change is kept when the fit accuracy rises (ties
// keep the old value, so a weight moves only for a reason). `--write` puts the values found into model.ts.
import { readFile, writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { MODEL_TABLE, TUNING, type TuningKey } from "../src/core/answer/model.ts";
import type { KnowledgeBase } from "../src/core/knowledge-base.ts";
import { type GoldenQuestion, readGolden, runGolden } from "../test/golden/golden.ts";
import { GOLDEN_QUESTIONS, LIBRARY_QUESTIONS, measure, openLibrary } from "../test/library/library.ts";

/** The weights searched: those that decide which sentence wins and whether it is given. */
const SEARCHED: TuningKey[] = [
  "scoreCoverage",
  "scoreTyped",
  "scoreNearCount",
  "scorePassage",
  "scoreDensity",
  "scoreProminence",
  "scoreProximity",
  "scoreThread",
  "confidenceCoverage",
  "confidenceOwn",
  "confidencePassage",
  "confidenceTyped",
  "capUntyped",
  "threshold",
  "rivalCoverage",
  "rivalScore",
  "neighbourShare",
  "synonymCredit",
];
const STEPS = [0.5, 0.8, 1.25, 1.6];

interface Score {
  accuracy: number;
  passed: number;
  total: number;
  answerableRefused: number;
  unanswerableAnswered: number;
}

function score(kb: KnowledgeBase, questions: GoldenQuestion[], split: string): Score {
  // Every question is asked (a thread needs its earlier turns); only the split's are counted.
  const results = runGolden(kb, questions).filter((r) => r.question.split === split);
  const m = measure(results);
  return {
    accuracy: m.overall.passed / Math.max(1, m.overall.total),
    passed: m.overall.passed,
    total: m.overall.total,
    answerableRefused: m.answerableRefused,
    unanswerableAnswered: m.unanswerableAnswered,
  };
}

function line(label: string, s: Score): string {
  return `${label.padEnd(10)} ${s.passed}/${s.total} (${(s.accuracy * 100).toFixed(1)}%), answerable refused ${s.answerableRefused}, unanswerable answered ${s.unanswerableAnswered}`;
}

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: { write: { type: "boolean" }, passes: { type: "string" } },
});
const passes = Number(values.passes ?? 1);
const { kb, close } = await openLibrary();
try {
  const questions = readGolden(LIBRARY_QUESTIONS);
  const golden = readGolden(GOLDEN_QUESTIONS);
  const goldenAccuracy = () => measure(runGolden(kb, golden, { withLibrary: true })).overall;
  console.log("before:");
  let best = score(kb, questions, "fit");
  console.log(line("  fit", best));
  console.log(line("  held-out", score(kb, questions, "held-out")));
  for (let pass = 0; pass < passes; pass++) {
    for (const key of SEARCHED) {
      const start = TUNING[key];
      for (const step of STEPS) {
        const saved = TUNING[key];
        TUNING[key] = round(start * step);
        const s = score(kb, questions, "fit");
        if (s.accuracy > best.accuracy) {
          best = s;
          console.log(`  ${key}: ${saved} -> ${TUNING[key]}  fit ${(s.accuracy * 100).toFixed(1)}%`);
        } else TUNING[key] = saved;
      }
    }
  }
  console.log("after:");
  console.log(line("  fit", score(kb, questions, "fit")));
  console.log(line("  held-out", score(kb, questions, "held-out")));
  const g = goldenAccuracy();
  console.log(`  golden (library loaded) ${g.passed}/${g.total}`);
  const changed = SEARCHED.filter((key) => TUNING[key] !== MODEL_TABLE[key].value);
  if (changed.length === 0) console.log("no weight changed");
  for (const key of changed) console.log(`  ${key}: ${MODEL_TABLE[key].value} -> ${TUNING[key]}`);
  if (values.write && changed.length > 0) {
    const file = new URL("../src/core/answer/model.ts", import.meta.url);
    let text = await readFile(file, "utf8");
    for (const key of changed) {
      text = text.replace(new RegExp(`(\\b${key}: \\{\\s*value: )[^,]+,`, "u"), `$1${TUNING[key]},`);
    }
    await writeFile(file, text);
    console.log("written to src/core/answer/model.ts");
  }
} finally {
  await close();
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
