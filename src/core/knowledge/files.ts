import { readdir } from "node:fs/promises";
import path from "node:path";

// What opening a knowledge folder needs before any document is parsed: kept apart from the parser, so a
// restart that loads a persisted index never imports the YAML and schema libraries.

export class KnowledgeError extends Error {
  override name = "KnowledgeError";
}

export interface SkippedFile {
  file: string;
  reason: string;
}

/** Lists the Markdown files of a knowledge folder, sorted, relative to it. */
export async function listKnowledgeFiles(dir: string): Promise<string[]> {
  let entries: string[];
  try {
    entries = await readdir(dir, { recursive: true });
  } catch (error) {
    throw new KnowledgeError(
      `knowledge: cannot read the folder ${dir} (${(error as NodeJS.ErrnoException).code ?? String(error)}): ` +
        "check --knowledge or KNOWLEDGE_DIR",
    );
  }
  return entries
    .map((entry) => entry.split(path.sep).join("/"))
    .filter((entry) => entry.endsWith(".md") && !entry.split("/").some((part) => part.startsWith(".")))
    .filter((entry) => !/(^|\/)readme\.md$/iu.test(entry))
    .sort();
}

/** The line printed for a skipped file. */
export function describeSkipped(dir: string, skipped: SkippedFile): string {
  return `knowledge: skipped ${path.join(dir, skipped.file)}: ${skipped.reason}`;
}
