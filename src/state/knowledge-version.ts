import { createHash } from "node:crypto";

const versions = new WeakMap<object, string>();

/**
 * A short name for a knowledge base's content: a hash of its documents' ids and content hashes. Two
 * instances that loaded the same files agree on it; /healthz shows it, and the state store announces it so
 * the other instances rebuild when one of them saw the files change.
 */
export function knowledgeVersion(kb: { hashes: Record<string, string> }): string {
  const known = versions.get(kb);
  if (known) return known;
  const hash = createHash("sha256");
  for (const id of Object.keys(kb.hashes).sort()) hash.update(`${id}\0${kb.hashes[id]}\n`);
  const version = hash.digest("hex").slice(0, 16);
  versions.set(kb, version);
  return version;
}
