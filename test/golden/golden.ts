import { readFileSync } from "node:fs";
import { answerQuestion } from "../../src/core/answer/answer.ts";
import type { Answer, Turn } from "../../src/core/answer/types.ts";
import type { KnowledgeBase } from "../../src/core/knowledge-base.ts";

export interface GoldenQuestion {
  id: string;
  kind: string;
  thread?: string;
  text: string;
  /** the development library's questions: "fit" to tune weights on, "held-out" to check them (test/library) */
  split?: "fit" | "held-out";
  /**
   * `contains`: fragments the answer must hold, all from the sentence that best answers; `accept`: other
   * fragment lists, each from another sentence that answers the question just as correctly.
   */
  expect: Expectation;
  /**
   * what the answer should be when the development library (test/library) is loaded beside the starting
   * documents, only where a newer library document honestly supersedes `expect` (a newer figure, a question
   * about another mission the library now covers); `why` says which document and why
   */
  withLibrary?: Expectation & { why: string };
}

export interface Expectation {
  found: boolean;
  contains?: string[];
  accept?: string[][];
  doc?: string;
  /** other documents that state the same answer on the same footing (the same day, the same fact) */
  alsoDocs?: string[];
  note?: string;
}

export interface GoldenResult {
  question: GoldenQuestion;
  /** what the answer was judged against: the question's expectation, or its `withLibrary` one */
  expected: Expectation;
  answer: Answer;
  pass: boolean;
  why: string;
}

export function readGolden(file: string): GoldenQuestion[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as GoldenQuestion);
}

/**
 * Asks every golden question, threads in order, and judges each answer against what it should say (with
 * `withLibrary`, against what it should say once the development library is loaded too).
 */
export function runGolden(
  kb: KnowledgeBase,
  questions: GoldenQuestion[],
  options: { withLibrary?: boolean } = {},
): GoldenResult[] {
  const threads = new Map<string, Turn[]>();
  return questions.map((question) => {
    const history = question.thread ? (threads.get(question.thread) ?? []) : [];
    const answer = answerQuestion(kb, question.text, history);
    if (question.thread) threads.set(question.thread, [...history, answer.turn]);
    const expect = (options.withLibrary && question.withLibrary) || question.expect;
    return { question, expected: expect, answer, ...judge(expect, answer) };
  });
}

function judge(expect: Expectation, answer: Answer): { pass: boolean; why: string } {
  if (!expect.found) return answer.found ? { pass: false, why: "answered an off-topic question" } : ok;
  if (!answer.found) return { pass: false, why: "said not found" };
  const text = answer.text.toLowerCase();
  const missingFrom = (fragments: string[]) =>
    fragments.filter((fragment) => !text.includes(fragment.toLowerCase()));
  const missing = missingFrom(expect.contains ?? []);
  const accepted = (expect.accept ?? []).some((fragments) => missingFrom(fragments).length === 0);
  if (missing.length > 0 && !accepted) {
    return { pass: false, why: `missing ${missing.map((m) => `"${m}"`).join(", ")}` };
  }
  const docs = [expect.doc, ...(expect.alsoDocs ?? [])];
  if (expect.doc && !answer.citations.some((citation) => docs.includes(citation.doc.id))) {
    return { pass: false, why: `did not cite ${expect.doc}` };
  }
  return ok;
}

const ok = { pass: true, why: "" };
