import { describe, expect, it } from "vitest";
import { answerQuestion } from "../../src/core/answer/answer.ts";
import { openKnowledgeBase } from "../../src/knowledge/open.ts";
import { readGolden, runGolden } from "./golden.ts";

const questions = readGolden("test/golden/questions.jsonl");
const kb = await openKnowledgeBase("knowledge");

describe("the golden question set", () => {
  it("covers every kind of question the issue asks for", () => {
    const count = (kind: string) => questions.filter((q) => q.kind === kind).length;
    expect(questions.length).toBeGreaterThanOrEqual(60);
    expect(count("offtopic")).toBeGreaterThanOrEqual(10);
    expect(
      new Set(questions.filter((q) => q.kind === "followup").map((q) => q.thread)).size,
    ).toBeGreaterThanOrEqual(8);
    for (const kind of ["keyword", "question", "paraphrase", "misspelling", "acronym"]) {
      expect(count(kind), kind).toBeGreaterThan(0);
    }
  });

  it("is answered right at least 95% of the time", () => {
    const results = runGolden(kb, questions);
    const failures = results.filter((r) => !r.pass);
    const accuracy = 1 - failures.length / results.length;
    const report = failures.map((f) => `${f.question.id} "${f.question.text}": ${f.why}`).join("\n");
    console.log(
      `golden set: ${results.length - failures.length}/${results.length} (${(accuracy * 100).toFixed(1)}%)`,
    );
    if (report) console.log(report);
    expect(accuracy, report).toBeGreaterThanOrEqual(0.95);
  });

  it("offers example questions that the knowledge base answers", () => {
    expect(kb.glossary.examples.length).toBeGreaterThanOrEqual(2);
    for (const example of kb.glossary.examples) expect(answerQuestion(kb, example).found, example).toBe(true);
  });
});
