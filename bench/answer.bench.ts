import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { answerQuestion } from "../src/core/answer/answer.ts";
import type { KnowledgeBase } from "../src/core/knowledge-base.ts";
import { openKnowledgeBase } from "../src/knowledge/open.ts";
import { readGolden } from "../test/golden/golden.ts";
import { syntheticQuestions, writeSyntheticCorpus } from "./synthetic.ts";

// The answer-path benchmark of issue 2: build time, heap, restart with a persisted index, and latency of the
// whole answer path (parsing, search, composition) on the real knowledge base and on 10k and 100k passages.
// Usage: npm run bench [-- --quick]   (--quick skips the 100k corpus)

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const quick = process.argv.includes("--quick");

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MB`;
}

function percentiles(samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return `p50 ${at(0.5).toFixed(2)} ms  p95 ${at(0.95).toFixed(2)} ms  p99 ${at(0.99).toFixed(2)} ms  (n=${sorted.length})`;
}

function heapAfterGc(): number {
  globalThis.gc?.();
  return process.memoryUsage().heapUsed;
}

function latency(kb: KnowledgeBase, questions: string[]): string {
  // Warm up the JIT and the lazily loaded word list, as a running bot would be.
  for (const question of questions.slice(0, 50)) answerQuestion(kb, question);
  const samples = questions.map((question) => {
    const start = performance.now();
    answerQuestion(kb, question);
    return performance.now() - start;
  });
  return percentiles(samples);
}

/** Starts a fresh process that opens the knowledge base from its persisted index and answers one question. */
function firstAnswer(
  dir: string,
  cacheDir: string,
  question: string,
): Promise<{ wall: number; inside: number }> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(
      process.execPath,
      ["--import", "tsx", path.join(root, "bench/first-answer.ts"), dir, cacheDir, question],
      { cwd: root, stdio: ["ignore", "pipe", "inherit"] },
    );
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) reject(new Error(`first-answer exited ${code}`));
      else resolve({ wall: performance.now() - start, inside: Number(JSON.parse(out).uptimeMs) });
    });
  });
}

async function corpusRun(label: string, passages: number, questionsCount: number): Promise<void> {
  const work = await mkdtemp(path.join(tmpdir(), `minusma-bench-${passages}-`));
  try {
    const dir = path.join(work, "knowledge");
    const cacheDir = path.join(work, "index");
    const corpus = await writeSyntheticCorpus(dir, passages);
    const questions = syntheticQuestions(corpus, questionsCount);

    const before = heapAfterGc();
    let start = performance.now();
    const built = await openKnowledgeBase(dir);
    const buildMs = performance.now() - start;
    const heap = heapAfterGc() - before;
    console.log(
      `${label}: ${built.index.passages.size} passages, build ${buildMs.toFixed(0)} ms, heap +${mb(heap)}`,
    );
    console.log(`${label}: answer latency ${latency(built, questions)}`);

    await openKnowledgeBase(dir, { cacheDir }); // builds and persists
    start = performance.now();
    const loaded = await openKnowledgeBase(dir, { cacheDir });
    const loadMs = performance.now() - start;
    if (loaded.origin !== "cache") throw new Error("bench: the persisted index was not used");
    console.log(
      `${label}: load persisted index ${loadMs.toFixed(0)} ms vs build ${buildMs.toFixed(0)} ms (${(buildMs / loadMs).toFixed(1)}x faster)`,
    );
    const first = await firstAnswer(dir, cacheDir, questions[0]!);
    console.log(
      `${label}: restart to first answer ${first.inside.toFixed(0)} ms in process (${first.wall.toFixed(0)} ms wall, with the tsx loader)`,
    );
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  console.log(`minusma-bot answer benchmark, node ${process.version}${quick ? " (quick: no 100k run)" : ""}`);
  const start = performance.now();
  const kb = await openKnowledgeBase(path.join(root, "knowledge"));
  const golden = readGolden(path.join(root, "test/golden/questions.jsonl")).map((q) => q.text);
  const questions = Array.from({ length: 1000 }, (_, i) => golden[i % golden.length]!);
  console.log(
    `knowledge/: ${kb.index.passages.size} passages, build ${(performance.now() - start).toFixed(0)} ms; answer latency ${latency(kb, questions)}`,
  );
  await corpusRun("10k", 10_000, 1_000);
  if (!quick) await corpusRun("100k", 100_000, 1_000);
}

await main();
