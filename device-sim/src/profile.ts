import { JAPAN_TZ } from '../../core/src/index.js';
import { Stream, hashString, mixSeed, rngFor, uniform, uniformInt } from './random.js';

export const MINUTES_PER_DAY = 1440;

/**
 * One simulated wearer: an older person in care. Everything is derived from the run's seed and
 * the device id, so a device keeps its person whichever subset of devices a run selects.
 */
export interface WatchProfile {
  deviceId: string;
  /** Root of every random stream of this watch. */
  key: number;
  timeZone: string;
  /** Typical daily step total (a day varies around it). */
  dailySteps: number;
  /** Steps per minute while walking. */
  cadence: number;
  /** Typical length of a daytime walking bout (at night: a minute, to the toilet and back). */
  boutMinutes: number;
  /** Local minute of day the person gets up and goes to bed. */
  wakeMinute: number;
  bedMinute: number;
  restingHeartRate: number;
  /** Heart-rate rise at full walking cadence. */
  heartRateGain: number;
  oxygenBase: number;
  temperatureBase: number;
  /** Expected steps in each local minute of a typical day; sums to dailySteps. */
  stepsByMinute: Float64Array;
}

const bell = (x: number, mean: number, sd: number) => Math.exp(-0.5 * ((x - mean) / sd) ** 2);

/** True while the person is up (local minute of day). */
export function isAwake(profile: Pick<WatchProfile, 'wakeMinute' | 'bedMinute'>, minuteOfDay: number): boolean {
  return minuteOfDay >= profile.wakeMinute && minuteOfDay < profile.bedMinute;
}

/**
 * Relative activity over the local day: almost nothing in bed (a trip to the toilet), a low
 * level while up, peaks mid-morning and after lunch and a smaller one late afternoon.
 */
export function activityWeight(profile: Pick<WatchProfile, 'wakeMinute' | 'bedMinute'>, minuteOfDay: number): number {
  if (!isAwake(profile, minuteOfDay)) return 0.012;
  const h = minuteOfDay / 60;
  return 0.25 + bell(h, 10, 1.1) + 0.8 * bell(h, 14.25, 1.2) + 0.35 * bell(h, 17, 0.9) - 0.15 * bell(h, 12.25, 0.4);
}

export function createProfile(seed: number, deviceId: string, timeZone = JAPAN_TZ): WatchProfile {
  const key = mixSeed(seed, hashString(deviceId));
  const rng = rngFor(key, Stream.profile);
  // log-uniform between 300 and 6000 steps a day: many people in care walk little
  const dailySteps = Math.round(300 * 20 ** uniform(rng, 0, 1));
  const mobility = Math.log(dailySteps / 300) / Math.log(20);
  const base = {
    deviceId,
    key,
    timeZone,
    dailySteps,
    cadence: Math.round(60 + 40 * mobility + uniform(rng, -5, 5)),
    boutMinutes: uniformInt(rng, 2, 3) + Math.round(2 * mobility),
    wakeMinute: uniformInt(rng, 6 * 60, 7 * 60),
    bedMinute: uniformInt(rng, 20 * 60, 21 * 60),
    restingHeartRate: uniformInt(rng, 58, 80),
    heartRateGain: uniform(rng, 15, 30),
    oxygenBase: uniform(rng, 95.5, 98),
    temperatureBase: uniform(rng, 36.3, 36.6),
  };
  const weights = Float64Array.from({ length: MINUTES_PER_DAY }, (_, m) => activityWeight(base, m));
  const total = weights.reduce((a, b) => a + b, 0);
  const stepsByMinute = weights.map((w) => (w / total) * dailySteps);
  return { ...base, stepsByMinute };
}
