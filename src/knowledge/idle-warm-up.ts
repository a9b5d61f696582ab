import { passageRoleStatements } from "../core/answer/roles/statements.ts";
import type { KnowledgeBase } from "../core/knowledge-base.ts";
import { unpackSome } from "../core/search/mini-data.ts";

// What an answer worker does between questions after it is given a knowledge base: the work a first question
// would otherwise wait for, a slice at a time, then one collection, so that a worker at rest is at the
// memory it keeps (its steady state) and not somewhere on the way to it.

/** One slice of idle work: true while the step has more to do, false once it is done. */
export type IdleStep = () => boolean | Promise<boolean>;

/** Terms whose maps are made in one slice: about a millisecond of work at a time. */
const UNPACK_SLICE = 100;
/** Passages read for role statements in one slice: about a millisecond of work at a time. */
const ROLE_SLICE = 25;

/** What the warm-up calls outside the knowledge base; the worker passes the real ones, tests their own. */
export interface WarmUpHooks {
  /** loads the English word list (once a process; the worker imports it only here) */
  warmWords(): Promise<void> | void;
  /** collects the garbage the warm-up left (IdleCollector.settle) */
  settle(): void;
}

/**
 * The steps, in order:
 * 1. every term's postings maps (a loaded index keeps them packed until a term is first searched,
 *    mini-data.ts), so none is made while a question waits and the worker's memory levels off early;
 * 2. every passage's role statements (the first "who is the head of mission?" reads every passage holding a
 *    role's words: seconds at 100k passages), kept with each passage;
 * 3. the English word list (275k words: a question with an unknown word, or an update reading new documents,
 *    needs it; ~25 MB a worker, so it belongs to the steady state, not to the first such question);
 * 4. one full collection, so the warm-up's garbage is not what the worker carries into its first questions.
 */
export function warmUpSteps(kb: KnowledgeBase, hooks: WarmUpHooks): IdleStep[] {
  let ordinal = 0;
  return [
    () => unpackSome(kb.index.mini, UNPACK_SLICE),
    () => {
      const passages = kb.index.ordered;
      const end = Math.min(passages.length, ordinal + ROLE_SLICE);
      for (; ordinal < end; ordinal++) passageRoleStatements(passages[ordinal]!);
      return ordinal < passages.length;
    },
    async () => {
      await hooks.warmWords();
      return false;
    },
    () => {
      hooks.settle();
      return false;
    },
  ];
}

/**
 * Runs idle steps one slice at a time, each slice in its own turn of the event loop (`defer`: setImmediate
 * in the worker), so a question that arrives meanwhile waits for one slice at most. Starting again (a new
 * knowledge base) drops what was left of the previous run.
 */
export class IdleWork {
  readonly #defer: (run: () => void) => void;
  #run = 0;
  #busy = false;

  constructor(defer: (run: () => void) => void = setImmediate) {
    this.#defer = defer;
  }

  start(steps: IdleStep[]): void {
    const run = ++this.#run;
    this.#busy = true;
    let at = 0;
    const slice = async (): Promise<void> => {
      if (run !== this.#run) return;
      const step = steps[at];
      if (!step) {
        this.#busy = false;
        return;
      }
      let more = false;
      try {
        more = await step();
      } catch {
        // The warm-up only does early what a question would do; a question meeting the same failure reports
        // it, so a failed step is left to that and the next step runs.
      }
      if (!more) at += 1;
      this.#defer(() => void slice());
    };
    this.#defer(() => void slice());
  }

  /** Whether steps are left to run. */
  get busy(): boolean {
    return this.#busy;
  }
}
