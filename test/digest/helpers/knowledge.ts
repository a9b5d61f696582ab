import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { KnowledgeBase } from "../../../src/core/knowledge-base.ts";
import { openKnowledgeBase } from "../../../src/knowledge/open.ts";
import { doc } from "../../helpers/knowledge-folder.ts";

export interface TestDoc {
  id: string;
  title: string;
  source: string;
  date: string;
  url?: string;
  approximate?: boolean;
  body: string;
}

/** Writes a knowledge file the way knowledge/*.md are written: YAML front matter, then Markdown. */
export async function writeDoc(dir: string, d: TestDoc): Promise<void> {
  const front: Record<string, string | boolean> = { title: d.title, source: d.source, date: d.date };
  if (d.approximate) front.approximate_date = true;
  if (d.url) front.url = d.url;
  await writeFile(path.join(dir, `${d.id}.md`), doc(front, d.body.trim()));
}

/** A temporary folder, removed by the returned function. */
export async function tempDir(prefix: string): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), `minusma-${prefix}-`));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Opens a knowledge folder in memory (no index cache), as the bot would after a reload. */
export function openKb(dir: string): Promise<KnowledgeBase> {
  return openKnowledgeBase(dir);
}

/** Two small briefing documents with figures, for the digest tests. */
export const CEILING_DOC: TestDoc = {
  id: "ceiling-2019",
  title: "Guterres urges no MINUSMA drawdown",
  source: "AFP",
  date: "2019-06-01",
  url: "https://example.org/ceiling",
  body: `
UN Secretary-General Antonio Guterres warned of a high risk of atrocities in central Mali in a report to the Security Council.

The MINUSMA mission should be extended for a year with its troop ceiling of 13,289 unchanged along with the maximum deployment of 1,920 police, said the report.

There are currently about 14,700 troops and police deployed in Mali, with 125 peacekeepers killed in attacks since deployment in 2013.

The council is set to vote on renewing the mandate on June 27.
`,
};

export const ATTACK_DOC: TestDoc = {
  id: "attack-2021",
  title: "Attack on the camp in Aguelhok",
  source: "United Nations Security Council",
  date: "2021-04-05",
  body: `
In the 2 April attack on the camp in Aguelhok, Kidal region, MINUSMA peacekeepers repelled a complex attack by over 200 extremist elements.

Four peacekeepers from Chad were killed and dozens wounded in the Aguelhok attack, the Mission said.

The Mission reinforced the camp's perimeter and increased patrols around Aguelhok after the attack.
`,
};

/** A document with a figure, dated after the others: what "added after yesterday's digest" looks like. */
export const LATE_DOC: TestDoc = {
  id: "ied-2023",
  title: "Explosive devices on the Gao road",
  source: "OCHA",
  date: "2023-02-10",
  body: `
Since January, over 68 improvised explosive devices have been used on the road between Gao and Ansongo, including 25 against MINUSMA convoys.

Convoys between Gao and Ansongo now travel with mine-clearing teams, which has slowed the delivery of supplies to the camps.

Humanitarian partners suspended road missions between Gao and Ansongo for two weeks in February.
`,
};
