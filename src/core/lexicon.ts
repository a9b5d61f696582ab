// Words several modules need, in one place so their lists cannot drift apart: months, number words, the
// openings that make a sentence lean on the one before it.

/** Month names, January first. */
export const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
] as const;

/** Month names as one regular-expression alternation ("January|February|..."). */
export const MONTH_PATTERN = MONTHS.join("|");

/** Lower-case month names and their usual abbreviations. */
export const MONTH_WORDS: ReadonlySet<string> = new Set([
  ...MONTHS.map((month) => month.toLowerCase()),
  ..."jan feb mar apr jun jul aug sep sept oct nov dec".split(" "),
]);

/** Abbreviated month names as wire copy writes them before a day ("Oct. 21", "Sept. 3"), as an alternation. */
export const MONTH_ABBREVIATION_PATTERN = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec";

/** Days of the week, as they open a date ("Tuesday 4 May"). */
export const WEEKDAY_PATTERN = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday";

/** Words that state a count without digits ("two combat helicopters", "dozens of civilians"). */
export const NUMBER_WORD_PATTERN =
  "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred|hundreds|thousand|thousands|dozen|dozens|million|millions";

/**
 * Openings that make a sentence depend on the one before it: a pronoun or a connective whose meaning is in
 * the previous sentence ("It was the deadliest attack", "However, the ceiling..."). A sentence that opens so
 * is not quoted alone: the one before it comes too, or another sentence is preferred.
 */
export const DEPENDENT_OPENING =
  /^["“]?(It|Its|This|That|These|Those|They|Their|He|She|His|Her|Such|However|But|And|Also|Moreover|Furthermore|In addition|Nevertheless|Meanwhile)\b/u;

/**
 * "Which group claimed ...", "which militia ...": a question asking for an actor by its kind, answered as "who"
 * is. A country is left out: "which country" asks for a place as often as for an actor.
 */
export const WHICH_ACTOR =
  "which (?:armed |militant |jihadist |rebel |extremist |islamist |terrorist )?(?:group|organi[sz]ation|movement|faction|militia|coalition|official)s?";

/** A four-digit year of the period the documents cover (1900-2099). */
export const YEAR = /\b(19|20)\d{2}\b/u;

/** Words that ask for the earliest value rather than the newest: "the first Force Commander", "initially". */
export const EARLIEST =
  /\b(first(?! (?:half|quarter|week|weeks|month|months|days|time|round|phase|part))|original|originally|initial|initially|at the start|at first|founding)\b/iu;

/**
 * Irregular verbs' forms, base first: the stemmer meets "withdraws"/"withdrawing" but not "left"/"leave" or
 * "took"/"take", so a question's verb also searches its other forms ("when did they leave Tessalit" finds
 * "left their camps in Tessalit"). The verbs are those news of a mission uses.
 */
const IRREGULAR_VERBS =
  "leave left|take took taken|retake retook retaken|undertake undertook undertaken|fight fought|flee fled|hold held|lose lost|win won|give gave given|go went gone|come came|become became|make made|say said|tell told|send sent|bring brought|seek sought|lead led|meet met|begin began begun|break broke broken|choose chose chosen|drive drove driven|fall fell fallen|keep kept|know knew known|pay paid|run ran|see saw seen|oversee oversaw overseen|sell sold|shoot shot|speak spoke spoken|spend spent|stand stood|strike struck|swear swore sworn|rise rose risen|withdraw withdrew withdrawn|overthrow overthrew overthrown|build built|catch caught|steal stole stolen|write wrote written|think thought|hide hid hidden|grow grew grown|draw drew drawn|blow blew blown|mean meant|feel felt|deal dealt|bear bore borne|beat beaten|lay laid|show shown|sink sank sunk|fly flew flown|forget forgot forgotten|ride rode ridden|shake shook shaken|slay slew slain|sit sat|get got gotten|buy bought|teach taught|find found|foresee foresaw foreseen|arise arose arisen|wake woke woken|freeze froze frozen|tear tore torn|wear wore worn|hang hung|dig dug|sweep swept|weep wept|sleep slept|feed fed|breed bred|bleed bled|spring sprang sprung|swim swam swum|sing sang sung|drink drank drunk|ring rang rung|eat ate eaten";

const VERB_FORMS: ReadonlyMap<string, readonly string[]> = new Map(
  IRREGULAR_VERBS.split("|").flatMap((group) => {
    const forms = group.split(" ");
    return forms.map((form) => [form, forms.filter((other) => other !== form)] as const);
  }),
);

/** The other forms of an irregular verb ("left" → leave; "took" → take, taken), or none. */
export function otherVerbForms(word: string): readonly string[] {
  return VERB_FORMS.get(word.toLowerCase()) ?? [];
}
