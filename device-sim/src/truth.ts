import { JAPAN_TZ, localDate, type ReadingInput } from '../../core/src/index.js';
import { DAY_MS } from './day-factors.js';
import type { WatchProfile } from './profile.js';
import type { ScenarioOptions } from './scenario.js';

/** Valid day as METRICS.md defines it by default (ActiWearCheck; Troiano 2008). */
export const VALID_DAY = { minWearMinutes: 600, minSteps: 100 } as const;

/**
 * Steps and wear minutes per device and local date. The simulator sends a step interval (0 or
 * more) for every minute worn, so worn minutes are the step minutes; a heart-rate sample, stamped
 * at the end of its minute, would put 23:59 on the next date.
 */
export function createDailyTally() {
  const days = new Map<string, Map<string, { steps: number; wearMinutes: number }>>();
  return {
    add(deviceId: string, readings: ReadingInput[]): void {
      let byDate = days.get(deviceId);
      if (!byDate) days.set(deviceId, (byDate = new Map()));
      for (const r of readings) {
        if (r.metric !== 'step_count') continue;
        const date = r.start.slice(0, 10);
        const d = byDate.get(date) ?? byDate.set(date, { steps: 0, wearMinutes: 0 }).get(date)!;
        d.steps += r.value;
        d.wearMinutes += (Date.parse(r.end!) - Date.parse(r.start)) / 60_000;
      }
    },
    of: (deviceId: string) => days.get(deviceId) ?? new Map(),
  };
}
export type DailyTally = ReturnType<typeof createDailyTally>;

const dateOfDay = (localDay: number) => new Date(localDay * DAY_MS).toISOString().slice(0, 10);
const round1 = (n: number) => Math.round(n * 10) / 10;

function periodStats(days: Array<{ date: string; steps: number; valid: boolean }>, from: string, to: string) {
  const valid = days.filter((d) => d.valid && d.date >= from && d.date < to);
  const mean = valid.length ? valid.reduce((n, d) => n + d.steps, 0) / valid.length : null;
  return { from, to, validDays: valid.length, meanSteps: mean === null ? null : round1(mean) };
}

/**
 * The ground truth of a scenario run: each person's true change (as generated) and, from the
 * readings actually generated (before any injected fault), steps and wear per local date and the
 * mean steps per valid day before and after the change, so an analysis can be checked against it.
 */
export function buildTruth(opts: {
  scenario: ScenarioOptions;
  seed: number;
  startMs: number;
  days: number;
  profiles: WatchProfile[];
  tally: DailyTally;
  completed: boolean;
}) {
  const { scenario, profiles, tally } = opts;
  const firstDate = localDate(opts.startMs, JAPAN_TZ);
  const end = localDate(opts.startMs + opts.days * DAY_MS, JAPAN_TZ);
  const people = profiles.map((p) => {
    const daily = [...tally.of(p.deviceId)]
      .map(([date, d]) => ({
        date,
        ...d,
        valid: d.wearMinutes >= VALID_DAY.minWearMinutes && d.steps >= VALID_DAY.minSteps,
      }))
      .sort((a, b) => a.date.localeCompare(b.date));
    const from = p.effect ? dateOfDay(p.effect.fromDay) : null;
    const before = periodStats(daily, firstDate, from ?? end);
    const after = from ? periodStats(daily, from, end) : null;
    const observed =
      after?.meanSteps && before.meanSteps ? round1((after.meanSteps / before.meanSteps - 1) * 1000) / 1000 : null;
    return {
      deviceId: p.deviceId,
      careLevel: p.careLevel,
      typicalDailySteps: p.dailySteps,
      affected: p.effect !== null,
      trueChange: p.effect ? Math.round(p.effect.change * 10_000) / 10_000 : 0,
      changeFromDate: from,
      changeFullFromDate: p.effect ? dateOfDay(p.effect.fromDay + Math.max(0, p.effect.rampDays - 1)) : null,
      dropOutFromDate: p.quitFromDay === null ? null : dateOfDay(p.quitFromDay),
      before,
      after,
      observedChange: observed,
      daily,
    };
  });
  const affected = people.filter((p) => p.affected);
  const mean = (xs: number[]) =>
    xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 10_000) / 10_000 : null;
  return {
    generatedBy: 'mimamori device-sim',
    completed: opts.completed,
    scenario,
    seed: opts.seed,
    firstDate,
    days: opts.days,
    validDay: VALID_DAY,
    cohort: {
      people: people.length,
      affected: affected.length,
      meanTrueChange: mean(affected.map((p) => p.trueChange)),
      meanObservedChange: mean(affected.flatMap((p) => (p.observedChange === null ? [] : [p.observedChange]))),
      droppedOut: people.filter((p) => p.dropOutFromDate !== null).length,
    },
    people,
  };
}
