import { parentPort } from "node:worker_threads";
import { answerQuestion } from "../core/answer/answer.ts";
import type { Turn } from "../core/answer/types.ts";
import type { KnowledgeBase } from "../core/knowledge-base.ts";
import { deserializePassageIndex, type SerializedPassageIndex } from "../core/search/passage-index.ts";

// A worker thread of the answer pool (answer-pool.ts): holds a copy of the knowledge base and answers
// questions with the same core function the main thread would use. Messages are handled one at a time and
// in order, so a knowledge base sent before a question is the one that question is answered from.

/** The knowledge base as it crosses to a worker: the index in its persisted form, the rest as it is. */
export type TransferredKnowledgeBase = Omit<KnowledgeBase, "index"> & { index: SerializedPassageIndex };

export type ToWorker =
  | { type: "kb"; kb: TransferredKnowledgeBase }
  | { type: "answer"; id: number; question: string; history: Turn[] };

export type FromWorker =
  | { type: "answer"; id: number; answer: ReturnType<typeof answerQuestion> }
  | { type: "failed"; id: number; message: string };

const port = parentPort;
if (!port) throw new Error("answer worker: must run as a worker thread of the answer pool");

let kb: KnowledgeBase | null = null;

port.on("message", (message: ToWorker) => {
  if (message.type === "kb") {
    kb = { ...message.kb, index: deserializePassageIndex(message.kb.index) };
    return;
  }
  try {
    if (!kb) throw new Error("answer worker: asked a question before it was given the knowledge base");
    const reply: FromWorker = {
      type: "answer",
      id: message.id,
      answer: answerQuestion(kb, message.question, message.history),
    };
    port.postMessage(reply);
  } catch (error) {
    const reply: FromWorker = {
      type: "failed",
      id: message.id,
      message: error instanceof Error ? (error.stack ?? error.message) : String(error),
    };
    port.postMessage(reply);
  }
});
