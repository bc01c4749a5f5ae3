import { TZDate } from '@date-fns/tz';

export const JAPAN_TZ = 'Asia/Tokyo';

/** Local calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function localDate(ms: number, timeZone = JAPAN_TZ): string {
  const d = new TZDate(ms, timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Epoch ms of local midnight starting the day that contains `ms`. */
export function startOfLocalDay(ms: number, timeZone = JAPAN_TZ): number {
  const d = new TZDate(ms, timeZone);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

/** ISO 8601 with the zone's offset, e.g. 2026-11-30T09:00:00.000+09:00. */
export function toZonedIso(ms: number, timeZone = JAPAN_TZ): string {
  return new TZDate(ms, timeZone).toISOString();
}
