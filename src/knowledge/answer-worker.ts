import { parentPort } from "node:worker_threads";
import { answerQuestion } from "../core/answer/answer.ts";
import type { Turn } from "../core/answer/types.ts";
import {
  applyUpdate,
  deserializeKnowledgeBase,
  type GlossaryData,
  type KnowledgeBase,
  type KnowledgeUpdate,
  type SerializedKnowledgeBase,
} from "../core/knowledge-base.ts";
import { IdleWork, warmUpSteps } from "./idle-warm-up.ts";
import { readPersisted } from "./persisted.ts";
import { quietCollector, type ThreadMemory, threadMemory } from "./worker-memory.ts";

// A worker thread of the answer pool (answer-pool.ts): holds a copy of the knowledge base and answers
// questions with the same core function the main thread would use. Messages are handled one at a time and
// in order, so a knowledge base (or an update) sent before a question is the one that question is answered
// from.

/**
 * How a knowledge base reaches a worker: in its one serialized shape, or as the persisted file to read with
 * the glossary beside it (the glossary may have changed since the index was persisted; it is small).
 */
export type KnowledgeSource =
  | { kind: "data"; data: SerializedKnowledgeBase }
  | { kind: "file"; file: string; dir: string; glossary: GlossaryData };

/**
 * `generation` counts the bases opened whole the pool has sent; `step` how many updates a base has had since
 * (the one sent as data has them all). A worker applies each update once, in order.
 */
export type ToWorker =
  | { type: "kb"; generation: number; step: number; source: KnowledgeSource }
  | { type: "update"; generation: number; step: number; update: KnowledgeUpdate }
  | { type: "answer"; id: number; question: string; history: Turn[] }
  /** how much memory the worker holds (answered at once, between questions) */
  | { type: "memory"; id: number };

/** A worker's memory, as `AnswerPool.memory()` reports it: settled once it holds a base and has warmed it. */
export type WorkerMemory = ThreadMemory;

export type FromWorker =
  | { type: "answer"; id: number; answer: ReturnType<typeof answerQuestion> }
  | { type: "failed"; id: number; message: string }
  /** the persisted file could not be read (replaced meanwhile): the pool sends the base as data instead */
  | { type: "kb-unreadable"; generation: number; message: string }
  | { type: "memory"; id: number; memory: WorkerMemory }
  /** the worker holds a knowledge base now, and has answered once: questions sent to it wait for neither */
  | { type: "ready"; generation: number };

const port = parentPort;
if (!port) throw new Error("answer worker: must run as a worker thread of the answer pool");

let kb: KnowledgeBase | null = null;
let generation = -1;
let step = 0;
/** Messages wait here while a file is read, so each question still meets the base sent before it. */
const backlog: Array<Exclude<ToWorker, { type: "memory" }>> = [];
let loading = false;
/** set when the persisted file could not be read: the questions wait for the base the pool sends as data */
let awaitingData = false;

/** The idle warm-up of the base the worker holds (idle-warm-up.ts), restarted with each base sent whole. */
const idle = new IdleWork();

let wordsWarmed: Promise<void> | null = null;
/** The English word list, imported only here: loading a base or most answers do not need it. */
function warmWords(): Promise<void> {
  wordsWarmed ??= import("../core/knowledge/words.ts").then(({ warmEnglishWords }) => {
    warmEnglishWords();
  });
  return wordsWarmed;
}

/** Returns the worker's garbage once it falls quiet (worker-memory.ts). */
const collector = quietCollector();

/** The worker's memory, for the pool's `memory()`: at rest once it holds a base and is done warming it. */
function memory(): WorkerMemory {
  return threadMemory(collector, !kb || idle.busy || loading);
}

port.on("message", (message: ToWorker) => {
  if (message.type === "memory") {
    // Out of turn: it asks about the worker, not about a base, so it need not wait for a file being read.
    const reply: FromWorker = { type: "memory", id: message.id, memory: memory() };
    port.postMessage(reply);
    return;
  }
  if (awaitingData && message.type === "kb" && message.source.kind === "data") {
    // Out of turn on purpose: the questions waiting in the backlog were asked against this very base (or
    // against an update of it that follows in the backlog, and is applied there unless the data has it).
    awaitingData = false;
    loading = false;
    take(message, message.source.data);
    drain();
    return;
  }
  backlog.push(message);
  if (!loading) drain();
});

function take(message: Extract<ToWorker, { type: "kb" }>, data: SerializedKnowledgeBase): void {
  kb = deserializeKnowledgeBase(data, "cache");
  generation = message.generation;
  step = message.step;
  warmUp();
  port!.postMessage({ type: "ready", generation } satisfies FromWorker);
  idle.start(warmUpSteps(kb, { warmWords, settle: () => collector?.settle() }));
}

/** Questions answered to warm up, from the glossary's examples (or a document's title without any). */
const WARM_UP_QUESTIONS = 3;
let warmedUp = false;
let answered = 0;

/**
 * A fresh thread's first answer costs about a hundred times a later one (every function of the answer path is
 * compiled on first use, every regular expression on first match): about 200 ms against 2 ms at 10k
 * passages. The worker pays that once, right after its first base is loaded and before it says it is ready,
 * on questions of its own, so a restart's first real question does not (the main thread answers until a
 * worker is ready). The idle warm-up (idle-warm-up.ts) comes after: it reads ahead what later questions need.
 */
function warmUp(): void {
  if (warmedUp || !kb) return;
  warmedUp = true;
  if (answered > 0) return;
  const questions = kb.glossary.examples.slice(0, WARM_UP_QUESTIONS);
  const title = kb.index.documents[0]?.title;
  if (questions.length === 0 && title) questions.push(`What is ${title}?`);
  try {
    for (const question of questions) answerQuestion(kb, question, []);
  } catch {
    // A question of its own that fails says nothing about the real ones: each is answered (or fails) anyway.
  }
}

function drain(): void {
  while (backlog.length > 0) {
    const message = backlog.shift()!;
    if (message.type === "kb") {
      if (message.source.kind === "data") {
        take(message, message.source.data);
        continue;
      }
      loading = true;
      void loadFile(message, message.source).then((loaded) => {
        if (!loaded) {
          awaitingData = true;
          return;
        }
        loading = false;
        drain();
      });
      return;
    }
    if (message.type === "update") {
      // An update the base already has (it came as data with it) is skipped; the next one is applied.
      if (kb && message.generation === generation && message.step === step + 1) {
        kb = applyUpdate(kb, message.update);
        step = message.step;
        collector?.worked();
      }
      continue;
    }
    answer(message);
  }
}

/** Reads the persisted index itself, so the main thread never serializes the base for the workers. */
async function loadFile(
  message: Extract<ToWorker, { type: "kb" }>,
  source: Extract<KnowledgeSource, { kind: "file" }>,
): Promise<boolean> {
  try {
    const data = await readPersisted(source.file);
    take(message, { ...data, dir: source.dir, glossary: { hash: "", ...source.glossary } });
    return true;
  } catch (error) {
    const reply: FromWorker = {
      type: "kb-unreadable",
      generation: message.generation,
      message: error instanceof Error ? error.message : String(error),
    };
    port!.postMessage(reply);
    return false;
  }
}

function answer(message: Extract<ToWorker, { type: "answer" }>): void {
  answered += 1;
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
  } finally {
    collector?.worked();
  }
}
