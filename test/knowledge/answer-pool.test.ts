import { cp, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { answerQuestion } from "../../src/core/answer/answer.ts";
import { applyUpdate, type KnowledgeBase } from "../../src/core/knowledge-base.ts";
import {
  AnswerPool,
  type AnswerPoolOptions,
  AnswerTimeoutError,
  BusyError,
  defaultAnswerWorkers,
} from "../../src/knowledge/answer-pool.ts";
import { KnowledgeBuilder } from "../../src/knowledge/builder.ts";
import { openKnowledgeBase } from "../../src/knowledge/open.ts";
import { doc, knowledgeFolder } from "../helpers/knowledge-folder.ts";
import { captureLog, realKnowledgeBase } from "../helpers/slack-fakes.ts";

// The answer pool answers on worker threads exactly what the main thread would, follows the knowledge base
// when it changes, and loses no question when a worker dies or hangs.

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await realKnowledgeBase();
});

const pools: AnswerPool[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.close()));
});

// The bot's limits (an answer's timeout, how long a question may wait) are tuned for a bot that answers in
// milliseconds; on a busy test machine sixty questions at once can wait longer than that. Tests that are not
// about a limit get generous ones, so they only fail on a hang; tests about a limit set it (and the clock).
const GENEROUS_MS = 120_000;

function pool(size: number, timeoutMs?: number, more: Partial<AnswerPoolOptions> = {}) {
  const logs = captureLog();
  const made = new AnswerPool({
    size,
    log: logs.log,
    timeoutMs: timeoutMs ?? GENEROUS_MS,
    maxWaitMs: GENEROUS_MS,
    ...more,
  });
  pools.push(made);
  return { pool: made, logs };
}

const QUESTIONS = [
  "troop ceiling",
  "What was Operation Seka?",
  "how many peacekeepers were killed",
  "weather in Paris",
  "",
];

describe("AnswerPool", () => {
  it("answers on workers exactly as the main thread does, follow-ups included", async () => {
    const { pool: answers } = pool(2);
    for (const question of QUESTIONS) {
      expect(await answers.answer(kb, question, [])).toEqual(answerQuestion(kb, question));
    }
    const first = answerQuestion(kb, "troop ceiling");
    expect(await answers.answer(kb, "and for police?", [first.turn])).toEqual(
      answerQuestion(kb, "and for police?", [first.turn]),
    );
    expect(answers.workers).toHaveLength(2);
  });

  it("answers many questions at once, each with its own answer, in any order of arrival", async () => {
    const { pool: answers } = pool(2);
    const asked = Array.from({ length: 60 }, (_, i) => QUESTIONS[i % QUESTIONS.length] ?? "");
    const got = await Promise.all(asked.map((question) => answers.answer(kb, question, [])));
    expect(got.map((answer) => answer.text)).toEqual(
      asked.map((question) => answerQuestion(kb, question).text),
    );
  });

  it("answers from the new knowledge base once the documents change", async () => {
    const dir = await knowledgeFolder({
      "ops.md": doc(
        { title: "Operation Zorbak", source: "UN", date: "2024-05-01" },
        "Operation Zorbak was launched in April 2024 to secure the road between Gao and Ansongo.",
      ),
    });
    const other = await openKnowledgeBase(dir);
    const { pool: answers } = pool(1);
    const question = "When was Operation Zorbak launched?";
    expect((await answers.answer(kb, question, [])).found).toBe(false);
    const changed = await answers.answer(other, question, []);
    expect(changed).toEqual(answerQuestion(other, question));
    expect(changed.found).toBe(true);
    expect((await answers.answer(kb, question, [])).found).toBe(false);
  });

  it("answers a question whose worker dies, on the worker that replaces it", async () => {
    const { pool: answers, logs } = pool(1);
    await answers.answer(kb, "troop ceiling", []);
    const [first] = answers.workers;
    const pending = answers.answer(kb, "What was Operation Seka?", []);
    await first?.terminate();
    expect(await pending).toEqual(answerQuestion(kb, "What was Operation Seka?"));
    expect(answers.workers[0]).not.toBe(first);
    expect(logs.at("warn")).toEqual([
      expect.stringMatching(/an answer worker stopped \(it exited with code 1\); starting another/u),
    ]);
  });

  it("gives up a question that runs past the time limit, with an error that says so, and replaces its worker", async () => {
    // A limit shorter than any answer: every question runs past it.
    const { pool: answers } = pool(1, 1);
    const first = answers.answer(kb, "troop ceiling", []);
    await expect(first).rejects.toBeInstanceOf(AnswerTimeoutError);
    await expect(first).rejects.toThrow(
      /answering "troop ceiling" took over 1 ms; gave it up and replaced its worker \(if a question keeps doing this, report it/u,
    );
    expect(answers.workers).toHaveLength(1);
    expect(answers.onMainThread).toBe(false);
  });

  it("answers on the main thread after workers keep crashing, and says so once", async () => {
    const { pool: answers, logs } = pool(1);
    for (let i = 0; i < 5; i += 1) {
      const pending = answers.answer(kb, "troop ceiling", []);
      await answers.workers[0]?.terminate();
      await pending.catch(() => undefined);
    }
    expect(answers.onMainThread).toBe(true);
    expect(logs.at("error")).toEqual([
      expect.stringMatching(/answer workers crashed 5 times in a minute .*answering on the main thread/u),
    ]);
    expect(await answers.answer(kb, "troop ceiling", [])).toEqual(answerQuestion(kb, "troop ceiling"));
  });

  it("with no workers, answers on the main thread", async () => {
    const { pool: answers } = pool(0);
    expect(await answers.answer(kb, "troop ceiling", [])).toEqual(answerQuestion(kb, "troop ceiling"));
    expect(answers.workers).toEqual([]);
  });

  it("refuses what is still waiting when it closes, rather than leaving it hanging", async () => {
    const { pool: answers } = pool(1);
    const waiting = Promise.allSettled(
      Array.from({ length: 5 }, () => answers.answer(kb, "troop ceiling", [])),
    );
    await answers.close();
    const settled = await waiting;
    for (const outcome of settled) {
      if (outcome.status === "rejected") expect(String(outcome.reason)).toMatch(/the bot is stopping/u);
    }
    expect(settled.some((outcome) => outcome.status === "rejected")).toBe(true);
    expect(answers.workers).toEqual([]);
  });

  it("has workers read the persisted index themselves, and answers from it as the main thread does", async () => {
    const cache = await mkdtemp(path.join(tmpdir(), "minusma-pool-index-"));
    try {
      const persisted = await openKnowledgeBase("knowledge", { cacheDir: cache });
      expect(persisted.file).toMatch(/index-[0-9a-f]+\.v8$/u);
      const { pool: answers } = pool(1);
      for (const question of QUESTIONS) {
        expect(await answers.answer(persisted, question, [])).toEqual(answerQuestion(persisted, question));
      }
    } finally {
      await rm(cache, { recursive: true, force: true });
    }
  });

  it("reports each thread's memory, and each worker comes to rest after its warm-up with one collection", async () => {
    const { pool: answers } = pool(2);
    answers.warm(kb);
    const rested = await vi.waitFor(
      async () => {
        const memory = await answers.memory();
        expect(memory.workers.every((worker) => worker?.settled)).toBe(true);
        return memory;
      },
      { timeout: 60_000, interval: 100 },
    );
    expect(rested.workers).toHaveLength(2);
    for (const worker of rested.workers) {
      expect(worker?.collections).toBe(1);
      expect(worker?.liveBytes).toBeGreaterThan(0);
      expect(worker?.usedBytes).toBeLessThanOrEqual(worker?.totalBytes ?? 0);
    }
    expect(rested.main.usedBytes).toBeGreaterThan(0);
  }, 90_000);

  it("sends the base itself when its persisted file is gone before a worker reads it", async () => {
    const cache = await mkdtemp(path.join(tmpdir(), "minusma-pool-index-"));
    try {
      const persisted = await openKnowledgeBase("knowledge", { cacheDir: cache });
      await rm(cache, { recursive: true, force: true });
      const { pool: answers } = pool(1);
      expect(await answers.answer(persisted, "troop ceiling", [])).toEqual(
        answerQuestion(persisted, "troop ceiling"),
      );
    } finally {
      await rm(cache, { recursive: true, force: true });
    }
  });
});

describe("AnswerPool at a start", () => {
  it("starts one worker, the others once it holds the base, and says when every one does", async () => {
    const { pool: answers } = pool(2);
    let allReady = false;
    const ready = answers.ready().then(() => {
      allReady = true;
    });
    answers.warm(kb);
    // One loads at first: two loading at once (beside the main thread's own start) would each take longer.
    expect(answers.workers).toHaveLength(1);
    await ready;
    expect(allReady).toBe(true);
    expect(answers.workers).toHaveLength(2);
    expect(await answers.answer(kb, "troop ceiling", [])).toEqual(answerQuestion(kb, "troop ceiling"));
  });

  it("answers the questions asked before a worker is ready, as the workers would, when the main thread may", async () => {
    const { pool: answers } = pool(2, undefined, { mainThreadUntilReady: true });
    answers.warm(kb);
    const asked = await Promise.all(QUESTIONS.map((question) => answers.answer(kb, question, [])));
    expect(asked).toEqual(QUESTIONS.map((question) => answerQuestion(kb, question)));
    await answers.ready();
    expect(answers.workers).toHaveLength(2);
    expect(await answers.answer(kb, "troop ceiling", [])).toEqual(answerQuestion(kb, "troop ceiling"));
  });

  it("is ready at once when it answers on the main thread", async () => {
    const { pool: answers } = pool(0);
    await answers.ready();
    expect(answers.workers).toEqual([]);
  });
});

describe("AnswerPool following updates of the knowledge base", () => {
  it("answers from each update as the main thread does, and a worker started later catches up", async () => {
    const work = await mkdtemp(path.join(tmpdir(), "minusma-pool-updates-"));
    const builder = new KnowledgeBuilder();
    try {
      const dir = path.join(work, "knowledge");
      const cacheDir = path.join(work, "index");
      await cp("knowledge", dir, { recursive: true });
      const first = await openKnowledgeBase(dir, { cacheDir });
      await builder.adopt(first, cacheDir);
      const { pool: answers } = pool(1);
      const question = "When was Operation Zorbak launched?";
      expect(await answers.answer(first, question, [])).toEqual(answerQuestion(first, question));
      await writeFile(
        path.join(dir, "zorbak.md"),
        doc(
          { title: "Operation Zorbak", source: "UN", date: "2024-05-01" },
          "Operation Zorbak was launched in April 2024 to secure the road between Gao and Ansongo.",
        ),
      );
      const outcome = await builder.update(dir, cacheDir);
      if (outcome.kind !== "update") throw new Error(`expected an update, got ${outcome.kind}`);
      const second = applyUpdate(first, outcome.update);
      const answered = await answers.answer(second, question, []);
      expect(answered.found).toBe(true);
      expect(answered).toEqual(answerQuestion(second, question));
      // A replacement worker loads the first base's file and applies the update itself.
      await answers.workers[0]?.terminate();
      expect(await answers.answer(second, question, [])).toEqual(answerQuestion(second, question));
    } finally {
      await builder.close();
      await rm(work, { recursive: true, force: true });
    }
  });
});

describe("AnswerPool under more questions than it can answer in time", () => {
  it("refuses at once, as busy, a question that arrives when the waiting line is full", async () => {
    const { pool: answers } = pool(1, undefined, { maxWaiting: 2 });
    // The worker is handed two at once; two more wait; the fifth finds the line full.
    const asked = Array.from({ length: 5 }, () => answers.answer(kb, "troop ceiling", []));
    const settled = await Promise.allSettled(asked);
    expect(settled.map((outcome) => outcome.status)).toEqual([
      "fulfilled",
      "fulfilled",
      "fulfilled",
      "fulfilled",
      "rejected",
    ]);
    const refused = settled[4] as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(BusyError);
    expect(String(refused.reason)).toMatch(/2 questions were already waiting/u);
  });

  it("refuses, as busy, the questions that waited past the limit, and answers the ones handed over in time", async () => {
    let now = 1_000_000;
    const { pool: answers, logs } = pool(1, undefined, { maxWaitMs: 8_000, now: () => now });
    const asked = Array.from({ length: 5 }, () => answers.answer(kb, "troop ceiling", []));
    // The first two are with the worker; the other three wait while the clock passes the limit.
    now += 8_001;
    const settled = await Promise.allSettled(asked);
    expect(settled.map((outcome) => outcome.status)).toEqual([
      "fulfilled",
      "fulfilled",
      "rejected",
      "rejected",
      "rejected",
    ]);
    for (const outcome of settled.slice(2))
      expect(String((outcome as PromiseRejectedResult).reason)).toMatch(/waited over 8000 ms/u);
    // One warning for the burst, not one per question.
    expect(logs.at("warn")).toEqual([
      expect.stringMatching(/too many questions at once: 1 refused as busy/u),
    ]);
  });

  it("bounds the main thread's line the same way when it answers there", async () => {
    let now = 0;
    const { pool: answers } = pool(0, undefined, { maxWaitMs: 5_000, now: () => now });
    const first = answers.answer(kb, "troop ceiling", []);
    now += 5_001;
    await expect(first).rejects.toBeInstanceOf(BusyError);
    expect(await answers.answer(kb, "troop ceiling", [])).toEqual(answerQuestion(kb, "troop ceiling"));
  });

  it("uses every core for answer workers by default, at least one", () => {
    expect(defaultAnswerWorkers()).toBeGreaterThanOrEqual(1);
    expect(defaultAnswerWorkers()).toBeLessThanOrEqual(4);
  });
});
