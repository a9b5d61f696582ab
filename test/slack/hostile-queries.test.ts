import fc from "fast-check";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { answerQuestion } from "../../src/core/answer/answer.ts";
import type { KnowledgeBase } from "../../src/core/knowledge-base.ts";
import { answerMessage } from "../../src/slack/blocks/answer.ts";
import { minusmaCommand } from "../../src/slack/listeners/commands/minusma.ts";
import { BUILT_IN_SUBCOMMANDS } from "../../src/slack/listeners/commands/subcommands.ts";
import { answerInThread } from "../../src/slack/reply.ts";
import { APOLOGY_TEXT } from "../../src/slack/strings.ts";
import { HOSTILE_QUERIES } from "../helpers/hostile-queries.ts";
import { fakeClient, realKnowledgeBase, testDeps } from "../helpers/slack-fakes.ts";
import { allTexts } from "./blocks/fixtures.ts";

// Hostile questions through the listeners, as Slack delivers them: the reply is always an answer or a polite
// "not found" (never the apology, never an error in the log), and nothing in it is live markup.

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await realKnowledgeBase();
});

/** Markup that would ping or link if it got through: `<@U0BOT|...>` is the only form a reply may not carry. */
const LIVE_MARKUP = /<[!@#]/u;

async function viaCommand(text: string) {
  const { deps, logs } = testDeps(kb);
  const respond = vi.fn(async (_message: unknown) => new Response("ok"));
  const command = {
    command: "/minusma",
    text,
    user_id: "U0ASKER",
    channel_id: "C1",
    response_url: "https://x",
  };
  const args = {
    command,
    body: command,
    payload: command,
    ack: async () => undefined,
    respond,
    client: fakeClient().client,
  };
  await minusmaCommand(
    deps,
    BUILT_IN_SUBCOMMANDS,
  )(args as unknown as Parameters<ReturnType<typeof minusmaCommand>>[0]);
  return { replies: respond.mock.calls.map((call) => call[0] as { text: string; blocks?: unknown[] }), logs };
}

async function viaMention(text: string) {
  const slack = fakeClient();
  const { deps, logs } = testDeps(kb);
  await answerInThread(
    slack.client,
    deps,
    { channel: "C1", ts: "1.1", threadTs: "1.1", text: `<@U0BOT> ${text}`, user: "U0ASKER", via: "mention" },
    "U0BOT",
  );
  return {
    posts: slack.callsTo("chat.postMessage").map((call) => call.args as { text: string; blocks?: unknown[] }),
    logs,
  };
}

function expectPolite(message: { text: string; blocks?: unknown[] } | undefined) {
  expect(message?.text.trim()).not.toBe("");
  expect(message?.text).not.toBe(APOLOGY_TEXT);
  const texts = allTexts({ text: message?.text ?? "", blocks: message?.blocks ?? [] }).join("\n");
  expect(texts).not.toMatch(LIVE_MARKUP);
}

describe("hostile questions through /minusma and a mention", () => {
  it.each(Object.entries(HOSTILE_QUERIES))("%s: a polite reply, no error", async (_name, question) => {
    const command = await viaCommand(question);
    expect(command.replies).toHaveLength(1);
    expectPolite(command.replies[0]);
    expect(command.logs.at("error")).toEqual([]);
    const mention = await viaMention(question);
    expect(mention.posts).toHaveLength(1);
    expectPolite(mention.posts[0]);
    expect(mention.logs.at("error")).toEqual([]);
  });

  it("reads a question through invisible and control characters as the person sees it", async () => {
    const expected = answerMessage(answerQuestion(kb, "troop ceiling"), { kind: "thread" }).text;
    expect((await viaMention(HOSTILE_QUERIES["zero-width"] ?? "")).posts[0]?.text).toBe(expected);
    expect((await viaMention("\u0007troop\u0000 ceiling\u001f")).posts[0]?.text).toBe(expected);
  });

  it("answers any string, markup fragments included, politely and without live markup", async () => {
    const fragments = fc.constantFrom(
      "<!channel>",
      "<@U123>",
      "<#C1|x>",
      "<!subteam^S1>",
      "<https://evil.example|a>",
      "&lt;",
      "&amp;",
      "<",
      ">",
      "troop",
      "ceiling",
      "|",
    );
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ unit: "binary", maxLength: 200 }),
          fc
            .array(fc.oneof(fragments, fc.string({ maxLength: 8 })), { maxLength: 20 })
            .map((parts) => parts.join(" ")),
        ),
        async (question) => {
          const command = await viaCommand(question);
          expectPolite(command.replies[0]);
          expect(command.logs.at("error")).toEqual([]);
        },
      ),
      { numRuns: 60 },
    );
  });
});
