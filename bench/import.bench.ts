import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { PassThrough } from "node:stream";
import { PDFDocument } from "pdf-lib";
import { addCommand } from "../src/cli/add/workflow.ts";
import { answerQuestion } from "../src/core/answer/answer.ts";
import { cleanText } from "../src/core/knowledge/clean.ts";
import {
  renderKnowledgeFile,
  resolveMetadata,
  toFrontMatter,
} from "../src/core/knowledge/import/metadata.ts";
import { readPdf } from "../src/core/knowledge/import/pdf.ts";
import { prepareDocument } from "../src/core/knowledge/import/prepare.ts";
import { watchKnowledge } from "../src/knowledge/live.ts";
import { openKnowledgeBase } from "../src/knowledge/open.ts";
import { writeKnowledgeFile } from "../src/knowledge/source-files.ts";
import { type UnPdfSpec, unPdf, WITHDRAWAL_LETTER } from "../test/helpers/un-pdf.ts";
import { random, writeSyntheticCorpus } from "./synthetic.ts";

// The import benchmark of issue 5: how fast `npm run add` reads a 50-page UN PDF, and how long a running bot
// with a 10k-passage knowledge base takes from a file landing in its folder to answering from it.
// Usage: npm run bench (runs after the answer benchmark), or node --import tsx bench/import.bench.ts

const SENTENCES = [
  "The Mission continued to support the redeployment of the Malian Defence and Security Forces in the centre of the country.",
  "Humanitarian access remained constrained by insecurity, improvised explosive devices and the closure of main supply routes.",
  "During the reporting period, the Mission recorded 48 attacks against its personnel, in which 7 peacekeepers were injured.",
  "The Special Representative engaged with the signatory movements to encourage the resumption of the meetings of the Agreement Monitoring Committee.",
  "Intercommunal violence in the Mopti region displaced more than 12,000 people, most of them women and children.",
  "The formed police units conducted 1,240 patrols, including joint patrols with the national police in Gao and Timbuktu.",
  "Peacekeepers escorted 312 logistics convoys between Gao, Kidal and Tessalit, covering over 160,000 kilometres.",
  "The human rights division documented 145 violations and abuses of human rights, including extrajudicial killings and abductions.",
  "Quick-impact projects supported the rehabilitation of water points, schools and health centres in the regions of Ménaka and Ségou.",
  "The transitional authorities announced a timetable for the constitutional referendum and the subsequent presidential election.",
];

/** A long UN report: sections of paragraphs drawn from the sentences above, with a footnote now and then. */
function report(paragraphs: number): UnPdfSpec {
  const rnd = random(11);
  const blocks: UnPdfSpec["blocks"] = [];
  const footnotes: Record<number, string> = {};
  for (let p = 0; p < paragraphs; p++) {
    if (p % 6 === 0)
      blocks.push({
        heading: `Developments in the ${["north", "centre", "south", "capital"][p % 4]} (${p / 6 + 1})`,
      });
    const sentences = Array.from(
      { length: 4 + Math.floor(rnd() * 3) },
      () => SENTENCES[Math.floor(rnd() * SENTENCES.length)]!,
    );
    let text = `${p + 1}. ${sentences.join(" ")}`;
    if (p % 5 === 2) {
      const n = Object.keys(footnotes).length + 1;
      footnotes[n] = `See S/2023/${400 + n}, para. ${n + 2}.`;
      text += `^${n}`;
    }
    blocks.push(text);
  }
  return {
    ...WITHDRAWAL_LETTER,
    symbol: "S/2023/1010",
    title: ["Situation in Mali", "Report of the Secretary-General"],
    distributed: "28 December 2023",
    blocks,
    footnotes,
  };
}

/** A report of exactly `pages` pages: the number of paragraphs is found by trying. */
async function reportPdf(pages: number): Promise<Uint8Array> {
  let paragraphs = pages * 5;
  for (;;) {
    const bytes = await unPdf(report(paragraphs));
    const count = (await PDFDocument.load(bytes)).getPageCount();
    if (count === pages) return bytes;
    paragraphs += count < pages ? Math.max(1, (pages - count) * 4) : -1;
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function importThroughput(work: string): Promise<void> {
  const pages = 50;
  const bytes = await reportPdf(pages);
  // The first run loads PDF.js and the word list, as the first file of an `npm run add` does; it is not counted.
  await prepareDocument("report.pdf", bytes);
  const whole: number[] = [];
  const extraction: number[] = [];
  const cleaning: number[] = [];
  let words = 0;
  for (let run = 0; run < 5; run++) {
    let start = performance.now();
    const doc = await prepareDocument("report.pdf", bytes);
    whole.push(performance.now() - start);
    words = doc.body.split(/\s+/u).length;
    start = performance.now();
    const pdf = await readPdf(bytes);
    extraction.push(performance.now() - start);
    start = performance.now();
    cleanText(pdf.text);
    cleaning.push(performance.now() - start);
  }
  const ms = median(whole);
  console.log(
    `import: ${pages}-page PDF (${(bytes.length / 1024).toFixed(0)} KB, ${words.toLocaleString("en-US")} words) in ` +
      `${ms.toFixed(0)} ms: ${((pages * 1000) / ms).toFixed(1)} pages/s ` +
      `(of which PDF text and layout ${median(extraction).toFixed(0)} ms, cleaning ${median(cleaning).toFixed(0)} ms; median of 5)`,
  );

  const knowledge = path.join(work, "add-knowledge");
  await mkdir(knowledge);
  const source = path.join(work, "report.pdf");
  await writeFile(source, bytes);
  const sink = new PassThrough().resume();
  let printed = "";
  const out = new PassThrough().on("data", (chunk: Buffer) => {
    printed += chunk.toString();
  });
  const start = performance.now();
  const code = await addCommand([source, "--knowledge", knowledge, "--yes"], {
    input: new PassThrough().end(),
    output: out,
    errors: sink,
    interactive: false,
    progress: false,
    env: {},
  });
  if (code !== 0) throw new Error(`bench: npm run add failed:\n${printed}`);
  const passages = /(\d+) passages/u.exec(printed)?.[1] ?? "?";
  console.log(
    `import: npm run add of it into an empty knowledge folder, written and checked: ${(performance.now() - start).toFixed(0)} ms (${passages} passages)`,
  );
}

async function liveReload(work: string): Promise<void> {
  const dir = path.join(work, "knowledge");
  const cacheDir = path.join(work, "state", "index");
  await writeSyntheticCorpus(dir, 10_000);
  let start = performance.now();
  const kb = await openKnowledgeBase(dir, { cacheDir });
  console.log(
    `live: 10k knowledge base, ${kb.index.documents.length} documents, ${kb.index.passages.size} passages: ` +
      `first build and persist ${(performance.now() - start).toFixed(0)} ms`,
  );
  const reloads: string[] = [];
  const live = await watchKnowledge(kb, {
    cacheDir,
    log: {
      debug: () => {},
      info: (line: unknown) => reloads.push(String(line)),
      warn: (line: unknown) => console.warn(String(line)),
    },
  });

  const letter = await prepareDocument("withdrawal.pdf", await unPdf(WITHDRAWAL_LETTER));
  const changed = await prepareDocument(
    "withdrawal.pdf",
    await unPdf({
      ...WITHDRAWAL_LETTER,
      blocks: WITHDRAWAL_LETTER.blocks.map((b) =>
        typeof b === "string" ? b.replace("12,947", "12,950") : b,
      ),
    }),
  );
  const file = "2024-02-07-s-2024-118-withdrawal.md";
  const question = "How many uniformed personnel had the Mission repatriated?";
  try {
    for (const [label, doc, figure] of [
      ["file landed", letter, "12,947"],
      ["file changed", changed, "12,950"],
    ] as const) {
      const { text } = renderKnowledgeFile(file, toFrontMatter(resolveMetadata(doc.found, {})), doc.body);
      const stall = monitorEventLoopDelay({ resolution: 5 });
      const latencies: number[] = [];
      stall.enable();
      start = performance.now();
      await writeKnowledgeFile(dir, file, text);
      for (;;) {
        const asked = performance.now();
        const answer = answerQuestion(live.current(), question);
        latencies.push(performance.now() - asked);
        if (answer.text.includes(figure)) break;
        if (performance.now() - start > 60_000)
          throw new Error(`bench: no answer from the ${label} after 60 s`);
        // Ten questions a second: a busy team, and enough to see any wait the swap causes.
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const firstAnswer = performance.now() - start;
      stall.disable();
      const worker = /in (\d+) ms/u.exec(reloads.at(-1) ?? "")?.[1] ?? "?";
      console.log(
        `live: ${label} -> first answer from it ${firstAnswer.toFixed(0)} ms (debounce 300 ms, rebuild ${worker} ms ` +
          `incl. the swap); ${latencies.length - 1} questions answered from the old base meanwhile, slowest ` +
          `${Math.max(...latencies).toFixed(0)} ms; longest main-thread stall ${(stall.max / 1e6).toFixed(0)} ms`,
      );
    }
  } finally {
    await live.close();
  }
}

async function main(): Promise<void> {
  console.log(`minusma-bot import benchmark, node ${process.version}`);
  const work = await mkdtemp(path.join(tmpdir(), "minusma-bench-import-"));
  try {
    await importThroughput(work);
    await liveReload(work);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

await main();
