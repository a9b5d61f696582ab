import { answerQuestion } from "../src/core/answer/answer.ts";
import { openKnowledgeBase } from "../src/knowledge/open.ts";

// Child process of the benchmark: what a restarted bot does before it can answer, and nothing else.
const [dir, cacheDir, question] = process.argv.slice(2);
const kb = await openKnowledgeBase(dir!, { cacheDir });
const answer = answerQuestion(kb, question ?? "troop ceiling");
process.stdout.write(
  JSON.stringify({ uptimeMs: process.uptime() * 1000, origin: kb.origin, found: answer.found }),
);
