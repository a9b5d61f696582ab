import { describe, expect, it } from "vitest";
import { describeSkipped, loadKnowledge } from "../../../src/core/knowledge/load.ts";
import { doc, knowledgeFolder } from "../../helpers/knowledge-folder.ts";

const good = doc({ title: "Good", source: "UN", date: "2021-06-01" }, "MINUSMA patrols continued.");

describe("loadKnowledge", () => {
  it("loads the real knowledge folder with its metadata", async () => {
    const knowledge = await loadKnowledge("knowledge");
    expect(knowledge.skipped).toEqual([]);
    const letter = knowledge.documents.find((d) => d.symbol === "S/2021/520");
    expect(letter).toMatchObject({
      id: "2021-06-01-s-2021-520-letter-on-minusma-operations",
      source: "United Nations Security Council",
      date: "2021-06-01",
      approximateDate: false,
      url: "https://undocs.org/en/S/2021/520",
    });
    const afp = knowledge.documents.find((d) => d.source === "AFP (via UPI)");
    expect(afp).toMatchObject({ date: "2019-06-01", approximateDate: true, url: null });
    expect(knowledge.documents).toHaveLength(3);
  });

  it("skips a broken file with one line naming the file and the field, and loads the rest", async () => {
    const dir = await knowledgeFolder({
      "good.md": good,
      "no-date.md": doc({ title: "No date", source: "UN" }, "Text."),
      "bad-date.md": doc({ title: "Bad", source: "UN", date: "2021-02-30" }, "Text."),
      "bad-url.md": doc({ title: "Bad", source: "UN", date: "2021-02-03", url: "ftp://x" }, "Text."),
      "typo.md": doc({ titel: "Typo", title: "T", source: "UN", date: "2021-02-03" }, "Text."),
    });
    const knowledge = await loadKnowledge(dir);
    expect(knowledge.documents.map((d) => d.id)).toEqual(["good"]);
    const reasons = Object.fromEntries(knowledge.skipped.map((s) => [s.file, s.reason]));
    expect(reasons["no-date.md"]).toBe("front matter: date is missing");
    expect(reasons["bad-date.md"]).toBe("front matter: date: date is not a real calendar day");
    expect(reasons["bad-url.md"]).toBe("front matter: url: url must be an http(s) link");
    expect(reasons["typo.md"]).toBe('front matter: unknown field "titel"');
    expect(describeSkipped(dir, knowledge.skipped[0]!)).toMatch(
      /^knowledge: skipped .*bad-date\.md: front matter/u,
    );
  });

  it("skips binary, non-UTF-8, front-matter-less, empty and invalid YAML files with their reasons", async () => {
    const dir = await knowledgeFolder({
      "good.md": good,
      "binary.md": Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]),
      "latin1.md": Buffer.concat([
        Buffer.from("---\ntitle: Caf"),
        Buffer.from([0xe9]),
        Buffer.from("\n---\n"),
      ]),
      "plain.md": "Just some text without front matter.",
      "empty.md": doc({ title: "Empty", source: "UN", date: "2021-01-01" }, ""),
      "yaml.md": "---\ntitle: [unclosed\n---\nText.",
    });
    const knowledge = await loadKnowledge(dir);
    expect(knowledge.documents.map((d) => d.id)).toEqual(["good"]);
    const reasons = Object.fromEntries(knowledge.skipped.map((s) => [s.file, s.reason]));
    expect(reasons["binary.md"]).toBe("it is a binary file, not Markdown text");
    expect(reasons["latin1.md"]).toBe("it is not valid UTF-8 text: save it as UTF-8");
    expect(reasons["plain.md"]).toMatch(/^it has no front matter/u);
    expect(reasons["empty.md"]).toBe("it has no text after the front matter");
    expect(reasons["yaml.md"]).toMatch(/^front matter is not valid YAML/u);
  });

  it("refuses a front matter that expands aliases without bound", async () => {
    const laughs = [
      "---",
      'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
      "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]",
      "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]",
      "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]",
      "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]",
      "title: x",
      "---",
      "Text.",
    ].join("\n");
    const knowledge = await loadKnowledge(await knowledgeFolder({ "laughs.md": laughs, "good.md": good }));
    expect(knowledge.documents.map((d) => d.id)).toEqual(["good"]);
    expect(knowledge.skipped[0]?.reason).toMatch(/^front matter is not valid YAML/u);
  });

  it("takes the id from the front matter, else the file name, and refuses a duplicate id", async () => {
    const dir = await knowledgeFolder({
      "a.md": doc({ title: "A", source: "UN", date: "2021-01-01", id: "shared-id" }, "Text A."),
      "b.md": doc({ title: "B", source: "UN", date: "2021-01-02", id: "shared-id" }, "Text B."),
      "c.md": doc({ title: "C", source: "UN", date: "2021-01-03" }, "Text C."),
    });
    const knowledge = await loadKnowledge(dir);
    expect(knowledge.documents.map((d) => d.id)).toEqual(["shared-id", "c"]);
    expect(knowledge.skipped).toEqual([{ file: "b.md", reason: 'id "shared-id" is already used by a.md' }]);
  });

  it("says what to check when the folder does not exist", async () => {
    await expect(loadKnowledge("/nonexistent/knowledge")).rejects.toThrow(
      /^knowledge: cannot read the folder \/nonexistent\/knowledge \(ENOENT\): check --knowledge or KNOWLEDGE_DIR$/u,
    );
  });
});
