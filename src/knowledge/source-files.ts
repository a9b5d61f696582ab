import { randomBytes } from "node:crypto";
import { readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { ImportError } from "../core/knowledge/import/errors.ts";
import { MAX_SOURCE_BYTES, sourceKind } from "../core/knowledge/import/prepare.ts";

/** A file or folder given to `npm run add` that cannot be used at all: the message says what to do. */
export class SourceError extends Error {
  override name = "SourceError";
}

/** The files to import from a path: the file itself, or every file under a folder (hidden ones left out). */
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
  const entries = await readdir(target, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter(
      (file) =>
        !path
          .relative(target, file)
          .split(path.sep)
          .some((part) => part.startsWith(".")),
    )
    .filter((file) => !path.relative(target, file).split(path.sep).includes("node_modules"))
    .sort();
}

function isInside(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative));
}

/** Reads a source file, refusing one too big for its kind before reading it. */
export async function readSource(file: string): Promise<Uint8Array> {
  const kind = sourceKind(file);
  if (kind === null) throw new ImportError("it is not a .txt, .md or .pdf file");
  try {
    const info = await stat(file);
    if (info.size > MAX_SOURCE_BYTES[kind]) {
      throw new ImportError(
        `it is ${Math.round(info.size / 1024 / 1024)} MB, over the ${MAX_SOURCE_BYTES[kind] / 1024 / 1024} MB limit for a ${kind === "pdf" ? "PDF" : "text file"}: split it into smaller documents`,
      );
    }
    return await readFile(file);
  } catch (error) {
    if (error instanceof ImportError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new ImportError(`cannot read it (${code}): check that it exists and that you may read it`);
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
