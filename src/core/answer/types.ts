import type { DocumentMeta } from "../knowledge/schema.ts";

export interface Citation {
  /** 1-based, in the order the answer cites them */
  n: number;
  doc: DocumentMeta;
  /** the passage the cited sentence comes from */
  passageId: string;
  passageText: string;
  section: string | null;
}

/**
 * One conversational turn, as the conversation logic needs it later: small and serialisable (it is stored in
 * thread memory). The optional fields came later; turns stored without them still read.
 */
export interface Turn {
  question: string;
  /** the words the turn was about, once follow-ups were resolved ("troop ceiling" for "and for police?") */
  focus: string[];
  /** the documents its answer cited */
  docs: string[];
  found: boolean;
  /** the passage the answer quoted first, and the index of that sentence in it: where the thread stands */
  passage?: string | undefined;
  sentence?: number | undefined;
  /** people and groups the answer named: what "he", "his", "they" point to */
  people?: string[] | undefined;
  /** places the answer named: what "there" points to */
  places?: string[] | undefined;
  /** the missions or countries the question named, kept for follow-ups that name none */
  subjects?: string[] | undefined;
  /** the year or period the question named ("in 2023"), kept for follow-ups that name none */
  period?: string | undefined;
}

export interface Answer {
  question: string;
  found: boolean;
  /** plain text: one to three sentences from the documents, each followed by its citation marker "[n]" */
  text: string;
  /** 0..1: how well the best sentence covers what the question asks for */
  confidence: number;
  citations: Citation[];
  /** the date of the newest cited document, when the answer is a figure or more than one document answered */
  asOf: { date: string; approximate: boolean } | null;
  /** when not found: the nearest topics in the documents, and questions that do work */
  topics: string[];
  suggestions: string[];
  /** what this turn contributes to the thread's memory */
  turn: Turn;
}

/** The sentence a question must never get wrong: said when the documents do not answer. */
export const NOT_FOUND_TEXT = "I couldn't find that in the briefing documents.";
export const EMPTY_QUESTION_TEXT =
  "Ask me a question about MINUSMA, for example about troop numbers, operations or incidents.";
export const GREETING_TEXT =
  "Hello! Ask me about MINUSMA: troop numbers, operations, incidents, or what a report said.";
export const THANKS_TEXT = "You're welcome. Ask again any time.";
