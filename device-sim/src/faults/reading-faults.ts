import { isoAtOffset, type ReadingInput } from '../../../core/src/index.js';
import { offsetSecondsOf } from '../formats/local-parts.js';
import { GARMIN_EPOCH_MS } from '../formats/garmin-epoch.js';

const shift = (iso: string, ms: number) => isoAtOffset(Date.parse(iso) + ms, offsetSecondsOf(iso) * 1000);

/** Readings as a watch whose clock is `skewMs` off stamps them (offsets kept). */
export function applyClockSkew(readings: ReadingInput[], skewMs: number): ReadingInput[] {
  if (skewMs === 0) return readings;
  return readings.map((r) => ({
    ...r,
    start: shift(r.start, skewMs),
    ...(r.end ? { end: shift(r.end, skewMs) } : {}),
  }));
}

/**
 * The readings of one message as a burst of small groups that together store exactly what the
 * one message would: steps per 15-minute epoch (Garmin sends whole epochs), a night's sleep with
 * its skin temperature, the battery levels together (Fitbit keeps the last), everything else alone.
 */
export function splitForBurst(readings: ReadingInput[]): ReadingInput[][] {
  const groups = new Map<string, ReadingInput[]>();
  readings.forEach((r, i) => {
    let key = `single:${i}`;
    if (r.metric === 'step_count') key = `epoch:${Math.floor(Date.parse(r.start) / GARMIN_EPOCH_MS)}`;
    else if (r.metric === 'sleep' || r.metric === 'skin_temperature_deviation') key = 'night';
    else if (r.metric === 'battery_level') key = 'battery';
    const g = groups.get(key);
    if (g) g.push(r);
    else groups.set(key, [r]);
  });
  return [...groups.values()];
}
