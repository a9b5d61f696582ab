import { describe, expect, it } from "vitest";
import { formatTally, measure, runLibrary } from "./library.ts";

// The development library (issue 9): its questions, and the golden set with the library loaded beside the
// starting documents. The figures are printed on every run. The floors below are where the answer model stands
// today, so a change that loses ground fails; the targets (90% overall, 95% on refusals, 95% on the
// golden set) are not reached yet; see README, "How answers are found", for the figures and what fails.
const FLOORS = { library: 0.938, refusals: 0.98, golden: 0.98, followup: 0.98, changed: 0.9 } as const;

const run = await runLibrary();

describe("the development library", () => {
  it("loads every document", () => {
    expect(run.skipped).toEqual([]);
  });

  it("is answered at least as well as the model's recorded floor, per category and overall", () => {
    const library = measure(run.library);
    const golden = measure(run.golden);
    const lines = [
      ...Object.entries(library.byKind).map(([kind, t]) => `  ${kind}: ${formatTally(t)}`),
      ...Object.entries(library.bySplit).map(([split, t]) => `  split ${split}: ${formatTally(t)}`),
      `  refusals: ${formatTally(library.refusals)}; answerable refused ${library.answerableRefused}, unanswerable answered ${library.unanswerableAnswered}`,
      `  overall: ${formatTally(library.overall)}`,
      `golden set with the library loaded: ${formatTally(golden.overall)}`,
    ];
    console.log(`development library:\n${lines.join("\n")}`);
    const share = (t: { passed: number; total: number }) => t.passed / Math.max(1, t.total);
    expect(share(library.overall)).toBeGreaterThanOrEqual(FLOORS.library);
    expect(share(library.refusals)).toBeGreaterThanOrEqual(FLOORS.refusals);
    expect(share(golden.overall)).toBeGreaterThanOrEqual(FLOORS.golden);
    expect(share(library.byKind.followup ?? { passed: 0, total: 0 })).toBeGreaterThanOrEqual(FLOORS.followup);
    expect(share(library.byKind.changed ?? { passed: 0, total: 0 })).toBeGreaterThanOrEqual(FLOORS.changed);
  });
});
