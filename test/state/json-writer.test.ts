import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { JsonFileWriter } from "../../src/state/json-writer.ts";
import { captureLog } from "../helpers/slack-fakes.ts";

describe("JsonFileWriter", () => {
  it("writes the latest state, folding a burst of changes into few writes", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "minusma-writer-"));
    const file = path.join(dir, "state.json");
    let state = 0;
    let snapshots = 0;
    const { log } = captureLog();
    const writer = new JsonFileWriter(
      file,
      () => {
        snapshots += 1;
        return { state };
      },
      log,
    );
    for (let i = 1; i <= 100; i += 1) {
      state = i;
      writer.schedule();
    }
    await writer.flush();
    expect(JSON.parse(await readFile(file, "utf8"))).toEqual({ state: 100 });
    expect(snapshots).toBeLessThanOrEqual(2);
  });

  it("logs a failure to save once, keeps going, and says when saving works again", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "minusma-writer-"));
    // A file where the state folder should be: every write fails until it is replaced by a folder.
    const folder = path.join(dir, "state");
    await writeFile(folder, "");
    const logs = captureLog();
    const target = path.join(folder, "state.json");
    const writer = new JsonFileWriter(target, () => ({ ok: true }), logs.log);
    writer.schedule();
    await writer.flush();
    writer.schedule();
    await writer.flush();
    const warnings = logs.at("warn");
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/state: cannot save .*until STATE_DIR is writable again/u);

    await rm(folder);
    await mkdir(folder);
    writer.schedule();
    await writer.flush();
    expect(JSON.parse(await readFile(target, "utf8"))).toEqual({ ok: true });
    expect(logs.at("info").join("\n")).toMatch(/is being saved again/u);
  });
});
