import { RespondError } from "@slack/bolt";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { answerQuestion } from "../../../src/core/answer/answer.ts";
import type { KnowledgeBase } from "../../../src/core/knowledge-base.ts";
import { AnswerPool } from "../../../src/knowledge/answer-pool.ts";
import { answerMessage } from "../../../src/slack/blocks/answer.ts";
import { helpMessage } from "../../../src/slack/blocks/help.ts";
import { sourcesMessage } from "../../../src/slack/blocks/sources.ts";
import type { SlackDeps } from "../../../src/slack/deps.ts";
import { minusmaCommand } from "../../../src/slack/listeners/commands/minusma.ts";
import {
  BUILT_IN_SUBCOMMANDS,
  findSubcommand,
  type Subcommand,
  usagesOf,
} from "../../../src/slack/listeners/commands/subcommands.ts";
import { APOLOGY_TEXT, BUSY_TEXT } from "../../../src/slack/strings.ts";
import { fakeClient, platformError, realKnowledgeBase, testDeps } from "../../helpers/slack-fakes.ts";

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await realKnowledgeBase();
});

/** Runs /minusma with `text`, recording the order of ack and respond. */
async function run(deps: SlackDeps, text: string, subcommands: readonly Subcommand[] = BUILT_IN_SUBCOMMANDS) {
  const order: string[] = [];
  const ack = vi.fn(async () => {
    order.push("ack");
  });
  const respond = vi.fn(async (_message: unknown) => {
    order.push("respond");
    return new Response("ok");
  });
  const command = {
    command: "/minusma",
    text,
    user_id: "U0ASKER",
    channel_id: "C1",
    response_url: "https://x",
  };
  const args = { command, body: command, payload: command, ack, respond, client: fakeClient().client };
  await minusmaCommand(
    deps,
    subcommands,
  )(args as unknown as Parameters<ReturnType<typeof minusmaCommand>>[0]);
  return { order, ack, respond, replies: respond.mock.calls.map((call) => call[0]) };
}

describe("/minusma", () => {
  it("acknowledges before anything else, then answers privately with a Share button", async () => {
    const { deps } = testDeps(kb);
    const { order, ack, replies } = await run(deps, "troop ceiling");
    expect(order).toEqual(["ack", "respond"]);
    expect(ack).toHaveBeenCalledWith();
    const expected = answerMessage(answerQuestion(kb, "troop ceiling"), {
      kind: "private",
      question: "troop ceiling",
    });
    expect(replies).toEqual([{ response_type: "ephemeral", ...expected }]);
  });

  it("alone or with help, shows the usage with three example questions", async () => {
    const { deps } = testDeps(kb);
    const usage = {
      response_type: "ephemeral",
      ...helpMessage(usagesOf(BUILT_IN_SUBCOMMANDS), kb.glossary.examples),
    };
    expect((await run(deps, "")).replies).toEqual([usage]);
    expect((await run(deps, "  HELP ")).replies).toEqual([usage]);
    expect(kb.glossary.examples.length).toBeGreaterThanOrEqual(3);
  });

  it("with sources, lists the documents newest first", async () => {
    const { deps } = testDeps(kb);
    expect((await run(deps, "sources")).replies).toEqual([
      { response_type: "ephemeral", ...sourcesMessage(kb.index.documents) },
    ]);
  });

  it("treats 'sources of ...' as a question, not the sources subcommand", async () => {
    const { deps } = testDeps(kb);
    const reply = (await run(deps, "sources of funding")).replies[0] as { text: string };
    expect(reply.text).toMatch(/^You asked: sources of funding\n/u);
  });

  it("runs a subcommand added to the table, with its arguments, and lists it in the help", async () => {
    const { deps } = testDeps(kb);
    const seen: string[] = [];
    const digest: Subcommand = {
      name: "digest",
      args: "digest [YYYY-MM-DD]",
      description: "preview the daily digest",
      takesArguments: true,
      async run({ args, respond }) {
        seen.push(args);
        await respond({ response_type: "ephemeral", text: `digest for ${args}` });
      },
    };
    const table = [...BUILT_IN_SUBCOMMANDS, digest];
    expect((await run(deps, "digest 2021-06-01", table)).replies).toEqual([
      { response_type: "ephemeral", text: "digest for 2021-06-01" },
    ]);
    expect(seen).toEqual(["2021-06-01"]);
    const help = (await run(deps, "help", table)).replies[0] as { text: string };
    expect(help.text).toContain("`/minusma digest [YYYY-MM-DD]`: preview the daily digest");
  });

  it("says privately that it is busy when the answers are overloaded", async () => {
    const { deps } = testDeps(kb);
    const answers = new AnswerPool({ size: 0, log: deps.log, maxWaiting: 0 });
    const { replies } = await run({ ...deps, answers }, "troop ceiling");
    expect(replies).toEqual([{ response_type: "ephemeral", text: BUSY_TEXT }]);
  });

  it("apologises privately and logs the error once when answering fails", async () => {
    const { deps, logs } = testDeps(kb, {
      getKnowledgeBase: () => {
        throw new Error("index unavailable");
      },
    });
    const { order, replies } = await run(deps, "troop ceiling");
    expect(order).toEqual(["ack", "respond"]);
    expect(replies).toEqual([{ response_type: "ephemeral", text: APOLOGY_TEXT }]);
    expect(logs.at("error")).toEqual([
      expect.stringMatching(/could not answer \/minusma for U0ASKER in C1: Error: index/u),
    ]);
  });

  it("apologises privately in the channel when the response_url refuses the apology", async () => {
    const { deps, logs } = testDeps(kb, {
      getKnowledgeBase: () => {
        throw new Error("index unavailable");
      },
    });
    const slack = fakeClient();
    const respond = vi.fn(async () => {
      throw new Error("response_url expired");
    });
    const command = { command: "/minusma", text: "x", user_id: "U1", channel_id: "C1" };
    const args = { command, ack: async () => undefined, respond, client: slack.client };
    await minusmaCommand(
      deps,
      BUILT_IN_SUBCOMMANDS,
    )(args as unknown as Parameters<ReturnType<typeof minusmaCommand>>[0]);
    expect(slack.callsTo("chat.postEphemeral").map((call) => call.args)).toEqual([
      { channel: "C1", user: "U1", text: APOLOGY_TEXT },
    ]);
    expect(logs.at("error")).toHaveLength(1);
    expect(logs.at("warn")).toEqual([]);
  });

  it("survives a response_url and a channel that both refuse the apology", async () => {
    const { deps, logs } = testDeps(kb, {
      getKnowledgeBase: () => {
        throw new Error("index unavailable");
      },
    });
    const slack = fakeClient();
    slack.failNext("chat.postEphemeral", platformError("channel_not_found"));
    const respond = vi.fn(async () => {
      throw new RespondError("Failed to respond to the response_url: 404 Not Found", 404);
    });
    const command = { command: "/minusma", text: "x", user_id: "U1", channel_id: "C1" };
    const args = { command, ack: async () => undefined, respond, client: slack.client };
    await expect(
      minusmaCommand(
        deps,
        BUILT_IN_SUBCOMMANDS,
      )(args as unknown as Parameters<ReturnType<typeof minusmaCommand>>[0]),
    ).resolves.toBeUndefined();
    expect(logs.at("warn")).toEqual([
      expect.stringMatching(
        /could not apologise for \/minusma either: through the response_url: the response_url refused the reply \(HTTP 404\).*; privately in the channel: Slack answered channel_not_found/u,
      ),
    ]);
  });
});

describe("findSubcommand", () => {
  it("finds a subcommand by its first word, case-insensitively", () => {
    expect(findSubcommand("Sources", BUILT_IN_SUBCOMMANDS)?.subcommand.name).toBe("sources");
    expect(findSubcommand("troop ceiling", BUILT_IN_SUBCOMMANDS)).toBeNull();
    expect(findSubcommand("help me with the ceiling", BUILT_IN_SUBCOMMANDS)).toBeNull();
  });
});
