import { TZDate } from '@date-fns/tz';
import { METRICS, toZonedIso, type ReadingInput } from '../../core/src/index.js';
import { MINUTES_PER_DAY, isAwake, type WatchProfile } from './profile.js';
import { Stream, chance, clamp, noise, rngFor, uniform, uniformInt } from './random.js';

const MINUTE = 60_000;
/** Walking is planned in blocks of this many minutes (aligned to the epoch, so to local hours). */
const BLOCK_MINUTES = 10;
/** Oxygen saturation and temperature are sampled on these boundaries. */
export const VITALS_EVERY_MS = 15 * MINUTE;
/** Share of the expected steps taken in walking bouts; the rest is pottering about. */
const WALKING_SHARE = 0.85;
const MAX_STEPS_PER_MINUTE = METRICS.step_count.maxPerMinute ?? 250;

/** UTC offset of a time zone at an instant, in ms (+09:00 is 32,400,000). */
export function zoneOffsetMs(ms: number, timeZone: string): number {
  return -new TZDate(ms, timeZone).getTimezoneOffset() * MINUTE;
}

/**
 * Formatter equal to core's toZonedIso for a fixed offset, without a time-zone lookup per
 * reading (toZonedIso costs ~5 µs; a large simulation formats ~100,000 instants a second).
 */
export function fixedOffsetIso(offsetMs: number): (ms: number) => string {
  const abs = Math.abs(offsetMs) / MINUTE;
  const pad = (n: number) => String(n).padStart(2, '0');
  const suffix = `${offsetMs < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
  return (ms) => new Date(ms + offsetMs).toISOString().slice(0, 23) + suffix;
}

function dayFactor(profile: WatchProfile, localDay: number): number {
  return uniform(rngFor(profile.key, Stream.day, localDay), 0.7, 1.3);
}

/** Steps of each minute of one block: a walking bout (or none) plus a few pottering steps. */
export function blockSteps(profile: WatchProfile, block: number, offsetMs: number): number[] {
  const localMinute0 = block * BLOCK_MINUTES + offsetMs / MINUTE;
  const factor = dayFactor(profile, Math.floor(localMinute0 / MINUTES_PER_DAY));
  const expected = Array.from({ length: BLOCK_MINUTES }, (_, i) => {
    const minuteOfDay = (((localMinute0 + i) % MINUTES_PER_DAY) + MINUTES_PER_DAY) % MINUTES_PER_DAY;
    return profile.stepsByMinute[minuteOfDay]! * factor;
  });
  const rng = rngFor(profile.key, Stream.block, block);
  const steps = new Array<number>(BLOCK_MINUTES).fill(0);
  const meanBoutCadence = profile.cadence * 0.9;
  const walkMinutes = (WALKING_SHARE * expected.reduce((a, b) => a + b, 0)) / meanBoutCadence;
  // a bout of about boutMinutes happens with the probability that keeps the expected total
  const firstMinuteOfDay = ((localMinute0 % MINUTES_PER_DAY) + MINUTES_PER_DAY) % MINUTES_PER_DAY;
  const boutMinutes = isAwake(profile, firstMinuteOfDay) ? profile.boutMinutes : 1;
  const p = Math.min(1, walkMinutes / boutMinutes);
  let boutStart = 0;
  let boutLength = 0;
  if (chance(rng, p)) {
    boutLength = Math.round(clamp((walkMinutes / p) * uniform(rng, 0.7, 1.3), 1, BLOCK_MINUTES));
    boutStart = uniformInt(rng, 0, BLOCK_MINUTES - boutLength);
  }
  for (let i = 0; i < BLOCK_MINUTES; i++) {
    if (i >= boutStart && i < boutStart + boutLength) {
      steps[i] = Math.round(clamp(profile.cadence * uniform(rng, 0.75, 1.05), 0, MAX_STEPS_PER_MINUTE));
    } else {
      // pottering: 1-5 steps (mean 3) often enough to carry the remaining share
      const q = Math.min(0.6, ((1 - WALKING_SHARE) * expected[i]!) / 3);
      steps[i] = chance(rng, q) ? uniformInt(rng, 1, 5) : 0;
    }
  }
  return steps;
}

/** Steps in the minute [minute, minute + 1) counted from the epoch, in minutes. */
export function stepsInMinute(profile: WatchProfile, minute: number, offsetMs: number): number {
  const block = Math.floor(minute / BLOCK_MINUTES);
  return blockSteps(profile, block, offsetMs)[minute - block * BLOCK_MINUTES]!;
}

function minuteOfDay(ms: number, offsetMs: number): number {
  return Math.floor((ms + offsetMs) / MINUTE) % MINUTES_PER_DAY;
}

/** Heart rate at an instant: resting level, day/night shift and the walking of the last minutes. */
export function heartRateAt(profile: WatchProfile, ms: number, offsetMs: number): number {
  const lastMinute = Math.ceil(ms / MINUTE) - 1;
  const recent = stepsInMinute(profile, lastMinute, offsetMs);
  const before = stepsInMinute(profile, lastMinute - 1, offsetMs);
  const intensity = Math.min(1, (0.7 * recent + 0.3 * before) / profile.cadence);
  const awake = isAwake(profile, minuteOfDay(ms, offsetMs));
  const rng = rngFor(profile.key, Stream.heart, Math.floor(ms / 1000));
  const bpm = profile.restingHeartRate + (awake ? 5 : -4) + profile.heartRateGain * intensity + 2.5 * noise(rng);
  return Math.round(clamp(bpm, 40, 170));
}

export function oxygenSaturationAt(profile: WatchProfile, ms: number, offsetMs: number): number {
  const awake = isAwake(profile, minuteOfDay(ms, offsetMs));
  const rng = rngFor(profile.key, Stream.oxygen, Math.floor(ms / 1000));
  return Math.round(clamp(profile.oxygenBase - (awake ? 0 : 0.7) + 0.8 * noise(rng), 93, 99));
}

/** Body temperature with its daily swing: lowest in the early morning, highest late afternoon. */
export function bodyTemperatureAt(profile: WatchProfile, ms: number, offsetMs: number): number {
  const hour = minuteOfDay(ms, offsetMs) / 60;
  const rng = rngFor(profile.key, Stream.temperature, Math.floor(ms / 1000));
  const celsius = profile.temperatureBase + 0.25 * Math.cos((2 * Math.PI * (hour - 17)) / 24) + 0.08 * noise(rng);
  return Math.round(clamp(celsius, 35.8, 37.2) * 10) / 10;
}

/**
 * Readings of one watch for the interval (startMs, endMs]: one step_count interval for every
 * clock minute that ends inside it, one heart-rate sample at endMs, and oxygen saturation and
 * body temperature at each 15-minute boundary inside it. Successive intervals therefore cover
 * time without gaps or overlaps. Pure: the same profile and span always give the same readings.
 */
export function generateInterval(profile: WatchProfile, startMs: number, endMs: number): ReadingInput[] {
  if (!(endMs > startMs)) throw new RangeError(`empty interval ${startMs}..${endMs}`);
  const offset = zoneOffsetMs(startMs, profile.timeZone);
  const fixed = offset === zoneOffsetMs(endMs, profile.timeZone);
  const iso = fixed ? fixedOffsetIso(offset) : (ms: number) => toZonedIso(ms, profile.timeZone);
  const offsetAt = (ms: number) => (fixed ? offset : zoneOffsetMs(ms, profile.timeZone));
  const readings: ReadingInput[] = [];

  const firstMinute = Math.floor(startMs / MINUTE);
  const lastMinute = Math.floor(endMs / MINUTE) - 1;
  let block: { index: number; steps: number[] } | undefined;
  for (let m = firstMinute; m <= lastMinute; m++) {
    const index = Math.floor(m / BLOCK_MINUTES);
    if (block?.index !== index) block = { index, steps: blockSteps(profile, index, offsetAt(m * MINUTE)) };
    const start = m * MINUTE;
    readings.push({
      metric: 'step_count',
      start: iso(start),
      end: iso(start + MINUTE),
      value: block.steps[m - index * BLOCK_MINUTES]!,
      unit: METRICS.step_count.unit,
    });
  }

  const endOffset = offsetAt(endMs);
  readings.push({
    metric: 'heart_rate',
    start: iso(endMs),
    value: heartRateAt(profile, endMs, endOffset),
    unit: METRICS.heart_rate.unit,
  });

  for (let t = (Math.floor(startMs / VITALS_EVERY_MS) + 1) * VITALS_EVERY_MS; t <= endMs; t += VITALS_EVERY_MS) {
    const o = offsetAt(t);
    readings.push(
      {
        metric: 'oxygen_saturation',
        start: iso(t),
        value: oxygenSaturationAt(profile, t, o),
        unit: METRICS.oxygen_saturation.unit,
      },
      {
        metric: 'body_temperature',
        start: iso(t),
        value: bodyTemperatureAt(profile, t, o),
        unit: METRICS.body_temperature.unit,
      },
    );
  }
  return readings;
}
