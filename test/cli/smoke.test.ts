import { execFile } from "node:child_process";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { knowledgeFolder } from "../helpers/knowledge-folder.ts";

// Each command is tested in-process (test/cli/*.test.ts); these run each entry point once as `npm run` does,
// to prove it is wired: arguments in, exit code and streams out, no stack trace.

let stateDir: string;
beforeAll(async () => {
  stateDir = await mkdtemp(path.join(tmpdir(), "minusma-smoke-"));
});
afterAll(() => rm(stateDir, { recursive: true, force: true }));

/** Runs `src/cli/<name>.ts` with only the environment given (plus PATH and HOME). */
function cli(
  name: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", `src/cli/${name}.ts`, ...args],
      {
        env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", STATE_DIR: stateDir, ...env },
      },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr });
      },
    );
  });
}

describe("the command-line entry points", () => {
  it("npm run ask answers from the knowledge folder, saying once that it builds the index", async () => {
    const run = await cli("ask", ["troop ceiling"]);
    expect({ code: run.code, stderr: run.stderr }).toEqual({
      code: 0,
      stderr: "knowledge: building the index of knowledge (once: the next start loads it)…\n",
    });
    expect(run.stdout).toMatch(/13,289.*\[1\]/su);
  });

  it("npm run ask prints the usage and exits 2 for a wrong flag", async () => {
    const run = await cli("ask", ["--jsno"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^ask: Unknown option '--jsno'\nusage: npm run -s ask/u);
    expect(run.stderr).not.toMatch(/\n\s+at /u);
  });

  it("npm run digest prints a day's digest", async () => {
    const run = await cli("digest", ["--dry-run", "--date", "2024-06-03"]);
    // The index is built here unless the test before left it persisted.
    const problems = run.stderr.replace(/^knowledge: building the index of knowledge .*\n/u, "");
    expect({ code: run.code, problems }).toEqual({ code: 0, problems: "" });
    expect(run.stdout).toMatch(/^MINUSMA briefing — Monday 3 June 2024\n/u);
  });

  it("npm run add refuses a file with no metadata, exit code 1, writing nothing", async () => {
    const knowledge = await knowledgeFolder({});
    const sources = await knowledgeFolder({
      "ber.txt": "Peacekeepers left the camp at Ber on 13 August 2023 after clashes nearby.",
    });
    const run = await cli("add", [path.join(sources, "ber.txt"), "--knowledge", knowledge]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("no title, source or date found in it");
    expect(await readdir(knowledge)).toEqual([]);
  });
});
