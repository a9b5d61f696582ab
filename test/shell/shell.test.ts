import { PassThrough } from "node:stream";
import { beforeAll, describe, expect, it } from "vitest";
import { answerQuestion } from "../../src/core/answer/answer.ts";
import { answerAsText } from "../../src/core/answer/format.ts";
import { ThreadMemory } from "../../src/core/conversation/thread-memory.ts";
import type { KnowledgeBase } from "../../src/core/knowledge-base.ts";
import {
  runShell,
  SHELL_BANNER,
  SHELL_ERROR,
  SHELL_HELP,
  SHELL_HINT,
  SHELL_NEW_THREAD,
  ShellNotices,
  sourcesAsText,
} from "../../src/shell/shell.ts";
import { realKnowledgeBase } from "../helpers/slack-fakes.ts";

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await realKnowledgeBase();
});

/** Pipes lines into the shell (not a terminal) and returns everything it printed once it ends. */
async function converse(
  lines: string[],
  options: { end?: boolean; getKnowledgeBase?: () => KnowledgeBase } = {},
) {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = "";
  output.on("data", (chunk: Buffer) => {
    printed += chunk.toString();
  });
  const memory = new ThreadMemory();
  const done = runShell({ input, output, getKnowledgeBase: options.getKnowledgeBase ?? (() => kb), memory });
  input.write(lines.map((line) => `${line}\n`).join(""));
  if (options.end !== false) input.end();
  await done;
  return { printed, memory };
}

describe("the local shell", () => {
  it("says first that it is the local shell and how to connect to Slack", async () => {
    const { printed } = await converse([]);
    const [first, second] = printed.split("\n");
    expect(first).toBe(SHELL_BANNER);
    expect(first).toMatch(/local shell.*SLACK_BOT_TOKEN and SLACK_APP_TOKEN/u);
    expect(second).toBe(SHELL_HINT);
  });

  it("answers a question and a follow-up in the same thread, then starts afresh after `new`", async () => {
    const { printed } = await converse([
      "troop ceiling",
      "and for police?",
      "new",
      "and for police?",
      "quit",
    ]);
    const first = answerQuestion(kb, "troop ceiling");
    const followUp = answerQuestion(kb, "and for police?", [first.turn]);
    const fresh = answerQuestion(kb, "and for police?");
    expect(followUp.text).not.toBe(fresh.text);
    expect(printed).toBe(
      [
        SHELL_BANNER,
        SHELL_HINT,
        answerAsText(first),
        "",
        answerAsText(followUp),
        "",
        SHELL_NEW_THREAD,
        "",
        answerAsText(fresh),
        "",
        "",
      ].join("\n"),
    );
  });

  it("stops reading at quit", async () => {
    const { printed, memory } = await converse(["quit", "troop ceiling"], { end: false });
    expect(printed).toBe(`${SHELL_BANNER}\n${SHELL_HINT}\n`);
    expect(memory.size).toBe(0);
  });

  it("lists the sources newest first and shows its help", async () => {
    const { printed } = await converse(["sources", "/help"]);
    expect(printed).toContain(sourcesAsText(kb.index.documents));
    expect(printed).toContain(SHELL_HELP);
    const dates = [...sourcesAsText(kb.index.documents).matchAll(/(\d{1,2} \w{3} (\d{4}))/gu)].map((m) =>
      Number(m[2]),
    );
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
  });

  it("keeps going after a failed answer", async () => {
    let calls = 0;
    const flaky = () => {
      calls += 1;
      if (calls === 1) throw new Error("index unavailable");
      return kb;
    };
    const { printed } = await converse(["troop ceiling", "troop ceiling"], { getKnowledgeBase: flaky });
    expect(printed).toContain(`${SHELL_ERROR} index unavailable`);
    expect(printed).toContain(answerAsText(answerQuestion(kb, "troop ceiling")));
  });

  it("ends when its signal aborts, as on SIGINT", async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    const controller = new AbortController();
    const done = runShell({ input, output, getKnowledgeBase: () => kb, signal: controller.signal });
    controller.abort("SIGINT");
    await expect(done).resolves.toBeUndefined();
  });
});

/** What a terminal shows once the escape codes are set aside. */
const plain = (drawn: string) => drawn.replace(/\x1b\[[0-9;]*[A-Za-z]/gu, "");

describe("the local shell on a terminal", () => {
  /** A stand-in terminal: input and output that say they are TTYs, and what was drawn on the output. */
  function terminal() {
    const input = Object.assign(new PassThrough(), { isTTY: true });
    const output = Object.assign(new PassThrough(), { isTTY: true, columns: 100 });
    let drawn = "";
    const waiters: Array<() => void> = [];
    output.on("data", (chunk: Buffer) => {
      drawn += chunk.toString();
      for (const wake of waiters.splice(0)) wake();
    });
    return {
      input,
      output,
      drawn: () => drawn,
      /** what the screen shows once the escape codes are set aside */
      text: () => plain(drawn),
      /** resolves when what was drawn satisfies `check` (a hang is caught by the test's ceiling) */
      async until(check: (drawn: string) => boolean) {
        while (!check(drawn)) await new Promise<void>((wake) => waiters.push(wake));
      },
    };
  }

  it("writes a line that arrives while it waits above the prompt, and draws the prompt and what was typed again", async () => {
    const screen = terminal();
    const after: string[] = [];
    const notices = new ShellNotices((line) => after.push(line));
    notices.write("before the shell");
    const done = runShell({
      input: screen.input,
      output: screen.output,
      getKnowledgeBase: () => kb,
      notices,
    });
    await screen.until((drawn) => plain(drawn).endsWith("minusma> "));
    screen.input.write("troop ceil");
    await screen.until((drawn) => plain(drawn).endsWith("troop ceil"));

    const mark = screen.drawn().length;
    notices.write("[minusma] knowledge: reloaded in 12 ms: 4 documents");
    await screen.until((drawn) => plain(drawn.slice(mark)).includes("minusma> troop ceil"));
    const redraw = screen.drawn().slice(mark);
    // The prompt line is cleared first, so the log line does not run on from "minusma> troop ceil".
    expect(redraw.startsWith("\x1b[2K\x1b[1G[minusma] knowledge: reloaded in 12 ms: 4 documents\n")).toBe(
      true,
    );
    expect(plain(redraw)).toMatch(/documents\nminusma> troop ceil$/u);

    // What was typed before the line is kept: finishing the question answers it whole.
    screen.input.write("ing\r");
    await screen.until((drawn) => drawn.includes("13,289"));
    screen.input.end("quit\r");
    await done;
    notices.write("after the shell");
    expect(after).toEqual(["before the shell", "after the shell"]);
    expect(screen.text()).not.toContain("before the shell");
  });
});
