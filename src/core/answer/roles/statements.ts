import type { Passage } from "../../knowledge/schema.ts";
import { splitSentences } from "../../knowledge/sentences.ts";
import type { PassageIndex } from "../../search/passage-index.ts";
import { MAY_HOLD_ROLE } from "./phrases.ts";
import { readRoleStatements } from "./read.ts";
import type { RoleKey, RoleStatement } from "./statement.ts";

// --- The statements of an index, read once per passage ------------------------------------------------------

const perPassage = new WeakMap<Passage, RoleStatement[]>();

/** The role statements of one passage, read once. */
export function passageRoleStatements(passage: Passage): RoleStatement[] {
  let statements = perPassage.get(passage);
  if (!statements) {
    statements = [];
    if (MAY_HOLD_ROLE.test(passage.text)) {
      for (const [i, sentence] of splitSentences(passage.text).entries()) {
        statements.push(
          ...readRoleStatements(sentence, passage.doc.date, {
            passageId: passage.id,
            sentence: i,
            docId: passage.doc.id,
          }),
        );
      }
    }
    perPassage.set(passage, statements);
  }
  return statements;
}

/**
 * Index terms one of which a passage stating each role holds: only those passages are read for it. Not "govern":
 * its stem is also "government's", in most passages, and "has governed Mali" is rare beside "has led / ruled".
 */
const ROLE_TERMS: Record<RoleKey, readonly string[]> = {
  "head-of-mission": ["repres", "srsg", "head", "lead", "led", "helm", "chief", "envoi", "offici"],
  "force-commander": ["command"],
  president: ["presid", "head"],
  leader: [
    "leader",
    "power",
    "oust",
    "overthrew",
    "toppl",
    "depos",
    "coup",
    "head",
    "led",
    "lead",
    "rule",
    "ruler",
    "govern",
    "run",
    "ran",
    "strongman",
  ],
  "prime-minister": ["minist", "head", "lead", "led"],
  "foreign-minister": ["minist"],
  "defence-minister": ["minist"],
  ambassador: ["ambassador", "repres"],
};

const perRoles = new WeakMap<PassageIndex, Map<string, RoleStatement[]>>();

/**
 * The statements of some roles in an index, read when those roles are first asked about and kept with the
 * index: only passages holding one of the roles' words (the index's term sets say which) are read, each once (a
 * passage kept through an update is not read again). A single-word holder ("Goïta") is kept only when a longer
 * name elsewhere ends in it: a lone capitalised word is too often a place or a group.
 */
export function roleStatements(index: PassageIndex, roles: readonly RoleKey[]): RoleStatement[] {
  let cache = perRoles.get(index);
  if (!cache) {
    cache = new Map();
    perRoles.set(index, cache);
  }
  const key = [...roles].sort().join(",");
  let all = cache.get(key);
  if (!all) {
    const ids = [...new Set(roles.flatMap((role) => ROLE_TERMS[role]))]
      .map((term) => index.vocabulary.idOf(term))
      .filter((id): id is number => id !== undefined);
    const read: RoleStatement[] = [];
    const { termSets, ordered } = index;
    for (let ordinal = 0; ordinal < ordered.length; ordinal++) {
      if (!ids.some((id) => termSets.hasAt(ordinal, id))) continue;
      for (const statement of passageRoleStatements(ordered[ordinal]!)) {
        if (roles.includes(statement.role)) read.push(statement);
      }
    }
    const fullNames = new Map<string, string>();
    for (const s of read) if (s.holder.includes(" ") && !fullNames.has(s.key)) fullNames.set(s.key, s.holder);
    all = read.filter((s) => s.holder.includes(" ") || fullNames.has(s.key));
    cache.set(key, all);
  }
  return all;
}
