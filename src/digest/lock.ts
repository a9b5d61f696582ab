import { randomBytes } from "node:crypto";
import { link, mkdir, open, readFile, rename, rm } from "node:fs/promises";
import { hostname } from "node:os";
import path from "node:path";

/** The lock's file name inside STATE_DIR. */
export const LOCK_FILE = "digest.lock";
/**
 * A lock older than this is taken over even if its process looks alive: posting takes seconds, so a lock
 * this old belongs to a hung process or to a pid that was reused after a crash.
 */
export const LOCK_STALE_MS = 15 * 60 * 1000;

/** What a lock file holds: who holds it, and since when. */
export interface LockInfo {
  pid: number;
  host: string;
  /** unique per acquisition, so a holder never releases a lock that is no longer its own */
  token: string;
  acquiredAt: string;
}

export interface HeldLock {
  info: LockInfo;
  release(): Promise<void>;
}

export type LockResult = { held: HeldLock } | { busy: LockInfo };

export function lockFile(stateDir: string): string {
  return path.join(stateDir, LOCK_FILE);
}

/**
 * Takes the digest lock of a state folder, or says who holds it. The lock file is created by link(), which
 * like O_EXCL succeeds for one process only, and which publishes the file with its content already
 * written, so no other process ever reads a half-written lock. A lock whose process is gone (same host, pid
 * not running) or that is older than LOCK_STALE_MS is stale and is taken over.
 */
export async function acquireLock(stateDir: string, now: Date, staleMs = LOCK_STALE_MS): Promise<LockResult> {
  return acquireLockFile(lockFile(stateDir), now, staleMs);
}

/**
 * The same lock on any file: the SQLite store takes one on `STATE_DIR/minusma.lock` for as long as the bot
 * runs (with no age limit: only a dead holder's lock is taken over), so a second bot on the folder is refused.
 */
export async function acquireLockFile(file: string, now: Date, staleMs = LOCK_STALE_MS): Promise<LockResult> {
  await mkdir(path.dirname(file), { recursive: true });
  const info: LockInfo = {
    pid: process.pid,
    host: hostname(),
    token: randomBytes(8).toString("hex"),
    acquiredAt: now.toISOString(),
  };
  // Two rounds: one to find a stale lock and clear it, one to take the lock.
  for (let round = 0; round < 2; round++) {
    if (await createExclusive(file, info)) {
      return { held: { info, release: () => releaseLock(file, info.token) } };
    }
    const holder = await readLock(file);
    if (holder === "gone") continue;
    if (holder !== "unreadable" && !isStale(holder, now, staleMs)) return { busy: holder };
    if (!(await clearStaleLock(file, holder))) {
      const current = await readLock(file);
      if (typeof current === "object") return { busy: current };
    }
  }
  const holder = await readLock(file);
  if (typeof holder === "object") return { busy: holder };
  throw new Error(`state: cannot take the lock ${file}; remove it if no minusma-bot is running`);
}

/** Creates the lock file with `info` in it, or returns false if it already exists. */
async function createExclusive(file: string, info: LockInfo): Promise<boolean> {
  const temporary = `${file}.${info.token}.tmp`;
  const handle = await open(temporary, "w");
  try {
    await handle.writeFile(JSON.stringify(info));
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await link(temporary, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  } finally {
    await rm(temporary, { force: true });
  }
}

async function readLock(file: string): Promise<LockInfo | "gone" | "unreadable"> {
  try {
    const data = JSON.parse(await readFile(file, "utf8")) as Partial<LockInfo>;
    if (
      typeof data.pid !== "number" ||
      typeof data.token !== "string" ||
      typeof data.acquiredAt !== "string"
    ) {
      return "unreadable";
    }
    return { pid: data.pid, host: String(data.host ?? ""), token: data.token, acquiredAt: data.acquiredAt };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return "gone";
    // Not JSON: edited by hand or damaged. Locks are published complete, so no live holder writes it.
    return "unreadable";
  }
}

function isStale(holder: LockInfo, now: Date, staleMs: number): boolean {
  const age = now.getTime() - Date.parse(holder.acquiredAt);
  if (!(age < staleMs)) return true;
  return holder.host === hostname() && !processAlive(holder.pid);
}

/** Whether a process with this pid runs on this host (EPERM means it does, under another user). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Moves a stale lock aside and checks that what was moved is the lock judged stale. If another process
 * replaced it in between (it cleared the same stale lock and took a fresh one), the fresh lock is put back
 * and this process reports the lock as busy: of two processes clearing one stale lock, one wins.
 */
async function clearStaleLock(file: string, stale: LockInfo | "unreadable"): Promise<boolean> {
  const aside = `${file}.stale-${process.pid}-${randomBytes(4).toString("hex")}`;
  try {
    await rename(file, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return true;
    throw error;
  }
  const moved = await readLock(aside);
  const same =
    stale === "unreadable"
      ? moved === "unreadable"
      : typeof moved === "object" && moved.token === stale.token;
  if (!same) {
    // link() fails if yet another lock appeared meanwhile; that one then stands, and ours is dropped.
    await link(aside, file).catch(() => undefined);
  }
  await rm(aside, { force: true });
  return same;
}

/** Removes the lock only if it is still ours: after a takeover, the file belongs to someone else. */
async function releaseLock(file: string, token: string): Promise<void> {
  const holder = await readLock(file);
  if (typeof holder === "object" && holder.token === token) await rm(file, { force: true });
}
