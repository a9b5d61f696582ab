import { describe, expect, it } from "vitest";
import { workerExecArgv } from "../../src/runtime/worker.ts";

describe("the Node flags a compiled worker is started with", () => {
  it("are none when the process preloads modules, which are not the worker's", () => {
    expect(workerExecArgv(["--expose-gc", "--import", "tsx", "--import=file:///probe.ts"])).toEqual([]);
    expect(workerExecArgv(["-r", "./hook.cjs"])).toEqual([]);
  });

  it("are the process's own otherwise (inherited)", () => {
    expect(workerExecArgv(["--max-old-space-size=512", "--enable-source-maps"])).toBeUndefined();
  });
});
