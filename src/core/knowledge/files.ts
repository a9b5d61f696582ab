import path from "node:path";
import { readRegularFile, walkFolder } from "./read-files.ts";

// What opening a knowledge folder needs before any document is parsed: kept apart from the parser, so a
// restart that loads a persisted index never imports the YAML and schema libraries.

export class KnowledgeError extends Error {
  override name = "KnowledgeError";
}

/** The largest knowledge file read; a bigger one is almost certainly not a briefing document. */
export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;
/** The largest glossary read: the shipped one is a few kilobytes. */
export const MAX_GLOSSARY_BYTES = 1024 * 1024;

/**
 * A knowledge file's bytes, read defensively (see readRegularFile): a FIFO, a device, a symlink loop or a
 * file over MAX_DOCUMENT_BYTES is refused (an UnreadableFileError with the reason), without reading it.
 */
export function readKnowledgeFile(full: string): Promise<Buffer> {
  return readRegularFile(full, MAX_DOCUMENT_BYTES, "for a knowledge file: split it into smaller documents");
}

export interface SkippedFile {
  file: string;
  reason: string;
}

/**
 * Lists the Markdown files of a knowledge folder, sorted, relative to it, walked safely (symlinked folders once,
 * never in a loop). What each is (a FIFO named `x.md`, a link to nothing) is found when it is read.
 */
export async function listKnowledgeFiles(dir: string): Promise<string[]> {
  try {
    const found = await walkFolder(dir, {
      wanted: (relative) => relative.endsWith(".md") && !/(^|\/)readme\.md$/iu.test(relative),
    });
    return found.map((file) => file.relative);
  } catch (error) {
    throw new KnowledgeError(
      `knowledge: cannot read the folder ${dir} (${(error as NodeJS.ErrnoException).code ?? String(error)}): ` +
        "check --knowledge or KNOWLEDGE_DIR",
    );
  }
}

/** The line printed for a skipped file. */
export function describeSkipped(dir: string, skipped: SkippedFile): string {
  return `knowledge: skipped ${path.join(dir, skipped.file)}: ${skipped.reason}`;
}
