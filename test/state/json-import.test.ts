import { mkdtemp, readdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { LEGACY_FILES } from "../../src/state/json-import.ts";
import { openStateStore } from "../../src/state/open.ts";
import { captureLog } from "../helpers/slack-fakes.ts";

const turn = { question: "troop ceiling", focus: ["troop", "ceiling"], docs: ["doc-a"], found: true };

async function freshDir(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), "minusma-import-"));
}

describe("importing an older install's JSON state", () => {
  it("imports threads, handled events, feedback and the digest ledger once, renames the files and says so", async () => {
    const dir = await freshDir();
    const now = Date.now();
    await writeFile(
      path.join(dir, LEGACY_FILES.threads),
      JSON.stringify({ threads: [{ key: "C1:1", updatedAt: now - 1_000, turns: [turn] }] }),
    );
    await writeFile(path.join(dir, LEGACY_FILES.events), JSON.stringify([["event:Ev1", now - 1_000]]));
    await writeFile(
      path.join(dir, LEGACY_FILES.feedback),
      JSON.stringify([
        {
          key: "C1:2:U1",
          at: "2024-05-01T08:00:00.000Z",
          user: "U1",
          channel: "C1",
          question: "q",
          helpful: true,
          docs: [],
        },
      ]),
    );
    const day = {
      day: "2024-06-03",
      status: "posted",
      channel: "C0DIGEST",
      hashes: { "doc-a": "h1" },
      ts: "1717394400.000100",
      turn,
      attempts: 1,
      updatedAt: "2024-06-03T08:00:00.000Z",
      error: null,
      owner: "old:1:abc",
    };
    await writeFile(path.join(dir, LEGACY_FILES.digest), JSON.stringify({ version: 1, entries: [day] }));

    const logs = captureLog();
    const store = await openStateStore({ STATE_DIR: dir }, { log: logs.log, role: "bot" });
    expect(await store.threads.history("C1:1")).toEqual([turn]);
    expect(await store.events.claim("event:Ev1")).toBe(false);
    expect((await store.feedback.list()).map((r) => r.key)).toEqual(["C1:2:U1"]);
    expect(await store.digest.entries()).toEqual([day]);
    expect(logs.at("info").join("\n")).toMatch(
      /state: imported the JSON state of an older install: 1 thread\(s\) from threads\.json \(kept as threads\.json\.imported-.*1 digest day\(s\) from digest-ledger\.json/u,
    );
    await store.close();

    const files = await readdir(dir);
    for (const name of Object.values(LEGACY_FILES)) {
      expect(files).not.toContain(name);
      expect(files.some((f) => f.startsWith(`${name}.imported-`))).toBe(true);
    }
    // The second start finds nothing to import, and keeps what was imported.
    const again = captureLog();
    const reopened = await openStateStore({ STATE_DIR: dir }, { log: again.log, role: "bot" });
    expect(again.text()).not.toMatch(/imported/u);
    expect(await reopened.threads.history("C1:1")).toEqual([turn]);
    await reopened.close();
  });

  it("moves aside a file that is not what it should be, says what that means, and imports the rest", async () => {
    const dir = await freshDir();
    await writeFile(path.join(dir, LEGACY_FILES.digest), "{ truncated");
    await writeFile(path.join(dir, LEGACY_FILES.events), JSON.stringify({ unexpected: true }));
    await writeFile(
      path.join(dir, LEGACY_FILES.threads),
      JSON.stringify({ threads: [{ key: "C1:1", updatedAt: Date.now(), turns: [turn] }] }),
    );
    const logs = captureLog();
    const store = await openStateStore({ STATE_DIR: dir }, { log: logs.log, role: "bot" });
    expect(await store.threads.has("C1:1")).toBe(true);
    expect(await store.digest.entries()).toEqual([]);
    const warnings = logs.at("warn").join("\n");
    expect(warnings).toMatch(
      /digest-ledger\.json is not what an older minusma-bot wrote, so it was not imported; moved it to .*unreadable-.*the channel is checked for the day's digest before it is posted/su,
    );
    expect(warnings).toMatch(/handled-events\.json is not what an older minusma-bot wrote/u);
    const files = await readdir(dir);
    expect(files.some((f) => f.startsWith(`${LEGACY_FILES.digest}.unreadable-`))).toBe(true);
    await store.close();
  });
});
