import cliProgress from "cli-progress";
import type { BuildProgress } from "../core/knowledge/load.ts";

const UNITS = { reading: "documents", indexing: "passages" } as const;

/**
 * What is shown while a knowledge folder's index is built (the first start, or after the files changed; a
 * persisted index loads without it): on a terminal, a bar of documents read, then of passages indexed,
 * cleared when done; otherwise one line, so a log or a pipe is not filled with redraws.
 */
export function buildProgressDisplay(
  stream: NodeJS.WritableStream,
  terminal: boolean,
  dir: string,
): { progress: BuildProgress; stop: () => void } {
  if (!terminal) {
    let said = false;
    return {
      progress: () => {
        if (said) return;
        said = true;
        stream.write(`knowledge: building the index of ${dir} (once: the next start loads it)…\n`);
      },
      stop: () => {},
    };
  }
  const bar = new cliProgress.SingleBar(
    {
      stream: stream as NodeJS.WriteStream,
      format: "{stage} {bar} {value}/{total} {unit}",
      hideCursor: true,
      clearOnComplete: true,
      // Every report is drawn: the build runs on this thread, so a timer would not fire until it is over.
      synchronousUpdate: true,
      fps: 1_000,
    },
    cliProgress.Presets.shades_classic,
  );
  let stage: keyof typeof UNITS | null = null;
  return {
    progress: (step) => {
      if (step.stage !== stage) {
        if (stage === null) bar.start(step.total, step.done, { stage: step.stage, unit: UNITS[step.stage] });
        else {
          bar.setTotal(step.total);
          bar.update(step.done, { stage: step.stage, unit: UNITS[step.stage] });
        }
        stage = step.stage;
      } else bar.update(step.done);
      // A stage's first and last counts are always drawn; those between, as often as the bar allows.
      if (step.done === step.total || step.done <= 1) bar.render();
    },
    stop: () => {
      if (stage !== null) bar.stop();
    },
  };
}
