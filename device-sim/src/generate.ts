import { METRICS, isoAtOffset, toZonedIso, type ReadingInput } from '../../core/src/index.js';
import type { WatchProfile } from './profile.js';
import { sleepEpisode } from './sleep.js';
import { bodyTemperatureAt, heartRateAt, oxygenSaturationAt, stepsInMinute } from './vitals.js';
import { deviceStateAt, wearDayEvents, wearDayOf } from './wear.js';
import { offsetAt } from './zone.js';

const MINUTE = 60_000;
/** Oxygen saturation, temperature and battery are sampled on these boundaries. */
export const VITALS_EVERY_MS = 15 * MINUTE;

/** UTC offset of a time zone at an instant, in ms (+09:00 is 32,400,000). */
export function zoneOffsetMs(ms: number, timeZone: string): number {
  return offsetAt(ms, timeZone);
}

/**
 * Formatter equal to core's toZonedIso for a fixed offset, without a time-zone lookup per
 * reading (toZonedIso costs ~5 µs; a large simulation formats ~100,000 instants a second).
 */
export function fixedOffsetIso(offsetMs: number): (ms: number) => string {
  return (ms) => isoAtOffset(ms, offsetMs);
}

type Iso = (ms: number) => string;

function minuteReadings(profile: WatchProfile, startMs: number, endMs: number, iso: Iso, out: ReadingInput[]): void {
  const hearts: ReadingInput[] = [];
  for (let m = Math.floor(startMs / MINUTE); m < Math.floor(endMs / MINUTE); m++) {
    const start = m * MINUTE;
    if (!deviceStateAt(profile, start).recording) continue;
    const offset = offsetAt(start, profile.timeZone);
    const value = stepsInMinute(profile, m, offset);
    out.push({
      metric: 'step_count',
      start: iso(start),
      end: iso(start + MINUTE),
      value,
      unit: METRICS.step_count.unit,
    });
    const t = start + MINUTE;
    hearts.push({ metric: 'heart_rate', start: iso(t), value: heartRateAt(profile, t, offset), unit: '/min' });
  }
  out.push(...hearts);
}

function quarterHourReadings(
  profile: WatchProfile,
  startMs: number,
  endMs: number,
  iso: Iso,
  out: ReadingInput[],
): void {
  for (let t = (Math.floor(startMs / VITALS_EVERY_MS) + 1) * VITALS_EVERY_MS; t <= endMs; t += VITALS_EVERY_MS) {
    const o = offsetAt(t, profile.timeZone);
    if (deviceStateAt(profile, t - MINUTE).recording) {
      out.push(
        { metric: 'oxygen_saturation', start: iso(t), value: oxygenSaturationAt(profile, t, o), unit: '%' },
        { metric: 'body_temperature', start: iso(t), value: bodyTemperatureAt(profile, t, o), unit: 'Cel' },
      );
    }
    const state = deviceStateAt(profile, t);
    if (state.powered) out.push({ metric: 'battery_level', start: iso(t), value: Math.round(state.level), unit: '%' });
  }
}

function dayReadings(profile: WatchProfile, startMs: number, endMs: number, iso: Iso, out: ReadingInput[]): void {
  const inside = (t: number) => t > startMs && t <= endMs;
  const [first, last] = [wearDayOf(profile, startMs), wearDayOf(profile, endMs)];
  for (let w = first; w <= last; w++) {
    for (const e of wearDayEvents(profile, w)) {
      if (inside(e.at))
        out.push({ metric: 'device_status', start: iso(e.at), value: 1, unit: '{event}', status: e.status });
    }
  }
  // a night is sent once it is over (the episode ending inside the interval)
  for (let w = first - 1; w <= last; w++) {
    const night = sleepEpisode(profile, w);
    if (!night || !inside(night.end)) continue;
    for (const s of night.stages) {
      const value = (s.end - s.start) / MINUTE;
      out.push({ metric: 'sleep', start: iso(s.start), end: iso(s.end), value, unit: 'min', stage: s.stage });
    }
    const value = night.skinTemperatureDeviation;
    out.push({
      metric: 'skin_temperature_deviation',
      start: iso(night.start),
      end: iso(night.end),
      value,
      unit: 'Cel',
    });
  }
}

/**
 * Readings of one watch for the interval (startMs, endMs], all recorded only while the watch is
 * worn and has power: a step_count interval for every clock minute ending inside it and a
 * heart-rate sample at that minute's end; oxygen saturation and body temperature at each
 * 15-minute boundary; the battery level at each boundary while the watch is on; device status
 * events; and a night's sleep stages and skin temperature once the night is over. Successive
 * intervals cover time without gaps or overlaps; the result may be empty (watch off). Pure: the
 * same profile and span always give the same readings.
 */
export function generateInterval(profile: WatchProfile, startMs: number, endMs: number): ReadingInput[] {
  if (!(endMs > startMs)) throw new RangeError(`empty interval ${startMs}..${endMs}`);
  const offset = offsetAt(startMs, profile.timeZone);
  const fixed = offset === offsetAt(endMs, profile.timeZone);
  const iso: Iso = fixed ? fixedOffsetIso(offset) : (ms) => toZonedIso(ms, profile.timeZone);
  const readings: ReadingInput[] = [];
  minuteReadings(profile, startMs, endMs, iso, readings);
  quarterHourReadings(profile, startMs, endMs, iso, readings);
  dayReadings(profile, startMs, endMs, iso, readings);
  return readings;
}
