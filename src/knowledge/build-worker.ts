import { parentPort } from "node:worker_threads";
import { serializeKnowledgeBase } from "../core/knowledge-base.ts";
import { openKnowledge } from "./open.ts";

/** What the main thread asks of the build worker. */
export interface BuildRequest {
  id: number;
  dir: string;
  cacheDir: string | undefined;
}

export type BuildReply =
  | {
      id: number;
      ok: true;
      /** the base as JSON of its one serialized shape (one string copies faster than an object graph) */
      packed: string;
      origin: "built" | "cache";
      /** the persisted index file holding this base, when it could be written */
      file: string | undefined;
    }
  | { id: number; ok: false; name: string; message: string };

// Builds a knowledge base off the main thread (cleaning, splitting and indexing thousands of passages takes
// seconds of CPU), persists it in the cache folder as a start would, and sends it back packed.
const port = parentPort;
if (!port) throw new Error("knowledge: build-worker.ts runs as a worker thread, started by builder.ts");
port.on("message", async (request: BuildRequest) => {
  let reply: BuildReply;
  try {
    const { kb, glossaryHash } = await openKnowledge(request.dir, { cacheDir: request.cacheDir });
    const packed = JSON.stringify(serializeKnowledgeBase(kb, glossaryHash));
    reply = { id: request.id, ok: true, packed, origin: kb.origin, file: kb.file };
  } catch (error) {
    const failure = error instanceof Error ? error : new Error(String(error));
    reply = { id: request.id, ok: false, name: failure.name, message: failure.message };
  }
  port.postMessage(reply);
});
