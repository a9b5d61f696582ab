import { parentPort } from "node:worker_threads";
import { openKnowledgeBase } from "../core/knowledge-base.ts";
import { packKnowledgeBase } from "./transfer.ts";

/** What the main thread asks of the build worker. */
export interface BuildRequest {
  id: number;
  dir: string;
  cacheDir: string | undefined;
}

export type BuildReply =
  | { id: number; ok: true; packed: string }
  | { id: number; ok: false; name: string; message: string };

// Builds a knowledge base off the main thread (cleaning, splitting and indexing thousands of passages takes
// seconds of CPU), persists it in the cache folder as a start would, and sends it back packed.
const port = parentPort;
if (!port) throw new Error("knowledge: build-worker.ts runs as a worker thread, started by builder.ts");
port.on("message", async (request: BuildRequest) => {
  let reply: BuildReply;
  try {
    const kb = await openKnowledgeBase(request.dir, { cacheDir: request.cacheDir });
    reply = { id: request.id, ok: true, packed: packKnowledgeBase(kb) };
  } catch (error) {
    const failure = error instanceof Error ? error : new Error(String(error));
    reply = { id: request.id, ok: false, name: failure.name, message: failure.message };
  }
  port.postMessage(reply);
});
