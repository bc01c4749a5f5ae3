import type { WatchProfile } from './profile.js';
import { Stream, noise, rngFor, uniform } from './random.js';

export const DAY_MS = 86_400_000;

/** Index of the local calendar day (days since 1970-01-01 in local time). */
export function localDayIndex(ms: number, offsetMs: number): number {
  return Math.floor((ms + offsetMs) / DAY_MS);
}

/** 0 = Sunday .. 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(localDay: number): number {
  return (((localDay + 4) % 7) + 7) % 7;
}

/**
 * Weather of a local day for the whole cohort (one city): a slow swell of fronts over about nine
 * days plus rainy days, on which everyone walks less. Depends only on the seed and the day.
 */
export function weatherFactor(seed: number, localDay: number): number {
  const phase = uniform(rngFor(seed, Stream.weather, -1), 0, 2 * Math.PI);
  const rng = rngFor(seed, Stream.weather, localDay);
  const r = uniform(rng, 0, 1);
  const rain = r < 0.08 ? 0.65 : r < 0.3 ? 0.82 : uniform(rng, 0.97, 1.06);
  return rain * (1 + 0.05 * Math.sin((2 * Math.PI * localDay) / 9 + phase));
}

/** Day service on the person's weekdays brings a walk there and back; weekends are quieter. */
export function weekdayFactor(profile: Pick<WatchProfile, 'dayServiceDays'>, localDay: number): number {
  const wd = weekdayOf(localDay);
  if (profile.dayServiceDays.includes(wd)) return 1.2;
  return wd === 0 || wd === 6 ? 0.85 : 1;
}

/** Multiplier of a scenario (intervention or decline) on the person's steps of a local day. */
export function scenarioFactor(profile: Pick<WatchProfile, 'effect'>, localDay: number): number {
  const e = profile.effect;
  if (!e || localDay < e.fromDay) return 1;
  const ramp = e.rampDays > 0 ? Math.min(1, (localDay - e.fromDay + 1) / e.rampDays) : 1;
  return 1 + e.change * ramp;
}

/** Steps of a local day relative to the person's typical day: own noise, weekday, weather, scenario. */
export function dayFactor(profile: WatchProfile, localDay: number): number {
  const own = 1 + 0.12 * noise(rngFor(profile.key, Stream.day, localDay));
  const f =
    own * weekdayFactor(profile, localDay) * weatherFactor(profile.seed, localDay) * scenarioFactor(profile, localDay);
  return Math.max(0.2, f);
}
