/** Raw rows of one person around one local day, as read from InfluxDB. */
export interface DayInput {
  dayStart: number;
  dayEnd: number;
  /** Step intervals that may overlap the day (start within 24 h before it). */
  steps: Array<{ start: number; durationMs: number; value: number; device: string }>;
  /** Samples, or each minute's mean (the rollup processor reads minute means: the same summary). */
  heartRate: Array<{ time: number; value: number }>;
  sleep: Array<{ start: number; durationMs: number; value: number; stage: string }>;
  oxygenSaturation: number[];
  bodyTemperature: number[];
}

export interface RollupRules {
  /** A day is valid with at least this much wear (minutes)... */
  validWearMinutes: number;
  /** ...and at least this many steps (ActiWearCheck default 100). */
  validSteps: number;
  /** A minute with at least this many steps is an active minute. */
  activeCadence: number;
}

export const DEFAULT_ROLLUP_RULES: RollupRules = { validWearMinutes: 600, validSteps: 100, activeCadence: 60 };

export interface DailySummary {
  steps: number | null;
  wearMinutes: number;
  valid: boolean;
  coverage: number;
  activeMinutes: number | null;
  restingHeartRate: number | null;
  sleepMinutes: Record<string, number>;
  oxygenSaturation: MinMeanMax | null;
  bodyTemperature: MinMeanMax | null;
}

export interface MinMeanMax {
  min: number;
  mean: number;
  max: number;
}

const MINUTE = 60_000;

/**
 * One person's day. Steps: each interval counts in proportion to its overlap with the day, from the
 * device with the most steps (one primary source, so a phone and a watch are not added twice).
 * Wear: minutes with a heart-rate sample. Sleep: stages of episodes that end on this day.
 * Returns null when nothing at all was recorded (missing is not zero).
 */
export function summariseDay(input: DayInput, rules: RollupRules = DEFAULT_ROLLUP_RULES): DailySummary | null {
  const { dayStart, dayEnd } = input;
  const perDevice = new Map<string, { total: number; perMinute: Map<number, number> }>();
  for (const s of input.steps) {
    const end = s.start + s.durationMs;
    const overlap = Math.min(end, dayEnd) - Math.max(s.start, dayStart);
    if (overlap <= 0 || s.durationMs <= 0) continue;
    let d = perDevice.get(s.device);
    if (!d) perDevice.set(s.device, (d = { total: 0, perMinute: new Map() }));
    d.total += (s.value * overlap) / s.durationMs;
    if (s.durationMs <= MINUTE) {
      const minute = Math.floor((s.start - dayStart) / MINUTE);
      d.perMinute.set(minute, (d.perMinute.get(minute) ?? 0) + s.value);
    }
  }
  const primary = [...perDevice.values()].sort((a, b) => b.total - a.total)[0];

  const hrMinutes = new Map<number, { sum: number; n: number }>();
  for (const h of input.heartRate) {
    if (h.time < dayStart || h.time >= dayEnd) continue;
    const m = Math.floor((h.time - dayStart) / MINUTE);
    const e = hrMinutes.get(m) ?? { sum: 0, n: 0 };
    e.sum += h.value;
    e.n++;
    hrMinutes.set(m, e);
  }

  const sleepMinutes: Record<string, number> = {};
  for (const s of input.sleep) {
    const end = s.start + s.durationMs;
    if (end <= dayStart || end > dayEnd) continue;
    sleepMinutes[s.stage] = (sleepMinutes[s.stage] ?? 0) + s.value;
  }

  const nothing =
    !primary && hrMinutes.size === 0 && Object.keys(sleepMinutes).length === 0 &&
    input.oxygenSaturation.length === 0 && input.bodyTemperature.length === 0;
  if (nothing) return null;

  const steps = primary ? Math.round(primary.total) : null;
  const wearMinutes = hrMinutes.size;
  const minutesInDay = Math.round((dayEnd - dayStart) / MINUTE);
  return {
    steps,
    wearMinutes,
    valid: wearMinutes >= rules.validWearMinutes && (steps ?? 0) >= rules.validSteps,
    coverage: Math.min(1, wearMinutes / minutesInDay),
    activeMinutes: primary?.perMinute.size ? [...primary.perMinute.values()].filter((v) => v >= rules.activeCadence).length : null,
    restingHeartRate: restingHeartRate(hrMinutes, primary?.perMinute),
    sleepMinutes,
    oxygenSaturation: minMeanMax(input.oxygenSaturation),
    bodyTemperature: minMeanMax(input.bodyTemperature),
  };
}

/**
 * Resting heart rate: mean of the 30 lowest minute means among minutes without steps; null with
 * fewer than 60 such minutes (not enough rest observed to say).
 */
function restingHeartRate(hr: Map<number, { sum: number; n: number }>, steps?: Map<number, number>): number | null {
  const still = [...hr].filter(([m]) => !(steps?.get(m) ?? 0)).map(([, e]) => e.sum / e.n);
  if (still.length < 60) return null;
  still.sort((a, b) => a - b);
  const lowest = still.slice(0, 30);
  return Math.round((lowest.reduce((a, b) => a + b, 0) / lowest.length) * 10) / 10;
}

function minMeanMax(values: number[]): MinMeanMax | null {
  if (values.length === 0) return null;
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  for (const v of values) {
    min = Math.min(min, v);
    max = Math.max(max, v);
    sum += v;
  }
  return { min, mean: Math.round((sum / values.length) * 100) / 100, max };
}
