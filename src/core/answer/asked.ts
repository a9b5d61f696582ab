import { WHICH_ACTOR } from "../lexicon.ts";

// The asked thing: the head noun of the phrase a question asks about ("What is the main religion in Mali?"
// asks for a religion; "How many IED attacks were there?" counts attacks). A question whose asked thing no
// document (or no sentence near the answer) mentions is not answered by a sentence that only shares its
// incidental words ("main", "Mali"). Read with a few patterns over the question's words, no tagger: the
// frames are the usual question openings, and the phrase ends at the first closed-class word.

/** Words that end the asked phrase: prepositions, auxiliaries, pronouns, conjunctions, question words. */
const PHRASE_END = new Set(
  (
    "in of for on at to by from with about during since between under over into after before as than " +
    "is was are were be been being do does did have has had will would can could should may might must " +
    "there it they he she we you i this that these those which who whom whose what when where why how " +
    "and or but not so if"
  ).split(" "),
);

/** Verbs that follow a counted noun without an auxiliary: "how many people live in Bamako". */
const COUNT_VERBS = new Set("live work serve remain stay die lose fled left went came".split(" "));

/** Words that open the asked phrase without being part of it. */
const DETERMINERS = new Set(["the", "a", "an", "its", "their", "his", "her", "our", "any", "some"]);

/** Openings after which the asked phrase starts: "what is the", "how many", "who is the", "which". */
const FRAMES: RegExp[] = [
  /^(?:and |so |but )?(?:what|which)(?: (?:is|was|are|were))? (.+)$/u,
  /^(?:and |so |but )?how (?:many|much) (.+)$/u,
  /^(?:and |so |but )?who (?:is|was|are|were) (.+)$/u,
];

/**
 * The head word of the phrase the question asks about, lower case, or null when the question has no such
 * frame ("why did...", "when did..."; keyword questions). The head is the last word of the phrase after the
 * frame: "main religion" → religion, "minusma's budget" → budget, "un special envoy" → envoy.
 */
export function askedHead(question: string): string | null {
  const text = question
    .toLowerCase()
    .replace(/[?!.]+$/u, "")
    .trim();
  for (const frame of FRAMES) {
    const match = frame.exec(text);
    if (!match) continue;
    const words = match[1]!
      .split(/\s+/u)
      .map((word) => word.replace(/['’]s$/u, "").replace(/[^\p{L}\p{N}-]/gu, ""));
    let start = 0;
    while (start < words.length && DETERMINERS.has(words[start]!)) start += 1;
    const phrase: string[] = [];
    for (const word of words.slice(start)) {
      if (word === "" || PHRASE_END.has(word) || /^\d/u.test(word)) break;
      // After the noun, a verb ends the phrase: "blue helmets died", "people live", "troops deployed".
      if (phrase.length > 0 && (COUNT_VERBS.has(word) || /ed$/u.test(word))) break;
      phrase.push(word);
    }
    return phrase.at(-1) ?? null;
  }
  return null;
}

/** Words between a counted noun and its verb that are not the verb: auxiliaries and the like. */
const AUXILIARIES = new Set(
  (
    "is was are were be been being do does did have has had will would can could should may might must " +
    "there currently actually still now already ever also reportedly officially so far"
  ).split(" "),
);

/**
 * The verb a count question counts with ("serve" in "How many Chadian peacekeepers serve in MINUSMA?",
 * "killed" in "how many peacekeepers have been killed"), lower case, or null when the counted phrase is
 * followed by no verb ("how many peacekeepers in Mali?"). A sentence whose count goes with another verb
 * ("an attack which killed 10 peacekeepers from Chad") does not answer it.
 */
export function countedVerb(question: string): string | null {
  const text = question
    .toLowerCase()
    .replace(/[?!.]+$/u, "")
    .trim();
  const match = FRAMES[1]!.exec(text);
  if (!match) return null;
  const words = match[1]!.split(/\s+/u).map((word) => word.replace(/[^\p{L}\p{N}'-]/gu, ""));
  let at = 0;
  // The counted phrase: up to the first closed-class word or, after its noun, a verb.
  while (at < words.length) {
    const word = words[at]!;
    if (word === "" || PHRASE_END.has(word) || /^\d/u.test(word)) break;
    if (at > 0 && (COUNT_VERBS.has(word) || /ed$/u.test(word))) break;
    at += 1;
  }
  while (at < words.length && AUXILIARIES.has(words[at]!)) at += 1;
  const verb = words[at];
  if (verb === undefined || verb === "" || PHRASE_END.has(verb) || /^\d/u.test(verb)) return null;
  return verb;
}

/** Verbs too light to say what was done: the words after them do ("took power", "became prime minister"). */
const LIGHT_VERBS = new Set(
  "become became becomes take took taken takes get got gets make made makes go went come came give gave put say said tell told".split(
    " ",
  ),
);

// "Who claimed ...", "which group claimed ...": the word after the asking words is the action.
const ACTOR_ASKED = new RegExp(`^(?:and |so |but )?(?:who|${WHICH_ACTOR}) (\\S+)`, "u");

/**
 * The action a "who" question asks the doer of ("signed" in "Who signed the Algiers accord for the CMA?",
 * "claimed" in "Who claimed the Gao suicide attack?"), lower case, or null when "who" is followed by a copula
 * ("Who is the Force Commander?": a role, see features.ts), an auxiliary, or a verb too light to tell the
 * action ("Who took power?"). A sentence naming someone without that action names someone else.
 */
export function actionVerb(question: string): string | null {
  const text = question
    .toLowerCase()
    .replace(/[?!.]+$/u, "")
    .trim();
  const match = ACTOR_ASKED.exec(text);
  const verb = match?.[1]?.replace(/[^\p{L}'-]/gu, "");
  if (!verb || AUXILIARIES.has(verb) || PHRASE_END.has(verb) || LIGHT_VERBS.has(verb)) return null;
  return verb;
}
