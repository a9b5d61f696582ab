/**
 * Posts a digest and dies the moment the message is sent, before the ledger says "posted": the crash the
 * ledger's "posting" record is for. Run by the scheduler tests in a child process:
 *   node --import tsx test/digest/helpers/crash-mid-post.ts STATE_DIR KNOWLEDGE_DIR DAY NOW POSTED_FILE
 */
import { appendFileSync } from "node:fs";
import { postDigestOnce } from "../../../src/digest/poster.ts";
import { openKnowledgeBase } from "../../../src/knowledge/open.ts";
import { SqliteStore } from "../../../src/state/sqlite.ts";

const [stateDir, knowledgeDir, day, now, postedFile] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
  string,
];
const kb = await openKnowledgeBase(knowledgeDir);
const store = await SqliteStore.open(stateDir, { log: console, role: "tool", instanceId: "crash-mid-post" });
await postDigestOnce({
  store,
  channel: "C0DIGEST",
  day,
  now: new Date(now),
  kb,
  post: async () => {
    appendFileSync(postedFile, `${day}\n`);
    // SIGKILL, like a power cut or an OOM kill: no finally blocks, no lock release.
    process.kill(process.pid, "SIGKILL");
    return new Promise<never>(() => undefined);
  },
});
