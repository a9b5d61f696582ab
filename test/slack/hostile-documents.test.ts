import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTION_IDS } from "../../src/slack/blocks/action-values.ts";
import { startBotProcess } from "../helpers/bot-process.ts";
import { buttonClickBody, commandBody, eventEnvelope, sendSigned } from "../helpers/signed-request.ts";
import { SlackStandIn } from "../helpers/slack-stand-in.ts";
import { allTexts } from "./blocks/fixtures.ts";

// The real bot, started as `npm start` starts it, over a knowledge folder that attacks it: a document whose
// text, title and source are full of Slack markup that would ping everyone or disguise a link, next to files
// that are not documents at all. Every message the bot sends (answer, sources, show passage, share, digest)
// must carry that markup as visible text only, and every broken file must be skipped with its reason.

const SECRET = "hostile-docs-signing-secret";
const TOKEN = "xoxb-hostile-docs-5555-not-real";
const MARKUP = "<!channel> <!here> <!everyone> <@U123> <!subteam^S1> <https://evil.example|undocs.org>";
/** What must never reach Slack unescaped: any of it would ping people or hide where a link goes. */
const LIVE = /<!|<@U123|<#|<https:\/\/evil/u;

const HOSTILE = [
  "---",
  `title: ${JSON.stringify(`${MARKUP} Zorbak convoy report`)}`,
  `source: ${JSON.stringify(`${MARKUP} Press office`)}`,
  "date: 2024-05-01",
  "url: https://undocs.org/en/S/2024/1",
  "---",
  "",
  `${MARKUP} The Zorbak convoy escort counted 4,321 vehicles on the road to Gao in April, according to the Mission. ${MARKUP}`,
  "",
  `The escort was reinforced after ${MARKUP} three attacks on the Zorbak road during the month.`,
  "",
].join("\n");

const GOOD = [
  "---",
  'title: "Troop ceiling unchanged"',
  "source: United Nations",
  "date: 2024-04-01",
  "---",
  "",
  "The Security Council kept the troop ceiling of MINUSMA at 13,289 military personnel for another year.",
  "",
].join("\n");

const LAUGHS = [
  "---",
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]",
  "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]",
  "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]",
  "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]",
  "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]",
  "title: laughs",
  "---",
  "Text.",
].join("\n");

let standIn: SlackStandIn;
let bot: ReturnType<typeof startBotProcess>;
let url: string;
let dir: string;
let work: string;

beforeAll(async () => {
  standIn = await SlackStandIn.start();
  // Folders of its own, removed after the last test: the bot reads and writes them for the whole file.
  work = await mkdtemp(path.join(tmpdir(), "minusma-hostile-"));
  dir = path.join(work, "knowledge");
  const state = path.join(work, "state");
  await mkdir(dir);
  const files: Record<string, string | Buffer> = {
    "hostile.md": HOSTILE,
    "good.md": GOOD,
    "invalid-utf8.md": Buffer.concat([
      Buffer.from("---\ntitle: Caf"),
      Buffer.from([0xc3, 0x28]),
      Buffer.from("\n---\nx"),
    ]),
    // A PNG's first bytes under a Markdown name.
    "binary.md": Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]),
    "laughs.md": LAUGHS,
    // 50 MB of an otherwise valid document: refused by its size, before anything reads it.
    "huge.md": Buffer.concat([Buffer.from(GOOD), Buffer.alloc(50 * 1024 * 1024, "a")]),
  };
  for (const [name, content] of Object.entries(files)) await writeFile(path.join(dir, name), content);
  bot = startBotProcess({
    SLACK_BOT_TOKEN: TOKEN,
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: standIn.apiUrl,
    PORT: "0",
    HOST: "127.0.0.1",
    KNOWLEDGE_DIR: dir,
    STATE_DIR: state,
    LOG_LEVEL: "debug",
    // The day's digest time has passed at start (00:00 UTC), so the bot posts it at once.
    DIGEST_CHANNEL: "C0DIGEST",
    DIGEST_TIME: "00:00",
    DIGEST_TZ: "UTC",
  });
  url = await bot.eventsUrl();
}, 30_000);

afterAll(async () => {
  bot.child.kill("SIGTERM");
  await bot.exited;
  await standIn.close();
  await rm(work, { recursive: true, force: true });
});

describe("a knowledge folder that attacks the bot, through the real start", () => {
  it("skips each broken file with its reason, and serves the rest", async () => {
    const skipped = (file: string) => new RegExp(`knowledge: skipped ${path.join(dir, file)}: (.*)`, "u");
    const reasons = Object.fromEntries(
      ["invalid-utf8.md", "binary.md", "huge.md", "laughs.md"].map((file) => [
        file,
        bot.output().match(skipped(file))?.[1],
      ]),
    );
    expect(reasons).toEqual({
      "invalid-utf8.md": "it is not valid UTF-8 text: save it as UTF-8",
      "binary.md": "it is a binary file, not Markdown text",
      "huge.md": "it is 50 MB, over the 5 MB limit for a knowledge file: split it into smaller documents",
      "laughs.md": expect.stringMatching(/^front matter is not valid YAML/u),
    });
    const health = await fetch(url.replace("/slack/events", "/healthz"));
    expect(await health.json()).toMatchObject({ ok: true, documents: 2 });
  });

  it("never sends the documents' markup live, in any message: answer, sources, passage, share, digest", async () => {
    const question = "How many vehicles did the Zorbak convoy escort count?";
    const send = (body: string, type: "application/json" | "application/x-www-form-urlencoded") =>
      sendSigned(url, body, type, { secret: SECRET });

    await send(
      eventEnvelope("EvHostile1", {
        type: "app_mention",
        channel: "CHOSTILE",
        user: "U0ASKER",
        text: `<@U0BOT> ${question}`,
        ts: "900.1",
        event_ts: "900.1",
      }),
      "application/json",
    );
    const threadAnswer = await standIn.waitFor("the answer in the thread", () =>
      standIn.callsTo("chat.postMessage").find((call) => call.args.thread_ts === "900.1"),
    );
    expect(String(threadAnswer.args.text)).toContain("4,321");

    await send(
      commandBody({ text: question, responseUrl: standIn.responseUrl("private") }),
      "application/x-www-form-urlencoded",
    );
    await send(
      commandBody({ text: "sources", responseUrl: standIn.responseUrl("sources") }),
      "application/x-www-form-urlencoded",
    );
    const [privateAnswer] = await standIn.waitFor("the private answer", () => {
      const posts = standIn.responsesTo("private");
      return posts.length > 0 && posts;
    });
    const buttons = (
      (privateAnswer?.body.blocks ?? []) as Array<{
        type: string;
        elements?: Array<{ action_id: string; value: string }>;
      }>
    )
      .filter((block) => block.type === "actions")
      .flatMap((block) => block.elements ?? []);
    const value = (id: string) => buttons.find((button) => button.action_id === id)?.value ?? "";
    await send(
      buttonClickBody({
        actionId: ACTION_IDS.showPassage,
        value: value(ACTION_IDS.showPassage),
        responseUrl: standIn.responseUrl("passage"),
        ephemeral: true,
      }),
      "application/x-www-form-urlencoded",
    );
    await send(
      buttonClickBody({
        actionId: ACTION_IDS.share,
        value: value(ACTION_IDS.share),
        responseUrl: standIn.responseUrl("share"),
        channel: "CSHARE",
        ephemeral: true,
      }),
      "application/x-www-form-urlencoded",
    );
    const shared = await standIn.waitFor("the shared answer", () =>
      standIn.callsTo("chat.postMessage").find((call) => call.args.channel === "CSHARE"),
    );
    const digest = await standIn.waitFor("the digest", () =>
      standIn.callsTo("chat.postMessage").find((call) => call.args.channel === "C0DIGEST"),
    );
    const passage = await standIn.waitFor("the passage", () => standIn.responsesTo("passage")[0]);
    const sources = await standIn.waitFor("the sources", () => standIn.responsesTo("sources")[0]);

    const messages = {
      thread: threadAnswer.args,
      private: privateAnswer?.body,
      sources: sources.body,
      passage: passage.body,
      shared: shared.args,
      digest: digest.args,
    };
    for (const [surface, message] of Object.entries(messages)) {
      const texts = allTexts(message as { text: string; blocks: unknown[] }).join("\n");
      expect(texts, surface).not.toMatch(LIVE);
    }
    // Not empty proof: the markup is there, shown as text, in every surface that quotes the document.
    for (const surface of ["thread", "private", "sources", "passage", "shared", "digest"] as const) {
      const texts = allTexts(messages[surface] as { text: string; blocks: unknown[] }).join("\n");
      expect(texts, surface).toContain("&lt;!channel&gt;");
    }
    // Nothing the bot sent anywhere, button values and fallbacks included, carries the markup live.
    const everything = JSON.stringify([
      standIn.calls.map((call) => call.args),
      standIn.responses.map((post) => post.body),
    ]);
    expect(everything).not.toMatch(/<!channel>|<!here>|<!everyone>|<@U123>|<!subteam|<https:\/\/evil/u);
  });

  it("logs at debug level without ever printing the token or the signing secret", () => {
    expect(bot.output()).toMatch(/DEBUG/u);
    expect(bot.output()).not.toContain(TOKEN);
    expect(bot.output()).not.toContain(SECRET);
  });
});
