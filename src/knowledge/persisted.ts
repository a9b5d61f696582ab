import { readFile } from "node:fs/promises";
import { deserialize, serialize } from "node:v8";
import type { SerializedKnowledgeBase } from "../core/knowledge-base.ts";

// The persisted index file's format, apart from open.ts so that the threads that only read one (answer and
// persist workers) load nothing else: the serialized base in V8's serialization format, where maps and typed
// arrays come back as they were, with no conversion (see src/core/search/mini-data.ts for why not JSON).

/** A persisted index file's bytes. */
export function packKnowledgeBase(data: SerializedKnowledgeBase): Buffer {
  return serialize(data);
}

/** The serialized base a persisted index file (or `packKnowledgeBase`'s bytes) holds; throws when it holds none. */
export function unpackKnowledgeBase(bytes: Uint8Array): SerializedKnowledgeBase {
  const data = deserialize(bytes) as SerializedKnowledgeBase | null;
  if (typeof data !== "object" || data === null || typeof data.version !== "number") {
    throw new Error("knowledge: the persisted index holds no knowledge base");
  }
  return data;
}

/** Reads a persisted index file: throws when it is missing, unreadable or not an index. */
export async function readPersisted(file: string): Promise<SerializedKnowledgeBase> {
  return unpackKnowledgeBase(await readFile(file));
}
