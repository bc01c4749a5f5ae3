// Loaders of one person's data for the pages (the server filters by what the caller may see).
import { japanDate } from '../i18n/i18n.js';
import { ApiError, get } from './api-client.js';
import type { Daily, Day, Series } from './types.js';

const HOUR = 3_600_000;

/** Local midnight in Japan (UTC+9, no daylight saving) of today, epoch ms. */
export function japanMidnight(now = Date.now()): number {
  return Date.parse(`${japanDate(0, now)}T00:00:00+09:00`);
}

/** One metric over today (Japan time) in windows of `every`; null when the metric is not shared. */
export async function todaySeries(personId: string, metric: string, every: string): Promise<Series | null> {
  const from = new Date(japanMidnight()).toISOString();
  const to = new Date(Math.max(Date.now(), japanMidnight() + HOUR)).toISOString();
  try {
    return await get<Series>(`/v1/persons/${personId}/series`, { metric, from, to, every });
  } catch (err) {
    if (err instanceof ApiError && err.status === 403) return null;
    throw err;
  }
}

/** Daily summaries of the last `days` days including today, oldest first, every day present. */
export async function lastDays(personId: string, days: number): Promise<Day[]> {
  const from = japanDate(-(days - 1));
  const to = japanDate(0);
  const daily = await get<Daily>(`/v1/persons/${personId}/daily`, { from, to });
  const byDate = new Map(daily.days.map((d) => [d.date, d]));
  return Array.from(
    { length: days },
    (_, i) => byDate.get(japanDate(i - (days - 1))) ?? { date: japanDate(i - (days - 1)) },
  );
}

/** Epoch seconds of a local date's noon (chart x of a day bar). */
export const daySeconds = (date: string) => Date.parse(`${date}T00:00:00+09:00`) / 1000;

/** Sleep of a day's summary: minutes per stage and the total asleep (awake left out). */
export function sleepOf(day: Day | undefined): { stages: [string, number][]; total: number } | null {
  const m = day?.sleepMinutes;
  if (!m || Object.keys(m).length === 0) return null;
  const stages = Object.entries(m).filter(([k]) => k !== 'total');
  const total = stages.filter(([k]) => k !== 'awake').reduce((s, [, v]) => s + v, 0);
  return { stages, total };
}
