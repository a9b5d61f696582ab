import type { Answer, Citation } from "../../../src/core/answer/types.ts";
import type { DocumentMeta, Passage } from "../../../src/core/knowledge/schema.ts";

export const letter: DocumentMeta = {
  id: "2021-06-01-s-2021-520",
  title: "Letter dated 1 June 2021 on MINUSMA operations",
  source: "United Nations Security Council",
  date: "2021-06-01",
  approximateDate: false,
  url: "https://undocs.org/en/S/2021/520",
  symbol: "S/2021/520",
};

export const wire: DocumentMeta = {
  id: "2019-06-01-afp",
  title: "Guterres warns of high risk of atrocities in Mali",
  source: "AFP (via UPI)",
  date: "2019-06-01",
  approximateDate: true,
  url: null,
  symbol: null,
};

export const passage: Passage = {
  id: `${wire.id}#3`,
  doc: wire,
  section: "Troop numbers",
  text: "The MINUSMA mission should be extended for a year with its troop ceiling of 13,289 unchanged.",
};

export function citation(n: number, doc: DocumentMeta, text = passage.text): Citation {
  return { n, doc, passageId: `${doc.id}#${n}`, passageText: text, section: null };
}

export function foundAnswer(overrides: Partial<Answer> = {}): Answer {
  return {
    question: "troop ceiling",
    found: true,
    text: "As of 1 Jun 2021: the ceiling is 13,289 [1] Earlier, as of c. 1 Jun 2019: it was 13,289 [2]",
    confidence: 0.9,
    citations: [citation(1, letter), citation(2, wire)],
    asOf: { date: "2021-06-01", approximate: false },
    topics: [],
    suggestions: [],
    turn: { question: "troop ceiling", focus: ["troop", "ceiling"], docs: [letter.id, wire.id], found: true },
    ...overrides,
  };
}

export function notFoundAnswer(overrides: Partial<Answer> = {}): Answer {
  return {
    question: "weather in Paris",
    found: false,
    text: "I couldn't find that in the briefing documents.",
    confidence: 0.2,
    citations: [],
    asOf: null,
    topics: ["Security situation", "Operations"],
    suggestions: ["What is MINUSMA's troop ceiling?", "What was Operation Seka?"],
    turn: { question: "weather in Paris", focus: [], docs: [], found: false },
    ...overrides,
  };
}

/** Every piece of text in a message: its fallback and every text field of every block, recursively. */
export function allTexts(message: { text: string; blocks: unknown[] }): string[] {
  const texts = [message.text];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === "object") {
      for (const [key, value] of Object.entries(node)) {
        if (key === "text" && typeof value === "string") texts.push(value);
        else walk(value);
      }
    }
  };
  walk(message.blocks);
  return texts;
}
