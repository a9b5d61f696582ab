import { constants, type Dirent } from "node:fs";
import { open, readdir, stat } from "node:fs/promises";
import path from "node:path";

// Reading a folder someone else fills, defensively: the knowledge folder at start and on every change, and the
// files given to `npm run add`. Whatever is in it (a FIFO named like a document, a symlink loop, a sparse file
// of terabytes, a link to /dev/zero, more files than the process may open), the read ends, in bounded memory,
// and each file it cannot use gets one reason.

/** Limits of a folder read, each with why it is this number. */
export const FOLDER_LIMITS = {
  /**
   * Files read at the same time. Enough to keep a disk busy; far under the usual open-file limit (1,024), so a
   * folder of ten thousand files never fails with EMFILE however many other files the process holds.
   */
  concurrency: 16,
  /**
   * How deep a folder is walked. Knowledge folders are a level or two deep; this only stops a chain of
   * symlinked folders that would never end.
   */
  maxDepth: 16,
} as const;

/** A file that is not read: why, in words for the person who put it there. */
export class UnreadableFileError extends Error {
  override name = "UnreadableFileError";
  /** the system's error code when opening or reading failed (ENOENT, ELOOP, ...) */
  readonly code: string | undefined;
  constructor(message: string, code?: string) {
    super(message);
    this.code = code;
  }
}

/** What a path is when it is not a regular file, for the reason it is skipped. */
function specialKind(info: {
  isFIFO(): boolean;
  isSocket(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
  isDirectory(): boolean;
}): string {
  if (info.isFIFO()) return "a FIFO (named pipe)";
  if (info.isSocket()) return "a socket";
  if (info.isCharacterDevice() || info.isBlockDevice()) return "a device";
  if (info.isDirectory()) return "a folder";
  return "not a regular file";
}

function megabytes(bytes: number): string {
  const mb = bytes / 1024 / 1024;
  return mb >= 10 ? `${Math.round(mb)} MB` : `${Math.round(mb * 10) / 10} MB`;
}

/**
 * The reason a file of `size` bytes is over `maxBytes`; `advice` names the limit and what to do ("for a PDF:
 * split it into smaller documents").
 */
export function tooBigReason(size: number, maxBytes: number, advice: string): string {
  return `it is ${megabytes(size)}, over the ${megabytes(maxBytes)} limit ${advice}`;
}

/**
 * Reads a regular file of at most `maxBytes`. It is opened without blocking (a FIFO with no writer would
 * otherwise hold the open, and a thread of Node's file pool, for ever), then checked on the open descriptor,
 * so what is checked is what is read: anything but a regular file is refused, and a file over the limit is
 * refused before a byte is read. A file that grows past the limit while being read is refused too. Symlinks
 * are followed by the system, which refuses a loop (ELOOP). Throws an UnreadableFileError with the reason.
 */
export async function readRegularFile(file: string, maxBytes: number, advice: string): Promise<Buffer> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (error) {
    throw new UnreadableFileError(openFailure(error), (error as NodeJS.ErrnoException).code);
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new UnreadableFileError(`it is ${specialKind(info)}, not a regular file`);
    if (info.size > maxBytes) throw new UnreadableFileError(tooBigReason(info.size, maxBytes, advice));
    // One byte more than the limit is asked for, so a file that grew since fstat is noticed, not cut short.
    const buffer = Buffer.allocUnsafe(Math.min(info.size, maxBytes) + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > maxBytes) throw new UnreadableFileError(tooBigReason(length, maxBytes, advice));
      if (length === buffer.length) break;
    }
    return buffer.subarray(0, length);
  } catch (error) {
    if (error instanceof UnreadableFileError) throw error;
    throw new UnreadableFileError(openFailure(error), (error as NodeJS.ErrnoException).code);
  } finally {
    await handle.close();
  }
}

function openFailure(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code ?? String(error);
  if (code === "ELOOP") return "it is a symlink loop (ELOOP): remove the link";
  if (code === "ENOENT") return "it is gone, or a symlink to nothing (ENOENT)";
  if (code === "EACCES" || code === "EPERM") return `cannot read it (${code}): check its permissions`;
  return `cannot read it (${code})`;
}

/** A file found in a folder: its path relative to the folder (with `/`), and its full path. */
export interface FoundFile {
  relative: string;
  full: string;
}

export interface WalkOptions {
  /** whether a file with this relative path is wanted (by its name; it is read later) */
  wanted(relative: string): boolean;
  /** whether a sub-folder with this name is walked (hidden folders are never walked) */
  walkInto?(name: string): boolean;
}

/**
 * The wanted files under a folder, sorted. Hidden entries are left out. A symlink is followed once: to a file,
 * it is listed (and read through the link later); to a folder, the folder is walked unless it was walked
 * already, so a link back up the tree (a loop) ends the walk there. Unreadable sub-folders, and links to
 * nothing or in a loop, are left out here: a wanted file among them is listed, and its read gives the reason.
 */
export async function walkFolder(dir: string, options: WalkOptions): Promise<FoundFile[]> {
  const found: FoundFile[] = [];
  const walked = new Set<string>();
  const rootInfo = await stat(dir);
  walked.add(`${rootInfo.dev}:${rootInfo.ino}`);
  const visit = async (relativeDir: string, depth: number): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = await readdir(path.join(dir, relativeDir), { withFileTypes: true });
    } catch (error) {
      // The folder itself unreadable is the caller's error; a sub-folder is left out.
      if (relativeDir === "") throw error;
      return;
    }
    for (const entry of entries) {
      if (entry.name.startsWith(".")) continue;
      const relative = relativeDir === "" ? entry.name : `${relativeDir}/${entry.name}`;
      const full = path.join(dir, relative);
      let isDirectory = entry.isDirectory();
      if (entry.isSymbolicLink()) {
        try {
          isDirectory = (await stat(full)).isDirectory();
        } catch {
          isDirectory = false;
        }
      }
      if (isDirectory) {
        if (depth >= FOLDER_LIMITS.maxDepth || (options.walkInto && !options.walkInto(entry.name))) continue;
        let key: string;
        try {
          const info = await stat(full);
          key = `${info.dev}:${info.ino}`;
        } catch {
          continue;
        }
        if (walked.has(key)) continue;
        walked.add(key);
        await visit(relative, depth + 1);
      } else if (options.wanted(relative)) {
        found.push({ relative, full });
      }
    }
  };
  await visit("", 0);
  return found.sort((a, b) => (a.relative < b.relative ? -1 : a.relative > b.relative ? 1 : 0));
}

/** Runs `work` on every item, at most `limit` at a time, and returns the results in the items' order. */
export async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await work(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}
