import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { loadConfig } from "../config.ts";
import { answerQuestion } from "../core/answer/answer.ts";
import { type Explanation, explanationText } from "../core/answer/explain.ts";
import { answerAsText } from "../core/answer/format.ts";
import type { Answer, Turn } from "../core/answer/types.ts";
import { describeSkipped } from "../core/knowledge/load.ts";
import { openKnowledgeBase } from "../knowledge/open.ts";
import { runCli } from "./run.ts";

const USAGE = `usage: npm run -s ask -- [--json | --explain] [--knowledge DIR] "question"
       npm run -s ask -- --json [--knowledge DIR] < questions.jsonl   (one {"id"?, "thread"?, "text"} a line)`;

/** The JSON shape of one answer, as documented in the README. */
export function answerJson(answer: Answer, thread: string | null) {
  return {
    text: answer.question,
    found: answer.found,
    answer: answer.text,
    confidence: answer.confidence,
    citations: answer.citations.map((citation) => ({
      n: citation.n,
      doc: citation.doc.id,
      title: citation.doc.title,
      source: citation.doc.source,
      date: citation.doc.date,
      url: citation.doc.url,
      passage: citation.passageId,
    })),
    thread,
  };
}

runCli(async (argv) => {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      json: { type: "boolean" },
      explain: { type: "boolean" },
      knowledge: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    allowPositionals: true,
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const config = loadConfig(process.env, { tool: true });
  const kb = await openKnowledgeBase(values.knowledge ?? config.KNOWLEDGE_DIR, {
    cacheDir: `${config.STATE_DIR}/index`,
  });
  for (const skipped of kb.skipped) console.error(describeSkipped(kb.dir, skipped));

  const question = positionals.join(" ");
  if (question.trim() !== "") {
    const explanation: Explanation | undefined = values.explain ? {} : undefined;
    const answer = answerQuestion(kb, question, [], explanation);
    console.log(values.json ? JSON.stringify(answerJson(answer, null)) : answerAsText(answer));
    if (explanation) console.log(`\n${explanationText(explanation)}`);
    return 0;
  }
  if (!values.json) {
    console.error(`ask: give a question, or --json with questions on standard input\n${USAGE}`);
    return 2;
  }
  const threads = new Map<string, Turn[]>();
  let lineNumber = 0;
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY })) {
    lineNumber += 1;
    if (line.trim() === "") continue;
    const request = parseRequest(line);
    if ("error" in request) {
      console.log(JSON.stringify({ line: lineNumber, error: request.error }));
      continue;
    }
    const history = request.thread ? (threads.get(request.thread) ?? []) : [];
    const answer = answerQuestion(kb, request.text, history);
    if (request.thread) threads.set(request.thread, [...history, answer.turn]);
    const out = answerJson(answer, request.thread);
    console.log(JSON.stringify(request.id === undefined ? out : { id: request.id, ...out }));
  }
  return 0;
});

function parseRequest(
  line: string,
): { id?: unknown; thread: string | null; text: string } | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { error: 'not valid JSON: send one object a line, such as {"text": "troop ceiling"}' };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value))
    return { error: "expected a JSON object" };
  const { id, thread, text } = value as Record<string, unknown>;
  if (typeof text !== "string") return { error: 'missing "text": the question, as a string' };
  if (thread !== undefined && thread !== null && typeof thread !== "string")
    return { error: '"thread" must be a string' };
  return { id, thread: typeof thread === "string" ? thread : null, text };
}
