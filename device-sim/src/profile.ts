import { JAPAN_TZ } from '../../core/src/index.js';
import { CARE_LEVEL_TRAITS, drawCareLevel, type CareLevel } from './care-levels.js';
import { Stream, hashString, mixSeed, rngFor, uniform, uniformInt } from './random.js';

export const MINUTES_PER_DAY = 1440;

/** A change of the person's steps from a local day on (scenarios); `change` -0.5 halves them. */
export interface StepEffect {
  /** First local day index (days since 1970-01-01 local) the change applies to. */
  fromDay: number;
  change: number;
  /** Days over which the change builds up (0: at once). */
  rampDays: number;
}

/**
 * One simulated wearer: an older person in care. Everything is derived from the run's seed and
 * the device id (and the care level, when the registry knows it), so a device keeps its person
 * whichever subset of devices a run selects.
 */
export interface WatchProfile {
  deviceId: string;
  seed: number;
  /** Root of every random stream of this watch. */
  key: number;
  timeZone: string;
  careLevel: CareLevel;
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
  /** Weekdays (0 = Sunday) the person goes to day service. */
  dayServiceDays: number[];
  /** Keeps the watch on in bed (sleep recorded); else it charges overnight. */
  nightWear: boolean;
  donDelay: readonly [number, number];
  doffEarly: readonly [number, number];
  missedDay: number;
  /** Night wearers charge in the evening from this local minute. */
  chargeMinute: number;
  /** Battery drain in % per hour. */
  drainPerHour: number;
  /** Typical hours asleep and share of the night awake. */
  sleepHours: number;
  awakeShare: number;
  /** Scenario change of steps, or null. */
  effect: StepEffect | null;
  /** Local day from which the person has left the programme (the watch is silent), or null. */
  quitFromDay: number | null;
  /** Expected steps in each local minute of a typical day; sums to dailySteps. */
  stepsByMinute: Float64Array;
}

export interface ProfileOptions {
  /** The registry's care level; drawn with the pilot's weights when absent. */
  careLevel?: CareLevel;
  effect?: StepEffect | null;
  quitFromDay?: number | null;
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

function pickDays(rng: ReturnType<typeof rngFor>, count: number): number[] {
  const days = [1, 2, 3, 4, 5];
  for (let i = days.length - 1; i > 0; i--) {
    const j = uniformInt(rng, 0, i);
    [days[i], days[j]] = [days[j]!, days[i]!];
  }
  return days.slice(0, count).sort();
}

export function createProfile(
  seed: number,
  deviceId: string,
  timeZone = JAPAN_TZ,
  opts: ProfileOptions = {},
): WatchProfile {
  const key = mixSeed(seed, hashString(deviceId));
  const rng = rngFor(key, Stream.profile);
  const careLevel = opts.careLevel ?? drawCareLevel(rngFor(key, Stream.care));
  const traits = CARE_LEVEL_TRAITS[careLevel];
  const dailySteps = Math.round(uniform(rng, traits.dailySteps[0], traits.dailySteps[1]));
  // 0 for the bedridden, 1 for the most mobile of the cohort
  const mobility = Math.min(1, Math.log1p(dailySteps / 50) / Math.log1p(6000 / 50));
  const base = {
    deviceId,
    seed,
    key,
    timeZone,
    careLevel,
    dailySteps,
    cadence: Math.round(55 + 45 * mobility + uniform(rng, -5, 5)),
    boutMinutes: uniformInt(rng, 1, 3) + Math.round(3 * mobility),
    wakeMinute: uniformInt(rng, 5 * 60 + 30, 7 * 60),
    bedMinute: uniformInt(rng, 20 * 60 + 30, 22 * 60),
    restingHeartRate: uniformInt(rng, 55, 80),
    heartRateGain: uniform(rng, 15, 30),
    oxygenBase: uniform(rng, 95.5, 98),
    temperatureBase: uniform(rng, 36.3, 36.6),
    dayServiceDays: pickDays(rng, uniformInt(rng, 0, 3)),
    nightWear: uniform(rng, 0, 1) < traits.nightWear,
    donDelay: traits.donDelay,
    doffEarly: traits.doffEarly,
    missedDay: traits.missedDay,
    chargeMinute: uniformInt(rng, 17 * 60 + 30, 19 * 60 + 30),
    drainPerHour: uniform(rng, 2.5, 3.5),
    sleepHours: uniform(rng, 6.3, 8.7),
    awakeShare: uniform(rng, 0.05, 0.1),
    effect: opts.effect ?? null,
    quitFromDay: opts.quitFromDay ?? null,
  };
  const weights = Float64Array.from({ length: MINUTES_PER_DAY }, (_, m) => activityWeight(base, m));
  const total = weights.reduce((a, b) => a + b, 0);
  const stepsByMinute = weights.map((w) => (w / total) * dailySteps);
  return { ...base, stepsByMinute };
}
