import { cp, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { KnowledgeBase } from "../../src/core/knowledge-base.ts";
import { openKnowledgeBase } from "../../src/knowledge/open.ts";
import { type GoldenQuestion, type GoldenResult, readGolden, runGolden } from "../golden/golden.ts";

/** The development library: documents written for it, and the questions asked of them (issue 9). */
export const LIBRARY_DOCS = "test/library/docs";
export const LIBRARY_QUESTIONS = "test/library/questions.jsonl";
export const GOLDEN_QUESTIONS = "test/golden/questions.jsonl";
export const STARTING_KNOWLEDGE = "knowledge";

/**
 * The kinds of question. The first seven are the golden set's; `changed` asks for a figure or role holder that
 * changed over time (the newest value wins), `other-mission` names another mission, `year` names a year or period.
 */
export const KINDS = [
  "keyword",
  "question",
  "paraphrase",
  "misspelling",
  "acronym",
  "offtopic",
  "followup",
  "changed",
  "other-mission",
  "year",
] as const;

export const SPLITS = ["fit", "held-out"] as const;
export type Split = (typeof SPLITS)[number];

export interface Tally {
  passed: number;
  total: number;
}

export interface Accuracy {
  overall: Tally;
  byKind: Record<string, Tally>;
  bySplit: Record<string, Tally>;
  /** questions whose honest answer is "not found" (`found: false`) */
  refusals: Tally;
  /** answerable questions the bot said it could not find */
  answerableRefused: number;
  /** unanswerable questions the bot answered anyway */
  unanswerableAnswered: number;
  failures: GoldenResult[];
}

export interface LibraryRun {
  library: GoldenResult[];
  golden: GoldenResult[];
  /** files the combined knowledge folder could not load (should be none) */
  skipped: string[];
  documents: number;
}

/**
 * Copies the starting knowledge folder (documents and glossary) and the library's documents into one temporary
 * folder, as an analyst would drop them into `knowledge/`, and opens it. `close` removes the folder.
 */
export async function openLibrary(): Promise<{ kb: KnowledgeBase; dir: string; close: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), "minusma-library-"));
  try {
    await cp(STARTING_KNOWLEDGE, dir, { recursive: true });
    for (const file of await readdir(LIBRARY_DOCS)) {
      if (file.endsWith(".md")) await cp(path.join(LIBRARY_DOCS, file), path.join(dir, file));
    }
    const kb = await openKnowledgeBase(dir);
    return { kb, dir, close: () => rm(dir, { recursive: true, force: true }) };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

/** Asks the library's questions and the golden set, each set's threads in order, against the combined folder. */
export async function runLibrary(): Promise<LibraryRun> {
  const { kb, close } = await openLibrary();
  try {
    return {
      library: runGolden(kb, readGolden(LIBRARY_QUESTIONS)),
      golden: runGolden(kb, readGolden(GOLDEN_QUESTIONS), { withLibrary: true }),
      skipped: kb.skipped.map((s) => `${s.file}: ${s.reason}`),
      documents: Object.keys(kb.hashes).length,
    };
  } finally {
    await close();
  }
}

export interface Filter {
  split?: Split | undefined;
  only?: string | undefined;
}

/**
 * Keeps the results a filter asks for. Every question is still asked (a follow-up needs its thread's earlier
 * turns), only the tally is narrowed.
 */
export function select(results: GoldenResult[], filter: Filter): GoldenResult[] {
  return results.filter(
    ({ question }) =>
      (!filter.split || splitOf(question) === filter.split) &&
      (!filter.only || question.kind === filter.only),
  );
}

/** A question's split; the golden set's questions have none. */
export function splitOf(question: GoldenQuestion): Split | undefined {
  return question.split;
}

/** Accuracy per kind, per split, overall and on refusals, with the two kinds of wrong call counted apart. */
export function measure(results: GoldenResult[]): Accuracy {
  const tally = (): Tally => ({ passed: 0, total: 0 });
  const accuracy: Accuracy = {
    overall: tally(),
    byKind: {},
    bySplit: {},
    refusals: tally(),
    answerableRefused: 0,
    unanswerableAnswered: 0,
    failures: [],
  };
  const add = (t: Tally, pass: boolean) => {
    t.total++;
    if (pass) t.passed++;
  };
  const bucket = (table: Record<string, Tally>, key: string): Tally => {
    table[key] ??= tally();
    return table[key];
  };
  for (const result of results) {
    const { question, expected, pass, answer } = result;
    add(accuracy.overall, pass);
    add(bucket(accuracy.byKind, question.kind), pass);
    const split = splitOf(question);
    if (split) add(bucket(accuracy.bySplit, split), pass);
    // Judged against the expectation the answer was held to (a golden question's `withLibrary` one, with the
    // library loaded): a question the library answers is no refusal there.
    if (!expected.found) add(accuracy.refusals, pass);
    if (expected.found && !answer.found) accuracy.answerableRefused++;
    if (!expected.found && answer.found) accuracy.unanswerableAnswered++;
    if (!pass) accuracy.failures.push(result);
  }
  return accuracy;
}

/** "183/220 (83.2%)" */
export function formatTally(t: Tally): string {
  const percent = t.total === 0 ? "-" : `${((t.passed / t.total) * 100).toFixed(1)}%`;
  return `${t.passed}/${t.total} (${percent})`;
}
