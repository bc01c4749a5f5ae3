// Person-days of one local date share one InfluxDB query: each must get exactly the summary it
// gets when it is summarised alone, whoever else is in its batch.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Point, createInfluxClient, type InfluxClient } from '../../core/src/index.js';
import { createDailyRollupProcessor, localDayBounds } from '../../workers/src/rollups/daily-rollup.processor.js';
import { testEnv, uniqueId } from '../helpers/env.js';

const MIN = 60_000;
const people = [
  // [pseudonym, zone, date, minutes of heart rate, steps per 15-minute epoch]
  ['Pbatch001', 'Asia/Tokyo', '2026-10-15', 700, 120],
  ['Pbatch002', 'Asia/Tokyo', '2026-10-15', 300, 40],
  ['Pbatch003', 'Asia/Tokyo', '2026-10-15', 0, 0], // nothing stored: no summary
  ['Pbatch004', 'Asia/Tokyo', '2026-10-16', 650, 200],
  ['Pbatch005', 'Europe/Berlin', '2026-10-15', 620, 80],
] as const;

describe('daily rollups in batches', () => {
  let influx: InfluxClient;

  beforeAll(async () => {
    influx = createInfluxClient({ url: testEnv().INFLUX_URL, database: uniqueId('rollupbatch') });
    await influx.createDatabase();
    const points: Point[] = [];
    for (const [pseudonym, zone, date, hrMinutes, steps] of people) {
      const { dayStart } = localDayBounds(date, zone);
      for (let m = 0; m < hrMinutes; m++) {
        points.push(
          new Point('heart_rate')
            .tag('person', pseudonym)
            .tag('device', `d-${pseudonym}`)
            .tag('source', 'test')
            .floatField('value', 60 + (m % 25))
            .timestamp(dayStart + 6 * 60 * MIN + m * MIN),
        );
      }
      for (let e = 0; steps && e < 40; e++) {
        points.push(
          new Point('step_count')
            .tag('person', pseudonym)
            .tag('device', `d-${pseudonym}`)
            .tag('source', 'test')
            .floatField('value', steps)
            .intField('duration_ms', 15 * MIN)
            .timestamp(dayStart + 7 * 60 * MIN + e * 15 * MIN),
        );
      }
    }
    await influx.writePoints(points);
  });
  afterAll(async () => {
    await influx?.dropDatabase(influx.database);
  });

  const jobs = people.map(([pseudonym, timeZone, date], i) => ({ id: String(i), data: { pseudonym, timeZone, date } }));

  it('gives every person-day the summary it gets alone, with one query per local date and zone', async () => {
    const alone = createDailyRollupProcessor({ influx, batch: 1 });
    const expected = [];
    for (const job of jobs) expected.push(await alone(job));
    expect(expected[0]).toMatchObject({ steps: 4800, wearMinutes: 700 });
    expect(expected[2]).toBeNull();

    let queries = 0;
    const counted: InfluxClient = { ...influx, query: (q, db) => (queries++, influx.query(q, db)) };
    const batched = createDailyRollupProcessor({ influx: counted, batch: 50, waitMs: 20 });
    // the same person-day twice (two debounce buckets' jobs) is summarised once and answered twice
    const got = await Promise.all([...jobs, jobs[1]!].map((j) => batched(j)));
    expect(got.slice(0, jobs.length)).toEqual(expected);
    expect(got[jobs.length]).toEqual(expected[1]);
    expect(queries).toBe(3); // Tokyo 15th, Tokyo 16th, Berlin 15th
  });

  it('writes one daily point per summarised person-day', async () => {
    const [series = []] = await influx.query(`SELECT "steps", "local_date" FROM "daily" GROUP BY "person"`);
    const byPerson = Object.fromEntries(series.map((s) => [s.tags!.person, s.values.map((v) => v[1])]));
    expect(byPerson).toEqual({ Pbatch001: [4800], Pbatch002: [1600], Pbatch004: [8000], Pbatch005: [3200] });
  });

  it('splits a date with more person-days than a batch into several queries, and fails them together', async () => {
    let queries = 0;
    const counted: InfluxClient = { ...influx, query: (q, db) => (queries++, influx.query(q, db)) };
    const small = createDailyRollupProcessor({ influx: counted, batch: 2, waitMs: 20 });
    const tokyo15 = jobs.slice(0, 3);
    const got = await Promise.all(tokyo15.map((j) => small(j)));
    expect(got.map((s) => s?.steps ?? null)).toEqual([4800, 1600, null]);
    expect(queries).toBe(2);

    const broken: InfluxClient = { ...influx, query: () => Promise.reject(new Error('influx down')) };
    const failing = createDailyRollupProcessor({ influx: broken, batch: 50, waitMs: 5 });
    const results = await Promise.allSettled(tokyo15.map((j) => failing(j)));
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
  });
});
