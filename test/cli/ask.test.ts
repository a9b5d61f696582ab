import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ASK_USAGE, askCommand } from "../../src/cli/ask-command.ts";
import { runCommand } from "../helpers/cli.ts";
import { knowledgeFolder } from "../helpers/knowledge-folder.ts";

// The persisted index goes to a folder of the test's own, never the developer's .data.
let stateDir: string;
beforeAll(async () => {
  stateDir = await mkdtemp(path.join(tmpdir(), "minusma-ask-"));
});
afterAll(() => rm(stateDir, { recursive: true, force: true }));

const ask = (argv: string[], input?: string) =>
  runCommand(askCommand, argv, { input, env: { STATE_DIR: stateDir } });

describe("npm run ask", () => {
  it("prints the answer with numbered sources", async () => {
    const { code, out } = await ask(["troop ceiling"]);
    expect(code).toBe(0);
    expect(out).toMatch(/13,289.*\[1\]\n\(as of c\. 1 Jun 2019\)\n\[1\] AFP \(via UPI\), "Guterres warns/su);
  });

  it("explains how the question was read and why the answer was chosen with --explain", async () => {
    const { code, out } = await ask(["--explain", "troop ceiling"]);
    expect(code).toBe(0);
    expect(out).toContain("13,289");
    expect(out).toMatch(/How the question was read:\n {2}concepts: troop .*ceiling/u);
    expect(out).toContain("subject: MINUSMA, Mali");
    expect(out).toMatch(/Candidate sentences \(score = sum of part × weight\):\n {2}1\. /u);
    expect(out).toMatch(/Decision: answered/u);
    const json = await ask(["--json", "--explain", "troop ceiling"]);
    expect(JSON.parse(json.out).found).toBe(true);
    expect(json.err).toContain("Decision: answered");
  });

  it("explains each line of a thread with --json --explain, the follow-up's reading included", async () => {
    const input = [
      '{"thread": "t", "text": "Ogossagou massacre"}',
      '{"thread": "t", "text": "when did it happen?"}',
    ].join("\n");
    const { out, err } = await ask(["--json", "--explain"], input);
    expect(out.trim().split("\n")).toHaveLength(2);
    expect(err).toContain("when did it happen?\nHow the question was read:");
    expect(err).toContain("follow-up: yes");
  });

  it("prints one JSON object with --json", async () => {
    const { out } = await ask(["--json", "troop cieling"]);
    const answer = JSON.parse(out);
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
    const { out } = await ask(["--json"], input);
    const lines = out
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
    const { code, out, err } = await ask(["--knowledge", "/nonexistent", "troop ceiling"]);
    expect({ code, out }).toEqual({ code: 1, out: "" });
    expect(err).toMatch(/^knowledge: cannot read the folder \/nonexistent \(ENOENT\): check --knowledge/u);
  });
});

describe("npm run ask, given a wrong command line", () => {
  it.each([
    ["an unknown flag", ["--jsno", "troop ceiling"], "ask: Unknown option '--jsno'"],
    [
      "a flag without its value",
      ["troop ceiling", "--knowledge"],
      "ask: Option '--knowledge <value>' argument missing",
    ],
    ["no question", [], "ask: give a question, or --json with questions on standard input"],
  ])("prints the usage and exits 2 for %s, without a stack trace", async (_case, argv, message) => {
    const { code, out, err } = await ask(argv);
    expect({ code, out }).toEqual({ code: 2, out: "" });
    expect(err).toBe(`${message}\n${ASK_USAGE}\n`);
  });

  it("prints the usage and exits 2 for a file given as the knowledge folder", async () => {
    const dir = await knowledgeFolder({ "notes.md": "not a folder" });
    const file = path.join(dir, "notes.md");
    const { code, err } = await ask(["--knowledge", file, "troop ceiling"]);
    expect(code).toBe(2);
    expect(err).toBe(
      `ask: ${file} is a file, not a folder: give --knowledge (or KNOWLEDGE_DIR) the folder of briefing documents\n${ASK_USAGE}\n`,
    );
  });

  it("refuses an empty folder, or one whose every file is broken, as npm start does", async () => {
    const empty = await knowledgeFolder({});
    const none = await ask(["--knowledge", empty, "troop ceiling"]);
    expect(none).toEqual({
      code: 1,
      out: "",
      err: `knowledge: no usable documents in ${empty}: add Markdown files with front matter (title, source, date) or point --knowledge (or KNOWLEDGE_DIR) at the folder that has them\n`,
    });
    const broken = await knowledgeFolder({ "a.md": "---\ntitle: No date\nsource: AFP\n---\n\nText.\n" });
    await writeFile(path.join(broken, "b.md"), "no front matter at all\n");
    const { code, out, err } = await ask(["--knowledge", broken, "troop ceiling"]);
    expect({ code, out }).toEqual({ code: 1, out: "" });
    const [building, refusal] = err.split("\n");
    // Not a terminal: one line while it builds, then the refusal.
    expect(building).toBe(`knowledge: building the index of ${broken} (once: the next start loads it)…`);
    expect(refusal).toBe(
      `knowledge: no usable documents in ${broken}: add Markdown files with front matter (title, source, date), fix the skipped files listed below, or point --knowledge (or KNOWLEDGE_DIR) at the folder that has them`,
    );
    expect(err).toContain(
      `\n  knowledge: skipped ${path.join(broken, "a.md")}: front matter: date is missing`,
    );
    expect(err).toContain(`\n  knowledge: skipped ${path.join(broken, "b.md")}: `);
  });
});
