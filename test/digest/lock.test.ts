import { readFile, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { afterEach, describe, expect, it } from "vitest";
import { acquireLock, LOCK_STALE_MS, lockFile, processAlive } from "../../src/digest/lock.ts";
import { tempDir } from "./helpers/knowledge.ts";
import { deadPid } from "./helpers/process.ts";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function stateDir(): Promise<string> {
  const { dir, remove } = await tempDir("lock");
  cleanups.push(remove);
  return dir;
}

const now = new Date("2024-06-03T06:00:00Z");

describe("acquireLock", () => {
  it("is held by one taker at a time", async () => {
    const dir = await stateDir();
    const first = await acquireLock(dir, now);
    expect("held" in first).toBe(true);
    const second = await acquireLock(dir, now);
    expect(second).toEqual({ busy: expect.objectContaining({ pid: process.pid, host: hostname() }) });
    if ("held" in first) await first.held.release();
    const third = await acquireLock(dir, now);
    expect("held" in third).toBe(true);
  });

  it("lets exactly one of many simultaneous takers have it", async () => {
    const dir = await stateDir();
    const results = await Promise.all(Array.from({ length: 8 }, () => acquireLock(dir, now)));
    expect(results.filter((r) => "held" in r)).toHaveLength(1);
  });

  it("takes over a lock left by a process that is gone", async () => {
    const dir = await stateDir();
    const pid = await deadPid();
    expect(processAlive(pid)).toBe(false);
    await writeFile(
      lockFile(dir),
      JSON.stringify({ pid, host: hostname(), token: "old", acquiredAt: now.toISOString() }),
    );
    const result = await acquireLock(dir, now);
    expect("held" in result).toBe(true);
    expect(JSON.parse(await readFile(lockFile(dir), "utf8")).pid).toBe(process.pid);
  });

  it("takes over a lock older than the stale limit, and a damaged one", async () => {
    const dir = await stateDir();
    const old = new Date(now.getTime() - LOCK_STALE_MS - 1000).toISOString();
    await writeFile(
      lockFile(dir),
      JSON.stringify({ pid: process.pid, host: hostname(), token: "t", acquiredAt: old }),
    );
    const result = await acquireLock(dir, now);
    expect("held" in result).toBe(true);
    if ("held" in result) await result.held.release();

    await writeFile(lockFile(dir), "{not json");
    expect("held" in (await acquireLock(dir, now))).toBe(true);
  });

  it("does not release a lock that another process took over", async () => {
    const dir = await stateDir();
    const mine = await acquireLock(dir, now);
    if (!("held" in mine)) throw new Error("expected the lock");
    const other = { pid: 1, host: "other-host", token: "theirs", acquiredAt: now.toISOString() };
    await writeFile(lockFile(dir), JSON.stringify(other));
    await mine.held.release();
    expect(JSON.parse(await readFile(lockFile(dir), "utf8")).token).toBe("theirs");
  });
});
