import { mkdir, open, readFile, rename, rm } from "node:fs/promises";
import path from "node:path";

export class StateError extends Error {
  override name = "StateError";
}

/**
 * Reads a JSON state file, or returns `fallback` when it does not exist yet. A file that is not valid JSON
 * (written by hand, or by something else) is moved aside as `<file>.corrupt-<time>` rather than trusted or
 * silently overwritten.
 */
export async function readJsonFile<T>(file: string, fallback: T): Promise<T> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return fallback;
    throw new StateError(`state: cannot read ${file}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text) as T;
  } catch {
    await rename(file, `${file}.corrupt-${Date.now()}`).catch(() => undefined);
    return fallback;
  }
}

/**
 * Writes a JSON state file atomically: to a temporary file in the same folder, flushed to disk, then renamed
 * over the old one. A crash at any point leaves either the old complete file or the new complete file.
 */
export async function writeJsonFile(file: string, value: unknown): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  const handle = await open(temporary, "w");
  try {
    await handle.writeFile(JSON.stringify(value));
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw new StateError(`state: cannot write ${file}: ${(error as Error).message}`);
  }
}
