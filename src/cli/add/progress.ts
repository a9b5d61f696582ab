import path from "node:path";
import cliProgress from "cli-progress";
import { ImportError } from "../../core/knowledge/import/errors.ts";
import { prepareDocument } from "../../core/knowledge/import/prepare.ts";
import { readSource } from "../../knowledge/source-files.ts";
import type { AddIo } from "./options.ts";
import type { ReadResult } from "./plan.ts";

/**
 * Reads and cleans every file; a folder gets a progress bar on a terminal. One bad file does not stop the
 * rest: it comes back with the reason it could not be read.
 */
export async function readAll(sources: string[], io: AddIo, single: boolean): Promise<ReadResult[]> {
  const bar =
    io.progress && !single
      ? new cliProgress.SingleBar(
          {
            stream: io.errors as NodeJS.WriteStream,
            format: "reading {bar} {value}/{total} {file}",
            hideCursor: true,
            clearOnComplete: true,
          },
          cliProgress.Presets.shades_classic,
        )
      : null;
  bar?.start(sources.length, 0, { file: "" });
  const results: ReadResult[] = [];
  try {
    for (const source of sources) {
      bar?.update({ file: path.basename(source) });
      try {
        results.push({ source, prepared: await prepareDocument(source, await readSource(source)) });
      } catch (error) {
        // Whatever one file does to the PDF reader or the cleaner, the other files still go in.
        const reason =
          error instanceof ImportError
            ? error.message
            : `it could not be read (${error instanceof Error ? error.message : String(error)}): check that the file opens`;
        results.push({ source, reason });
      }
      bar?.increment();
    }
  } finally {
    bar?.stop();
  }
  return results;
}
