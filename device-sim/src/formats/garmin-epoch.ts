import type {
  GarminDaily,
  GarminEpoch,
  GarminEpochPayload,
  GarminPulseOx,
  GarminSleep,
  ReadingInput,
} from '../../../core/src/index.js';
import { epochSeconds, groupBy, localMidnightSeconds, localParts } from './local-parts.js';
import { sleepEpisodes } from './sleep-episodes.js';

/** Garmin epochs are 15 minutes long, aligned to the quarter hour. */
export const GARMIN_EPOCH_MS = 15 * 60_000;

function epochs(steps: ReadingInput[]): GarminEpoch[] {
  const byEpoch = groupBy(steps, (s) => String(Math.floor(Date.parse(s.start) / GARMIN_EPOCH_MS)));
  return [...byEpoch].map(([index, minutes]) => {
    const start = (Number(index) * GARMIN_EPOCH_MS) / 1000;
    const total = minutes.reduce((n, m) => n + m.value, 0);
    const active = minutes.filter((m) => m.value > 0).length * 60;
    return {
      summaryId: `x${start}`,
      activityType: total > 0 ? 'WALKING' : 'SEDENTARY',
      startTimeInSeconds: start,
      startTimeOffsetInSeconds: localParts(minutes[0]!.start).offsetSeconds,
      durationInSeconds: GARMIN_EPOCH_MS / 1000,
      steps: total,
      activeTimeInSeconds: active,
      intensity: total > 0 ? 'ACTIVE' : 'SEDENTARY',
    };
  });
}

/** Samples grouped by local date, at offsets from local midnight. */
function offsetMaps(samples: ReadingInput[]) {
  return [...groupBy(samples, (r) => localParts(r.start).date)].map(([calendarDate, rs]) => {
    const start = localMidnightSeconds(rs[0]!.start);
    const map: Record<string, number> = {};
    for (const r of rs) map[String(epochSeconds(r.start) - start)] = r.value;
    const base = {
      summaryId: `x${start}`,
      calendarDate,
      startTimeInSeconds: start,
      startTimeOffsetInSeconds: localParts(rs[0]!.start).offsetSeconds,
      durationInSeconds: 86_400,
    };
    return { base, map };
  });
}

function sleeps(readings: ReadingInput[]): GarminSleep[] {
  return sleepEpisodes(readings).map((episode) => {
    const [first, end] = [episode[0]!.start, episode.at(-1)!.end!];
    const levels: GarminSleep['sleepLevelsMap'] = {};
    for (const s of episode) {
      const stage = s.stage === 'asleep_unspecified' ? 'light' : s.stage!;
      (levels[stage] ??= []).push({
        startTimeInSeconds: epochSeconds(s.start),
        endTimeInSeconds: epochSeconds(s.end!),
      });
    }
    return {
      summaryId: `x${epochSeconds(first)}`,
      calendarDate: localParts(end).date,
      startTimeInSeconds: epochSeconds(first),
      startTimeOffsetInSeconds: localParts(first).offsetSeconds,
      durationInSeconds: epochSeconds(end) - epochSeconds(first),
      sleepLevelsMap: levels,
    };
  });
}

/**
 * Canonical readings of one device -> a Garmin-style push: minute steps summed into their
 * 15-minute epoch (give it whole epochs), heart rate and SpO2 as offset maps of the local day,
 * sleep levels, skin temperature. Body temperature, battery and status events have no Garmin form
 * and are left out. Null when nothing is left.
 */
export function toGarminPush(readings: ReadingInput[]): GarminEpochPayload | null {
  const of = (metric: ReadingInput['metric']) => readings.filter((r) => r.metric === metric);
  const push: GarminEpochPayload = {};
  const steps = of('step_count');
  if (steps.length) push.epochs = epochs(steps);
  const hearts = offsetMaps(of('heart_rate'));
  if (hearts.length)
    push.dailies = hearts.map(({ base, map }): GarminDaily => ({ ...base, timeOffsetHeartRateSamples: map }));
  const spo2 = offsetMaps(of('oxygen_saturation'));
  if (spo2.length) push.pulseox = spo2.map(({ base, map }): GarminPulseOx => ({ ...base, timeOffsetSpo2Values: map }));
  const nights = sleeps(readings);
  if (nights.length) push.sleeps = nights;
  const skin = of('skin_temperature_deviation');
  if (skin.length) {
    push.skinTemp = skin.map((r) => ({
      summaryId: `x${epochSeconds(r.start)}`,
      calendarDate: localParts(r.end!).date,
      startTimeInSeconds: epochSeconds(r.start),
      startTimeOffsetInSeconds: localParts(r.start).offsetSeconds,
      durationInSeconds: epochSeconds(r.end!) - epochSeconds(r.start),
      avgDeviationCelsius: r.value,
    }));
  }
  return Object.keys(push).length ? push : null;
}
