import { beforeAll, describe, expect, it, vi } from "vitest";
import { answerQuestion } from "../../../src/core/answer/answer.ts";
import type { KnowledgeBase } from "../../../src/core/knowledge-base.ts";
import { encodeValue } from "../../../src/slack/blocks/action-values.ts";
import { answerMessage } from "../../../src/slack/blocks/answer.ts";
import { passageMessage } from "../../../src/slack/blocks/passage.ts";
import type { SlackDeps } from "../../../src/slack/deps.ts";
import { recordFeedback } from "../../../src/slack/listeners/actions/feedback.ts";
import { shareAnswer } from "../../../src/slack/listeners/actions/share.ts";
import { showPassage } from "../../../src/slack/listeners/actions/show-passage.ts";
import {
  ALREADY_SHARED_TEXT,
  EXPIRED_BUTTON_TEXT,
  FEEDBACK_THANKS_HELPFUL,
  FEEDBACK_THANKS_NOT_HELPFUL,
  PASSAGE_GONE_TEXT,
} from "../../../src/slack/strings.ts";
import { fakeClient, platformError, realKnowledgeBase, testDeps } from "../../helpers/slack-fakes.ts";

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await realKnowledgeBase();
});

type Listener = (args: never) => Promise<void>;

/** Clicks a button: on a private /minusma answer (ephemeral) or on a message in a thread. */
async function click(
  listener: Listener,
  value: string,
  where: { ephemeral: true } | { ephemeral: false; ts: string; threadTs?: string },
  slack = fakeClient(),
) {
  const order: string[] = [];
  const respond = vi.fn(async (_message: unknown) => {
    order.push("respond");
    return new Response("ok");
  });
  const body = {
    type: "block_actions",
    user: { id: "U0ASKER" },
    channel: { id: "C1" },
    container: where.ephemeral
      ? { type: "message", message_ts: "50.5", is_ephemeral: true }
      : { type: "message", message_ts: where.ts, is_ephemeral: false },
    ...(where.ephemeral ? {} : { message: { ts: where.ts, thread_ts: where.threadTs } }),
  };
  const ack = vi.fn(async () => {
    order.push("ack");
  });
  await listener({
    ack,
    body,
    action: { value },
    payload: { value },
    respond,
    client: slack.client,
  } as never);
  return { slack, order, replies: respond.mock.calls.map((call) => call[0]) };
}

describe("Share in channel", () => {
  it("posts the same answer in the channel, attributed to the asker, and marks the private copy as shared", async () => {
    const { deps } = testDeps(kb);
    const { slack, order, replies } = await click(shareAnswer(deps), encodeValue({ q: "troop ceiling" }), {
      ephemeral: true,
    });
    const answer = answerQuestion(kb, "troop ceiling");
    expect(order[0]).toBe("ack");
    expect(slack.callsTo("chat.postMessage")[0]?.args).toEqual({
      channel: "C1",
      ...answerMessage(answer, { kind: "shared", question: "troop ceiling", asker: "U0ASKER" }),
      unfurl_links: false,
      unfurl_media: false,
      metadata: { event_type: "minusma_share", event_payload: { share: "C1:50.5" } },
    });
    expect(replies).toEqual([
      {
        replace_original: true,
        ...answerMessage(answer, { kind: "private", question: "troop ceiling", shared: true }),
      },
    ]);
  });

  it("posts once per answer, however often the button is clicked, and says so privately", async () => {
    const { deps } = testDeps(kb);
    const slack = fakeClient();
    const value = encodeValue({ q: "troop ceiling" });
    await click(shareAnswer(deps), value, { ephemeral: true }, slack);
    const second = await click(shareAnswer(deps), value, { ephemeral: true }, slack);
    expect(slack.callsTo("chat.postMessage")).toHaveLength(1);
    expect(second.replies).toEqual([
      { response_type: "ephemeral", replace_original: false, text: ALREADY_SHARED_TEXT },
    ]);
  });

  it("lets a later click share when Slack refused the first", async () => {
    const { deps } = testDeps(kb);
    const slack = fakeClient();
    slack.failNext("chat.postMessage", platformError("msg_too_long"));
    const value = encodeValue({ q: "troop ceiling" });
    await click(shareAnswer(deps), value, { ephemeral: true }, slack);
    await click(shareAnswer(deps), value, { ephemeral: true }, slack);
    expect(slack.callsTo("chat.postMessage").filter((call) => call.result)).toHaveLength(1);
  });

  it("makes replies in the shared answer's thread follow-ups", async () => {
    const { deps } = testDeps(kb);
    const { slack } = await click(shareAnswer(deps), encodeValue({ q: "troop ceiling" }), {
      ephemeral: true,
    });
    const postedTs = slack.callsTo("chat.postMessage")[0]?.result?.ts;
    expect(postedTs).toEqual(expect.any(String));
    expect(await deps.state.threads.history(`C1:${postedTs}`)).toEqual([
      answerQuestion(kb, "troop ceiling").turn,
    ]);
  });

  it("shares through the response_url in a channel the bot is not in", async () => {
    const { deps, logs } = testDeps(kb);
    const slack = fakeClient();
    slack.failNext("chat.postMessage", platformError("not_in_channel"));
    const { replies } = await click(
      shareAnswer(deps),
      encodeValue({ q: "troop ceiling" }),
      { ephemeral: true },
      slack,
    );
    const answer = answerQuestion(kb, "troop ceiling");
    expect(replies[0]).toEqual({
      response_type: "in_channel",
      replace_original: false,
      ...answerMessage(answer, { kind: "shared", question: "troop ceiling", asker: "U0ASKER" }),
    });
    expect(replies).toHaveLength(2);
    expect(logs.at("info").join("\n")).toMatch(
      /sharing through the response_url: Slack answered not_in_channel/u,
    );
  });

  it("says a button from another version no longer works", async () => {
    const { deps } = testDeps(kb);
    const { replies, slack } = await click(shareAnswer(deps), "{garbage", { ephemeral: true });
    expect(replies).toEqual([
      { response_type: "ephemeral", replace_original: false, text: EXPIRED_BUTTON_TEXT },
    ]);
    expect(slack.calls).toEqual([]);
  });
});

describe("Show passage", () => {
  it("shows the whole passage privately in the thread of the answer", async () => {
    const { deps } = testDeps(kb);
    const answer = answerQuestion(kb, "troop ceiling");
    const first = answer.citations[0]!;
    const { slack, replies } = await click(showPassage(deps), encodeValue({ p: first.passageId, n: 1 }), {
      ephemeral: false,
      ts: "100.9",
      threadTs: "100.1",
    });
    const passage = kb.index.passages.get(first.passageId)!;
    expect(slack.callsTo("chat.postEphemeral")[0]?.args).toEqual({
      channel: "C1",
      user: "U0ASKER",
      thread_ts: "100.1",
      ...passageMessage(passage, 1),
    });
    expect(replies).toEqual([]);
  });

  it("answers a private /minusma answer's button through its response_url", async () => {
    const { deps } = testDeps(kb);
    const first = answerQuestion(kb, "troop ceiling").citations[0]!;
    const { slack, replies } = await click(showPassage(deps), encodeValue({ p: first.passageId, n: 1 }), {
      ephemeral: true,
    });
    expect(slack.calls).toEqual([]);
    expect(replies).toEqual([
      {
        response_type: "ephemeral",
        replace_original: false,
        ...passageMessage(kb.index.passages.get(first.passageId)!, 1),
      },
    ]);
  });

  it("says so when the documents changed and the passage is gone", async () => {
    const { deps } = testDeps(kb);
    const { slack } = await click(showPassage(deps), encodeValue({ p: "gone#1", n: 1 }), {
      ephemeral: false,
      ts: "1.1",
    });
    expect(slack.callsTo("chat.postEphemeral")[0]?.args.text).toBe(PASSAGE_GONE_TEXT);
  });

  it("falls back to the response_url when Slack refuses the private message", async () => {
    const { deps } = testDeps(kb);
    const slack = fakeClient();
    slack.failNext("chat.postEphemeral", platformError("channel_not_found"));
    const first = answerQuestion(kb, "troop ceiling").citations[0]!;
    const { replies } = await click(
      showPassage(deps),
      encodeValue({ p: first.passageId, n: 1 }),
      { ephemeral: false, ts: "1.1" },
      slack,
    );
    expect(replies).toHaveLength(1);
  });
});

describe("Helpful / Not helpful", () => {
  function feedbackValue() {
    return encodeValue({ q: "troop ceiling", d: ["doc-a"], f: true });
  }

  it("records the vote in the state store, logs it and thanks the person privately", async () => {
    const { deps, logs } = testDeps(kb);
    const { slack } = await click(recordFeedback(deps, false), feedbackValue(), {
      ephemeral: false,
      ts: "100.9",
      threadTs: "100.1",
    });
    expect(await deps.state.feedback.list()).toEqual([
      {
        key: "C1:100.9:U0ASKER",
        at: "2024-05-01T08:00:00.000Z",
        user: "U0ASKER",
        channel: "C1",
        question: "troop ceiling",
        helpful: false,
        docs: ["doc-a"],
      },
    ]);
    expect(logs.at("info")).toContainEqual(
      expect.stringMatching(
        /\[feedback\] not helpful from U0ASKER in C1 on "troop ceiling" \(sources: doc-a\)/u,
      ),
    );
    expect(slack.callsTo("chat.postEphemeral")[0]?.args.text).toBe(FEEDBACK_THANKS_NOT_HELPFUL);
  });

  it("keeps one vote per person per answer", async () => {
    const { deps } = testDeps(kb);
    const at = { ephemeral: false as const, ts: "100.9" };
    await click(recordFeedback(deps, false), feedbackValue(), at);
    const { slack } = await click(recordFeedback(deps, true), feedbackValue(), at);
    expect((await deps.state.feedback.list()).map((r) => r.helpful)).toEqual([true]);
    expect(slack.callsTo("chat.postEphemeral")[0]?.args.text).toBe(FEEDBACK_THANKS_HELPFUL);
  });

  it("records nothing for a button it did not write", async () => {
    const { deps } = testDeps(kb);
    await click(recordFeedback(deps, true), "[]", { ephemeral: true });
    expect(await deps.state.feedback.list()).toEqual([]);
  });

  it("apologises when recording fails", async () => {
    const { deps, logs } = testDeps(kb);
    const broken: SlackDeps = {
      ...deps,
      now: () => {
        throw new Error("clock broke");
      },
    };
    const { replies } = await click(recordFeedback(broken, true), feedbackValue(), { ephemeral: true });
    expect(replies).toEqual([expect.objectContaining({ response_type: "ephemeral" })]);
    expect(logs.at("error")).toEqual([
      expect.stringMatching(/could not record feedback from U0ASKER: Error: clock broke/u),
    ]);
  });
});
