import { describe, expect, it } from "vitest";
import { withoutPreloads } from "../../src/runtime/worker.ts";

describe("the Node flags a compiled worker is started with", () => {
  it("leave out the modules preloaded into the process, and keep the other flags", () => {
    expect(
      withoutPreloads([
        "--expose-gc",
        "--import",
        "tsx",
        "--import=file:///probe.ts",
        "-r",
        "./hook.cjs",
        "--require",
        "x",
        "--max-old-space-size=512",
        "--enable-source-maps",
      ]),
    ).toEqual(["--expose-gc", "--max-old-space-size=512", "--enable-source-maps"]);
  });
});
