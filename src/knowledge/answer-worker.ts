import { parentPort } from "node:worker_threads";
import { answerQuestion } from "../core/answer/answer.ts";
import { passageRoleStatements } from "../core/answer/roles/statements.ts";
import type { Turn } from "../core/answer/types.ts";
import {
  applyUpdate,
  deserializeKnowledgeBase,
  type GlossaryData,
  type KnowledgeBase,
  type KnowledgeUpdate,
  type SerializedKnowledgeBase,
} from "../core/knowledge-base.ts";
import { unpackSome } from "../core/search/mini-data.ts";
import { readPersisted } from "./persisted.ts";

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
  | { type: "answer"; id: number; question: string; history: Turn[] };

export type FromWorker =
  | { type: "answer"; id: number; answer: ReturnType<typeof answerQuestion> }
  | { type: "failed"; id: number; message: string }
  /** the persisted file could not be read (replaced meanwhile): the pool sends the base as data instead */
  | { type: "kb-unreadable"; generation: number; message: string };

const port = parentPort;
if (!port) throw new Error("answer worker: must run as a worker thread of the answer pool");

let kb: KnowledgeBase | null = null;
let generation = -1;
let step = 0;
/** Messages wait here while a file is read, so each question still meets the base sent before it. */
const backlog: ToWorker[] = [];
let loading = false;
/** set when the persisted file could not be read: the questions wait for the base the pool sends as data */
let awaitingData = false;

port.on("message", (message: ToWorker) => {
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
  unpackWhenIdle();
}

/** Terms whose maps are made in one turn of the event loop: about a millisecond of work at a time. */
const UNPACK_SLICE = 100;
let unpacking = false;

/**
 * A loaded index keeps its postings packed until a term is first searched (mini-data.ts), so it loads fast;
 * here every term's maps are made a slice at a time between questions, so none is made while one waits, and
 * the worker's memory settles within seconds of a start.
 */
function unpackWhenIdle(): void {
  if (unpacking) return;
  unpacking = true;
  const slice = () => {
    if (kb && unpackSome(kb.index.mini, UNPACK_SLICE)) setImmediate(slice);
    else {
      unpacking = false;
      readRolesWhenIdle();
    }
  };
  setImmediate(slice);
}

/** Passages read for role statements in one turn of the event loop: about a millisecond of work at a time. */
const ROLE_SLICE = 25;
let readingRoles = false;

/**
 * The first "who is the head of mission?" reads every passage holding a role's words for role statements
 * (roles/statements.ts), seconds at 100k passages; here they are read a slice at a time between questions once the
 * postings are unpacked, and kept with each passage (an update keeps the passages it does not change).
 */
function readRolesWhenIdle(): void {
  if (readingRoles || !kb) return;
  readingRoles = true;
  let ordinal = 0;
  const slice = () => {
    const passages = kb?.index.ordered ?? [];
    const end = Math.min(passages.length, ordinal + ROLE_SLICE);
    for (; ordinal < end; ordinal++) passageRoleStatements(passages[ordinal]!);
    if (ordinal < passages.length) setImmediate(slice);
    else readingRoles = false;
  };
  setImmediate(slice);
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

/**
 * The English word list (275k words) is not needed to load a base or for most answers, so it is not loaded
 * at start; it is loaded once the worker has had a few quiet seconds, so that an update (which reads new
 * documents' words) or a question with an unknown word later does not wait for it.
 */
let wordsWarmed = false;
function warmWordsSoon(): void {
  if (wordsWarmed) return;
  wordsWarmed = true;
  setTimeout(() => {
    void import("../core/knowledge/words.ts").then(({ warmEnglishWords }) => warmEnglishWords());
  }, 5_000).unref();
}

function answer(message: Extract<ToWorker, { type: "answer" }>): void {
  warmWordsSoon();
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
