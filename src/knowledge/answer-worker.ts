import { readFile } from "node:fs/promises";
import { parentPort } from "node:worker_threads";
import { answerQuestion } from "../core/answer/answer.ts";
import type { Turn } from "../core/answer/types.ts";
import {
  deserializeKnowledgeBase,
  type KnowledgeBase,
  type SerializedKnowledgeBase,
} from "../core/knowledge-base.ts";
import type { SubjectData } from "../core/search/glossary.ts";

// A worker thread of the answer pool (answer-pool.ts): holds a copy of the knowledge base and answers
// questions with the same core function the main thread would use. Messages are handled one at a time and
// in order, so a knowledge base sent before a question is the one that question is answered from.

/**
 * How a knowledge base reaches a worker: in its one serialized shape, or as the persisted file to read with
 * the glossary beside it (the glossary may have changed since the index was persisted; it is small).
 */
export type KnowledgeSource =
  | { kind: "data"; data: SerializedKnowledgeBase }
  | {
      kind: "file";
      file: string;
      dir: string;
      glossary: { synonyms: string[][]; examples: string[]; subject?: SubjectData | null };
    };

export type ToWorker =
  | { type: "kb"; generation: number; source: KnowledgeSource }
  | { type: "answer"; id: number; question: string; history: Turn[] };

export type FromWorker =
  | { type: "answer"; id: number; answer: ReturnType<typeof answerQuestion> }
  | { type: "failed"; id: number; message: string }
  /** the persisted file could not be read (replaced meanwhile): the pool sends the base as data instead */
  | { type: "kb-unreadable"; generation: number; message: string };

const port = parentPort;
if (!port) throw new Error("answer worker: must run as a worker thread of the answer pool");

let kb: KnowledgeBase | null = null;
/** Messages wait here while a file is read, so each question still meets the base sent before it. */
const backlog: ToWorker[] = [];
let loading = false;
/** set when the persisted file could not be read: the questions wait for the base the pool sends as data */
let awaitingData = false;

port.on("message", (message: ToWorker) => {
  if (awaitingData && message.type === "kb" && message.source.kind === "data") {
    // Out of turn on purpose: the questions waiting in the backlog were asked against this very base.
    awaitingData = false;
    loading = false;
    kb = deserializeKnowledgeBase(message.source.data, "cache");
    drain();
    return;
  }
  backlog.push(message);
  if (!loading) drain();
});

function drain(): void {
  while (backlog.length > 0) {
    const message = backlog.shift()!;
    if (message.type === "kb") {
      if (message.source.kind === "data") {
        kb = deserializeKnowledgeBase(message.source.data, "cache");
        continue;
      }
      loading = true;
      void loadFile(message.generation, message.source).then((loaded) => {
        if (!loaded) {
          awaitingData = true;
          return;
        }
        loading = false;
        drain();
      });
      return;
    }
    answer(message);
  }
}

/** Reads the persisted index itself, so the main thread never serializes the base for the workers. */
async function loadFile(
  generation: number,
  source: Extract<KnowledgeSource, { kind: "file" }>,
): Promise<boolean> {
  try {
    const data = JSON.parse(await readFile(source.file, "utf8")) as SerializedKnowledgeBase;
    kb = deserializeKnowledgeBase(
      { ...data, dir: source.dir, glossary: { hash: "", ...source.glossary } },
      "cache",
    );
    return true;
  } catch (error) {
    const reply: FromWorker = {
      type: "kb-unreadable",
      generation,
      message: error instanceof Error ? error.message : String(error),
    };
    port!.postMessage(reply);
    return false;
  }
}

function answer(message: Extract<ToWorker, { type: "answer" }>): void {
  try {
    if (!kb) throw new Error("answer worker: asked a question before it was given the knowledge base");
    const reply: FromWorker = {
      type: "answer",
      id: message.id,
      answer: answerQuestion(kb, message.question, message.history),
    };
    port!.postMessage(reply);
  } catch (error) {
    const reply: FromWorker = {
      type: "failed",
      id: message.id,
      message: error instanceof Error ? (error.stack ?? error.message) : String(error),
    };
    port!.postMessage(reply);
  }
}
