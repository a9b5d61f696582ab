import { stat } from "node:fs/promises";
import path from "node:path";
import { describeSkipped, KnowledgeError } from "../core/knowledge/files.ts";
import type { KnowledgeBase } from "../core/knowledge-base.ts";
import { openKnowledgeBase } from "../knowledge/open.ts";
import { buildProgressDisplay } from "./build-progress.ts";
import { CliExit } from "./exit.ts";

// What every command does with the knowledge folder before answering from it, so `npm start`, `ask` and
// `digest` accept and refuse the same folders with the same words.

/**
 * Refuses a knowledge folder that is a file: a command-line mistake (exit 2, with the usage). A folder that is
 * not there is left to the loader, whose message names it (exit 1).
 */
export async function requireFolderNotFile(command: string, dir: string, usage: string): Promise<void> {
  const info = await stat(dir).catch(() => null);
  if (info && !info.isDirectory()) {
    throw new CliExit(
      `${command}: ${dir} is a file, not a folder: give --knowledge (or KNOWLEDGE_DIR) the folder of briefing documents\n${usage}`,
      2,
    );
  }
}

/**
 * Opens a command's knowledge folder the one way `npm start`, `ask` and `digest` share: a file given as the
 * folder is a usage error, the index build shows its progress on `errors`, the persisted index lives in
 * `STATE_DIR/index`, and a folder with no usable document is refused. Returns the base and the skipped-file lines.
 */
export async function openCommandKnowledge(
  command: string,
  usage: string,
  options: { dir: string; stateDir: string; errors: NodeJS.WritableStream; terminal: boolean },
): Promise<{ kb: KnowledgeBase; skipped: string[] }> {
  await requireFolderNotFile(command, options.dir, usage);
  const shown = buildProgressDisplay(options.errors, options.terminal, options.dir);
  const kb = await openKnowledgeBase(options.dir, {
    cacheDir: path.join(options.stateDir, "index"),
    progress: shown.progress,
  }).finally(shown.stop);
  return { kb, skipped: usableKnowledge(kb) };
}

/**
 * The lines that report the files skipped in a knowledge base; throws a KnowledgeError (listing them) when no
 * document is left to answer from, as answering "not found" to everything would hide the problem.
 */
export function usableKnowledge(kb: KnowledgeBase): string[] {
  const skipped = kb.skipped.map((file) => describeSkipped(kb.dir, file));
  if (kb.index.documents.length > 0) return skipped;
  throw new KnowledgeError(
    `knowledge: no usable documents in ${kb.dir}: add Markdown files with front matter (title, source, date)` +
      `${skipped.length > 0 ? ", fix the skipped files listed below," : ""} or point --knowledge (or ` +
      `KNOWLEDGE_DIR) at the folder that has them${skipped.map((line) => `\n  ${line}`).join("")}`,
  );
}
