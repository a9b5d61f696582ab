import { describe, expect, it } from "vitest";
import {
  missingOutcome,
  planImports,
  type ReadResult,
  type ResolvedDocument,
  triage,
} from "../../../src/cli/add/plan.ts";
import { contentHash, type KnownDocument } from "../../../src/core/knowledge/import/plan.ts";
import type { PreparedDocument } from "../../../src/core/knowledge/import/prepare.ts";

// The import plan is decided without a terminal or a file system: these feed it documents as read and the
// knowledge folder's documents as known, and check what it would do.

const DIR = "knowledge";

function prepared(body: string, found: PreparedDocument["found"] = {}): PreparedDocument {
  return { kind: "text", pages: null, body, found, approximateDate: false, notes: [] };
}

const FOUND = {
  title: { value: "Report of the Secretary-General on the situation in Mali", from: "its first lines" },
  source: { value: "United Nations Security Council", from: "its symbol" },
  date: { value: "2023-06-01", from: "its first page" },
  symbol: { value: "S/2023/402", from: "its first page" },
};

const REPORT_BODY = "The Mission completed its withdrawal from Ber on 13 August 2023 after clashes nearby.";

const known: KnownDocument[] = [
  {
    id: "mali-report-june-2023",
    file: "2023-06-01-s-2023-402-report.md",
    title: "Report of the Secretary-General on the situation in Mali",
    symbol: "S/2023/402",
    url: null,
    contentHash: contentHash("An older text of the report."),
  },
  {
    id: "news",
    file: "news.md",
    title: "Peacekeepers leave Ber",
    symbol: null,
    url: "https://example.org/ber",
    contentHash: contentHash("Peacekeepers left the camp at Ber."),
  },
];

function ready(results: ReadResult[], flags = {}): ResolvedDocument[] {
  return triage(DIR, known, results, flags).flatMap((item) => (item.kind === "ready" ? [item.document] : []));
}

const policy = { yes: false, dryRun: false, confirmed: false };

describe("the import plan of npm run add", () => {
  it("skips a file whose text is already there, without asking for its metadata", () => {
    const [item] = triage(
      DIR,
      known,
      [{ source: "copy.txt", prepared: prepared("Peacekeepers left the camp at Ber.") }],
      {},
    );
    expect(item).toEqual({
      kind: "skipped",
      outcome: {
        status: "skipped",
        source: "copy.txt",
        reason: "already in the knowledge base as knowledge/news.md (the same text)",
        problem: false,
      },
    });
  });

  it("keeps an unreadable file's reason as a problem, and names the flags for missing metadata", () => {
    const items = triage(
      DIR,
      known,
      [
        {
          source: "scan.pdf",
          reason: "the PDF has no text to read (a scanned image?): run it through OCR and add the text",
        },
        { source: "notes.txt", prepared: prepared("Some notes about the convoy to Timbuktu.") },
      ],
      {},
    );
    expect(items[0]).toMatchObject({ kind: "skipped", outcome: { problem: true, source: "scan.pdf" } });
    expect(items[1]).toMatchObject({ kind: "incomplete", missing: ["title", "source", "date"] });
    expect(missingOutcome("notes.txt", ["title", "date"])).toEqual({
      status: "skipped",
      source: "notes.txt",
      reason: 'no title or date found in it: give them with --title "..." and --date YYYY-MM-DD',
      problem: true,
    });
  });

  it("adds a new document under a dated file name no other file uses", () => {
    const documents = ready([
      {
        source: "new.txt",
        prepared: prepared(REPORT_BODY, {
          ...FOUND,
          symbol: { value: "S/2023/999", from: "its first page" },
        }),
      },
    ]);
    const { toWrite, outcomes } = planImports(DIR, known, documents, policy);
    expect(outcomes).toEqual([]);
    expect(toWrite.map((entry) => entry.plan)).toEqual([
      { action: "add", file: "2023-06-01-s-2023-999-report-of-the-secretary-general-on-the-situation.md" },
    ]);
    expect(toWrite[0]!.text).toContain("title: Report of the Secretary-General on the situation in Mali\n");
    expect(toWrite[0]!.passages).toBe(1);
  });

  it("refuses to replace a changed version without --yes or a person's answer, and replaces it with either", () => {
    const documents = ready([{ source: "report.txt", prepared: prepared(REPORT_BODY, FOUND) }]);
    expect(planImports(DIR, known, documents, policy)).toMatchObject({
      toWrite: [],
      outcomes: [
        {
          status: "skipped",
          reason:
            "it is a changed version of knowledge/2023-06-01-s-2023-402-report.md (the same symbol): run again with --yes to replace it",
          problem: true,
        },
      ],
    });
    for (const allowed of [
      { ...policy, yes: true },
      { ...policy, confirmed: true },
    ]) {
      const { toWrite } = planImports(DIR, known, documents, allowed);
      expect(toWrite.map((entry) => entry.plan.action)).toEqual(["replace"]);
      // The replacement keeps the old document's id, so old citations still resolve.
      expect(toWrite[0]!.text).toContain("id: mali-report-june-2023\n");
    }
  });

  it("adds two copies of one text in a run once", () => {
    const body = "A briefing on the convoy that reached Timbuktu on 14 August 2023.";
    const { symbol: _symbol, ...withoutSymbol } = {
      ...FOUND,
      title: { value: "Convoy briefing", from: "its first lines" },
    };
    const documents = ready([
      { source: "a/briefing.txt", prepared: prepared(body, withoutSymbol) },
      { source: "b/briefing.txt", prepared: prepared(body, withoutSymbol) },
    ]);
    const { toWrite, outcomes } = planImports(DIR, known, documents, policy);
    expect(toWrite.map((entry) => entry.source)).toEqual(["a/briefing.txt"]);
    expect(outcomes).toEqual([
      {
        status: "skipped",
        source: "b/briefing.txt",
        reason: "already in the knowledge base as knowledge/2023-06-01-convoy-briefing.md (the same text)",
        problem: false,
      },
    ]);
  });

  it("refuses the second of two versions of one document in a run rather than guessing which is newer", () => {
    const documents = ready([
      { source: "first.txt", prepared: prepared(REPORT_BODY, FOUND) },
      { source: "second.txt", prepared: prepared(`${REPORT_BODY} Revised.`, FOUND) },
    ]);
    const { toWrite, outcomes } = planImports(DIR, known, documents, { ...policy, yes: true });
    expect(toWrite.map((entry) => entry.source)).toEqual(["first.txt"]);
    expect(outcomes).toEqual([
      {
        status: "skipped",
        source: "second.txt",
        reason: "it has the same symbol as first.txt, also in this run: add the version you want on its own",
        problem: true,
      },
    ]);
  });

  it("flags given on the command line win over what was found", () => {
    const documents = ready([{ source: "report.txt", prepared: prepared(REPORT_BODY, FOUND) }], {
      symbol: "S/2023/500",
      title: "Another title",
    });
    const { toWrite } = planImports(DIR, known, documents, policy);
    expect(toWrite[0]!.plan).toEqual({ action: "add", file: "2023-06-01-s-2023-500-another-title.md" });
    expect(toWrite[0]!.metadata.from).toMatchObject({ title: "--title", symbol: "--symbol" });
  });
});
