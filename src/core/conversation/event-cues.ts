// Follow-ups about the thread's event that its words cannot find: "where is that?" after a kidnapping in a
// village (a sentence placing the village: "Inekar lies in the Ménaka region, about 45 kilometres west of
// Ménaka"), "who was holding her?" / "who was behind it?" (a sentence naming the group that did it: "held by
// fighters of the Islamic State in the Greater Sahara"). The next sentence of the story that happens to name
// another place, or a sentence elsewhere that shares "hold", is no answer.

/** What an event follow-up asks: where the thread's place is, or who did the thread's event. */
export type EventAsk = "where" | "doer";

// "where is that?", "where is it?", "where is Inekar?", "where did it happen?": the place of the thread's event.
const WHERE =
  /^(?:(?:and|so|but|ok|okay) )?where(?:'s|’s| exactly| precisely)?(?: (?:is|was|are|were|did|does))?\b/iu;
// "who was holding her?", "who is behind it?", "who was responsible?", "who claimed it?", "who kidnapped him?"
const DOER =
  /^(?:(?:and|so|but) )?(?:who|(?:which|what) (?:group|organi[sz]ation|faction|movement|militants?|armed group|jihadists?))(?:'s|’s| is| was| were| are| has| have| had| did)?\b.*\b(?:hold(?:s|ing)?|held|behind|responsible|claim(?:s|ed)?|kidnap(?:s|ped)?|abduct(?:s|ed)?|seiz(?:e|ed)|captur(?:e|ed)|carr(?:y|ied) (?:it |this |that |them )?out|attack(?:s|ed)?|did (?:it|this|that)|perpetrat\w*)\b/iu;

/**
 * The words of an event follow-up that name what is asked, not words of the answer ("holding" is not in "held
 * by fighters of …", "responsible" not in "claimed by …"): dropped from the search, the cue stands for them.
 */
export const EVENT_ASK_WORDS =
  /^(?:hold|holds|holding|held|behind|responsible|responsibility|carr(?:y|ied|ies)|group|groups|organi[sz]ation\w*|faction\w*|claim\w*|kidnap\w*|abduct\w*|seiz\w*|captur\w*|perpetrat\w*)$/iu;

/** What a follow-up asks about the thread's event, or null. */
export function eventAsk(question: string): EventAsk | null {
  const text = question.trim();
  if (DOER.test(text)) return "doer";
  if (WHERE.test(text)) return "where";
  return null;
}

// A phrase that places somewhere: a region, a border, a distance and direction from a town, "lies in".
const LOCATING =
  /\b(?:in the [\p{Lu}][\p{L}'’-]+(?: [\p{Lu}][\p{L}'’-]+)? (?:region|district|province|circle|cercle|area)|region of [\p{Lu}]|(?:near|close to|along|on) the (?:border|frontier) with|\d+(?:[.,]\d+)? ?(?:kilomet(?:re|er)s?|km|miles)\b[^.]{0,40}?\b(?:from|of|outside|north|south|east|west)|(?:lies|lie|located|situated)\b[^.]{0,15}\b(?:in|near|on|at|between)|between [\p{Lu}][\p{L}'’-]+ and [\p{Lu}]|(?:north|south|east|west|central|north-?east|north-?west|south-?east|south-?west)(?:ern)? (?:[\p{L}]+ )?(?:city|town|village) of [\p{Lu}])/u;

/**
 * Whether a sentence places one of the thread's places: it names the place and a locating phrase
 * ("Inekar lies in the Ménaka region", "the base at Kerena, about 20 kilometres from Douentza"). A sentence
 * naming another place ("an attack on an army post at Tessit, in the Gao region") places that one.
 */
export function locates(sentence: string, places: readonly string[]): boolean {
  if (!LOCATING.test(sentence)) return false;
  return places.some((place) => place.length > 2 && namesPlace(sentence, place));
}

/** Whether a sentence names a place as a word ("Mali" is not in "Malian soldiers"). */
function namesPlace(sentence: string, place: string): boolean {
  const word = place.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&");
  return new RegExp(`(?<![\\p{L}])${word}(?![\\p{L}])`, "iu").test(sentence);
}

// A doer named at the action: "held by fighters of X", "claimed by X", "X claimed (responsibility for) the
// attack", "blamed on X", "attributed to X", "X said it carried out".
const AGENT_AT_ACTION =
  /\b(?:(?:held|holding|kidnapped|abducted|seized|captured|taken|carried out|claimed|perpetrated|committed|organi[sz]ed|led) by|blamed on|attributed to|responsibility (?:for [^.]{0,60}?)?(?:lies with|rests with|was claimed by))\s+(?:the\s+)?(?:[\p{L}-]+\s+){0,3}?(?:[\p{Lu}][\p{L}'’-]+|\p{Lu}{2,})/u;
const AGENT_CLAIMS =
  /(?:[\p{Lu}][\p{L}'’-]+|\(\p{Lu}{2,}\)|\p{Lu}{2,})\s*(?:,[^,]{0,80},\s*)?(?:claimed|has claimed|said it (?:carried out|was behind|was holding)|admitted)\b/u;
// The deed told a few words before its doer: "They were seized in July 2020 on the road between Kidal and
// Anefis by gunmen from the Group to Support Islam and Muslims". "By" a day or month dates the deed instead.
const AGENT_AFTER_DEED =
  /\b(?:held|kidnapped|abducted|seized|captured|taken hostage|carried out|claimed|perpetrated|ambushed|attacked|targeted)\b[^.;]{0,80}?\bby\s+(?:the\s+)?(?:[\p{Ll}-]+\s+){0,3}?(?!(?:January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)(?:[\p{Lu}][\p{L}'’-]+|\p{Lu}{2,})/u;
// A group saying its own fighters did it: "the Islamic State in the Greater Sahara (ISGS) said in a message
// posted online that its fighters had carried out the ambush".
const AGENT_SAYS_IT_DID =
  /(?:[\p{Lu}][\p{L}'’-]+|\(\p{Lu}{2,}\)|\p{Lu}{2,})\s*(?:,[^,]{0,80},\s*)?(?:said|says|announced|stated|declared)\b[^.]{0,80}?\b(?:it|its (?:fighters|men|members|militants|combatants|units?)|their (?:fighters|men))\s+(?:had\s+|has\s+|have\s+|was\s+|were\s+|is\s+)?(?:carried out|conducted|staged|launched|behind|responsible|holding|attacked|ambushed|killed|kidnapped|abducted|seized|captured)\b/u;

/**
 * Whether a sentence names who did it by name: a group at the action ("being held by fighters of the Islamic
 * State in the Greater Sahara", "The attack was later claimed by JNIM", "Al-Mourabitoune … claimed the
 * attack"). "The charity, which has been holding weekly clinics" holds no one.
 */
export function namesDoer(sentence: string): boolean {
  return (
    AGENT_AT_ACTION.test(sentence) ||
    AGENT_CLAIMS.test(sentence) ||
    AGENT_AFTER_DEED.test(sentence) ||
    AGENT_SAYS_IT_DID.test(sentence)
  );
}

/**
 * The answer an event follow-up asks for, among the ranked sentences: the best one in the thread's documents
 * that places the thread's place ("where") or names the doer ("doer"). Null when none does, and the question
 * is answered as any other follow-up.
 */
export function eventAnswer<C extends { sentence: string; hit: { passage: { doc: { id: string } } } }>(
  candidates: C[],
  ask: EventAsk,
  threadDocs: ReadonlySet<string>,
  places: readonly string[],
): C | null {
  const own = candidates.filter((candidate) => threadDocs.has(candidate.hit.passage.doc.id));
  if (ask === "doer") return own.find((candidate) => namesDoer(candidate.sentence)) ?? null;
  // The places in the order the thread named them most pointedly (its questions' first): "where is that?"
  // after "aid worker kidnapped in Inekar" places Inekar, not "Mali" in a sentence about another town.
  for (const place of places) {
    const found = own.find((candidate) => locates(candidate.sentence, [place]));
    if (found) return found;
  }
  return null;
}
