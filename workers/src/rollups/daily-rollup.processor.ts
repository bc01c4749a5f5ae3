import { TZDate } from '@date-fns/tz';
import { UnrecoverableError, type Job } from 'bullmq';
import {
  DAILY_MEASUREMENT,
  DailyRollupJobSchema,
  Point,
  quoteString,
  type InfluxClient,
  type InfluxSeries,
} from '../../../core/src/index.js';
import { summariseDay, type DailySummary, type RollupRules } from './daily-summary.js';

/** Local midnight to the next local midnight (23 or 25 hours on a DST change). */
export function localDayBounds(date: string, timeZone: string): { dayStart: number; dayEnd: number } {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return {
    dayStart: new TZDate(y, m - 1, d, 0, 0, 0, 0, timeZone).getTime(),
    dayEnd: new TZDate(y, m - 1, d + 1, 0, 0, 0, 0, timeZone).getTime(),
  };
}

const rows = (series: InfluxSeries[] | undefined) =>
  (series ?? []).flatMap((s) =>
    s.values.map((v) => Object.fromEntries(s.columns.map((c, i) => [c, v[i]])) as Record<string, unknown>),
  );

/** Reads the person's raw rows around the day, summarises them and writes one daily point. */
export function createDailyRollupProcessor(deps: { influx: InfluxClient; rules?: RollupRules }) {
  return async function handleDailyRollup(job: Pick<Job, 'data' | 'id'>): Promise<DailySummary | null> {
    const parsed = DailyRollupJobSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`job ${job.id}: invalid rollup job`);
    const { pseudonym, date, timeZone } = parsed.data;
    const { dayStart, dayEnd } = localDayBounds(date, timeZone);
    const who = `"person" = ${quoteString(pseudonym)}`;
    const around = `time >= ${dayStart - 86_400_000}ms AND time < ${dayEnd}ms`;
    const within = `time >= ${dayStart}ms AND time < ${dayEnd}ms`;
    const [steps, hr, sleep, spo2, temp] = await deps.influx.query(
      [
        `SELECT "value", "duration_ms", "device" FROM "step_count" WHERE ${who} AND ${around}`,
        `SELECT "value" FROM "heart_rate" WHERE ${who} AND ${within}`,
        `SELECT "value", "duration_ms", "stage" FROM "sleep" WHERE ${who} AND ${around}`,
        `SELECT "value" FROM "oxygen_saturation" WHERE ${who} AND ${within}`,
        `SELECT "value" FROM "body_temperature" WHERE ${who} AND ${within}`,
      ].join('; '),
    );
    const summary = summariseDay(
      {
        dayStart,
        dayEnd,
        steps: rows(steps).map((r) => ({
          start: r.time as number,
          durationMs: Number(r.duration_ms ?? 60_000),
          value: r.value as number,
          device: String(r.device),
        })),
        heartRate: rows(hr).map((r) => ({ time: r.time as number, value: r.value as number })),
        sleep: rows(sleep).map((r) => ({
          start: r.time as number,
          durationMs: Number(r.duration_ms ?? 0),
          value: r.value as number,
          stage: String(r.stage),
        })),
        oxygenSaturation: rows(spo2).map((r) => r.value as number),
        bodyTemperature: rows(temp).map((r) => r.value as number),
      },
      deps.rules,
    );
    if (summary) await deps.influx.writePoints([dailyPoint(pseudonym, date, dayStart, summary)]);
    return summary;
  };
}

/** The daily point: identity person + local midnight, so a recomputation overwrites it. */
export function dailyPoint(pseudonym: string, date: string, dayStart: number, s: DailySummary): Point {
  const p = new Point(DAILY_MEASUREMENT)
    .tag('person', pseudonym)
    .timestamp(dayStart)
    .stringField('local_date', date)
    .intField('wear_minutes', s.wearMinutes)
    .booleanField('valid', s.valid)
    .floatField('coverage', Math.round(s.coverage * 1000) / 1000);
  if (s.steps !== null) p.intField('steps', s.steps);
  if (s.activeMinutes !== null) p.intField('active_minutes', s.activeMinutes);
  if (s.restingHeartRate !== null) p.floatField('resting_heart_rate', s.restingHeartRate);
  const sleepTotal = Object.entries(s.sleepMinutes).reduce((a, [stage, v]) => (stage === 'awake' ? a : a + v), 0);
  if (Object.keys(s.sleepMinutes).length) p.floatField('sleep_minutes', sleepTotal);
  for (const [stage, v] of Object.entries(s.sleepMinutes)) p.floatField(`sleep_${stage}_minutes`, v);
  for (const [name, v] of [
    ['spo2', s.oxygenSaturation],
    ['temperature', s.bodyTemperature],
  ] as const) {
    if (!v) continue;
    p.floatField(`${name}_min`, v.min).floatField(`${name}_mean`, v.mean).floatField(`${name}_max`, v.max);
  }
  return p;
}
