import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { PDFDocument } from "pdf-lib";
import { beforeAll, describe, expect, it } from "vitest";
import { addCommand } from "../../src/cli/add/workflow.ts";
import { answerQuestion } from "../../src/core/answer/answer.ts";
import { openKnowledgeBase } from "../../src/knowledge/open.ts";
import { runCommand } from "../helpers/cli.ts";
import { doc, knowledgeFolder } from "../helpers/knowledge-folder.ts";
import { unPdf, WITHDRAWAL_LETTER } from "../helpers/un-pdf.ts";

const ADDED_FILE = "2024-02-07-s-2024-118-letter-dated-7-february-2024-from-the-secretary.md";
const NEWS =
  "Peacekeepers left the camp at Ber on 13 August 2023 after clashes nearby. The convoy reached Timbuktu.";

let letter: Uint8Array;
let changedLetter: Uint8Array;
let blankPdf: Uint8Array;
beforeAll(async () => {
  letter = await unPdf(WITHDRAWAL_LETTER);
  changedLetter = await unPdf({
    ...WITHDRAWAL_LETTER,
    blocks: WITHDRAWAL_LETTER.blocks.map((block) =>
      typeof block === "string" ? block.replace("12,947", "12,950") : block,
    ),
  });
  const blank = await PDFDocument.create();
  blank.addPage();
  blankPdf = await blank.save();
});

/** Runs `npm run add` in-process with the given answers on its input; returns what it printed. */
function add(
  argv: string[],
  options: { interactive?: boolean; progress?: boolean; answers?: string[]; env?: NodeJS.ProcessEnv } = {},
) {
  return runCommand(addCommand, argv, {
    input: (options.answers ?? []).map((answer) => `${answer}\n`).join(""),
    env: options.env,
    progress: options.progress,
    extra: { interactive: options.interactive ?? false },
  });
}

async function files(dir: string): Promise<string[]> {
  return (await readdir(dir)).sort();
}

describe("npm run add, without a terminal", () => {
  it("adds a PDF with what it found, as a file the bot loads and answers from", async () => {
    const knowledge = await knowledgeFolder({});
    const sources = await knowledgeFolder({ "withdrawal.pdf": Buffer.from(letter) });
    const { code, out, err } = await add([path.join(sources, "withdrawal.pdf"), "--knowledge", knowledge]);
    expect({ code, err }).toEqual({ code: 0, err: "" });
    expect(out).toBe(
      `added    ${path.join(knowledge, ADDED_FILE)}  (from ${path.join(sources, "withdrawal.pdf")}, 4 pages, 7 passages)\n` +
        "Added 1, replaced 0, skipped 0. A running bot picks the change up by itself.\n",
    );
    const written = await readFile(path.join(knowledge, ADDED_FILE), "utf8");
    expect(written.split("\n").slice(0, 8)).toEqual([
      "---",
      "title: Letter dated 7 February 2024 from the Secretary-General addressed to the President of the Security Council",
      "source: United Nations Security Council",
      "date: 2024-02-07",
      "url: https://undocs.org/en/S/2024/118",
      "symbol: S/2024/118",
      "---",
      "",
    ]);
    const kb = await openKnowledgeBase(knowledge);
    expect(kb.skipped).toEqual([]);
    const answer = answerQuestion(kb, "How many uniformed personnel had the Mission repatriated?");
    expect(answer.found).toBe(true);
    expect(answer.text).toContain("12,947 uniformed personnel");
    expect(answer.citations[0]?.doc.id).toBe(ADDED_FILE.replace(/\.md$/u, ""));
  });

  it("refuses a document whose required metadata it cannot find, naming the flags, and writes nothing", async () => {
    const knowledge = await knowledgeFolder({});
    const sources = await knowledgeFolder({ "ber.txt": NEWS });
    const source = path.join(sources, "ber.txt");
    const { code, out, err } = await add([source, "--knowledge", knowledge, "--date", "2023-08-14"]);
    expect(code).toBe(1);
    expect(err).toBe(
      `skipped  ${source}: no title or source found in it: give them with --title "..." and --source "..." (the publisher)\n`,
    );
    expect(out).toBe("Added 0, replaced 0, skipped 1.\n");
    expect(await files(knowledge)).toEqual([]);

    const given = await add([
      source,
      "--knowledge",
      knowledge,
      "--yes",
      "--title",
      "Peacekeepers leave Ber",
      "--source",
      "AFP",
      "--date",
      "2023-08-14",
      "--approximate-date",
    ]);
    expect(given.code).toBe(0);
    expect(await files(knowledge)).toEqual(["2023-08-14-peacekeepers-leave-ber.md"]);
  });

  it("takes a UN letter's opening lines as its title, not glued to its first paragraph", async () => {
    const knowledge = await knowledgeFolder({});
    const sources = await knowledgeFolder({
      "letter.txt": [
        "Letter dated 7 February 2024 from the Secretary-General addressed to the",
        "President of the Security Council",
        "I have the honour to refer to resolution 2690 (2023), by which the Security Council terminated the",
        "mandate of MINUSMA. The Mission completed its withdrawal on 31 December 2023.",
        "",
      ].join("\n"),
    });
    const { code, err } = await add([
      path.join(sources, "letter.txt"),
      "--knowledge",
      knowledge,
      "--yes",
      "--source",
      "United Nations Security Council",
    ]);
    expect({ code, err }).toEqual({ code: 0, err: "" });
    const [file] = await files(knowledge);
    expect(file).toBe("2024-02-07-letter-dated-7-february-2024-from-the-secretary-general.md");
    const kb = await openKnowledgeBase(knowledge);
    const [document] = kb.index.documents;
    expect(document?.title).toBe(
      "Letter dated 7 February 2024 from the Secretary-General addressed to the President of the Security Council",
    );
    const written = await readFile(path.join(knowledge, file!), "utf8");
    expect(written).toMatch(/\n\nI have the honour to refer to resolution 2690 \(2023\), by which/u);
    expect(written).not.toMatch(/Security Council I have the honour/u);
  });

  it("shows the file it would write with --dry-run, and writes nothing", async () => {
    const knowledge = await knowledgeFolder({});
    const sources = await knowledgeFolder({ "withdrawal.pdf": Buffer.from(letter) });
    const { code, out } = await add([
      path.join(sources, "withdrawal.pdf"),
      "--knowledge",
      knowledge,
      "--dry-run",
    ]);
    expect(code).toBe(0);
    expect(out).toContain('  date    2024-02-07  ("Letter dated 7 February 2024")\n');
    expect(out).toContain("  symbol  S/2024/118  (the first page)\n");
    expect(out).toContain(
      `--- ${path.join(knowledge, ADDED_FILE)} would be:\n---\ntitle: Letter dated 7 February 2024`,
    );
    expect(out).toContain("## Notes\n\n1 See S/2023/611, para. 3.\n---\n");
    expect(out.trim().split("\n").at(-1)).toBe("Dry run, nothing written: would add 1, replace 0, skip 0.");
    expect(await files(knowledge)).toEqual([]);
  });

  it("does not add the same text twice", async () => {
    const knowledge = await knowledgeFolder({});
    const sources = await knowledgeFolder({
      "withdrawal.pdf": Buffer.from(letter),
      "copy.pdf": Buffer.from(letter),
    });
    await add([path.join(sources, "withdrawal.pdf"), "--knowledge", knowledge]);
    const again = await add([
      path.join(sources, "copy.pdf"),
      "--knowledge",
      knowledge,
      "--title",
      "Another title",
    ]);
    expect(again.code).toBe(0);
    expect(again.out).toContain(
      `skipped  ${path.join(sources, "copy.pdf")}: already in the knowledge base as ${path.join(knowledge, ADDED_FILE)} (the same text)\n`,
    );
    expect(await files(knowledge)).toEqual([ADDED_FILE]);
  });

  it("replaces a changed version with the same symbol only with --yes, keeping its file name and id", async () => {
    const knowledge = await knowledgeFolder({
      "s-2024-118.md": doc(
        { title: "Withdrawal letter", source: "UNSC", date: "2024-02-07", symbol: "S/2024/118" },
        "An older draft of the letter.",
      ),
    });
    const sources = await knowledgeFolder({ "changed.pdf": Buffer.from(changedLetter) });
    const source = path.join(sources, "changed.pdf");
    const refused = await add([source, "--knowledge", knowledge]);
    expect(refused.code).toBe(1);
    expect(refused.err).toBe(
      `skipped  ${source}: it is a changed version of ${path.join(knowledge, "s-2024-118.md")} (the same symbol): run again with --yes to replace it\n`,
    );
    expect(await readFile(path.join(knowledge, "s-2024-118.md"), "utf8")).toContain("An older draft");

    const replaced = await add([source, "--knowledge", knowledge, "--yes"]);
    expect(replaced.code).toBe(0);
    expect(replaced.out).toMatch(
      /^replaced .*s-2024-118\.md {2}\(from .*changed\.pdf, 4 pages, 7 passages; the same symbol\)\n/u,
    );
    expect(await files(knowledge)).toEqual(["s-2024-118.md"]);
    const kb = await openKnowledgeBase(knowledge);
    expect(kb.index.documents.map((document) => document.id)).toEqual(["s-2024-118"]);
    expect(answerQuestion(kb, "How many uniformed personnel were repatriated?").text).toContain("12,950");
  });
});

describe("npm run add, on a terminal", () => {
  it("asks for what is missing until the answer is valid, then for confirmation", async () => {
    const knowledge = await knowledgeFolder({});
    const sources = await knowledgeFolder({ "ber.txt": NEWS });
    const { code, out } = await add([path.join(sources, "ber.txt"), "--knowledge", knowledge], {
      interactive: true,
      answers: ["Peacekeepers leave Ber", "AFP", "", "14 August 2023", "2023-08-14", "y"],
    });
    expect(code).toBe(0);
    expect(out).toContain(
      "some of what the knowledge base needs was not found in it.\nTitle: Source (the publisher): ",
    );
    expect(out).toContain("Date (YYYY-MM-DD): The date is required: type it, or press Ctrl-C to stop.\n");
    expect(out).toContain("Date (YYYY-MM-DD): date must be YYYY-MM-DD.\nDate (YYYY-MM-DD): ");
    expect(out).toContain("  title   Peacekeepers leave Ber  (you)\n");
    expect(out).toContain("  adds 2023-08-14-peacekeepers-leave-ber.md\nAdd it? [Y/n/e to edit] ");
    const written = await readFile(path.join(knowledge, "2023-08-14-peacekeepers-leave-ber.md"), "utf8");
    expect(written).toBe(
      `---\ntitle: Peacekeepers leave Ber\nsource: AFP\ndate: 2023-08-14\n---\n\n${NEWS}\n`,
    );
  });

  it("lets the fields be edited before adding, and adds nothing when told no", async () => {
    const knowledge = await knowledgeFolder({});
    const sources = await knowledgeFolder({ "withdrawal.pdf": Buffer.from(letter) });
    const source = path.join(sources, "withdrawal.pdf");
    const declined = await add([source, "--knowledge", knowledge], { interactive: true, answers: ["n"] });
    expect(declined.code).toBe(0);
    expect(declined.out).toContain(`skipped  ${source}: you chose not to add it\n`);
    expect(await files(knowledge)).toEqual([]);

    const edited = await add([source, "--knowledge", knowledge], {
      interactive: true,
      answers: ["e", "MINUSMA withdrawal letter", "", "", "-", "", "y"],
    });
    expect(edited.code).toBe(0);
    expect(edited.out).toContain(
      "Title [Letter dated 7 February 2024 from the Secretary-General addressed to the President of the Security Council]: ",
    );
    expect(edited.out).toContain("Link (optional) [https://undocs.org/en/S/2024/118] (- to remove): ");
    expect(edited.out).toContain("  title   MINUSMA withdrawal letter  (you)\n");
    const written = await readFile(
      path.join(knowledge, "2024-02-07-s-2024-118-minusma-withdrawal-letter.md"),
      "utf8",
    );
    expect(written).toMatch(
      /^---\ntitle: MINUSMA withdrawal letter\nsource: United Nations Security Council\ndate: 2024-02-07\nsymbol: S\/2024\/118\n---\n/u,
    );
  });

  it("replaces a changed version only when asked to, and says what it replaces", async () => {
    const knowledge = await knowledgeFolder({});
    const sources = await knowledgeFolder({
      "old.pdf": Buffer.from(letter),
      "new.pdf": Buffer.from(changedLetter),
    });
    await add([path.join(sources, "old.pdf"), "--knowledge", knowledge, "--yes"]);
    const kept = await add([path.join(sources, "new.pdf"), "--knowledge", knowledge], {
      interactive: true,
      answers: [""],
    });
    expect(kept.out).toContain(`  replaces ${ADDED_FILE} ("Letter dated 7 February 2024`);
    expect(kept.out).toContain(`Replace ${ADDED_FILE} with this version? [y/N/e to edit] `);
    expect(await readFile(path.join(knowledge, ADDED_FILE), "utf8")).toContain("12,947");

    const replaced = await add([path.join(sources, "new.pdf"), "--knowledge", knowledge], {
      interactive: true,
      answers: ["y"],
    });
    expect(replaced.out).toContain("Added 0, replaced 1, skipped 0.");
    expect(await readFile(path.join(knowledge, ADDED_FILE), "utf8")).toContain("12,950");
  });
});

describe("npm run add with a folder", () => {
  it("adds what it can, skips each bad file with its reason, and sums up", async () => {
    const knowledge = await knowledgeFolder({});
    const sources = await knowledgeFolder({
      "a-withdrawal.pdf": Buffer.from(letter),
      "b-copy-of-withdrawal.pdf": Buffer.from(letter),
      "kidal.md": doc(
        { title: "Access to Kidal", source: "OCHA", date: "2023-11-14" },
        "Access to Kidal remained limited.",
      ),
      "broken.pdf": Buffer.from("%PDF-1.7 truncated"),
      "scan.pdf": Buffer.from(blankPdf),
      "notes.txt": Buffer.from([0x00, 0x01, 0x02]),
      "empty.md": "",
      "photo.png": Buffer.from([0x89, 0x50, 0x4e, 0x47]),
      ".DS_Store": "hidden",
    });
    const { code, out, err } = await add([sources, "--knowledge", knowledge], { progress: true });
    expect(code).toBe(1);
    const at = (name: string) => path.join(sources, name);
    expect(out).toContain(`skipped  ${at("b-copy-of-withdrawal.pdf")}: already in the knowledge base as`);
    expect(err).toContain(`skipped  ${at("broken.pdf")}: it is not a readable PDF`);
    expect(err).toContain(`skipped  ${at("scan.pdf")}: the PDF has no text to read (a scanned image?)`);
    expect(err).toContain(`skipped  ${at("notes.txt")}: it looks like a binary file, not text`);
    expect(err).toContain(`skipped  ${at("empty.md")}: it has no text`);
    expect(err).toContain(`skipped  ${at("photo.png")}: it is not a .txt, .md or .pdf file`);
    expect(err).not.toContain(".DS_Store");
    expect(err).toMatch(/reading .* 8\/8 scan\.pdf/u);
    expect(out.trim().split("\n").at(-1)).toBe(
      "Added 2, replaced 0, skipped 6. A running bot picks the change up by itself.",
    );
    expect(await files(knowledge)).toEqual(["2023-11-14-access-to-kidal.md", ADDED_FILE]);
  });

  it("shows what a folder would give with --dry-run, and writes nothing", async () => {
    const knowledge = await knowledgeFolder({});
    const sources = await knowledgeFolder({
      "a.md": doc({ title: "First", source: "OCHA", date: "2023-11-14" }, "The first text."),
      "b.txt": "A text without a title.",
    });
    const { code, out, err } = await add([sources, "--knowledge", knowledge, "--dry-run"]);
    expect(code).toBe(1);
    expect(out).toContain("  adds 2023-11-14-first.md\n");
    expect(err).toContain(`skipped  ${path.join(sources, "b.txt")}: no title, source or date found in it`);
    expect(out.trim().split("\n").at(-1)).toBe("Dry run, nothing written: would add 1, replace 0, skip 1.");
    expect(await files(knowledge)).toEqual([]);
  });

  it("adds one of two versions of a document found in the same folder, and says why not the other", async () => {
    const knowledge = await knowledgeFolder({});
    const sources = await knowledgeFolder({
      "a.pdf": Buffer.from(letter),
      "b.pdf": Buffer.from(changedLetter),
    });
    const { code, err } = await add([sources, "--knowledge", knowledge, "--yes"]);
    expect(code).toBe(1);
    expect(err).toBe(
      `skipped  ${path.join(sources, "b.pdf")}: it has the same symbol as ${path.join(sources, "a.pdf")}, also in this run: add the version you want on its own\n`,
    );
    expect(await files(knowledge)).toEqual([ADDED_FILE]);
  });

  it("asks once for the whole folder on a terminal", async () => {
    const knowledge = await knowledgeFolder({});
    const sources = await knowledgeFolder({
      "a.md": doc({ title: "First", source: "OCHA", date: "2023-11-14" }, "The first text."),
      "b.md": doc({ title: "Second", source: "OCHA", date: "2023-11-15" }, "The second text."),
    });
    const { out } = await add([sources, "--knowledge", knowledge], { interactive: true, answers: ["n"] });
    expect(out).toContain(`To write in ${knowledge}:\n`);
    expect(out).toContain("Write 2 documents? [Y/n] ");
    expect(out).toContain("Added 0, replaced 0, skipped 2.");
    expect(await files(knowledge)).toEqual([]);
  });
});

describe("npm run add, used wrongly", () => {
  it("says what is wrong with the command line and exits 2", async () => {
    const knowledge = await knowledgeFolder({});
    const sources = await knowledgeFolder({ "a.txt": "Text.", "b.txt": "More text." });
    expect(await add([sources, "--knowledge", knowledge, "--title", "One title"])).toMatchObject({
      code: 2,
      err: "add: --title names one document, and 2 files were given: add them one at a time, or leave it out\n",
    });
    expect(await add([sources, "--date", "1 June 2021"])).toMatchObject({
      code: 2,
      err: 'add: --date "1 June 2021": date must be YYYY-MM-DD\n',
    });
    const unknown = await add([sources, "--titel", "x"]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/^add: Unknown option '--titel'\nusage: npm run add/u);
    expect((await add([])).err).toMatch(/^add: give a file or a folder to add\nusage:/u);
  });

  it("says when the knowledge folder or the source cannot be used, and exits 1", async () => {
    const knowledge = await knowledgeFolder({
      "x.md": doc({ title: "X", source: "Y", date: "2020-01-01" }, "Text."),
    });
    expect(await add(["a.txt", "--knowledge", path.join(knowledge, "missing")])).toMatchObject({
      code: 1,
      err: `add: the knowledge folder ${path.join(knowledge, "missing")} does not exist: create it, or point --knowledge (or KNOWLEDGE_DIR) at the one the bot reads\n`,
    });
    expect(await add([path.join(knowledge, "nowhere.pdf"), "--knowledge", knowledge])).toMatchObject({
      code: 1,
      err: `add: cannot find ${path.join(knowledge, "nowhere.pdf")}: check the path\n`,
    });
    const inside = await add([path.join(knowledge, "x.md"), "--knowledge", knowledge]);
    expect(inside.code).toBe(1);
    expect(inside.err).toMatch(/is already in the knowledge folder/u);
  });

  it("reads the knowledge folder from KNOWLEDGE_DIR when --knowledge is not given", async () => {
    const knowledge = await knowledgeFolder({});
    const sources = await knowledgeFolder({
      "a.md": doc({ title: "First", source: "OCHA", date: "2023-11-14" }, "Text."),
    });
    const { code } = await add([path.join(sources, "a.md")], { env: { KNOWLEDGE_DIR: knowledge } });
    expect(code).toBe(0);
    expect(await files(knowledge)).toEqual(["2023-11-14-first.md"]);
  });
});
