import path from "node:path";
import { describe, expect, it } from "vitest";
import { answerQuestion } from "../../src/core/answer/answer.ts";
import { packKnowledgeBase, unpackKnowledgeBase } from "../../src/knowledge/transfer.ts";
import { readGolden } from "../golden/golden.ts";
import { realKnowledgeBase } from "../helpers/slack-fakes.ts";

describe("packing a knowledge base for the trip from the build worker", () => {
  it("gives back a base that answers every golden question exactly as the original", async () => {
    const kb = await realKnowledgeBase();
    const unpacked = unpackKnowledgeBase(packKnowledgeBase(kb));
    expect(unpacked.hashes).toEqual(kb.hashes);
    expect(unpacked.skipped).toEqual(kb.skipped);
    expect(unpacked.glossary).toEqual(kb.glossary);
    expect(unpacked.index.documents).toEqual(kb.index.documents);
    const questions = readGolden(path.resolve(import.meta.dirname, "../golden/questions.jsonl"));
    for (const question of questions.filter((q) => !q.thread)) {
      const before = answerQuestion(kb, question.text);
      const after = answerQuestion(unpacked, question.text);
      expect({ text: after.text, confidence: after.confidence }).toEqual({
        text: before.text,
        confidence: before.confidence,
      });
    }
  });
});
