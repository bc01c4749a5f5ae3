import type { VendorFormat } from '../reading.schema.js';

/** Cheap, defensive helpers: the payload is not validated yet when ingest sizes its jobs. */
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const lengthOf = (v: unknown): number => (Array.isArray(v) ? v.length : 0);
const keysOf = (v: unknown): number => (isObject(v) ? Object.keys(v).length : 0);

function fitbitDay(day: unknown): number {
  if (!isObject(day)) return 0;
  const dataset = (k: string) => (isObject(day[k]) ? lengthOf(day[k].dataset) : 0);
  const spo2 = isObject(day.spo2) ? lengthOf(day.spo2.minutes) : 0;
  const sleep = Array.isArray(day.sleep)
    ? day.sleep.reduce<number>((n, s) => n + (isObject(s) && isObject(s.levels) ? lengthOf(s.levels.data) : 0), 0)
    : 0;
  return (
    dataset('activities-steps-intraday') +
    dataset('activities-heart-intraday') +
    spo2 +
    sleep +
    lengthOf(day.tempCore) +
    lengthOf(day.tempSkin) +
    lengthOf(day.devices)
  );
}

function garminPush(p: unknown): number {
  if (!isObject(p)) return 0;
  const sum = (list: unknown, f: (item: Record<string, unknown>) => number) =>
    Array.isArray(list) ? list.reduce<number>((n, item) => n + (isObject(item) ? f(item) : 0), 0) : 0;
  const levels = (s: Record<string, unknown>) =>
    isObject(s.sleepLevelsMap) ? Object.values(s.sleepLevelsMap).reduce<number>((n, l) => n + lengthOf(l), 0) : 0;
  return (
    lengthOf(p.epochs) +
    sum(p.dailies, (d) => keysOf(d.timeOffsetHeartRateSamples)) +
    sum(p.pulseox, (d) => keysOf(d.timeOffsetSpo2Values)) +
    sum(p.sleeps, levels) +
    lengthOf(p.skinTemp)
  );
}

/**
 * About how many canonical readings a vendor payload holds (at least 1), for sizing jobs before
 * the payload is parsed: items of its lists, map entries and sleep levels.
 */
export function estimateVendorReadings(format: VendorFormat, payload: unknown): number {
  let n = 0;
  if (format === 'fitbit-intraday') {
    n = Array.isArray(payload) ? payload.reduce<number>((a, d) => a + fitbitDay(d), 0) : fitbitDay(payload);
  } else {
    n = garminPush(payload);
  }
  return Math.max(1, n);
}
