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

const MINUTE = 60_000;

/** Local midnight to the next local midnight (23 or 25 hours on a DST change). */
export function localDayBounds(date: string, timeZone: string): { dayStart: number; dayEnd: number } {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return {
    dayStart: new TZDate(y, m - 1, d, 0, 0, 0, 0, timeZone).getTime(),
    dayEnd: new TZDate(y, m - 1, d + 1, 0, 0, 0, 0, timeZone).getTime(),
  };
}

/** Rows of one statement's answer, per person (the statements group by "person"). */
function rowsByPerson(series: InfluxSeries[] | undefined): Map<string, Array<Record<string, unknown>>> {
  const out = new Map<string, Array<Record<string, unknown>>>();
  for (const s of series ?? []) {
    const person = s.tags?.person ?? '';
    let rows = out.get(person);
    if (!rows) out.set(person, (rows = []));
    for (const v of s.values) rows.push(Object.fromEntries(s.columns.map((c, i) => [c, v[i]])));
  }
  return out;
}

interface Pending {
  pseudonym: string;
  resolve: (s: DailySummary | null) => void;
  reject: (err: unknown) => void;
}

export interface DailyRollupDeps {
  influx: InfluxClient;
  rules?: RollupRules;
  /** Person-days of one local date and zone summarised by one query and one write. */
  batch?: number;
  /** How long a person-day waits for others of its date to join its query. */
  waitMs?: number;
}

/**
 * Reads the person's raw rows around the day, summarises them and writes one daily point.
 * Concurrent jobs of the same local date and zone share one InfluxDB query (grouped by person) and
 * one write: at 10,000 people a query per person-day cost InfluxDB more than the readings' writes.
 */
export function createDailyRollupProcessor(deps: DailyRollupDeps) {
  const batch = deps.batch ?? 50;
  // rollups fall due spread over time (schedule-rollups.ts): wait long enough to gather a batch
  const waitMs = deps.waitMs ?? 100;
  const groups = new Map<string, { date: string; timeZone: string; pending: Pending[]; timer: NodeJS.Timeout }>();

  function flush(key: string): void {
    const g = groups.get(key);
    if (!g) return;
    groups.delete(key);
    clearTimeout(g.timer);
    summariseGroup(g.date, g.timeZone, g.pending).catch((err) => g.pending.forEach((p) => p.reject(err)));
  }

  async function summariseGroup(date: string, timeZone: string, pending: Pending[]): Promise<void> {
    const { dayStart, dayEnd } = localDayBounds(date, timeZone);
    const people = [...new Set(pending.map((p) => p.pseudonym))];
    const who = `(${people.map((p) => `"person" = ${quoteString(p)}`).join(' OR ')})`;
    const around = `time >= ${dayStart - 86_400_000}ms AND time < ${dayEnd}ms`;
    const within = `time >= ${dayStart}ms AND time < ${dayEnd}ms`;
    // heart rate counts per minute of the local day (wear, resting rate): InfluxDB averages each
    // minute, so a day of 1-5 s samples returns <= 1,440 rows a person instead of up to 86,400
    // (rows cost InfluxDB ~5 us each to answer). The offset aligns its minutes to local midnight.
    const minuteOffset = ((dayStart % MINUTE) + MINUTE) % MINUTE;
    const minutes = minuteOffset ? `time(1m, ${minuteOffset}ms)` : 'time(1m)';
    const answers = await deps.influx.query(
      [
        `SELECT "value", "duration_ms", "device" FROM "step_count" WHERE ${who} AND ${around} GROUP BY "person"`,
        `SELECT mean("value") AS "value" FROM "heart_rate" WHERE ${who} AND ${within} GROUP BY ${minutes}, "person" fill(none)`,
        `SELECT "value", "duration_ms", "stage" FROM "sleep" WHERE ${who} AND ${around} GROUP BY "person"`,
        `SELECT "value" FROM "oxygen_saturation" WHERE ${who} AND ${within} GROUP BY "person"`,
        `SELECT "value" FROM "body_temperature" WHERE ${who} AND ${within} GROUP BY "person"`,
      ].join('; '),
    );
    const [steps, hr, sleep, spo2, temp] = answers.map(rowsByPerson) as Array<Map<string, Array<Record<string, unknown>>>>;
    const summaries = new Map<string, DailySummary | null>();
    const points: Point[] = [];
    for (const person of people) {
      const of = (m: Map<string, Array<Record<string, unknown>>> | undefined) => m?.get(person) ?? [];
      const summary = summariseDay(
        {
          dayStart,
          dayEnd,
          steps: of(steps).map((r) => ({
            start: r.time as number,
            durationMs: Number(r.duration_ms ?? 60_000),
            value: r.value as number,
            device: String(r.device),
          })),
          heartRate: of(hr).map((r) => ({ time: r.time as number, value: r.value as number })),
          sleep: of(sleep).map((r) => ({
            start: r.time as number,
            durationMs: Number(r.duration_ms ?? 0),
            value: r.value as number,
            stage: String(r.stage),
          })),
          oxygenSaturation: of(spo2).map((r) => r.value as number),
          bodyTemperature: of(temp).map((r) => r.value as number),
        },
        deps.rules,
      );
      summaries.set(person, summary);
      if (summary) points.push(dailyPoint(person, date, dayStart, summary));
    }
    if (points.length) await deps.influx.writePoints(points);
    for (const p of pending) p.resolve(summaries.get(p.pseudonym) ?? null);
  }

  return async function handleDailyRollup(job: Pick<Job, 'data' | 'id'>): Promise<DailySummary | null> {
    const parsed = DailyRollupJobSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`job ${job.id}: invalid rollup job`);
    const { pseudonym, date, timeZone } = parsed.data;
    const key = `${date}|${timeZone}`;
    return new Promise<DailySummary | null>((resolve, reject) => {
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { date, timeZone, pending: [], timer: setTimeout(() => flush(key), waitMs) }));
      g.pending.push({ pseudonym, resolve, reject });
      if (g.pending.length >= batch) flush(key);
    });
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
