import type { PassageIndex } from "../../search/passage-index.ts";
import { statementCandidate } from "../candidate.ts";
import { formatDocDate } from "../format.ts";
import type { SentenceCandidate } from "../rank.ts";
import { type DocumentSubjects, namedSubjects, type QuestionScope, type SubjectCatalog } from "../subject.ts";
import type { AskedTime } from "../time.ts";
import {
  chooseHolder,
  holderStatement,
  knownOnlyBefore,
  periodUncovered,
  type SubjectTest,
  statementFits,
} from "./choose.ts";
import { type AskedRole, askedRole } from "./question.ts";
import type { RoleStatement } from "./statement.ts";
import { roleStatements } from "./statements.ts";

// --- Answering ----------------------------------------------------------------------------------------------

/** A role question answered from the statements: the one chosen, and how many were weighed. */
export interface RoleAnswer {
  asked: AskedRole;
  statement: RoleStatement;
  /** the statements of the asked role and subject, newest first: what `--explain` lists */
  considered: RoleStatement[];
  /**
   * the sentence that answers, then, when it only mentions the holder, the one that says when they took the
   * role (newest holder asked, no period): "As of 2024: X, head of the mission, said... Earlier: X was appointed"
   */
  candidates: SentenceCandidate[];
  /** the holder is only the last one known before the asked period: the answer says "as of" */
  knownOnlyBefore: boolean;
  /**
   * nothing is said of the asked period (the last statement is older and nobody is named since): the answer is
   * "not found", with the newest statement and its date (`uncoveredNote`)
   */
  uncovered: boolean;
}

/**
 * Answers a question about who holds a role from the index's role statements, or returns null when the
 * question is no role question or no statement fits its role, subject and period (the sentence ranking then
 * answers or refuses it as any other question).
 */
export function answerRole(
  index: PassageIndex,
  question: string,
  catalog: SubjectCatalog | null,
  docs: DocumentSubjects | null,
  questionScope: QuestionScope,
  time: AskedTime | null,
): RoleAnswer | null {
  const asked = askedRole(question, catalog, time);
  if (!asked) return null;
  // A mission or country the question names that the scope set aside (no document is about it) is not
  // answered with the home subject's holder.
  const named = catalog ? namedSubjects(catalog, question) : [];
  if (named.length > 0 && !named.some((s) => questionScope.subjects.includes(s.key))) return null;
  // A holder is read from a document about the asked subject (or a sentence naming it: "the head of
  // MONUSCO"); a home document that mentions another country in passing does not state its leader.
  const scope: SubjectTest = {
    subjects: questionScope.subjects,
    allows: (docId) => {
      const about = docs?.get(docId);
      return about
        ? [...about].some((key) => questionScope.subjects.includes(key))
        : questionScope.allows(docId);
    },
  };
  const considered = roleStatements(index, asked.roles)
    .filter((s) => asked.roles.includes(s.role) && statementFits(s, catalog, scope))
    .sort((a, b) => b.asOf.localeCompare(a.asOf));
  const statement = asked.holder
    ? holderStatement(considered, asked.holder)
    : chooseHolder(considered, asked, time);
  if (!statement) return null;
  const first = candidateOf(index, statement);
  if (!first) return null;
  // The holder's appointment: the earliest statement of it (the announcement, not a later recap).
  const appointments = considered.filter((s) => s.key === statement.key && s.since !== null && !s.ended);
  const appointed =
    statement.since === null && !time && !asked.earliest && appointments.length > 0
      ? appointments.reduce((a, b) =>
          b.since! < a.since! || (b.since === a.since && b.asOf < a.asOf) ? b : a,
        )
      : undefined;
  const second = appointed && candidateOf(index, appointed);
  return {
    asked,
    statement,
    considered,
    candidates: second ? [first, second] : [first],
    knownOnlyBefore: knownOnlyBefore(statement, considered, time),
    uncovered: periodUncovered(statement, considered, time),
  };
}

/** The sentence of a statement as a candidate answer, scored as a full match. */
function candidateOf(index: PassageIndex, statement: RoleStatement): SentenceCandidate | null {
  return statementCandidate(index, statement.passageId, statement.sentence);
}

/**
 * What a refusal adds when the documents say nothing of the asked period: the newest statement they hold and
 * its date, so the reader knows how far they go ("The newest statement, of 28 Dec 2021: …").
 */
export function uncoveredNote(role: RoleAnswer): string {
  const candidate = role.candidates[0];
  if (!candidate) return "";
  const doc = candidate.hit.passage.doc;
  return `The newest statement they hold, of ${formatDocDate(doc.date, doc.approximateDate)} (${doc.source}): ${candidate.sentence}`;
}
