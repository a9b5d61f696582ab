import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { buildProgressDisplay } from "../../src/cli/build-progress.ts";

function stream(terminal: boolean) {
  const out = new PassThrough();
  if (terminal) Object.assign(out, { isTTY: true, columns: 100 });
  let written = "";
  out.on("data", (chunk: Buffer) => {
    written += chunk.toString();
  });
  // PassThrough hands data on in a later turn; the test reads it once the writes have been delivered.
  const text = () => new Promise<string>((resolve) => setImmediate(() => resolve(written)));
  return { out, text };
}

describe("the progress shown while the first index is built", () => {
  it("is a single line when not on a terminal, however many steps are reported", async () => {
    const { out, text } = stream(false);
    const shown = buildProgressDisplay(out, false, "knowledge");
    for (let done = 1; done <= 200; done++) shown.progress({ stage: "reading", done, total: 200 });
    for (let done = 500; done <= 3_000; done += 500)
      shown.progress({ stage: "indexing", done, total: 3_000 });
    shown.stop();
    expect(await text()).toBe(
      "knowledge: building the index of knowledge (once: the next start loads it)…\n",
    );
  });

  it("draws documents read, then passages indexed, on a terminal", async () => {
    const { out, text } = stream(true);
    const shown = buildProgressDisplay(out, true, "knowledge");
    shown.progress({ stage: "reading", done: 1, total: 2 });
    shown.progress({ stage: "reading", done: 2, total: 2 });
    shown.progress({ stage: "indexing", done: 500, total: 1_234 });
    shown.progress({ stage: "indexing", done: 1_234, total: 1_234 });
    shown.stop();
    const drawn = (await text()).replace(/\x1b\[[0-9;?]*[A-Za-z]/gu, "");
    expect(drawn).toContain("reading");
    expect(drawn).toMatch(/reading .* 2\/2 documents/u);
    expect(drawn).toMatch(/indexing .* 1234\/1234 passages/u);
  });

  it("draws nothing when nothing was built", async () => {
    const { out, text } = stream(true);
    buildProgressDisplay(out, true, "knowledge").stop();
    expect(await text()).toBe("");
  });
});
