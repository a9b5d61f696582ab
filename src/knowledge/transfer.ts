import type { KnowledgeBase } from "../core/knowledge-base.ts";
import { buildGlossary } from "../core/search/glossary.ts";
import {
  deserializePassageIndex,
  type SerializedPassageIndex,
  serializePassageIndex,
} from "../core/search/passage-index.ts";

interface Packed {
  dir: string;
  index: SerializedPassageIndex;
  glossary: { synonyms: string[][]; examples: string[] };
  skipped: KnowledgeBase["skipped"];
  hashes: KnowledgeBase["hashes"];
  origin: KnowledgeBase["origin"];
}

/**
 * A knowledge base as one string, to pass from the build worker to the main thread: MiniSearch's own
 * serialization, as the persisted index holds it, so unpacking costs what loading the cache costs.
 */
export function packKnowledgeBase(kb: KnowledgeBase): string {
  const packed: Packed = {
    dir: kb.dir,
    index: serializePassageIndex(kb.index),
    glossary: { synonyms: kb.glossary.groups.map((group) => group.names), examples: kb.glossary.examples },
    skipped: kb.skipped,
    hashes: kb.hashes,
    origin: kb.origin,
  };
  return JSON.stringify(packed);
}

/** The knowledge base `packKnowledgeBase` packed. */
export function unpackKnowledgeBase(text: string): KnowledgeBase {
  const packed = JSON.parse(text) as Packed;
  return {
    dir: packed.dir,
    index: deserializePassageIndex(packed.index),
    glossary: buildGlossary(packed.glossary.synonyms, packed.glossary.examples),
    skipped: packed.skipped,
    hashes: packed.hashes,
    origin: packed.origin,
  };
}
