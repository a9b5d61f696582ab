import { beforeAll, describe, expect, it } from "vitest";
import { answerQuestion } from "../../../src/core/answer/answer.ts";
import type { KnowledgeBase } from "../../../src/core/knowledge-base.ts";
import { appMention } from "../../../src/slack/listeners/events/app-mention.ts";
import { directOrFollowUp } from "../../../src/slack/listeners/messages/direct-or-follow-up.ts";
import { fakeClient, realKnowledgeBase, testDeps } from "../../helpers/slack-fakes.ts";

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await realKnowledgeBase();
});

const context = { botUserId: "U0BOT", botId: "B0BOT" };

function mentionArgs(eventId: string, event: Record<string, unknown>, client: unknown) {
  return { event, body: { event_id: eventId, event }, context, client } as unknown as Parameters<
    ReturnType<typeof appMention>
  >[0];
}

function messageArgs(eventId: string, message: Record<string, unknown>, client: unknown) {
  return {
    message,
    event: message,
    body: { event_id: eventId, event: message },
    context,
    client,
  } as unknown as Parameters<ReturnType<typeof directOrFollowUp>>[0];
}

const mention = {
  type: "app_mention",
  channel: "C1",
  user: "U0ASKER",
  text: "<@U0BOT> troop ceiling",
  ts: "100.1",
};

describe("app_mention", () => {
  it("answers in the question's thread", async () => {
    const slack = fakeClient();
    const { deps } = testDeps(kb);
    await appMention(deps)(mentionArgs("Ev1", mention, slack.client));
    const posted = slack.callsTo("chat.postMessage");
    expect(posted).toHaveLength(1);
    expect(posted[0]?.args).toMatchObject({ channel: "C1", thread_ts: "100.1" });
    expect(await deps.state.threads.has("C1:100.1")).toBe(true);
  });

  it("answers a mention inside an existing thread in that thread", async () => {
    const slack = fakeClient();
    const { deps } = testDeps(kb);
    await appMention(deps)(mentionArgs("Ev1", { ...mention, ts: "100.5", thread_ts: "100.1" }, slack.client));
    expect(slack.callsTo("chat.postMessage")[0]?.args).toMatchObject({ thread_ts: "100.1" });
    expect(slack.callsTo("reactions.add")[0]?.args).toMatchObject({ timestamp: "100.5" });
  });

  it("answers a retried event once", async () => {
    const slack = fakeClient();
    const { deps } = testDeps(kb);
    const listener = appMention(deps);
    await listener(mentionArgs("Ev1", mention, slack.client));
    await listener(mentionArgs("Ev1", mention, slack.client));
    expect(slack.callsTo("chat.postMessage")).toHaveLength(1);
  });

  it("ignores other bots, its own messages and edits", async () => {
    const slack = fakeClient();
    const { deps, logs } = testDeps(kb);
    const listener = appMention(deps);
    await listener(mentionArgs("Ev1", { ...mention, bot_id: "B0OTHER" }, slack.client));
    await listener(mentionArgs("Ev2", { ...mention, user: "U0BOT", ts: "100.2" }, slack.client));
    await listener(
      mentionArgs("Ev3", { ...mention, ts: "100.3", edited: { user: "U0ASKER", ts: "1" } }, slack.client),
    );
    expect(slack.calls).toEqual([]);
    expect(logs.at("debug").join("\n")).toMatch(/a bot's message[\s\S]*the bot's own message[\s\S]*an edit/u);
  });
});

describe("message", () => {
  it("answers a direct message in its thread", async () => {
    const slack = fakeClient();
    const { deps } = testDeps(kb);
    const dm = {
      type: "message",
      channel: "D1",
      channel_type: "im",
      user: "U0ASKER",
      text: "troop ceiling",
      ts: "5.5",
    };
    await directOrFollowUp(deps)(messageArgs("Ev1", dm, slack.client));
    expect(slack.callsTo("chat.postMessage")[0]?.args).toMatchObject({ channel: "D1", thread_ts: "5.5" });
  });

  it("answers a follow-up in a thread where the bot answered, from the thread's context", async () => {
    const slack = fakeClient();
    const { deps } = testDeps(kb);
    await appMention(deps)(mentionArgs("Ev1", mention, slack.client));
    const reply = {
      type: "message",
      channel: "C1",
      channel_type: "channel",
      user: "U0ASKER",
      text: "and for police?",
      ts: "100.2",
      thread_ts: "100.1",
    };
    await directOrFollowUp(deps)(messageArgs("Ev2", reply, slack.client));
    const first = answerQuestion(kb, "troop ceiling");
    const expected = answerQuestion(kb, "and for police?", [first.turn]);
    expect(slack.callsTo("chat.postMessage")[1]?.args).toMatchObject({ thread_ts: "100.1" });
    expect((await deps.state.threads.history("C1:100.1")).at(-1)).toEqual(expected.turn);
  });

  it("answers a mention that also arrives as a message event once", async () => {
    const slack = fakeClient();
    const { deps } = testDeps(kb);
    await appMention(deps)(mentionArgs("Ev1", mention, slack.client));
    const reply = {
      channel: "C1",
      channel_type: "channel",
      user: "U0ASKER",
      ts: "100.2",
      thread_ts: "100.1",
    };
    const text = "<@U0BOT> what about helicopters?";
    await appMention(deps)(mentionArgs("EvMention", { ...mention, ...reply, text }, slack.client));
    await directOrFollowUp(deps)(messageArgs("EvMessage", { type: "message", ...reply, text }, slack.client));
    expect(slack.callsTo("chat.postMessage")).toHaveLength(2);
  });

  it("ignores replies in threads the bot is not part of", async () => {
    const slack = fakeClient();
    const { deps } = testDeps(kb);
    const reply = {
      type: "message",
      channel: "C1",
      channel_type: "channel",
      user: "U0ASKER",
      text: "and for police?",
      ts: "300.2",
      thread_ts: "300.1",
    };
    await directOrFollowUp(deps)(messageArgs("Ev1", reply, slack.client));
    expect(slack.calls).toEqual([]);
  });
});
