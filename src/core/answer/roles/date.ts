import { MONTH_PATTERN, MONTHS, WEEKDAY_PATTERN } from "../../lexicon.ts";
import { yearOf } from "../time.ts";

// The date a role statement gives its holding: an appointment's own date, the start of a "since".

// "since 24 October 2016" after the role, or "Since April 2021, X has headed" before it: a holding's start.
const SINCE_AFTER = /^[^,;]{0,60}?\bsince\b/u;
const SINCE_BEFORE = /^(?:[^,;]*[,;]\s*)?[Ss]ince\b[^;]*$/u;

/** The start a "since" next to the role gives ("since April 2021"), or null ("since its creation" dates nothing). */
export function sinceDate(sentence: string, start: number, end: number, docDate: string): string | null {
  const after = SINCE_AFTER.exec(sentence.slice(end));
  const from = after
    ? end + after[0].length - "since".length
    : SINCE_BEFORE.test(sentence.slice(0, start))
      ? sentence.slice(0, start).search(/\b[Ss]ince\b/u)
      : -1;
  if (from < 0) return null;
  const clause = sentence.slice(from).split(/[,;]/u)[0]!;
  return dateIn(clause, docDate);
}

/**
 * The date an appointment sentence gives ("on 5 February 2015", "in January", "on Friday"), else its
 * document's: the first date from `at` (where the appointment is told) on, else the first before it.
 */
export function appointmentDate(sentence: string, docDate: string, at: number): string {
  return dateIn(sentence.slice(at), docDate) ?? dateIn(sentence.slice(0, at), docDate) ?? docDate;
}

function dateIn(sentence: string, docDate: string): string | null {
  const docYear = yearOf(docDate);
  const docMonth = Number(docDate.slice(5, 7));
  const monthOf = (name: string) => MONTHS.findIndex((m) => m.toLowerCase() === name.toLowerCase()) + 1;
  const pad = (n: number) => String(n).padStart(2, "0");
  const full = new RegExp(
    `\\b(?:(\\d{1,2}) )?(${MONTH_PATTERN})(?: (\\d{1,2}),?)?(?: ((?:19|20)\\d{2}))?\\b`,
    "u",
  ).exec(sentence);
  // "sworn in on Monday, after he ousted X in May": the day named first is the appointment's (the document's).
  const day = new RegExp(`\\b(?:on (?:${WEEKDAY_PATTERN})|today|yesterday)\\b`, "u").exec(sentence);
  if (day && (!full || day.index < full.index)) return docDate;
  if (full) {
    const month = monthOf(full[2]!);
    const day = Number(full[1] ?? full[3] ?? 1);
    // A month without a year is of the document's year, or the year before for a month after the document's.
    const year = full[4] ? Number(full[4]) : month > docMonth ? docYear - 1 : docYear;
    return `${year}-${pad(month)}-${pad(Math.min(28, day))}`;
  }
  const year = /\b(?:in|[Ss]ince) (?:\w+ (?:in )?)?((?:19|20)\d{2})\b/u.exec(sentence);
  if (year) return `${year[1]}-01-01`;
  if (new RegExp(`\\b(?:on (?:${WEEKDAY_PATTERN})|today|yesterday)\\b`, "u").test(sentence)) return docDate;
  return null;
}
