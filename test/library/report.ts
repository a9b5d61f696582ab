import { parseArgs } from "node:util";
import type { GoldenResult } from "../golden/golden.ts";
import {
  type Accuracy,
  type Filter,
  formatTally,
  KINDS,
  measure,
  runLibrary,
  SPLITS,
  type Split,
  select,
} from "./library.ts";

const USAGE = `usage: npm run -s library -- [--split fit|held-out] [--only <kind>]
  Asks the development library's questions and the golden set against knowledge/ plus test/library/docs/,
  and prints accuracy per kind, per split, overall and on refusals, then every failing question and why.
  kinds: ${KINDS.join(", ")}`;

/** How much of an answer a failure line shows: enough to see which sentence was picked. */
const ANSWER_PREVIEW = 140;

function table(title: string, accuracy: Accuracy): string[] {
  const rows: [string, string][] = [
    ...KINDS.filter((kind) => accuracy.byKind[kind]).map((kind): [string, string] => [
      `  ${kind}`,
      formatTally(accuracy.byKind[kind]!),
    ]),
    ...SPLITS.filter((split) => accuracy.bySplit[split]).map((split): [string, string] => [
      `  split ${split}`,
      formatTally(accuracy.bySplit[split]!),
    ]),
    ["  refusals (found: false)", formatTally(accuracy.refusals)],
    ["  answerable questions refused", String(accuracy.answerableRefused)],
    ["  unanswerable questions answered", String(accuracy.unanswerableAnswered)],
    ["  overall", formatTally(accuracy.overall)],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  return [title, ...rows.map(([label, value]) => `${label.padEnd(width)}  ${value}`)];
}

function failureLine(result: GoldenResult): string {
  const { question, answer } = result;
  const said = answer.found ? answer.text.replace(/\s+/gu, " ") : "(not found)";
  const shown = said.length > ANSWER_PREVIEW ? `${said.slice(0, ANSWER_PREVIEW - 1)}…` : said;
  const cited = answer.citations.map((c) => c.doc.id).join(", ");
  return [
    `- ${question.id} [${question.kind}${question.thread ? `, ${question.thread}` : ""}] "${question.text}"`,
    `    why: ${result.why}`,
    `    said: ${shown}${cited ? `  [${cited}]` : ""}`,
  ].join("\n");
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      split: { type: "string" },
      only: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (values.split && !(SPLITS as readonly string[]).includes(values.split)) {
    console.error(`library: --split must be one of ${SPLITS.join(", ")}, not "${values.split}"`);
    return 2;
  }
  if (values.only && !(KINDS as readonly string[]).includes(values.only)) {
    console.error(`library: --only must be one of ${KINDS.join(", ")}, not "${values.only}"`);
    return 2;
  }
  const filter: Filter = { split: values.split as Split | undefined, only: values.only };
  const run = await runLibrary();
  const library = measure(select(run.library, filter));
  // The golden set has no split: it is only narrowed by --only.
  const golden = measure(select(run.golden, { only: filter.only }));
  const narrowed = [filter.split && `split ${filter.split}`, filter.only && `kind ${filter.only}`]
    .filter(Boolean)
    .join(", ");
  console.log(
    `knowledge: ${run.documents} documents (knowledge/ + test/library/docs/)${narrowed ? `; ${narrowed}` : ""}`,
  );
  for (const skipped of run.skipped) console.log(`skipped: ${skipped}`);
  console.log("");
  console.log(table("development library", library).join("\n"));
  console.log("");
  console.log(
    golden.overall.total === 0
      ? `golden set: no questions of kind ${filter.only}`
      : table("golden set, with the library loaded", golden).join("\n"),
  );
  for (const [title, accuracy] of [
    ["library", library],
    ["golden", golden],
  ] as const) {
    if (accuracy.failures.length === 0) continue;
    console.log(`\nfailing (${title}): ${accuracy.failures.length}`);
    for (const failure of accuracy.failures) console.log(failureLine(failure));
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
