import { TZDate } from '@date-fns/tz';

/** Epoch ms of local midnight of `date` (+ `addDays`) in `timeZone`. */
export function localDayStartMs(date: string, timeZone: string, addDays = 0): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new TZDate(y, m - 1, d + addDays, 0, 0, 0, 0, timeZone).getTime();
}
