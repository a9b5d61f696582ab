import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadKnowledge } from "../../src/core/knowledge/load.ts";
import { readGolden } from "../golden/golden.ts";
import { KINDS, LIBRARY_DOCS, LIBRARY_QUESTIONS, SPLITS, STARTING_KNOWLEDGE } from "./library.ts";

// The development library checked as data: documents that load, and expectations that can be met. The accuracy
// measured on it is printed by `npm run library`; this test only guards the library against typos and drift.

const questions = readGolden(LIBRARY_QUESTIONS);
const library = await loadKnowledge(LIBRARY_DOCS);
const starting = await loadKnowledge(STARTING_KNOWLEDGE);
const documents = new Map([...starting.documents, ...library.documents].map((doc) => [doc.id, doc]));
const rawLines = new Map(
  await Promise.all(
    library.documents.map(
      async (doc) =>
        [
          doc.id,
          (await readFile(path.join(LIBRARY_DOCS, doc.file), "utf8")).split("\n").map(squeeze),
        ] as const,
    ),
  ),
);

/** Whitespace is not an expectation: runs of it count as one space. */
function squeeze(text: string): string {
  return text.replace(/\s+/gu, " ").trim();
}

describe("the development library", () => {
  it("loads every document, with no file skipped and no id shared with the starting knowledge", () => {
    expect(library.skipped).toEqual([]);
    expect(library.documents.length).toBeGreaterThanOrEqual(28);
    const startingIds = new Set(starting.documents.map((doc) => doc.id));
    expect(library.documents.filter((doc) => startingIds.has(doc.id)).map((doc) => doc.id)).toEqual([]);
  });

  it("asks enough of every kind, with enough refusals and threads, and holds out about 30% of each kind", () => {
    const found = (kind: string) => questions.filter((q) => q.kind === kind);
    expect(questions.length).toBeGreaterThanOrEqual(220);
    expect(questions.filter((q) => !q.expect.found).length).toBeGreaterThanOrEqual(40);
    expect(
      new Set(questions.filter((q) => q.kind === "followup").map((q) => q.thread)).size,
    ).toBeGreaterThanOrEqual(20);
    for (const kind of KINDS) {
      const ofKind = found(kind);
      expect(ofKind.length, kind).toBeGreaterThanOrEqual(10);
      const heldOut = ofKind.filter((q) => q.split === "held-out").length / ofKind.length;
      expect(heldOut, `${kind} held out`).toBeGreaterThanOrEqual(0.15);
      expect(heldOut, `${kind} held out`).toBeLessThanOrEqual(0.45);
    }
  });

  it("gives every question a unique id, a known kind and a split", () => {
    const ids = questions.map((q) => q.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    for (const q of questions) {
      expect(KINDS as readonly string[], q.id).toContain(q.kind);
      expect(SPLITS as readonly string[], q.id).toContain(q.split);
      expect(q.text.trim(), q.id).not.toBe("");
    }
  });

  it("names only documents that exist, and only for questions that have an answer", () => {
    for (const q of questions) {
      if (q.expect.found) {
        expect(q.expect.doc, `${q.id} names no document`).toBeDefined();
        expect(documents.has(q.expect.doc!), `${q.id}: no document ${q.expect.doc}`).toBe(true);
        expect(q.expect.contains?.length ?? 0, `${q.id} expects nothing`).toBeGreaterThan(0);
      } else {
        expect(q.expect.doc ?? q.expect.contains ?? q.expect.accept, q.id).toBeUndefined();
      }
    }
  });

  it("finds every expected fragment verbatim in the cleaned text of a document the question names", () => {
    const missing: string[] = [];
    const inDoc = (id: string, fragments: string[]) =>
      fragments.every((fragment) => squeeze(documents.get(id)?.body ?? "").includes(squeeze(fragment)));
    for (const q of questions) {
      if (!q.expect.found) continue;
      const docs = [q.expect.doc!, ...(q.expect.alsoDocs ?? [])];
      for (const id of docs) if (!documents.has(id)) missing.push(`${q.id}: no document ${id}`);
      if (!inDoc(q.expect.doc!, q.expect.contains ?? []))
        missing.push(`${q.id}: contains not in ${q.expect.doc}`);
      for (const fragments of q.expect.accept ?? []) {
        if (!docs.some((id) => inDoc(id, fragments)))
          missing.push(`${q.id}: accept ${fragments.join(" + ")}`);
      }
      for (const id of q.expect.alsoDocs ?? []) {
        const answers = [q.expect.contains ?? [], ...(q.expect.accept ?? [])].some((f) => inDoc(id, f));
        if (!answers) missing.push(`${q.id}: ${id} holds neither the contains nor an accept list`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("takes fragments from within one line of a raw document, so a cleaner's line joins cannot break them", () => {
    const spanning: string[] = [];
    for (const q of questions) {
      if (!q.expect.found) continue;
      const docs = [q.expect.doc!, ...(q.expect.alsoDocs ?? [])];
      for (const fragment of [...(q.expect.contains ?? []), ...(q.expect.accept ?? []).flat()]) {
        const holders = docs.filter((id) =>
          squeeze(documents.get(id)?.body ?? "").includes(squeeze(fragment)),
        );
        // Only the library's own files are raw-shaped; the starting knowledge is already one paragraph a line.
        const raw = holders.map((id) => rawLines.get(id)).filter((lines) => lines !== undefined);
        if (raw.length > 0 && !raw.some((lines) => lines.some((line) => line.includes(squeeze(fragment))))) {
          spanning.push(`${q.id}: "${fragment}"`);
        }
      }
    }
    expect(spanning).toEqual([]);
  });

  it("keeps each thread in one split, and starts it with a question that is not a follow-up", () => {
    const threads = new Map<string, typeof questions>();
    for (const q of questions) {
      if (q.kind === "followup") expect(q.thread, `${q.id} is a follow-up without a thread`).toBeDefined();
      if (q.thread) threads.set(q.thread, [...(threads.get(q.thread) ?? []), q]);
    }
    for (const [thread, turns] of threads) {
      expect(turns.length, thread).toBeGreaterThanOrEqual(2);
      expect(turns[0]!.kind, thread).not.toBe("followup");
      expect(new Set(turns.map((q) => q.split)).size, thread).toBe(1);
    }
  });
});
