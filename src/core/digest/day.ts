import { TZDate, tz } from "@date-fns/tz";
import { addDays } from "date-fns/addDays";
import { format } from "date-fns/format";
import { isValid } from "date-fns/isValid";
import { parseISO } from "date-fns/parseISO";

/** A calendar day as the digest keys it: YYYY-MM-DD, in the digest's time zone. */
export type Day = string;

/** The calendar day that the instant `now` falls on in `timeZone`. */
export function localDay(now: Date, timeZone: string): Day {
  return format(now, "yyyy-MM-dd", { in: tz(timeZone) });
}

/**
 * The instant at which the local time `time` (HH:mm) happens on `day` in `timeZone`.
 *
 * On a spring-forward day a time inside the skipped hour does not exist; TZDate moves it forward by the gap
 * (02:30 becomes 03:30), so the digest still has one moment on that day. On a fall-back day a time in the
 * repeated hour happens twice and TZDate picks one of them. Either way there is exactly one instant per
 * day, and the ledger keys on the day, so the digest is posted once.
 *
 * @example scheduledInstant("2024-06-03", "08:00", "Europe/Paris").toISOString() // "2024-06-03T06:00:00.000Z"
 */
export function scheduledInstant(day: Day, time: string, timeZone: string): Date {
  const [year, month, date] = day.split("-").map(Number) as [number, number, number];
  const [hours, minutes] = time.split(":").map(Number) as [number, number];
  return new Date(new TZDate(year, month - 1, date, hours, minutes, timeZone).getTime());
}

/** Whether a string is a real calendar day written YYYY-MM-DD. */
export function isDay(value: string): value is Day {
  return /^\d{4}-\d{2}-\d{2}$/u.test(value) && isValid(parseISO(value));
}

/** "Monday 3 June 2024": how the digest names a day. */
export function formatDay(day: Day): string {
  return format(parseISO(day), "EEEE d MMMM yyyy");
}

/** The calendar day after `day` (calendar arithmetic on the date alone; no time zone is involved). */
export function nextDay(day: Day): Day {
  return format(addDays(parseISO(day), 1), "yyyy-MM-dd");
}

/** "Monday 3 June 2024 08:00 (Europe/Paris)": an instant as a person in the zone reads it, for logs. */
export function formatInstant(instant: Date, timeZone: string): string {
  return `${format(instant, "EEEE d MMMM yyyy HH:mm", { in: tz(timeZone) })} (${timeZone})`;
}
