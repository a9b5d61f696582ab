import { TUNING } from "../answer/model.ts";
import { answerNearEvent, eventTermsOf } from "../answer/near.ts";
import { MONTH_PATTERN, WEEKDAY_PATTERN } from "../lexicon.ts";
import { escapeRegExp } from "../regexp.ts";
// Follow-ups about the thread's event that its words cannot find: "where is that?" after a kidnapping in a
// village (a sentence placing the village: "Inekar lies in the Ménaka region, about 45 kilometres west of
// Ménaka"), "who was holding her?" / "who was behind it?" (a sentence naming the group that did it: "held by
// fighters of the Islamic State in the Greater Sahara"). The next sentence of the story that happens to name
// another place, or a sentence elsewhere that shares "hold", is no answer.

/**
 * What an event follow-up asks: where the thread's place is, who did the thread's event, who led it (the coup,
 * the group, the mission), or when its deed happened ("when did he take power?", "when were they kidnapped?").
 */
export type EventAsk = "where" | "doer" | "leader" | "when" | "victim";

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

// "who led it?", "who heads it?", "who was their leader?", "who was in charge?"
const LEADER =
  /^(?:(?:and|so|but|ok|okay),? )?who(?:'s|’s| is| was| were| are| has| had| did)?\s+(?:(?:the|its|their|his|her)\s+)?(?:leaders?|head|chief|commander|in charge|at the head|led|leads|leading|lead|headed|heads|heading|commanded|commands|commanding|command)\b/iu;
// "who was overthrown?", "who were kidnapped?", "who was arrested?": the one the thread's deed was done to.
const VICTIM =
  /^(?:(?:and|so|but),? )?who(?:m)?\s+(?:was|were|has been|have been|had been|got)\s+(?:first\s+)?[\p{L}-]+(?:ed|en|wn)\s*\??$/iu;

// A date a sentence gives: a day, a month, a year ("on Thursday", "on March 23", "in 2012").
const DATED = new RegExp(`\\b(?:${WEEKDAY_PATTERN}|${MONTH_PATTERN}|(?:19|20)\\d{2})\\b`, "u");
// "when did he take power?", "when were they kidnapped?", "in what year was it founded?"
const WHEN = /^(?:(?:and|so|but|ok|okay),? )?(?:when|(?:in |on )?what (?:year|date|day|month))\b/iu;

/**
 * Whether a question asks who did something ("which group claimed responsibility?", "who was responsible?").
 * Not who leads: "who is the head of mission?" asks for a role's holder, in a thread or not.
 */
export function isDoerAsk(question: string): boolean {
  return DOER.test(question.trim());
}

/** What a follow-up asks about the thread's event, or null. */
export function eventAsk(question: string): EventAsk | null {
  const text = question.trim();
  // "Who were kidnapped?" is whom it was done to, "who kidnapped them?" who did it.
  if (VICTIM.test(text)) return "victim";
  if (DOER.test(text)) return "doer";
  if (LEADER.test(text)) return "leader";
  if (WHERE.test(text)) return "where";
  if (WHEN.test(text)) return "when";
  return null;
}

// The words a deed is told with: "when were they kidnapped?" is answered by "They were seized in July 2020",
// "when did he take power?" by "Goïta, who seized power in coups in 2020". Plain English, one family a line.
const DEED_FAMILIES: readonly string[][] = [
  [
    "kidnap",
    "kidnapped",
    "kidnapping",
    "abduct",
    "abducted",
    "abduction",
    "seized",
    "captured",
    "hostage",
    "hostages",
  ],
  ["attack", "attacked", "ambush", "ambushed", "assault", "raid", "struck", "targeted", "bombing"],
  [
    "power",
    "coup",
    "putsch",
    "oust",
    "ousted",
    "overthrow",
    "overthrew",
    "overthrown",
    "topple",
    "toppled",
    "deposed",
    "takeover",
    "seized",
  ],
  ["arrest", "arrested", "detain", "detained"],
  ["release", "released", "freed", "liberated"],
  ["appoint", "appointed", "appointment", "named", "nominated", "sworn"],
  ["killed", "died", "death", "dead"],
  ["founded", "established", "created", "formed", "launched"],
  [
    "lead",
    "led",
    "leads",
    "leader",
    "leaders",
    "leadership",
    "charge",
    "head",
    "headed",
    "chief",
    "commander",
    "commanded",
  ],
];

/**
 * The asked deed's terms with every way its family tells it ("kidnap" also finds "seiz", "abduct"): `typed`
 * are the index terms of the words the question typed (not their synonyms: "take power" also searches "seize
 * power", which is no kidnapping), `terms` all the terms it searches; `toTerm` reads a word as the index does.
 */
export function deedTerms(
  typed: ReadonlySet<string>,
  terms: ReadonlySet<string>,
  toTerm: (word: string) => string | null,
): Set<string> {
  const out = new Set(terms);
  for (const family of DEED_FAMILIES) {
    const members = family.map(toTerm).filter((t): t is string => t !== null);
    if (members.some((term) => typed.has(term))) for (const term of members) out.add(term);
  }
  return out;
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

// A name after a sentence's first word ("… had ousted President Amadou Toumani Toure").
const NAMED_AFTER_START = /\s(?:\p{Lu}[\p{Ll}'’-]+|\p{Lu}{2,})/u;

/** Whether a sentence tells the deed: one of its words is one of the deed's terms. */
function hasDeed(
  sentence: string,
  deed: ReadonlySet<string>,
  toTerm: (word: string) => string | null,
): boolean {
  return sentence.split(/[^\p{L}'’-]+/u).some((word) => {
    const term = word === "" ? null : toTerm(word.toLowerCase());
    return term !== null && deed.has(term);
  });
}

/**
 * Whether a candidate of another document tells the thread's event: its document is dated from the thread's
 * story to `days` after it, and its sentence names one of the thread's places ("Tuesday's ambush on a convoy
 * near Tessit"). Countries and regions the whole library names ("Mali") tell nothing: places of three letters
 * or more that the sentence names as a word, the thread's questions' ones first.
 */
export function sameEventAs(
  threadDate: string | null,
  places: readonly string[],
  days: number,
): (candidate: { sentence: string; hit: { passage: { doc: { date: string } } } }) => boolean {
  if (threadDate === null || places.length === 0) return () => false;
  const until = new Date(Date.parse(`${threadDate}T00:00:00Z`) + days * 86_400_000)
    .toISOString()
    .slice(0, 10);
  const named = places.filter((place) => place.length > 2 && !BROAD_PLACES.test(place));
  return (candidate) => {
    const date = candidate.hit.passage.doc.date;
    return (
      date >= threadDate && date <= until && named.some((place) => namesPlace(candidate.sentence, place))
    );
  };
}

// Places too broad to tell one event from another: the country and its neighbours, the regions of the Sahel.
const BROAD_PLACES =
  /^(?:mali|niger|burkina faso|burkina|sahel|africa|west africa|algeria|mauritania|bamako)$/iu;

/** Whether a sentence names a place as a word ("Mali" is not in "Malian soldiers"). */
function namesPlace(sentence: string, place: string): boolean {
  const word = escapeRegExp(place);
  return new RegExp(`(?<![\\p{L}])${word}(?![\\p{L}])`, "iu").test(sentence);
}

// A doer named at the action: "held by fighters of X", "claimed by X", "X claimed (responsibility for) the
// attack", "blamed on X", "attributed to X", "X said it carried out".
const AGENT_AT_ACTION =
  /\b(?:(?:held|holding|kidnapped|abducted|seized|captured|taken|carried out|claimed|perpetrated|committed|organi[sz]ed|led) by|blamed on|attributed to|responsibility (?:for [^.]{0,60}?)?(?:lies with|rests with|was claimed by))\s+(?:the\s+)?(?:[\p{L}-]+\s+){0,3}?(?:[\p{Lu}][\p{L}'’-]+|\p{Lu}{2,})/u;
// "The Islamic State group claimed responsibility": the name may end with what kind of body it is.
const AGENT_CLAIMS =
  /(?:[\p{Lu}][\p{L}'’-]+(?:\s+(?:group|movement|organi[sz]ation|faction|coalition|alliance|network|militia|branch|affiliate))?|\(\p{Lu}{2,}\)|\p{Lu}{2,})\s*(?:,[^,]{0,80},\s*)?(?:claimed|has claimed|said it (?:carried out|was behind|was holding)|admitted)\b/u;
// The deed told a few words before its doer: "They were seized in July 2020 on the road between Kidal and
// Anefis by gunmen from the Group to Support Islam and Muslims". "By" a day or month dates the deed instead.
const AGENT_AFTER_DEED =
  /\b(?:held|kidnapped|abducted|seized|captured|taken hostage|carried out|claimed|perpetrated|ambushed|attacked|targeted)\b[^.;]{0,80}?\bby\s+(?:the\s+)?(?:[\p{Ll}-]+\s+){0,3}?(?!(?:January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)(?:[\p{Lu}][\p{L}'’-]+|\p{Lu}{2,})/u;
// The doer named as the subject of the deed: "French forces carried out two drone strikes", "JNIM fighters
// staged the raid".
const AGENT_DOES =
  /(?<![\p{L}'’-])(?!(?:The|A|An|It|Its|This|That|These|Those|They|He|She|On|In|At|After|Before|When)\s)(?:[\p{Lu}][\p{L}'’-]+\s+)+(?:(?:forces|troops|army|soldiers|fighters|militants|jihadists|gunmen|rebels|aircraft|jets|drones|units?)\s+)?(?:carried out|launched|staged|conducted|mounted|perpetrated)\b/u;
// A group saying its own fighters did it: "the Islamic State in the Greater Sahara (ISGS) said in a message
// posted online that its fighters had carried out the ambush".
const AGENT_SAYS_IT_DID =
  /(?:[\p{Lu}][\p{L}'’-]+|\(\p{Lu}{2,}\)|\p{Lu}{2,})\s*(?:,[^,]{0,80},\s*)?(?:said|says|announced|stated|declared)\b[^.]{0,80}?\b(?:it|its (?:fighters|men|members|militants|combatants|units?)|their (?:fighters|men))\s+(?:had\s+|has\s+|have\s+|was\s+|were\s+|is\s+)?(?:carried out|conducted|staged|launched|behind|responsible|holding|attacked|ambushed|killed|kidnapped|abducted|seized|captured)\b/u;

// What a doer question asks the doer of, and the words a sentence tells that deed with: "who was holding him?"
// is answered by "held by the Group …", not by "the authorities led by President X" in the same story.
const ASKED_DEEDS: ReadonlyArray<[RegExp, RegExp]> = [
  [
    /\b(?:hold(?:s|ing)?|held|kidnap\w*|abduct\w*|captors?|hostages?|captur\w*|seiz\w*)\b/iu,
    /\b(?:hold(?:s|ing)?|held|kidnap\w*|abduct\w*|captors?|hostages?|captur\w*|seiz\w*)\b/iu,
  ],
  [/\b(?:claim\w*|responsib\w*|behind)\b/iu, /\b(?:claim\w*|responsib\w*|behind|blamed|attributed)\b/iu],
];

/** The words that tell the deed a doer question asks about ("holding" → "held", "kidnapped"), or null. */
export function askedDeed(question: string): RegExp | null {
  return ASKED_DEEDS.find(([asked]) => asked.test(question))?.[1] ?? null;
}

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
    AGENT_DOES.test(sentence) ||
    AGENT_SAYS_IT_DID.test(sentence)
  );
}

// The things a person leads: a body of people or an operation, or the event itself. "Protests led by the imam"
// are not what "who led it?" asks after a coup.
const LED_THING =
  /^(?:groups?|movements?|coalitions?|alliances?|junta|military|army|soldiers|mutineers|officers|committee|council|government|forces?|fighters|militants|rebels|men|troops|mission|delegation|operations?|factions?|militias?|jihadists|coup|putsch|mutiny|attacks?|assault|offensive|raid|insurgency|rebellion|uprising|units?|battalion|contingent|party|regime|administration|transition|team|takeover|network|organi[sz]ation)$/iu;
// "the military, led by Colonel X", "(CNSP), headed by Captain X", "Al-Mourabitoune, led by Mokhtar Belmokhtar",
// "It is led by Special Representative Nicholas Haysom".
const LED_BY =
  /([\p{L}'’)-]+),?\s+(?:(?:which|who|that)\s+)?(?:(?:is|was|are|were|has been|have been|had been|being|now)\s+)?(?:led|headed|commanded|directed|run)\s+by\s+(?:the\s+)?(?:[\p{Ll}-]+\s+){0,3}?[\p{Lu}][\p{L}'’-]+/gu;
// "junta leader Colonel Assimi Goita", "the head of the mission, El-Ghassim Wane"
const LEADER_NAMED =
  /\b(?:leader|head|chief|commander)\b(?:\s+of\s+(?:the\s+)?[\p{L}'’ -]{0,60}?)?,?\s+(?:(?:Colonel|Captain|General|Lieutenant|Major|Commander|Imam|Sheikh|Brigadier|Col\.|Gen\.|Capt\.|Lt\.)\s+)?[\p{Lu}][\p{Ll}]/u;
// "Colonel Assimi Goita, a special forces commander, presented himself … as the leader of the committee"
const AS_LEADER =
  /(?:[\p{Lu}][\p{L}'’-]+\s+){1,3}[\p{Lu}][\p{L}'’-]+\b[^.]{0,90}?\b(?:as|is|was|became|becomes|remains|remained)\s+(?:the\s+)?(?:new\s+|interim\s+|self-declared\s+|de facto\s+)?(?:leader|head|chief|commander)\b/u;
// "Colonel Assimi Goita, who led two military coups", "Sanogo headed the junta"
const WHO_LED =
  /(?:[\p{Lu}][\p{L}'’-]+\s+){0,3}[\p{Lu}][\p{L}'’-]+,?\s+(?:who\s+)?(?:had\s+|has\s+)?(?:led|leads|headed|heads|commanded|commands)\s+(?:the\s+|a\s+|an\s+|two\s+|its\s+|their\s+)?(?:[\p{L}-]+\s+)?([\p{L}-]+)/u;

/**
 * Whether a sentence names who leads or led something a person leads (a group, a body, an operation, the event
 * itself): "presented himself … as the leader of the committee", "the military, led by Colonel Assimi Goita".
 * "Protests led by the imam Mahmoud Dicko" names the leader of protests, not of the coup the thread is about.
 */
export function namesLeader(sentence: string): boolean {
  for (const match of sentence.matchAll(LED_BY)) {
    const thing = match[1]!.replace(/[)’']+$/u, "");
    // "It is led by …": the thread's own thing.
    if (LED_THING.test(thing) || /^(?:\p{Lu}|it$|they$)/u.test(thing) || match[1]!.endsWith(")")) return true;
  }
  if (LEADER_NAMED.test(sentence) || AS_LEADER.test(sentence)) return true;
  const led = WHO_LED.exec(sentence)?.[1];
  return led !== undefined && LED_THING.test(led);
}

// Verbs that say only that something happened: "when did it happen?" asks the date of the thread's event.
const HAPPENED = /^(?:happen|happened|happens|occur|occurred|occurs|take place|took place|taken place)$/iu;

/**
 * Whether a question's own words are only its deed ("when did he take power?", "when did it happen?"): the
 * sentence that told the thread's event may answer it. "When did the government sign?" asks about another
 * party's deed than the one told.
 */
export function onlyTheDeed(
  concepts: ReadonlyArray<{ text: string; alternatives: string[][]; known: boolean }>,
  toTerm: (word: string) => string | null,
): boolean {
  return concepts.every((concept) => {
    if (!concept.known || HAPPENED.test(concept.text)) return true;
    const typed = new Set(concept.alternatives[0] ?? []);
    return DEED_FAMILIES.some((family) =>
      family.map(toTerm).some((term) => term !== null && typed.has(term)),
    );
  });
}

/**
 * A question's deed word that also finds its family's words: "kidnapped" in "when were they kidnapped?" is met
 * by "They were seized in July 2020", and counts as covered there. Names and numbers are left as they are.
 */
export function widenDeed<C extends { text: string; alternatives: string[][] }>(
  concept: C,
  toTerm: (word: string) => string | null,
): C {
  if (/\p{Lu}|\d/u.test(concept.text)) return concept;
  const terms = new Set(concept.alternatives.flat());
  const more = deedTerms(new Set(concept.alternatives[0] ?? []), terms, toTerm);
  const added = [...more].filter((term) => !terms.has(term));
  if (added.length === 0) return concept;
  const have = new Set(concept.alternatives.map((alternative) => alternative.join(" ")));
  return {
    ...concept,
    alternatives: [...concept.alternatives, ...added.filter((term) => !have.has(term)).map((term) => [term])],
  };
}

/**
 * The sentence an event follow-up asks for, as a test a thread sentence meets without the question's words
 * (rank.ts reads such sentences of the thread's documents too): one placing the thread's places, naming the
 * doer or the leader, or dating the asked deed (`question`'s own words that are not names, with their family:
 * `concepts` as parsed, `toTerm` the index's reading of a word). Null when the ask has nothing to test ("when
 * was that?" names no deed: the story's order answers it).
 */
export function eventCue(
  ask: EventAsk | null,
  places: readonly string[],
  question: string,
  concepts: Parameters<typeof eventTermsOf>[1],
  toTerm: (word: string) => string | null,
): ((sentence: string) => boolean) | null {
  if (ask === "where") return (sentence) => locates(sentence, places);
  if (ask === "doer") return namesDoer;
  if (ask === "leader") return namesLeader;
  if (ask !== "when" && ask !== "victim") return null;
  const asked = eventTermsOf(question, concepts);
  const typed = eventTermsOf(
    question,
    concepts.map((concept) => ({ ...concept, alternatives: concept.alternatives.slice(0, 1) })),
  );
  const deed = deedTerms(typed, asked, toTerm);
  if (ask === "victim") {
    // The deed told with someone it was done to: "had ousted President Amadou Toumani Toure".
    if (deed.size === 0) return null;
    return (sentence) => hasDeed(sentence, deed, toTerm) && NAMED_AFTER_START.test(sentence);
  }
  // "When did it happen?" names no deed: the thread's event is dated by any date its sentence gives.
  if (deed.size === 0) return (sentence) => DATED.test(sentence);
  return (sentence) => answerNearEvent(sentence, "date", deed, TUNING.nearAnswerWindow);
}

/** What the chosen sentence does, for `--explain`: "placing Inekar", "naming who did it". */
export function eventTold(ask: EventAsk, places: readonly string[]): string {
  if (ask === "where") return `placing ${places.join(", ")}`;
  if (ask === "leader") return "naming who led it";
  if (ask === "when") return "dating the asked deed";
  if (ask === "victim") return "naming whom the deed was done to";
  return "naming who did it";
}

/**
 * The answer an event follow-up asks for, among the ranked sentences: the best one in the thread's documents
 * that places the thread's place ("where") or names the doer ("doer"). Null when none does, and the question
 * is answered as any other follow-up.
 */
export function eventAnswer<
  C extends { sentence: string; index: number; hit: { passage: { id: string; doc: { id: string } } } },
>(
  candidates: C[],
  ask: EventAsk,
  threadDocs: ReadonlySet<string>,
  places: readonly string[],
  dated: (sentence: string) => boolean = () => false,
  deed: RegExp | null = null,
  previous: { passage: string | null; sentence: number } | null = null,
  sameEvent: (candidate: C) => boolean = () => false,
): C | null {
  const own = candidates.filter((candidate) => threadDocs.has(candidate.hit.passage.doc.id));
  // The thread's story first; when it names no one, a later story about the same event (`sameEvent`: the
  // thread's place, within days of it) may: "JNIM claimed responsibility for Tuesday's ambush near Tessit".
  const told = (meets: (sentence: string) => boolean) =>
    own.find((candidate) => meets(candidate.sentence)) ??
    candidates.find((candidate) => sameEvent(candidate) && meets(candidate.sentence)) ??
    null;
  if (ask === "doer") {
    const doers = own.filter((candidate) => namesDoer(candidate.sentence));
    return (deed && doers.find((candidate) => deed.test(candidate.sentence))) ?? doers[0] ?? told(namesDoer);
  }
  if (ask === "leader") return told(namesLeader);
  // The one the deed was done to, in the sentence that told the event first ("had ousted President Toure").
  if (ask === "victim") {
    const first = previous
      ? own.find((c) => c.hit.passage.id === previous.passage && c.index === previous.sentence)
      : undefined;
    if (first && dated(first.sentence)) return first;
    return own.find((candidate) => dated(candidate.sentence)) ?? null;
  }
  // The deed's date in the thread's own story first: the document the previous answer quoted, then the older
  // ones it cited ("Earlier, as of 2022: …").
  if (ask === "when") {
    // The sentence that told the thread's event, when it dates it ("said on Thursday they had ousted President
    // Toure"): a later sentence's date ("due to step down after elections in April") is another event's.
    const told = previous
      ? own.find((c) => c.hit.passage.id === previous.passage && c.index === previous.sentence)
      : undefined;
    if (told && dated(told.sentence)) return told;
    for (const doc of threadDocs) {
      const found = own.find(
        (candidate) => candidate.hit.passage.doc.id === doc && dated(candidate.sentence),
      );
      if (found) return found;
    }
    return null;
  }
  // The places in the order the thread named them most pointedly (its questions' first): "where is that?"
  // after "aid worker kidnapped in Inekar" places Inekar, not "Mali" in a sentence about another town.
  for (const place of places) {
    const found = own.find((candidate) => locates(candidate.sentence, [place]));
    if (found) return found;
  }
  return null;
}

/**
 * The count a follow-up asks for when the sentence that told the thread's event already states it: "how many
 * were wounded?" after "Three peacekeepers were killed and six wounded on Tuesday near Tessit" is that sentence,
 * not another attack's "more than 100 people were wounded" elsewhere. Only for a question whose own words are the
 * counted word alone (`bare`), when the ranked best is not a count of the thread's own documents: the story
 * itself may go on to count it better ("27 others injured").
 */
export function toldCount<
  C extends { index: number; nearCount: boolean; hit: { passage: { id: string; doc: { id: string } } } },
>(
  candidates: readonly C[],
  best: C | undefined,
  previous: { passage: string | null; sentence: number } | null,
  threadDocs: ReadonlySet<string>,
  bare: boolean,
): C | null {
  if (!bare || !previous?.passage) return null;
  if (best?.nearCount && threadDocs.has(best.hit.passage.doc.id)) return null;
  const told = candidates.find((c) => c.hit.passage.id === previous.passage && c.index === previous.sentence);
  return told?.nearCount ? told : null;
}
