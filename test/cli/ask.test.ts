import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const ask = (args: string[], input?: string) => {
  const child = run(process.execPath, ["--import", "tsx", "src/cli/ask.ts", ...args], {
    env: { ...process.env, STATE_DIR: "", KNOWLEDGE_DIR: "" },
  });
  if (input !== undefined) {
    child.child.stdin?.end(input);
  }
  return child;
};

describe("npm run ask", () => {
  it("prints the answer with numbered sources", async () => {
    const { stdout } = await ask(["troop ceiling"]);
    expect(stdout).toMatch(
      /13,289.*\[1\]\n\(as of c\. 1 Jun 2019\)\n\[1\] AFP \(via UPI\), "Guterres warns/su,
    );
  });

  it("prints one JSON object with --json", async () => {
    const { stdout } = await ask(["--json", "troop cieling"]);
    const answer = JSON.parse(stdout);
    expect(answer).toMatchObject({ text: "troop cieling", found: true, thread: null });
    expect(answer.confidence).toBeGreaterThan(0.5);
    expect(answer.citations[0]).toEqual({
      n: 1,
      doc: "2019-06-01-guterres-warns-of-atrocity-risk-in-mali",
      title: "Guterres warns of high risk of atrocities in Mali, urges no MINUSMA drawdown",
      source: "AFP (via UPI)",
      date: "2019-06-01",
      url: null,
      passage: "2019-06-01-guterres-warns-of-atrocity-risk-in-mali#3",
    });
  });

  it("reads JSON lines, keeps threads apart, and reports a bad line without stopping", async () => {
    const input = [
      '{"id": 1, "thread": "t1", "text": "troop ceiling"}',
      "not json",
      '{"id": 2, "thread": "t1", "text": "and for police?"}',
      '{"id": 3, "text": "and for police?"}',
      '{"id": 4}',
    ].join("\n");
    const { stdout } = await ask(["--json"], input);
    const lines = stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatchObject({ id: 1, found: true, thread: "t1" });
    expect(lines[1]).toMatchObject({ line: 2, error: expect.stringMatching(/^not valid JSON/u) });
    expect(lines[2]).toMatchObject({ id: 2, found: true, thread: "t1" });
    expect(lines[2].answer).toContain("1,920 police");
    expect(lines[3]).toMatchObject({ id: 3, thread: null });
    expect(lines[4]).toMatchObject({ line: 5, error: 'missing "text": the question, as a string' });
  });

  it("uses another knowledge folder with --knowledge and says when it is missing", async () => {
    await expect(ask(["--knowledge", "/nonexistent", "troop ceiling"])).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining("knowledge: cannot read the folder /nonexistent"),
    });
  });
});
