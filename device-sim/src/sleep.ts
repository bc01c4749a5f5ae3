import type { SleepStage } from '../../core/src/index.js';
import type { WatchProfile } from './profile.js';
import { Stream, clamp, noise, rngFor, uniform, uniformInt } from './random.js';
import { deviceStateAt, localMidnight, wearDayPlan, wearDayStart } from './wear.js';

const MIN = 60_000;

export interface SleepStagePart {
  stage: SleepStage;
  start: number;
  end: number;
}

export interface SleepEpisode {
  start: number;
  end: number;
  stages: SleepStagePart[];
  /** The night's skin temperature relative to the person's baseline, °C. */
  skinTemperatureDeviation: number;
}

/** Splits `total` minutes over weights into whole minutes that add up to `total`. */
function apportion(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  let acc = 0;
  let given = 0;
  return weights.map((w) => {
    acc += (w / sum) * total;
    const share = Math.round(acc) - given;
    given += share;
    return share;
  });
}

/**
 * Stages of an episode of `minutes`: cycles of about 90 minutes (light, deep, light, REM, a short
 * waking), deep sleep early in the night and REM late, with the night's shares of each stage.
 */
function hypnogram(rng: ReturnType<typeof rngFor>, minutes: number, awakeShare: number): Array<[SleepStage, number]> {
  const n = Math.max(1, Math.round(minutes / 90));
  const deep = Math.round(minutes * uniform(rng, 0.12, 0.18));
  const rem = Math.round(minutes * uniform(rng, 0.2, 0.25));
  const awake = Math.round(minutes * awakeShare);
  const cycles = apportion(
    minutes,
    Array.from({ length: n }, () => uniform(rng, 0.85, 1.15)),
  );
  const deepBy = apportion(
    deep,
    Array.from({ length: n }, (_, i) => (n - i) ** 1.5),
  );
  const remBy = apportion(
    rem,
    Array.from({ length: n }, (_, i) => i + 1),
  );
  const awakeBy = apportion(
    awake,
    Array.from({ length: n }, () => 1),
  );
  const parts: Array<[SleepStage, number]> = [];
  cycles.forEach((len, i) => {
    const light = Math.max(2, len - deepBy[i]! - remBy[i]! - awakeBy[i]!);
    const firstLight = Math.ceil(light / 2);
    parts.push(
      ['light', firstLight],
      ['deep', deepBy[i]!],
      ['light', light - firstLight],
      ['rem', remBy[i]!],
      ['awake', awakeBy[i]!],
    );
  });
  const merged: Array<[SleepStage, number]> = [];
  for (const [stage, m] of parts) {
    if (m <= 0) continue;
    const last = merged.at(-1);
    if (last && last[0] === stage) last[1] += m;
    else merged.push([stage, m]);
  }
  return merged;
}

/**
 * The night at the end of wear day w, for people who keep the watch on in bed: from a while after
 * bedtime to shortly before getting up, about `sleepHours` asleep. Null when nothing is recorded
 * (watch off at night, a missed day, a flat battery).
 */
export function sleepEpisode(profile: WatchProfile, w: number): SleepEpisode | null {
  if (!profile.nightWear) return null;
  const plan = wearDayPlan(profile, w);
  if (plan.missed || plan.quit) return null;
  const rng = rngFor(profile.key, Stream.sleep, w);
  const asleepMinutes = clamp(profile.sleepHours * 60 + 30 * noise(rng), 5.5 * 60, 9.5 * 60);
  const awakeShare = clamp(profile.awakeShare + 0.01 * noise(rng), 0.04, 0.12);
  const end = wearDayStart(profile, w + 1) - uniformInt(rng, 0, 25) * MIN;
  const earliest = localMidnight(profile, w) + (profile.bedMinute + uniformInt(rng, 5, 30)) * MIN;
  const start = Math.max(earliest, end - Math.round(asleepMinutes / (1 - awakeShare)) * MIN);
  const skinTemperatureDeviation = Math.round(25 * noise(rng)) / 100;
  if (!deviceStateAt(profile, start).recording || !deviceStateAt(profile, end - MIN).recording) return null;
  let t = start;
  const stages = hypnogram(rng, (end - start) / MIN, awakeShare).map(([stage, m]) => {
    const part = { stage, start: t, end: t + m * MIN };
    t = part.end;
    return part;
  });
  return { start, end: t, stages, skinTemperatureDeviation };
}
