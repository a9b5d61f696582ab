import { afterEach, describe, expect, it } from "vitest";
import { buildDigest, FIRST_DIGEST_NEWEST } from "../../../src/core/digest/digest.ts";
import { DIGEST_THREAD_HINT, digestJson, digestText } from "../../../src/core/digest/render.ts";
import { digestTurn } from "../../../src/core/digest/thread.ts";
import {
  ATTACK_DOC,
  CEILING_DOC,
  LATE_DOC,
  openKb,
  tempDir,
  writeDoc,
} from "../../digest/helpers/knowledge.ts";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function folder(...docs: Array<typeof CEILING_DOC>) {
  const { dir, remove } = await tempDir("digest");
  cleanups.push(remove);
  for (const doc of docs) await writeDoc(dir, doc);
  return dir;
}

describe("buildDigest", () => {
  it("first digest: says how many documents it knows and lists the five newest, not all", async () => {
    const extra = Array.from({ length: 5 }, (_, i) => ({
      ...ATTACK_DOC,
      id: `note-${i}`,
      title: `Situation note ${i}`,
      date: `2018-0${i + 1}-15`,
    }));
    const kb = await openKb(await folder(CEILING_DOC, ATTACK_DOC, LATE_DOC, ...extra));
    const digest = buildDigest(kb, { day: "2024-06-03", previous: null });
    expect(digest.kind).toBe("first");
    expect(digest.documentCount).toBe(8);
    expect(digest.items).toHaveLength(FIRST_DIGEST_NEWEST);
    expect(digest.items.map((i) => i.doc.id).slice(0, 3)).toEqual([
      "ied-2023",
      "attack-2021",
      "ceiling-2019",
    ]);
    expect(digestText(digest)).toContain(
      "This is my first digest. I know 8 documents; the 5 newest are below.",
    );
    expect(Object.keys(digest.hashes)).toHaveLength(8);
  });

  it("for a past day, leaves out the documents dated after it, and their figures", async () => {
    const kb = await openKb(await folder(CEILING_DOC, ATTACK_DOC, LATE_DOC));
    const digest = buildDigest(kb, { day: "2021-04-05", previous: null });
    expect(digest.items.map((i) => i.doc.id)).toEqual(["attack-2021", "ceiling-2019"]);
    expect(digest.documentCount).toBe(2);
    expect(digest.figures.map((figure) => figure.doc.id)).not.toContain(LATE_DOC.id);
    expect(Object.keys(digest.hashes).sort()).toEqual(["attack-2021", "ceiling-2019"]);
    const later = buildDigest(kb, {
      day: "2023-02-10",
      previous: { day: "2021-04-05", hashes: digest.hashes },
    });
    expect(later.items.map((i) => [i.doc.id, i.status])).toEqual([[LATE_DOC.id, "new"]]);
  });

  it("lists documents added or changed since the last digest, newest first, with a cited summary", async () => {
    const dir = await folder(CEILING_DOC, ATTACK_DOC);
    const before = buildDigest(await openKb(dir), { day: "2024-06-02", previous: null });
    await writeDoc(dir, LATE_DOC);
    await writeDoc(dir, { ...CEILING_DOC, body: `${CEILING_DOC.body}\nThe report was presented on Friday.` });
    const digest = buildDigest(await openKb(dir), {
      day: "2024-06-03",
      previous: { day: "2024-06-02", hashes: before.hashes },
    });
    expect(digest.kind).toBe("new");
    expect(digest.items.map((i) => [i.doc.id, i.status])).toEqual([
      ["ied-2023", "new"],
      ["ceiling-2019", "changed"],
    ]);
    for (const item of digest.items) expect(item.summary).toHaveLength(2);
    const text = digestText(digest);
    expect(text).toContain("New since the last digest (Sunday 2 June 2024): 2 documents.");
    expect(text).toContain("(OCHA, 10 Feb 2023)");
    expect(text).toContain("AFP · 1 Jun 2019 · updated");
    expect(text).toContain("https://example.org/ceiling");
  });

  it("says in one line that nothing is new and how many documents it checked, and still gives key figures", async () => {
    const kb = await openKb(await folder(CEILING_DOC, ATTACK_DOC));
    const first = buildDigest(kb, { day: "2024-06-02", previous: null });
    const digest = buildDigest(kb, {
      day: "2024-06-03",
      previous: { day: "2024-06-02", hashes: first.hashes },
    });
    expect(digest.kind).toBe("nothing-new");
    expect(digest.items).toEqual([]);
    const text = digestText(digest);
    expect(text.split("\n")).toContain(
      "Nothing new since the last digest (Sunday 2 June 2024): I checked 2 documents.",
    );
    expect(digest.figures.length).toBeGreaterThan(0);
    expect(text).toContain("13,289");
    expect(text).toContain("(AFP, as of 1 Jun 2019)");
    expect(text).toContain(DIGEST_THREAD_HINT);
  });

  it("is never empty, even for an empty knowledge base", async () => {
    const kb = await openKb(await folder());
    const digest = buildDigest(kb, { day: "2024-06-03", previous: null });
    const text = digestText(digest);
    expect(text).toContain("MINUSMA briefing — Monday 3 June 2024");
    expect(text).toContain("the knowledge base has no documents yet");
    expect(text).toContain("No figures about personnel, casualties or incidents");
  });

  it("gives the documented JSON shape", async () => {
    const kb = await openKb(await folder(CEILING_DOC));
    const json = digestJson(
      buildDigest(kb, { day: "2024-06-03", previous: { day: "2024-06-02", hashes: {} } }),
    );
    expect(Object.keys(json)).toEqual(["date", "new", "figures", "text"]);
    expect(json.date).toBe("2024-06-03");
    expect(json.new).toEqual([
      {
        doc: "ceiling-2019",
        title: CEILING_DOC.title,
        source: "AFP",
        date: "2019-06-01",
        url: "https://example.org/ceiling",
        summary: expect.any(String),
      },
    ]);
    expect(json.figures[0]).toEqual({
      text: expect.stringContaining("13,289"),
      doc: "ceiling-2019",
      date: "2019-06-01",
      earlier: null,
    });
  });
});

describe("digestTurn", () => {
  it("puts the digest's documents first in its thread's context", async () => {
    const dir = await folder(CEILING_DOC, ATTACK_DOC);
    const first = buildDigest(await openKb(dir), { day: "2024-06-02", previous: null });
    await writeDoc(dir, LATE_DOC);
    const digest = buildDigest(await openKb(dir), {
      day: "2024-06-03",
      previous: { day: "2024-06-02", hashes: first.hashes },
    });
    const turn = digestTurn(digest);
    expect(turn.docs[0]).toBe("ied-2023");
    expect(turn.focus).toEqual(expect.arrayContaining(["explosive", "devices"]));
    expect(turn.focus.length).toBeLessThanOrEqual(4);
    expect(turn.found).toBe(true);

    const quiet = digestTurn(
      buildDigest(await openKb(dir), {
        day: "2024-06-04",
        previous: { day: "2024-06-03", hashes: digest.hashes },
      }),
    );
    expect(quiet.focus).toContain("troop ceiling");
  });
});
