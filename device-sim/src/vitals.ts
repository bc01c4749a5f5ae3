import { METRICS } from '../../core/src/index.js';
import { dayFactor } from './day-factors.js';
import { MINUTES_PER_DAY, isAwake, type WatchProfile } from './profile.js';
import { Stream, chance, clamp, noise, rngFor, uniform, uniformInt } from './random.js';

const MINUTE = 60_000;
/** Walking is planned in blocks of this many minutes (aligned to the epoch, so to local hours). */
const BLOCK_MINUTES = 10;
/** Share of the expected steps taken in walking bouts; the rest is pottering about. */
const WALKING_SHARE = 0.85;
const MAX_STEPS_PER_MINUTE = METRICS.step_count.maxPerMinute ?? 250;

const mod = (a: number, n: number) => ((a % n) + n) % n;

/** Steps of each minute of one block: a walking bout (or none) plus a few pottering steps. */
export function blockSteps(profile: WatchProfile, block: number, offsetMs: number): number[] {
  const localMinute0 = block * BLOCK_MINUTES + offsetMs / MINUTE;
  const factor = dayFactor(profile, Math.floor(localMinute0 / MINUTES_PER_DAY));
  const expected = Array.from(
    { length: BLOCK_MINUTES },
    (_, i) => profile.stepsByMinute[mod(localMinute0 + i, MINUTES_PER_DAY)]! * factor,
  );
  const rng = rngFor(profile.key, Stream.block, block);
  const steps = new Array<number>(BLOCK_MINUTES).fill(0);
  const meanBoutCadence = profile.cadence * 0.9;
  const walkMinutes = (WALKING_SHARE * expected.reduce((a, b) => a + b, 0)) / meanBoutCadence;
  // a bout of about boutMinutes happens with the probability that keeps the expected total
  const boutMinutes = isAwake(profile, mod(localMinute0, MINUTES_PER_DAY)) ? profile.boutMinutes : 1;
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

let lastBlock: { profile: WatchProfile; block: number; offsetMs: number; steps: number[] } | undefined;

/** Steps in the minute [minute, minute + 1) counted from the epoch, in minutes. */
export function stepsInMinute(profile: WatchProfile, minute: number, offsetMs: number): number {
  const block = Math.floor(minute / BLOCK_MINUTES);
  // heart rate asks for the same block again and again: keep the last one
  if (lastBlock?.profile !== profile || lastBlock.block !== block || lastBlock.offsetMs !== offsetMs) {
    lastBlock = { profile, block, offsetMs, steps: blockSteps(profile, block, offsetMs) };
  }
  return lastBlock.steps[minute - block * BLOCK_MINUTES]!;
}

export function minuteOfDay(ms: number, offsetMs: number): number {
  return mod(Math.floor((ms + offsetMs) / MINUTE), MINUTES_PER_DAY);
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
