// Who holds a role, read once per passage: a role statement is a role phrase ("Force Commander", "Prime
// Minister", "head of MONUSCO"), the person named with it ("the Force Commander, Major General X", "X was
// sworn in as president") and the date it holds for (its document's date; for an appointment, the date the
// sentence gives it). A question about a role ("Who is the president of Mali?", "SRSG in 2016", "the first
// Force Commander") is answered by choosing among the statements by the asked period, not by the wording of
// one sentence: the holder named last wins, "in 2016" takes a statement of 2016, "first" the earliest.
//
// The files of roles/: phrases.ts (how documents name a role and a person), date.ts (an appointment's date),
// read.ts (the statements of a sentence), statements.ts (of a passage and of an index, read once),
// question.ts (what a role question asks), choose.ts (which holder answers it), answer.ts (the answer),
// check.ts (a newer ranked sentence that makes the answer stale).

/** The roles read, each the same office whatever it is called. */
export type RoleKey =
  | "head-of-mission"
  | "force-commander"
  | "president"
  | "leader"
  | "prime-minister"
  | "foreign-minister"
  | "defence-minister"
  | "ambassador";

/** One statement that someone holds (or took) a role. */
export interface RoleStatement {
  role: RoleKey;
  /** the name as the sentence gives it, titles left out */
  holder: string;
  /** the name folded, for comparing holders: its last word ("annadif" for "Mahamat Saleh Annadif") */
  key: string;
  /** words next to the role that say whose role it is ("for Mali", "Niger's", "of MONUSCO", "Israeli") */
  qualifier: string;
  /** the role's own words after it ("for Mali and Head of MINUSMA", "of the Netherlands") */
  tail: string;
  /** the sentence names the role with a nationality no subject list can place ("Israeli Prime Minister") */
  foreignAdjective: boolean;
  /** the sentence says the holder has left it, or is being removed ("former", "arrested", "resigned") */
  ended: boolean;
  /** YYYY-MM-DD the holder took the role, when the sentence is an appointment; else null */
  since: string | null;
  /** an interim holder ("acting head of the Mission", "ad interim") */
  acting?: boolean;
  /** "has headed the Mission since April 2021": held from `since` through `asOf`, not only taken then */
  held?: boolean;
  /**
   * removed as the document tells it ("two days after his soldiers detained President X", no earlier year named):
   * X held the role until `asOf`, so anyone named in it before then no longer does
   */
  removed?: boolean;
  passageId: string;
  /** index of the sentence in its passage (as `splitSentences` cuts it) */
  sentence: number;
  docId: string;
  /** the document's date: the statement holds as of then */
  asOf: string;
}

/** A statement as `--explain` lists it. */
export function describeStatement(s: RoleStatement): string {
  const since = s.since ? `, since ${s.since}` : "";
  return `${s.role}: ${s.holder} (as of ${s.asOf}${since}${s.acting ? ", acting" : ""}${s.ended ? ", left" : ""}) [${s.passageId}]`;
}
