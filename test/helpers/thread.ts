import { answerQuestion } from "../../src/core/answer/answer.ts";
import type { Answer, Turn } from "../../src/core/answer/types.ts";
import type { KnowledgeBase } from "../../src/core/knowledge-base.ts";

/** Asks the questions in order as one Slack thread: each is asked with the turns before it. */
export function askThread(kb: KnowledgeBase, questions: readonly string[]): Answer[] {
  const history: Turn[] = [];
  return questions.map((question) => {
    const answer = answerQuestion(kb, question, history);
    history.push(answer.turn);
    return answer;
  });
}
