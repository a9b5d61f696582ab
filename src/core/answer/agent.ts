import { escapeRegExp } from "../regexp.ts";

// "How many attackers?" counts the people who attacked, not the attacks. The index stems an agent noun to its
// verb ("attackers" and "attacks" both become "attack"), so "MINUSMA recorded 12 attacks" meets the question as
// well as "a complex attack by over 200 extremist elements". When the asked thing is an agent noun whose stem is
// an event word (attack-er, raid-er, kidnapp-er), a sentence whose only count is a count of the event itself
// ("12 attacks") does not state the number asked for; a count of the agents does: "over 200 attackers", or the
// event done "by" a number ("an attack by over 200 extremist elements").

/** Agent endings and what is left of the word without them: "attackers" → "attack", "raiders" → "raid". */
const AGENT = /^(\p{L}{3,}?)(?:ers|er|ors|or)$/u;

/** Agent nouns whose stem is no event word the documents count ("soldiers", "officers", "peacekeepers"). */
const NOT_AGENTS = new Set(
  (
    "soldier soldiers officer officers peacekeeper peacekeepers member members leader leaders minister ministers " +
    "partner partners other others number numbers order orders water border borders quarter quarters"
  ).split(" "),
);

const QUANTIFIER = String.raw`(?:(?:over|more than|some|about|around|nearly|almost|at least|up to|an estimated)\s+)?`;
const NUMBER = String.raw`\d[\d,.]*`;

export interface AgentCount {
  /** the agent noun as asked, lower case: "attackers" */
  agent: string;
  /** the event word it is made from: "attack" */
  event: string;
  /** a count of the agents: "200 attackers", "an attack by over 200 …" (built once per question) */
  countsAgents: RegExp;
  /** a count of the events: "12 attacks" */
  countsEvents: RegExp;
}

/** The agent noun a count question asks about and its event word, or null ("how many attacks?": no agent). */
export function agentOf(head: string | null): AgentCount | null {
  if (head === null || NOT_AGENTS.has(head)) return null;
  const match = AGENT.exec(head);
  if (!match) return null;
  const event = escapeRegExp(match[1]!);
  return {
    agent: head,
    event: match[1]!,
    countsAgents: new RegExp(
      String.raw`\b${NUMBER}\s+(?:[\p{L}-]+\s+)?${escapeRegExp(head)}\b|\b${event}\w*\s+by\s+${QUANTIFIER}${NUMBER}`,
      "iu",
    ),
    countsEvents: new RegExp(String.raw`\b${NUMBER}\s+(?:[\p{L}-]+\s+)?${event}(?:s|es)?\b`, "iu"),
  };
}

/**
 * Whether a sentence's count is only a count of the event, not of its agents: "recorded 12 attacks" for "how
 * many attackers?". A sentence that counts the agents ("200 attackers", "an attack by over 200 fighters") or
 * counts nothing next to the event word is not set aside here.
 */
export function countsEventNotAgents(sentence: string, asked: AgentCount): boolean {
  return !asked.countsAgents.test(sentence) && asked.countsEvents.test(sentence);
}
