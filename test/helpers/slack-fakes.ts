import path from "node:path";
import { WebAPIPlatformError, type WebClient } from "@slack/web-api";
import { vi } from "vitest";
import type { KnowledgeBase } from "../../src/core/knowledge-base.ts";
import { AnswerPool } from "../../src/knowledge/answer-pool.ts";
import { openKnowledgeBase } from "../../src/knowledge/open.ts";
import { AppLogger, type Level } from "../../src/log.ts";
import type { SlackDeps } from "../../src/slack/deps.ts";
import { QuestionLimiter } from "../../src/slack/question-limit.ts";
import { SqliteStore } from "../../src/state/sqlite.ts";

let realKb: Promise<KnowledgeBase> | undefined;

/** The repository's own knowledge folder, loaded once per test file. */
export function realKnowledgeBase(): Promise<KnowledgeBase> {
  realKb ??= openKnowledgeBase(path.resolve(import.meta.dirname, "../../knowledge"));
  return realKb;
}

/** A logger whose lines are kept for the test to read. */
export function captureLog(level: Level = "debug") {
  const lines: Array<{ level: Level; line: string }> = [];
  const log = AppLogger.create({ level, sink: (lineLevel, line) => lines.push({ level: lineLevel, line }) });
  return {
    log,
    lines,
    at: (wanted: Level) => lines.filter((entry) => entry.level === wanted).map((entry) => entry.line),
    text: () => lines.map((entry) => entry.line).join("\n"),
  };
}

/** The error the Web API client throws when Slack answers `{ ok: false, error: code }`. */
export function platformError(code: string): Error {
  return new WebAPIPlatformError({ ok: false, error: code });
}

export interface FakeCall {
  method: string;
  args: Record<string, unknown>;
  /** what the call returned, when it did not throw */
  result?: Record<string, unknown>;
}

/** A Web API client that records calls in order and fails the ones a test scripts. */
export function fakeClient() {
  const calls: FakeCall[] = [];
  const failures = new Map<string, unknown[]>();
  let ts = 1_700_000_100;
  const method = (name: string) =>
    vi.fn(async (args: Record<string, unknown>) => {
      const call: FakeCall = { method: name, args };
      calls.push(call);
      const failure = failures.get(name)?.shift();
      if (failure) throw failure;
      ts += 1;
      call.result =
        name === "chat.postMessage"
          ? { ok: true, channel: args.channel, ts: `${ts}.000100` }
          : name === "chat.postEphemeral"
            ? { ok: true, message_ts: `${ts}.000100` }
            : { ok: true };
      return call.result;
    });
  const client = {
    chat: { postMessage: method("chat.postMessage"), postEphemeral: method("chat.postEphemeral") },
    reactions: { add: method("reactions.add"), remove: method("reactions.remove") },
  };
  return {
    client: client as unknown as WebClient,
    calls,
    callsTo: (name: string) => calls.filter((call) => call.method === name),
    /** the next call to `name` throws `error` */
    failNext(name: string, error: unknown) {
      failures.set(name, [...(failures.get(name) ?? []), error]);
    },
  };
}

/** Listener dependencies around a knowledge base, with an in-memory SQLite state store and a captured log. */
/**
 * Everything a listener needs, as a test of one listener gives it: the real state store in memory, a limiter
 * that limits nobody (0 a minute), answers on the test's own thread (an answer pool of size 0), the work
 * after an acknowledgement run in place (so the test awaits the listener and then looks at what it did), a
 * fixed clock and no extra subcommands. `extra` replaces any of them.
 */
export function testDeps(kb: KnowledgeBase, extra: Partial<SlackDeps> = {}) {
  const logs = captureLog();
  const state = extra.state ?? SqliteStore.inMemory({ log: logs.log });
  const deps: SlackDeps = {
    getKnowledgeBase: () => kb,
    state,
    log: logs.log,
    subcommands: [],
    questions: new QuestionLimiter({ perMinute: 0, store: state.questions }),
    answers: new AnswerPool({ size: 0, log: logs.log }),
    detach: (_what, work) => work(),
    now: () => new Date("2024-05-01T08:00:00Z"),
    ...extra,
  };
  return { deps, logs };
}
