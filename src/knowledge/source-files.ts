import { randomBytes } from "node:crypto";
import { rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { ImportError } from "../core/knowledge/import/errors.ts";
import { MAX_SOURCE_BYTES, sourceKind } from "../core/knowledge/import/prepare.ts";
import { readRegularFile, UnreadableFileError, walkFolder } from "../core/knowledge/read-files.ts";

/** A file or folder given to `npm run add` that cannot be used at all: the message says what to do. */
export class SourceError extends Error {
  override name = "SourceError";
}

/**
 * The files to import from a path: the file itself, or every file under a folder (hidden ones and
 * node_modules left out), walked as the knowledge folder is: symlinked folders once, never in a loop. A FIFO or
 * a device in it is listed, and refused with its reason when read.
 */
export async function listSources(target: string, knowledgeDir: string): Promise<string[]> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new SourceError(
      code === "ENOENT"
        ? `add: cannot find ${target}: check the path`
        : `add: cannot open ${target} (${code ?? String(error)}): check its permissions`,
    );
  }
  const absolute = path.resolve(target);
  const knowledge = path.resolve(knowledgeDir);
  if (isInside(absolute, knowledge)) {
    throw new SourceError(
      `add: ${target} is already in the knowledge folder ${knowledgeDir}: add documents from another folder (a file dropped there by hand is loaded as it is)`,
    );
  }
  if (!info.isDirectory()) return [target];
  if (isInside(knowledge, absolute)) {
    throw new SourceError(
      `add: ${target} holds the knowledge folder ${knowledgeDir} itself: add from a folder of new documents`,
    );
  }
  const found = await walkFolder(target, {
    wanted: () => true,
    walkInto: (name) => name !== "node_modules",
  });
  return found.map((file) => path.join(target, file.relative));
}

function isInside(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative));
}

/**
 * Reads a source file as the knowledge folder is read (readRegularFile): a FIFO, a device or a symlink loop is
 * refused without blocking, and a file too big for its kind before a byte is read.
 */
export async function readSource(file: string): Promise<Uint8Array> {
  const kind = sourceKind(file);
  if (kind === null) throw new ImportError("it is not a .txt, .md or .pdf file");
  try {
    return await readRegularFile(
      file,
      MAX_SOURCE_BYTES[kind],
      `for a ${kind === "pdf" ? "PDF" : "text file"}: split it into smaller documents`,
    );
  } catch (error) {
    if (error instanceof UnreadableFileError) throw new ImportError(error.message);
    throw error;
  }
}

/**
 * Writes a knowledge file atomically: a hidden temporary file beside it, then a rename. A watching bot never
 * sees half a file, and the loader never lists the temporary one (hidden files are not knowledge).
 */
export async function writeKnowledgeFile(dir: string, file: string, text: string): Promise<void> {
  const target = path.join(dir, file);
  const temporary = path.join(
    path.dirname(target),
    `.${path.basename(target)}.${randomBytes(4).toString("hex")}.tmp`,
  );
  try {
    await writeFile(temporary, text);
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
