import { yearOf } from "./time.ts";
// "When did MINUSMA finally leave Mali?" asks for the day of an event, which is no figure going stale: the
// answer says the day itself, not "as of" its document. A wire story writes the day without its year ("left
// Mali on December 31", in a June 2024 story); the year is read from the document's date: the last such day
// on or before it for a past event, the next one on or after it for a deadline ("by Dec. 31", "until 31
// December"). Between two sentences dating the event, one giving the full date (day, month and year) beats one
// giving a day without a year, which beats one giving only a weekday or a year.

import { MONTHS } from "../lexicon.ts";

const MONTH_NAMES = `${MONTHS.join("|")}|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec`;

/** "31 December 2023", "December 31, 2023", "December 31", "31 December", "Dec. 31". */
const DAY = new RegExp(
  String.raw`\b(?:(\d{1,2}) (${MONTH_NAMES})\.?(?:,? ((?:19|20)\d{2}))?|(${MONTH_NAMES})\.? (\d{1,2})(?:st|nd|rd|th)?\b(?:,? ((?:19|20)\d{2}))?)`,
  "gu",
);

/** Words before a day that make it a deadline, later than the document. */
const DEADLINE = /\b(?:by|until|till|before|no later than)\s+$/iu;

export interface EventDay {
  /** YYYY-MM-DD */
  date: string;
  /** the sentence gave the year itself */
  full: boolean;
}

function monthNumber(name: string): number {
  const prefix = name.slice(0, 3).toLowerCase();
  return MONTHS.findIndex((month) => month.slice(0, 3).toLowerCase() === prefix) + 1;
}

function pad(value: number): string {
  return String(value).padStart(2, "0");
}

/**
 * The first day a sentence names (day and month, with or without a year), its year read from the document's
 * date (YYYY-MM-DD) when the sentence leaves it out; null when it names none.
 */
export function eventDay(sentence: string, docDate: string): EventDay | null {
  for (const match of sentence.matchAll(DAY)) {
    const day = Number(match[1] ?? match[5]);
    const month = monthNumber(match[2] ?? match[4]!);
    if (month === 0 || day < 1 || day > 31) continue;
    const written = match[3] ?? match[6];
    if (written) return { date: `${written}-${pad(month)}-${pad(day)}`, full: true };
    const docYear = yearOf(docDate);
    if (!Number.isFinite(docYear)) continue;
    const monthDay = `${pad(month)}-${pad(day)}`;
    const deadline = DEADLINE.test(sentence.slice(0, match.index));
    const year = deadline
      ? monthDay >= docDate.slice(5)
        ? docYear
        : docYear + 1
      : monthDay <= docDate.slice(5)
        ? docYear
        : docYear - 1;
    return { date: `${year}-${monthDay}`, full: false };
  }
  return null;
}

/** How precisely a sentence dates its event: 2 a full date, 1 a day without its year, 0 neither. */
export function datePrecision(sentence: string, docDate: string): number {
  const day = eventDay(sentence, docDate);
  return day === null ? 0 : day.full ? 2 : 1;
}

/** "31 December 2023", as the answer says a day. */
export function formatEventDay(date: string): string {
  const [year, month, day] = date.split("-").map(Number);
  return `${day} ${MONTHS[month! - 1]} ${year}`;
}
