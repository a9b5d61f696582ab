import type { AnswerType } from "../search/query.ts";
import { type MODEL_TABLE, TUNING } from "./model.ts";
import {
  type ConfidenceParts,
  type Rejected,
  type ScoreParts,
  type SentenceCandidate,
  whenOf,
} from "./rank.ts";

/** How a question was read and why it was answered or refused: what `ask --explain` prints. */
export interface Explanation {
  reading?: {
    concepts: Array<{ text: string; weight: number; known: boolean; foreign: boolean; searched: string[] }>;
    answerType: AnswerType;
    subjects: string[];
    home: boolean;
    period: string | null;
    followUp: boolean;
    /** "after that", "before", "by then": time read against the thread's event */
    relative?: string | null;
    /** "who did he replace?": what is asked about the thread's person (conversation/biography.ts) */
    biography?: string | null;
    /** "where is that?" / "who was holding her?" / "who led it?" / "when were they kidnapped?" (conversation/event-cues.ts) */
    event?: string | null;
    /** "and in 2019?": the thread's question with the new year or name swapped in (conversation/swap.ts) */
    swap?: { answerType: string | null; replaced: string[]; reading: string | null } | null;
    referents: Array<{ word: string; to: string }>;
  };
  /** the role statements a role question was answered from (roles/), newest first */
  facts?: string[];
  candidates?: SentenceCandidate[];
  rejected?: Rejected[];
  confidence?: (ConfidenceParts & { value: number }) | null;
  chosen?: SentenceCandidate[];
  decision?: string;
}

const PART_WEIGHTS: Record<keyof ScoreParts, keyof typeof MODEL_TABLE> = {
  coverage: "scoreCoverage",
  typed: "scoreTyped",
  nearCount: "scoreNearCount",
  passage: "scorePassage",
  density: "scoreDensity",
  prominence: "scoreProminence",
  proximity: "scoreProximity",
  thread: "scoreThread",
  headline: "scoreHeadline",
  reason: "scoreReason",
  nearAnswer: "scoreNearAnswer",
  anchor: "scoreAnchor",
};

/** An explanation as lines of plain text for a terminal. */
export function explanationText(explanation: Explanation): string {
  const lines: string[] = [];
  const reading = explanation.reading;
  if (reading) {
    lines.push("How the question was read:");
    lines.push(
      `  concepts: ${
        reading.concepts
          .map(
            (c) =>
              `${c.text} (${c.known ? `weight ${c.weight}` : c.foreign ? "unknown name" : "not in the documents"}${
                c.searched.length > 1 ? `; also ${c.searched.slice(1).join(", ")}` : ""
              })`,
          )
          .join("; ") || "none"
      }`,
    );
    lines.push(`  answer type: ${reading.answerType}`);
    lines.push(
      `  subject: ${reading.subjects.join(", ") || "any document"}${reading.home ? " (home: the question names no other)" : ""}`,
    );
    lines.push(`  period: ${reading.period ?? "none named"}`);
    if (reading.followUp) {
      lines.push(
        `  follow-up: yes${reading.referents.length > 0 ? `; ${reading.referents.map((r) => `"${r.word}" = ${r.to}`).join(", ")}` : ""}`,
      );
    }
    if (reading.relative)
      lines.push(`  relative time: "${reading.relative}", read against the thread's event`);
    if (reading.swap)
      lines.push(
        `  swap: the thread's question again${reading.swap.replaced.length > 0 ? `, with ${reading.swap.replaced.join(", ")} replaced` : ""}${reading.swap.answerType ? `, asking for a ${reading.swap.answerType}` : ""}${reading.swap.reading ? ` (read as "${reading.swap.reading}")` : ""}`,
      );
    if (reading.event)
      lines.push(
        `  event: asks ${EVENT_ASKS[reading.event] ?? "about the thread's event"}, read in the thread's documents`,
      );
    if (reading.biography)
      lines.push(
        `  biography: asks the person's ${reading.biography}, read in the document that announced them`,
      );
  }
  if (explanation.facts && explanation.facts.length > 0) {
    lines.push("Role statements (newest first):");
    for (const fact of explanation.facts) lines.push(`  - ${fact}`);
  }
  const candidates = explanation.candidates ?? [];
  if (candidates.length > 0) {
    lines.push("Candidate sentences (score = sum of part × weight):");
    candidates.forEach((c, i) => {
      const parts = (Object.keys(PART_WEIGHTS) as Array<keyof ScoreParts>)
        .filter((key) => c.parts[key] > 0)
        .map((key) => `${key} ${c.parts[key].toFixed(2)}×${TUNING[PART_WEIGHTS[key]]}`)
        .join(", ");
      lines.push(
        `  ${i + 1}. ${c.score.toFixed(3)} [${c.hit.passage.id}, ${whenOf(c)}] ${clip(c.sentence)}`,
        `     ${parts}`,
      );
    });
  }
  const rejected = explanation.rejected ?? [];
  if (rejected.length > 0) {
    lines.push("Set aside:");
    for (const r of rejected.slice(0, 5)) lines.push(`  - [${r.doc}] ${r.why}: ${clip(r.sentence)}`);
    if (rejected.length > 5) lines.push(`  ... and ${rejected.length - 5} more`);
  }
  const confidence = explanation.confidence;
  if (confidence) {
    lines.push(
      `Confidence ${confidence.value} = ${TUNING.confidenceCoverage}×coverage ${confidence.coverage.toFixed(2)} + ${TUNING.confidenceOwn}×own words ${confidence.own.toFixed(2)} + ${TUNING.confidencePassage}×passage ${confidence.passage.toFixed(2)} + ${TUNING.confidenceTyped}×typed ${confidence.typed.toFixed(2)}${
        confidence.asked ? ` − ${TUNING.confidenceAskedAbsent} (the asked thing is not in the passage)` : ""
      }${confidence.cap ? `, capped at ${confidence.cap.value}: ${confidence.cap.why}` : ""}`,
    );
  }
  if (explanation.decision) lines.push(`Decision: ${explanation.decision}`);
  return lines.join("\n");
}

function clip(sentence: string): string {
  return sentence.length > 140 ? `${sentence.slice(0, 137)}...` : sentence;
}

/** What each event follow-up asks, as `--explain` says it (conversation/event-cues.ts). */
const EVENT_ASKS: Record<string, string> = {
  where: "where the thread's place is",
  doer: "who did the thread's event",
  leader: "who led the thread's event or group",
  when: "when the thread's deed happened",
  victim: "whom the thread's deed was done to",
};
