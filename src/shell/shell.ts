import { clearLine, createInterface, cursorTo } from "node:readline";
import { answerQuestion } from "../core/answer/answer.ts";
import { answerAsText, citationText, documentsNewestFirst } from "../core/answer/format.ts";
import { ThreadMemory } from "../core/conversation/thread-memory.ts";
import type { DocumentMeta } from "../core/knowledge/schema.ts";
import type { KnowledgeBase } from "../core/knowledge-base.ts";

export const SHELL_BANNER =
  "minusma local shell: no Slack credentials are set, so the bot answers here in the terminal. To connect it to " +
  "Slack, set SLACK_BOT_TOKEN and SLACK_APP_TOKEN (see .env.example and manifest.yml) and run npm start again.";
export const SHELL_HINT = "Type a question (try: troop ceiling), or help, sources, new, quit.";
export const SHELL_HELP = [
  'Type a question and press Enter. Ask a follow-up ("and for police?") and it is read in the light of the',
  "earlier questions, as in a Slack thread.",
  "  help      this help",
  "  sources   the documents I answer from, newest first",
  "  new       start a new thread: earlier questions no longer count",
  "  quit      leave (Ctrl-D works too)",
].join("\n");
export const SHELL_NEW_THREAD = "New thread: earlier questions no longer count.";
export const SHELL_SOURCES_TITLE = "The documents I answer from, newest first:";
export const SHELL_ERROR = "Sorry, something went wrong while answering that:";

export interface ShellOptions {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** asked for at every question: the knowledge base is replaced while the bot runs when files change */
  getKnowledgeBase: () => KnowledgeBase;
  /** the thread memory; a fresh one by default */
  memory?: ThreadMemory;
  /** ends the shell, as `quit` does (the process's SIGINT and SIGTERM) */
  signal?: AbortSignal;
  /** lines to show after the banner, such as the knowledge files that were skipped */
  notes?: string[];
  /** lines that arrive while the shell waits for a question (the log of a reload): shown above the prompt */
  notices?: ShellNotices;
}

/**
 * Lines written while the shell may be waiting at its prompt, such as the knowledge watcher's log. Before a
 * shell attaches (and after it ends) they go to `fallback`; while a shell runs on a terminal, the prompt and
 * what was typed so far are cleared, the line is written, and the prompt is drawn again below it with the
 * typed text, as a chat program does.
 */
export class ShellNotices {
  #show: ((line: string) => void) | null = null;

  constructor(private readonly fallback: (line: string) => void) {}

  write(line: string): void {
    (this.#show ?? this.fallback)(line);
  }

  /** The shell's own: how to show a line while it runs; returns how to stop. */
  attach(show: (line: string) => void): () => void {
    this.#show = show;
    return () => {
      if (this.#show === show) this.#show = null;
    };
  }
}

/**
 * The local chat: questions on the input, answers on the output, rendered as the `ask` command renders them,
 * with the same core and the same thread memory as in Slack. Works on a terminal and on piped input alike;
 * resolves at `quit`, at the end of the input, or when the signal aborts.
 */
export async function runShell(options: ShellOptions): Promise<void> {
  const { input, output } = options;
  const memory = options.memory ?? new ThreadMemory();
  const interactive = isTty(input) && isTty(output);
  // Without a terminal there is no prompt to draw and no line editing: readline only splits the input.
  const lines = createInterface({
    input,
    output: interactive ? output : undefined,
    terminal: interactive,
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  const close = () => lines.close();
  options.signal?.addEventListener("abort", close, { once: true });
  lines.on("SIGINT", close);
  const say = (text: string) => output.write(`${text}\n`);
  const prompt = () => {
    if (interactive) lines.prompt();
  };

  const detach = interactive
    ? options.notices?.attach((line) => {
        clearLine(output, 0);
        cursorTo(output, 0);
        say(line);
        // Redraws "minusma> " and what was typed so far, with the cursor where it was.
        lines.prompt(true);
      })
    : undefined;

  say(SHELL_BANNER);
  for (const note of options.notes ?? []) say(note);
  say(SHELL_HINT);
  lines.setPrompt("minusma> ");
  prompt();
  let thread = 1;
  try {
    for await (const line of lines) {
      const text = line.trim();
      const word = text.toLowerCase().replace(/^\//u, "");
      if (word === "quit" || word === "exit") break;
      if (text !== "") {
        say(respond(text, word));
        say("");
      }
      prompt();
    }
  } finally {
    detach?.();
    options.signal?.removeEventListener("abort", close);
    lines.close();
  }

  function respond(text: string, word: string): string {
    try {
      if (word === "help") return SHELL_HELP;
      if (word === "sources") return sourcesAsText(options.getKnowledgeBase().index.documents);
      if (word === "new") {
        thread += 1;
        return SHELL_NEW_THREAD;
      }
      const key = `shell:${thread}`;
      const answer = answerQuestion(options.getKnowledgeBase(), text, memory.history(key));
      memory.append(key, answer.turn);
      return answerAsText(answer);
    } catch (error) {
      // One bad answer must not end the session.
      return `${SHELL_ERROR} ${error instanceof Error ? error.message : String(error)}`;
    }
  }
}

/** The documents, newest first, one a line, as `sources` prints them. */
export function sourcesAsText(documents: readonly DocumentMeta[]): string {
  const sorted = documentsNewestFirst(documents);
  return [SHELL_SOURCES_TITLE, ...sorted.map((doc, i) => `  ${i + 1}. ${citationText(doc)}`)].join("\n");
}

function isTty(stream: NodeJS.ReadableStream | NodeJS.WritableStream): boolean {
  return (stream as { isTTY?: boolean }).isTTY === true;
}
