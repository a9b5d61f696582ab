import { beforeAll, describe, expect, it } from "vitest";
import { answerQuestion } from "../../src/core/answer/answer.ts";
import type { KnowledgeBase } from "../../src/core/knowledge-base.ts";
import { AnswerPool } from "../../src/knowledge/answer-pool.ts";
import { answerMessage } from "../../src/slack/blocks/answer.ts";
import { helpMessage } from "../../src/slack/blocks/help.ts";
import { sourcesMessage } from "../../src/slack/blocks/sources.ts";
import { BUILT_IN_SUBCOMMANDS, usagesOf } from "../../src/slack/listeners/commands/subcommands.ts";
import { answerInThread, type ThreadQuestion } from "../../src/slack/reply.ts";
import { APOLOGY_TEXT, BUSY_TEXT, WORKING_REACTION } from "../../src/slack/strings.ts";
import { fakeClient, platformError, realKnowledgeBase, testDeps } from "../helpers/slack-fakes.ts";

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await realKnowledgeBase();
});

const question = (fields: Partial<ThreadQuestion> = {}): ThreadQuestion => ({
  channel: "C1",
  ts: "100.1",
  threadTs: "100.1",
  text: "<@U0BOT> troop ceiling",
  user: "U0ASKER",
  via: "mention",
  ...fields,
});

describe("answerInThread", () => {
  it("shows the working sign, answers in the thread, then removes the sign", async () => {
    const slack = fakeClient();
    const { deps } = testDeps(kb);
    await answerInThread(slack.client, deps, question(), "U0BOT");
    expect(slack.calls.map((call) => call.method)).toEqual([
      "reactions.add",
      "chat.postMessage",
      "reactions.remove",
    ]);
    const sign = { channel: "C1", timestamp: "100.1", name: WORKING_REACTION };
    expect(slack.calls[0]?.args).toEqual(sign);
    expect(slack.calls[2]?.args).toEqual(sign);
    const expected = answerMessage(answerQuestion(kb, "troop ceiling"), { kind: "thread" });
    expect(slack.calls[1]?.args).toEqual({
      channel: "C1",
      thread_ts: "100.1",
      ...expected,
      unfurl_links: false,
      unfurl_media: false,
      // What finds the answer again if Slack takes the post but its reply is lost (posting exactly once).
      metadata: { event_type: "minusma_answer", event_payload: { question: "C1:100.1" } },
    });
  });

  it("replies to a bare 'help' or 'sources' as the slash command does, and follows the thread after", async () => {
    const slack = fakeClient();
    const { deps } = testDeps(kb);
    await answerInThread(slack.client, deps, question({ text: "<@U0BOT> help" }), "U0BOT");
    await answerInThread(
      slack.client,
      deps,
      question({ ts: "100.2", text: "Sources?", via: "follow-up" }),
      "U0BOT",
    );
    const [help, sources] = slack.callsTo("chat.postMessage").map((call) => call.args);
    expect(help).toMatchObject(helpMessage(usagesOf(BUILT_IN_SUBCOMMANDS), kb.glossary.examples));
    expect(sources).toMatchObject(sourcesMessage(kb.index.documents));
    expect(await deps.state.threads.has("C1:100.1")).toBe(true);
  });

  it("remembers the turn, so the next question in the thread is read as a follow-up", async () => {
    const slack = fakeClient();
    const { deps } = testDeps(kb);
    await answerInThread(slack.client, deps, question(), "U0BOT");
    await answerInThread(
      slack.client,
      deps,
      question({ ts: "100.2", text: "and for police?", via: "follow-up" }),
      "U0BOT",
    );
    const first = answerQuestion(kb, "troop ceiling");
    const followUp = answerQuestion(kb, "and for police?", [first.turn]);
    expect(await deps.state.threads.history("C1:100.1")).toEqual([first.turn, followUp.turn]);
    expect(slack.callsTo("chat.postMessage")[1]?.args.text).toBe(
      answerMessage(followUp, { kind: "thread" }).text,
    );
  });

  it("apologises in the thread and logs the error once when answering fails, and still removes the sign", async () => {
    const slack = fakeClient();
    const { deps, logs } = testDeps(kb, {
      getKnowledgeBase: () => {
        throw new Error("index unavailable");
      },
    });
    await answerInThread(slack.client, deps, question(), "U0BOT");
    expect(slack.calls.map((call) => call.method)).toEqual([
      "reactions.add",
      "chat.postMessage",
      "reactions.remove",
    ]);
    expect(slack.callsTo("chat.postMessage")[0]?.args).toEqual({
      channel: "C1",
      thread_ts: "100.1",
      text: APOLOGY_TEXT,
      metadata: { event_type: "minusma_apology", event_payload: { question: "C1:100.1" } },
    });
    const errors = logs.at("error");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/could not answer a mention in C1: Error: index unavailable/u);
    expect(await deps.state.threads.has("C1:100.1")).toBe(false);
  });

  it("says it is busy, rather than apologising, when the answers are overloaded", async () => {
    const slack = fakeClient();
    const { deps, logs } = testDeps(kb);
    // A pool whose waiting line holds nothing: every question is refused as busy.
    const answers = new AnswerPool({ size: 0, log: deps.log, maxWaiting: 0 });
    await answerInThread(slack.client, { ...deps, answers }, question(), "U0BOT");
    expect(slack.callsTo("chat.postMessage").map((call) => call.args)).toEqual([
      {
        channel: "C1",
        thread_ts: "100.1",
        text: BUSY_TEXT,
        metadata: { event_type: "minusma_apology", event_payload: { question: "C1:100.1" } },
      },
    ]);
    expect(logs.at("error")).toEqual([]);
    expect(logs.at("info").join("\n")).toMatch(/could not answer a mention in C1: BusyError/u);
  });

  it("apologises when Slack refuses the answer for a passing reason", async () => {
    const slack = fakeClient();
    slack.failNext("chat.postMessage", platformError("internal_error"));
    const { deps, logs } = testDeps(kb);
    await answerInThread(slack.client, deps, question(), "U0BOT");
    expect(slack.callsTo("chat.postMessage").map((call) => call.args.text)).toHaveLength(2);
    expect(slack.callsTo("chat.postMessage")[1]?.args.text).toBe(APOLOGY_TEXT);
    expect(logs.at("error")).toEqual([expect.stringMatching(/Slack answered internal_error/u)]);
  });

  it("does not try to apologise where the bot cannot post (not_in_channel), and says what to do", async () => {
    const slack = fakeClient();
    slack.failNext("chat.postMessage", platformError("not_in_channel"));
    const { deps, logs } = testDeps(kb);
    await answerInThread(slack.client, deps, question(), "U0BOT");
    expect(slack.calls.map((call) => call.method)).toEqual([
      "reactions.add",
      "chat.postMessage",
      "reactions.remove",
    ]);
    expect(logs.at("error")).toEqual([
      expect.stringMatching(/not_in_channel: invite the bot to the channel \(\/invite @minusma\)/u),
    ]);
  });

  it("logs and moves on when even the apology fails", async () => {
    const slack = fakeClient();
    slack.failNext("chat.postMessage", platformError("internal_error"));
    slack.failNext("chat.postMessage", platformError("ratelimited"));
    const { deps, logs } = testDeps(kb);
    await expect(answerInThread(slack.client, deps, question(), "U0BOT")).resolves.toBeUndefined();
    expect(logs.at("error")).toHaveLength(1);
    expect(logs.at("warn")).toEqual([
      expect.stringMatching(/could not apologise in C1 either: .*ratelimited/u),
    ]);
  });

  it("still answers when the working sign cannot be shown, and does not try to remove it", async () => {
    const slack = fakeClient();
    slack.failNext("reactions.add", platformError("missing_scope"));
    const { deps, logs } = testDeps(kb);
    await answerInThread(slack.client, deps, question(), "U0BOT");
    expect(slack.calls.map((call) => call.method)).toEqual(["reactions.add", "chat.postMessage"]);
    expect(logs.at("warn")).toEqual([
      expect.stringMatching(/could not add the working sign in C1: .*missing_scope/u),
    ]);
  });

  it("removes an hourglass an earlier attempt left (already_reacted)", async () => {
    const slack = fakeClient();
    slack.failNext("reactions.add", platformError("already_reacted"));
    const { deps } = testDeps(kb);
    await answerInThread(slack.client, deps, question(), "U0BOT");
    expect(slack.calls.map((call) => call.method)).toEqual([
      "reactions.add",
      "chat.postMessage",
      "reactions.remove",
    ]);
  });
});
