import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { digestCommand } from "../../src/cli/digest-command.ts";
import type { LedgerEntry } from "../../src/digest/ledger.ts";
import { SqliteStore } from "../../src/state/sqlite.ts";
import { captureLog } from "../helpers/slack-fakes.ts";

/** The digest's record in a state folder, as the next run reads it. */
async function readEntries(stateDir: string): Promise<LedgerEntry[]> {
  const store = await SqliteStore.open(stateDir, {
    log: captureLog().log,
    role: "tool",
    instanceId: "reader",
  });
  try {
    return await store.digest.entries();
  } finally {
    await store.close();
  }
}

import { CEILING_DOC, LATE_DOC, tempDir, writeDoc } from "../digest/helpers/knowledge.ts";
import { runCommand } from "../helpers/cli.ts";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `npm run digest` in-process with only the environment given (so a developer's own Slack settings never
 * leak into the test, and nothing is sent anywhere but the stand-in on 127.0.0.1).
 */
async function digestCli(args: string[], env: Record<string, string>): Promise<Run> {
  const { code, out, err } = await runCommand(digestCommand, args, { env });
  return { code, stdout: out, stderr: err };
}

/** A stand-in for Slack's chat.postMessage on 127.0.0.1 that records what it was sent. */
interface Call {
  path: string;
  authorization: string | undefined;
  params: Record<string, string>;
}
let server: Server;
let apiUrl: string;
const calls: Call[] = [];
/** The posts among the calls (before each, the digest command reads the channel for the day's digest). */
const posts = () => calls.filter((call) => call.path === "/api/chat.postMessage");
let reply: (params: Record<string, string>) => object = () => ({ ok: true });

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => {
      body += chunk.toString("utf8");
    });
    request.on("end", () => {
      const params = request.headers["content-type"]?.includes("json")
        ? (JSON.parse(body) as Record<string, string>)
        : Object.fromEntries(new URLSearchParams(body));
      calls.push({ path: request.url ?? "", authorization: request.headers.authorization, params });
      response.setHeader("content-type", "application/json");
      response.end(JSON.stringify(reply(params)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

async function folders() {
  const state = await tempDir("cli-state");
  const knowledge = await tempDir("cli-kb");
  cleanups.push(state.remove, knowledge.remove);
  await writeDoc(knowledge.dir, CEILING_DOC);
  return { stateDir: state.dir, knowledgeDir: knowledge.dir };
}

describe("npm run digest -- --dry-run", () => {
  it("prints exactly one JSON object of the documented shape for the real knowledge folder, and records nothing", async () => {
    const { stateDir } = await folders();
    const run = await digestCli(["--dry-run", "--json", "--date", "2024-06-03"], { STATE_DIR: stateDir });
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split("\n");
    expect(lines).toHaveLength(1);
    const json = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(["date", "new", "figures", "text"]);
    expect(json.date).toBe("2024-06-03");
    const items = json.new as Array<Record<string, unknown>>;
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) {
      expect(Object.keys(item)).toEqual(["doc", "title", "source", "date", "url", "summary"]);
      expect(item.summary).toEqual(expect.any(String));
      expect(item.date).toMatch(/^\d{4}-\d{2}-\d{2}$/u);
    }
    expect(items[0]!.doc).toBe("2022-04-01-un-report-mali-operations-disastrous-for-civilians");
    const figures = json.figures as Array<Record<string, unknown>>;
    expect(figures.length).toBeGreaterThan(0);
    for (const figure of figures) expect(Object.keys(figure)).toEqual(["text", "doc", "date", "earlier"]);
    expect(figures.some((f) => String(f.text).includes("13,289"))).toBe(true);
    expect(String(json.text)).toMatch(/^MINUSMA briefing — Monday 3 June 2024\n/u);
    expect(await readEntries(stateDir)).toEqual([]);
  });

  it("prints the digest as text, and explains a bad --date", async () => {
    const { stateDir, knowledgeDir } = await folders();
    const env = { STATE_DIR: stateDir };
    const run = await digestCli(["--dry-run", "--date", "2024-06-03", "--knowledge", knowledgeDir], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("This is my first digest. I know 1 document; the newest is below.");
    const bad = await digestCli(["--dry-run", "--date", "3/6/2024"], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("digest: --date must be a real day written YYYY-MM-DD");
  });
});

describe("npm run digest -- --post", () => {
  it("posts to DIGEST_CHANNEL through the Web API, records it, and does not post the same day twice", async () => {
    const { stateDir, knowledgeDir } = await folders();
    calls.length = 0;
    reply = (params) => ({ ok: true, channel: params.channel, ts: "1717394400.000100" });
    const env = {
      STATE_DIR: stateDir,
      SLACK_BOT_TOKEN: "xoxb-test-token",

      SLACK_API_URL: apiUrl,
      DIGEST_CHANNEL: "C0DIGEST",
      DIGEST_TZ: "Europe/Paris",
    };
    const args = ["--post", "--date", "2024-06-03", "--knowledge", knowledgeDir];
    const run = await digestCli(args, env);
    expect(run.stderr).toBe(
      `knowledge: building the index of ${knowledgeDir} (once: the next start loads it)…\n`,
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      "digest: posted the digest for Monday 3 June 2024 to C0DIGEST (ts 1717394400.000100)",
    );
    expect(calls.map((call) => call.path)).toEqual(["/api/conversations.history", "/api/chat.postMessage"]);
    expect(calls[0]!.params.include_all_metadata).toBe("true");
    expect(posts()[0]!.authorization).toBe("Bearer xoxb-test-token");
    expect(posts()[0]!.params.channel).toBe("C0DIGEST");
    expect(posts()[0]!.params.text).toContain("MINUSMA briefing — Monday 3 June 2024");
    expect(JSON.parse(posts()[0]!.params.metadata!)).toEqual({
      event_type: "minusma_digest",
      event_payload: { day: "2024-06-03" },
    });
    const blocks = JSON.parse(posts()[0]!.params.blocks!) as Array<{ type: string }>;
    expect(blocks[0]!.type).toBe("header");
    expect(await readEntries(stateDir)).toEqual([
      expect.objectContaining({
        day: "2024-06-03",
        status: "posted",
        ts: "1717394400.000100",
        channel: "C0DIGEST",
      }),
    ]);

    const again = await digestCli(args, env);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("is already posted (ts 1717394400.000100); nothing to do (add --force");
    expect(posts()).toHaveLength(1);

    reply = (params) => ({ ok: true, channel: params.channel, ts: "1717394400.000200" });
    const forced = await digestCli([...args, "--force"], env);
    expect(forced.code).toBe(0);
    expect(posts()).toHaveLength(2);
    expect(await readEntries(stateDir)).toEqual([
      expect.objectContaining({ day: "2024-06-03", status: "posted", ts: "1717394400.000200", attempts: 2 }),
    ]);
  });

  it("says what to do when Slack refuses the post, and leaves the day open for a retry", async () => {
    const { stateDir, knowledgeDir } = await folders();
    calls.length = 0;
    reply = () => ({ ok: false, error: "not_in_channel" });
    const run = await digestCli(["--post", "--date", "2024-06-03", "--knowledge", knowledgeDir], {
      STATE_DIR: stateDir,
      SLACK_BOT_TOKEN: "xoxb-test-token",

      SLACK_API_URL: apiUrl,
      DIGEST_CHANNEL: "C0DIGEST",
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("not_in_channel");
    expect(run.stderr).toContain("Invite the bot to DIGEST_CHANNEL");
    expect(await readEntries(stateDir)).toEqual([expect.objectContaining({ status: "failed" })]);
  });

  it("says every missing setting at once before trying to post", async () => {
    const { stateDir, knowledgeDir } = await folders();
    calls.length = 0;
    const noChannel = await digestCli(["--post", "--knowledge", knowledgeDir], {
      STATE_DIR: stateDir,
      SLACK_BOT_TOKEN: "xoxb-test-token",
      SLACK_API_URL: apiUrl,
    });
    expect(noChannel.code).toBe(78);
    expect(noChannel.stderr).toMatch(
      /^digest: DIGEST_CHANNEL is not set: set it to the id of the channel.*\n$/u,
    );
    const neither = await digestCli(["--post", "--knowledge", knowledgeDir], {
      STATE_DIR: stateDir,
      SLACK_API_URL: apiUrl,
    });
    expect(neither.code).toBe(78);
    expect(neither.stderr.split("\n")).toEqual([
      expect.stringMatching(/^digest: DIGEST_CHANNEL is not set: /u),
      "digest: SLACK_BOT_TOKEN is not set: copy the bot token (xoxb-...) from your app's OAuth & Permissions page",
      "",
    ]);
    expect(calls).toEqual([]);
  });

  it("for a past --date, leaves out documents dated after that day", async () => {
    const { stateDir, knowledgeDir } = await folders();
    await writeDoc(knowledgeDir, LATE_DOC);
    const past = await digestCli(
      ["--dry-run", "--json", "--date", "2020-01-01", "--knowledge", knowledgeDir],
      {
        STATE_DIR: stateDir,
      },
    );
    expect(past.code).toBe(0);
    expect((JSON.parse(past.stdout) as { new: Array<{ doc: string }> }).new.map((item) => item.doc)).toEqual([
      CEILING_DOC.id,
    ]);
  });

  it("prints the usage and exits 2 for an unknown flag, a missing value or a file given as the folder", async () => {
    const { stateDir, knowledgeDir } = await folders();
    const env = { STATE_DIR: stateDir };
    const unknown = await digestCli(["--dryrun"], env);
    expect(unknown).toMatchObject({ code: 2, stdout: "" });
    expect(unknown.stderr).toMatch(/^digest: Unknown option '--dryrun'\nusage: npm run -s digest/u);
    const missing = await digestCli(["--dry-run", "--date"], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^digest: Option '--date <value>' argument missing\nusage:/u);
    const file = `${knowledgeDir}/${CEILING_DOC.id}.md`;
    const notFolder = await digestCli(["--dry-run", "--knowledge", file], env);
    expect(notFolder.code).toBe(2);
    expect(notFolder.stderr).toMatch(/^digest: .* is a file, not a folder: give --knowledge/u);
  });
});
