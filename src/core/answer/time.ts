import { MONTH_ABBREVIATION_PATTERN, MONTH_PATTERN, MONTHS, WEEKDAY_PATTERN } from "../lexicon.ts";

// When things happened, as a question asks and as a sentence states it. A question's year must match the
// event's date: a sentence's own year, else its document's. A cumulative count ("since 2013", "to date")
// does not answer "killed in 2023".

/** The year of an ISO date ("2021-06-05" → 2021). */
export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

/** The period a question asks about. */
export interface AskedTime {
  /**
   * "in 2023", "during 2019": one year; "between 2015 and 2018": a range; "since 2020": from a year on;
   * "since deployment", "to date": a cumulative count over the whole life of the mission
   */
  kind: "in" | "range" | "since" | "before" | "after" | "total";
  from: number;
  to: number;
  /** the words that asked it, for explanations */
  text: string;
  /**
   * a count of events over a whole year ("how many peacekeepers were killed in 2019"), a flow, as opposed to
   * a stock that holds at a date ("troops deployed in 2014"): only a sentence that states its count for that
   * year answers it, not a story of one attack in a document of that year
   */
  flow?: boolean;
  /**
   * the last day (YYYY-MM-DD) of a part of a year the question names ("the first half of 2021", "in March
   * 2023"): a figure stated after it is not the figure for that part
   */
  until?: string;
  /**
   * "by the end of 2014", "as of 2016", "by early 2016": the state at a point in that year, so a running total
   * stated then ("Since July 2013, 33 peacekeepers have been killed" in a December 2014 report) answers it,
   * and it is no year's count
   */
  asOf?: boolean;
}

const Y = "((?:19|20)\\d{2})";
const DAY_MONTH = `(?:(?:early|late|mid)[- ])?(?:\\d{1,2} )?(?:(?:${MONTH_PATTERN}) )?(?:\\d{1,2},? )?`;
const ASKED: Array<[AskedTime["kind"] | "decade", RegExp]> = [
  ["range", new RegExp(`\\b(?:between|from) ${DAY_MONTH}${Y} (?:and|to|until|-) ${DAY_MONTH}${Y}\\b`, "iu")],
  ["range", new RegExp(`\\b${Y}\\s*[-–]\\s*${Y}\\b`, "u")],
  ["decade", /\b((?:19|20)\d)0s\b/u],
  ["since", new RegExp(`\\bsince ${DAY_MONTH}${Y}\\b`, "iu")],
  ["before", new RegExp(`\\b(?:before|prior to|until) ${DAY_MONTH}${Y}\\b`, "iu")],
  ["after", new RegExp(`\\bafter ${DAY_MONTH}${Y}\\b`, "iu")],
  ["in", new RegExp(`(?<!\\bresolution |\\bS/RES/|/)\\b${Y}\\b(?!\\))`, "iu")],
];

const TOTAL =
  /\bsince (?:its |the mission's |the |their )?(?:deployment|establishment|inception|creation|start|beginning|launch)\b|\bsince (?:it|the mission) (?:was )?(?:deployed|established|set up|created|began)\b|\bto date\b|\bin total\b|\baltogether\b/iu;

// Events counted over a period (flows); "deployed", "ceiling", "staff" are stocks and are not here.
export const FLOW_WORDS =
  /\b(?:killed|died|dead|deaths?|injured|wounded|casualties|fatalities|lost their lives|attacks?|attacked|incidents?|abducted|kidnapped|kidnappings?|executed|massacred)\b/iu;
// "the death toll of the village killings" asks about one event, not a year's count: "toll" is left out.
const COUNT_ASKED = /\bhow many\b|\bnumber of\b/iu;
// Part of a year (a month, a season, a half, a quarter) is not the whole year's count.
const PART_OF_YEAR = new RegExp(
  `\\b(?:${MONTH_PATTERN}|spring|summer|autumn|fall|winter|half|quarter|early|mid|late)\\b`,
  "iu",
);

// The state at a point of a year: "by the end of 2014", "as of 2016", "as at June 2020", "by early 2016".
const AS_OF_ASKED = new RegExp(
  `\\b(?:by|as (?:of|at)|at) (?:the )?(?:(?:end|start|beginning|close) of |(?:early|late|mid)[- ])?(?:\\d{1,2} )?(?:(?:${MONTH_PATTERN}) )?${Y}\\b`,
  "iu",
);

/** The year or period a question names, or null. A resolution's number ("resolution 2100") is no year. */
export function askedTime(question: string): AskedTime | null {
  const period = askedPeriod(question);
  const until = period?.kind === "in" ? partOfYearEnd(question, period.from) : null;
  const asked = period && until ? { ...period, until } : period;
  const asOf = asked?.kind === "in" ? AS_OF_ASKED.exec(question) : null;
  if (asked && asOf && Number(asOf[1]) === asked.from) return { ...asked, text: asOf[0], asOf: true };
  // A count of events for a whole year (no month, season or half named) is a flow.
  if (
    asked?.kind === "in" &&
    COUNT_ASKED.test(question) &&
    FLOW_WORDS.test(question) &&
    !PART_OF_YEAR.test(question)
  ) {
    return { ...asked, flow: true };
  }
  return asked;
}

const PART_ENDS: Array<[RegExp, string]> = [
  [/\bfirst half\b/iu, "06-30"],
  [/\bsecond half\b/iu, "12-31"],
  [/\bfirst quarter\b/iu, "03-31"],
  [/\bsecond quarter\b/iu, "06-30"],
  [/\bthird quarter\b/iu, "09-30"],
  [/\b(?:fourth|last) quarter\b/iu, "12-31"],
];
const MONTH_OF_YEAR = new RegExp(`\\b(${MONTH_PATTERN}) ((?:19|20)\\d{2})\\b`, "iu");

/** The last day of the part of `year` a question names (a half, a quarter, a month), or null for the whole year. */
function partOfYearEnd(question: string, year: number): string | null {
  for (const [pattern, end] of PART_ENDS) if (pattern.test(question)) return `${year}-${end}`;
  const month = MONTH_OF_YEAR.exec(question);
  if (month && Number(month[2]) === year) {
    const m = MONTHS.findIndex((name) => name.toLowerCase() === month[1]!.toLowerCase()) + 1;
    const last = new Date(Date.UTC(year, m, 0)).getUTCDate();
    return `${year}-${String(m).padStart(2, "0")}-${last}`;
  }
  return null;
}

function askedPeriod(question: string): AskedTime | null {
  const text = question.replace(NOT_A_YEAR, " ");
  const total = TOTAL.exec(text);
  for (const [kind, pattern] of ASKED) {
    const match = pattern.exec(text);
    if (!match) continue;
    const first = Number(match[1]);
    const second = match[2] ? Number(match[2]) : first;
    switch (kind) {
      case "range":
        return { kind, from: Math.min(first, second), to: Math.max(first, second), text: match[0] };
      case "decade":
        return { kind: "range", from: first * 10, to: first * 10 + 9, text: match[0] };
      case "since":
        return { kind, from: first, to: 9999, text: match[0] };
      case "before":
        return { kind, from: 0, to: first - 1, text: match[0] };
      case "after":
        return { kind, from: first + 1, to: 9999, text: match[0] };
      case "in":
        return { kind, from: first, to: first, text: match[0] };
    }
  }
  return total ? { kind: "total", from: 0, to: 9999, text: total[0] } : null;
}

// A resolution's number or year and a document symbol date a text, not an event in it.
const NOT_A_YEAR =
  /\bresolutions? \d{4}(?: \(\d{4}\))?(?:,? (?:and )?\d{4}(?: \(\d{4}\))?)*|\b[A-Z]{1,3}\/(?:RES\/)?\d+(?:\/\d+)?\b|\(\d{4}\)/gu;

/** When a sentence says its event happened. */
export interface SentenceTime {
  /** the years the sentence names for its events (not the start of a cumulative count) */
  years: number[];
  /**
   * the years it dates its own statement by ("In 2019, ...", "As at 15 May 2019", "during 2021"), as opposed
   * to a year in passing ("the mission, deployed in 2013, ...")
   */
  dated: number[];
  /** the year a cumulative count starts ("since 2013"), if it names one */
  since: number | null;
  /** a count over the whole life of something: "since 2013", "since its deployment", "to date", "in total" */
  cumulative: boolean;
  /** counted from a month of its document's year ("since January, 13 peacekeepers had been killed") */
  sinceMonth?: boolean;
  /**
   * the sentence dates its own event by a day or a month without a year ("on Friday", "In November", "Oct.
   * 21"): the event is in its document's year, or the year before for a month after the document's. 0 for a
   * weekday or "today", 1..12 for a month, null when it does neither
   */
  relative?: number | null;
}

const SINCE_YEAR = new RegExp(
  `\\bsince (?:(?:its |the mission's |the |their )?(?:deployment|establishment|inception|creation|launch) in )?${DAY_MONTH}${Y}\\b`,
  "giu",
);
const CUMULATIVE =
  /\bsince (?:its |the mission's |the |their )?(?:deployment|establishment|inception|creation|start|beginning|launch)\b|\bsince (?:it|the (?:UN |U\.N\. |United Nations )?(?:mission|force)) (?:was )?(?:deployed|established|set up|created|began|took over|arrived)\b|\bto date\b|\bin total\b|\bcumulative\b|\bbring(?:s|ing)? (?:the (?:\w+ )?(?:toll|total|number) )?to (?:at least |some |more than |over )?\d|\baltogether\b|\bsince \d{4}\b|\b(?:during|over|in|throughout) (?:its|the|their|a) (?:decade|ten years|(?:past|last|\w+-year) (?:decade|\w+ years))\b/iu;
const SUPERLATIVE_SINCE =
  /\b(?:deadliest|worst|bloodiest|largest|biggest|heaviest|highest|lowest|most \w+)\b[^.;,]{0,60}\bsince\b[^.;,]*/giu;
const ANY_YEAR = /\b(?:19|20)\d{2}\b/gu;
// "In 2019,", "during 2021", "as at 15 May 2019", "by the end of 2020": the time the statement holds for.
const DATED = new RegExp(
  `(?:^|\\b(?:[Ii]n|[Dd]uring|[Tt]hroughout|[Aa]s (?:at|of)|[Bb]y the end of|[Ff]or) )${DAY_MONTH}${Y}\\b(?! (?:and|to) )`,
  "gu",
);

const SINCE_MONTH = new RegExp(
  `\\b[Ss]ince (?:\\d{1,2} )?(?:${MONTH_PATTERN})\\b(?!,? (?:19|20)\\d{2}\\b)`,
  "u",
);

// A month named with no year after it, as a date: "In November", "on 14 November", "November 14", "Oct. 21".
const MONTH_NO_YEAR = new RegExp(
  `(?:\\b(?:[Ii]n|[Oo]n|[Ll]ate|[Ee]arly|[Mm]id-?) (?:\\d{1,2} )?(${MONTH_PATTERN})|\\b\\d{1,2} (${MONTH_PATTERN})|\\b(${MONTH_PATTERN}|${MONTH_ABBREVIATION_PATTERN})\\.? \\d{1,2}\\b)(?!,? (?:\\d{1,2},? )?(?:19|20)\\d{2})`,
  "u",
);
const DAY_NO_YEAR = new RegExp(`\\b(?:on (?:${WEEKDAY_PATTERN})|today|yesterday)\\b`, "u");

function relativeDate(text: string): number | null {
  const month = MONTH_NO_YEAR.exec(text);
  if (month) {
    const name = (month[1] ?? month[2] ?? month[3])!.slice(0, 3).toLowerCase();
    return MONTHS.findIndex((m) => m.slice(0, 3).toLowerCase() === name) + 1;
  }
  return DAY_NO_YEAR.test(text) ? 0 : null;
}

/** The dates a sentence states, as `matchesTime` and recency read them. */
export function sentenceTime(sentence: string): SentenceTime {
  // "the deadliest attack on the force since it deployed" ranks one event; it counts nothing since then.
  const text = sentence.replace(NOT_A_YEAR, " ").replace(SUPERLATIVE_SINCE, " ");
  let since: number | null = null;
  const withoutSince = text.replace(SINCE_YEAR, (_whole, year: string) => {
    since = since === null ? Number(year) : Math.min(since, Number(year));
    return " ";
  });
  const years = [...withoutSince.matchAll(ANY_YEAR)].map((match) => Number(match[0]));
  const dated = [...withoutSince.matchAll(DATED)].map((match) => Number(match[1]));
  return {
    years,
    dated,
    since,
    cumulative: since !== null || CUMULATIVE.test(text),
    sinceMonth: SINCE_MONTH.test(withoutSince),
    relative: relativeDate(withoutSince),
  };
}

/**
 * Whether a sentence of a document dated `docDate` is about the period asked. A sentence's own years decide;
 * without any, its document's year does. A cumulative count answers only a question that asks "since" a year
 * no later than the count's start, or one whose period starts no earlier than the count's own start.
 */
export function matchesTime(asked: AskedTime, time: SentenceTime, docDate: string): boolean {
  const docYear = yearOf(docDate);
  const inPeriod = (year: number) => year >= asked.from && year <= asked.to;
  if (asked.kind === "total") return time.cumulative;
  if (asked.kind === "since") {
    if (time.since !== null) return time.since >= asked.from;
    if (time.years.length > 0) return time.years.some((year) => year >= asked.from);
    return time.cumulative || docYear >= asked.from;
  }
  // "Since January 2021, over 68 IEDs" answers "how many in 2021" in a 2021 document; "since 2013" does not.
  const countFrom = () =>
    time.since !== null && time.since >= asked.from && inPeriod(time.since) && inPeriod(docYear);
  // The state at a point of a year: a running total is as of its document, so that year's document states it.
  if (asked.asOf && time.cumulative) return inPeriod(docYear);
  // A year's count of events is stated for that year ("In 2019, ...", "during 2019", "since January" in that
  // year's report); a sentence about one attack, dated only by its document or in passing, is not it.
  if (asked.flow) {
    if (time.cumulative) return countFrom();
    return time.dated.some(inPeriod) || (time.sinceMonth === true && inPeriod(docYear));
  }
  // An event dated by a day or month of its document's time ("killed on Friday ... the deadliest attack since
  // it deployed", "In November, the army retook Kidal, held since 2014") happened then, whatever other years
  // it names in passing.
  if (time.dated.length === 0 && time.relative !== undefined && time.relative !== null) {
    const docMonth = Number(docDate.slice(5, 7));
    // Only ever a reason to accept: "by 15 July" in a June report is a deadline, not last year's July.
    if (inPeriod(time.relative > docMonth ? docYear - 1 : docYear)) return true;
  }
  if (time.cumulative) return countFrom();
  if (time.years.length > 0) return time.years.some(inPeriod);
  return inPeriod(docYear);
}

/**
 * When the event of a sentence happened, as YYYY-MM-DD for ordering: its document's date, or the end of the
 * latest year it names when that is earlier ("In 2019, 125 peacekeepers..." in a 2024 report is a 2019 figure).
 */
export function eventDate(time: SentenceTime, docDate: string): string {
  // A running total is as of its document; so is a sentence that names a year only in passing.
  if (time.cumulative || time.dated.length === 0) return docDate;
  const latest = `${Math.max(...time.dated)}-12-31`;
  return latest < docDate ? latest : docDate;
}
