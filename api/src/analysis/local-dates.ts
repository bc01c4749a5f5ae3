/** Local calendar dates (YYYY-MM-DD) and inclusive ranges of them, as the analysis rules speak of days. */

export const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface DateRange {
  /** First local date (inclusive). */
  from: string;
  /** Last local date (inclusive). */
  to: string;
}

const DAY_MS = 86_400_000;
// calendar arithmetic in UTC: dates here are labels, not instants
const toDay = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
const fromDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

export const isLocalDate = (s: string): boolean => LOCAL_DATE.test(s) && fromDay(toDay(s)) === s;

export const addDays = (date: string, n: number): string => fromDay(toDay(date) + n);

/** Days from `from` to `to`, both included (0 when `to` is before `from`). */
export const daysIn = (r: DateRange): number => Math.max(0, toDay(r.to) - toDay(r.from) + 1);

export const inRange = (date: string, r: DateRange): boolean => date >= r.from && date <= r.to;

/** The Monday of the ISO week that holds `date`. */
export function mondayOf(date: string): string {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(date, -((weekday + 6) % 7));
}

/** `2026-09-01/2026-09-14` → a range; null when it is not two valid dates in order. */
export function parseDateRange(s: string): DateRange | null {
  const [from, to, extra] = s.split('/');
  if (extra !== undefined || !from || !to || !isLocalDate(from) || !isLocalDate(to) || to < from) return null;
  return { from, to };
}

export const formatRange = (r: DateRange): string => `${r.from}/${r.to}`;
