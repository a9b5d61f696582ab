import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { loadConfig } from "../config.ts";
import { answerQuestion } from "../core/answer/answer.ts";
import { type Explanation, explanationText } from "../core/answer/explain.ts";
import { answerAsText } from "../core/answer/format.ts";
import type { Answer, Turn } from "../core/answer/types.ts";
import { CliExit, exitCodeOf } from "./exit.ts";
import type { CliIo } from "./io.ts";
import { openCommandKnowledge } from "./knowledge.ts";

export const ASK_USAGE = `usage: npm run -s ask -- [--json | --explain] [--knowledge DIR] "question"
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

/**
 * `npm run ask`: answers one question given as arguments, or JSON lines on the input with `--json`. Returns the
 * exit code: 0 answered (found or not), 1 no knowledge to answer from, 2 a wrong command line, 78 a bad setting.
 */
export function askCommand(argv: string[], io: CliIo): Promise<number> {
  return exitCodeOf(io.errors, () => ask(argv, io));
}

async function ask(argv: string[], io: CliIo): Promise<number> {
  const options = parseAskOptions(argv);
  if (options.help) {
    io.output.write(`${ASK_USAGE}\n`);
    return 0;
  }
  const question = options.question;
  if (question.trim() === "" && !options.json) {
    throw new CliExit(`ask: give a question, or --json with questions on standard input\n${ASK_USAGE}`, 2);
  }
  const config = loadConfig(io.env, { tool: true });
  const { kb, skipped } = await openCommandKnowledge("ask", ASK_USAGE, {
    dir: options.knowledge ?? config.KNOWLEDGE_DIR,
    stateDir: config.STATE_DIR,
    errors: io.errors,
    terminal: io.progress,
  });
  for (const line of skipped) io.errors.write(`${line}\n`);

  if (question.trim() !== "") {
    const explanation: Explanation | undefined = options.explain ? {} : undefined;
    const answer = answerQuestion(kb, question, [], explanation);
    io.output.write(`${options.json ? JSON.stringify(answerJson(answer, null)) : answerAsText(answer)}\n`);
    // With --json the explanation goes to stderr, so standard output stays one JSON object.
    if (explanation) (options.json ? io.errors : io.output).write(`\n${explanationText(explanation)}\n`);
    return 0;
  }
  const threads = new Map<string, Turn[]>();
  let lineNumber = 0;
  for await (const line of createInterface({ input: io.input, crlfDelay: Number.POSITIVE_INFINITY })) {
    lineNumber += 1;
    if (line.trim() === "") continue;
    const request = parseRequest(line);
    if ("error" in request) {
      io.output.write(`${JSON.stringify({ line: lineNumber, error: request.error })}\n`);
      continue;
    }
    const history = request.thread ? (threads.get(request.thread) ?? []) : [];
    const explanation: Explanation | undefined = options.explain ? {} : undefined;
    const answer = answerQuestion(kb, request.text, history, explanation);
    if (request.thread) threads.set(request.thread, [...history, answer.turn]);
    const out = answerJson(answer, request.thread);
    io.output.write(`${JSON.stringify(request.id === undefined ? out : { id: request.id, ...out })}\n`);
    // A thread's follow-up explained in turn (resolved referents, the thread's place): on stderr, as above.
    if (explanation) io.errors.write(`\n${request.text}\n${explanationText(explanation)}\n`);
  }
  return 0;
}

function parseAskOptions(argv: string[]) {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    // parseArgs names the wrong option ("Unknown option '--jsno'"); the usage says what is right.
    throw new CliExit(`ask: ${(error as Error).message.replace(/\. To specify.*$/su, "")}\n${ASK_USAGE}`, 2);
  }
  const { values, positionals } = parsed;
  return {
    help: values.help ?? false,
    json: values.json ?? false,
    explain: values.explain ?? false,
    knowledge: values.knowledge,
    question: positionals.join(" "),
  };
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    options: {
      json: { type: "boolean" },
      explain: { type: "boolean" },
      knowledge: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    allowPositionals: true,
    strict: true,
  });
}

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
