import { readdir } from "node:fs/promises";
import { afterEach, describe, expect, it } from "vitest";
import { PREVIEW_NOTE } from "../../../src/slack/blocks/digest.ts";
import { DIGEST_DATE_USAGE, digestSubcommand } from "../../../src/slack/listeners/commands/digest.ts";
import type { SubcommandContext } from "../../../src/slack/listeners/commands/subcommands.ts";
import { SqliteStore } from "../../../src/state/sqlite.ts";
import { CEILING_DOC, openKb, tempDir, writeDoc } from "../../digest/helpers/knowledge.ts";
import { captureLog } from "../../helpers/slack-fakes.ts";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function run(args: string) {
  const state = await tempDir("subcommand-state");
  const knowledge = await tempDir("subcommand-kb");
  cleanups.push(state.remove, knowledge.remove);
  await writeDoc(knowledge.dir, CEILING_DOC);
  const kb = await openKb(knowledge.dir);
  const store = await SqliteStore.open(state.dir, { log: captureLog().log, role: "tool", instanceId: "t" });
  const responses: Array<Record<string, unknown>> = [];
  // Only what the subcommand reads: the words after it, respond, the knowledge base and the clock.
  const context = {
    args,
    respond: async (message: Record<string, unknown>) => {
      responses.push(message);
    },
    deps: { getKnowledgeBase: () => kb, now: () => new Date("2024-06-02T23:30:00Z"), state: store },
  } as unknown as SubcommandContext;
  await digestSubcommand({ timeZone: "Europe/Paris" }).run(context);
  const written = store.writes;
  await store.close();
  return { responses, written, stateFiles: (await readdir(state.dir)).filter((f) => f.endsWith(".lock")) };
}

describe("/minusma digest", () => {
  it("shows today's digest in the digest's zone, privately, as a preview, and records nothing", async () => {
    const { responses, stateFiles, written } = await run("");
    expect(responses).toHaveLength(1);
    const [message] = responses;
    expect(message!.response_type).toBe("ephemeral");
    // 23:30 UTC on 2 June is already 3 June in Paris.
    expect(message!.text).toContain("MINUSMA briefing — Monday 3 June 2024");
    expect(JSON.stringify(message!.blocks)).toContain(PREVIEW_NOTE);
    expect(stateFiles).toEqual([]);
    expect(written).toBe(0);
  });

  it("previews a given day, and explains a date it cannot read", async () => {
    expect((await run("2024-01-15")).responses[0]!.text).toContain("Monday 15 January 2024");
    expect((await run("tomorrow")).responses).toEqual([
      { response_type: "ephemeral", text: DIGEST_DATE_USAGE },
    ]);
  });
});
