// Real data: Fitabase's hourly steps (33 people, 2016) replayed through the pipeline, the daily
// rollups read back and compared with the file and with Fitbit's own daily totals.
import { readFile } from 'node:fs/promises';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectPublisher, type MqttPublisher } from '../../device-sim/src/publisher.js';
import { parseActivityHour, readHourlySteps } from '../../device-sim/src/replay/fitabase-csv.js';
import { replayMessages } from '../../device-sim/src/replay/replay-messages.js';
import { registerReplayCohort } from '../../device-sim/src/replay/replay-registry.js';
import { runReplay } from '../../device-sim/src/replay/run-replay.js';
import { uniqueId } from '../helpers/env.js';
import { startTestPipeline, type TestPipeline } from '../helpers/pipeline.js';

const DAILY_ACTIVITY = new URL('../../../shared/datasets/fitabase-2016/dailyActivity_merged.csv', import.meta.url);

/** Fitbit's own TotalSteps per `<Id> <date>` from dailyActivity_merged.csv. */
async function fitbitDailyTotals(): Promise<Map<string, number>> {
  const [header, ...lines] = (await readFile(DAILY_ACTIVITY, 'utf8')).split(/\r?\n/).filter((l) => l.trim());
  const cols = header!.split(',');
  const [id, date, total] = ['Id', 'ActivityDate', 'TotalSteps'].map((c) => cols.indexOf(c));
  return new Map(
    lines.map((l) => {
      const cells = l.split(',');
      return [`${cells[id!]} ${parseActivityHour(`${cells[date!]} 0:00`)!.date}`, Number(cells[total!])];
    }),
  );
}

describe('daily rollups of the replayed Fitabase export', () => {
  let pl: TestPipeline;
  let publisher: MqttPublisher;

  beforeAll(async () => {
    pl = await startTestPipeline({ connections: 4, rollupDebounce: '2s' });
    publisher = await connectPublisher({
      url: pl.env.MQTT_URL,
      qos: 1,
      maxOutstanding: 500,
      logger: pino({ level: 'silent' }),
    });
  });

  afterAll(async () => {
    await publisher?.close();
    await pl?.close();
  });

  it('stores each person-day as exactly the sum of its hourly rows, and reports agreement with Fitbit’s totals', async () => {
    const rows = await readHourlySteps();
    const tag = uniqueId('fbr');
    const ids = [...new Set(rows.map((r) => r.id))];
    const devices = await registerReplayCohort(pl.pool, ids, {
      facilityCode: `fitabase-${tag}`,
      devicePrefix: tag,
      enrolledFrom: '2016-01-01T00:00:00+09:00',
    });
    const messages = replayMessages(rows, (id) => devices.get(id)!);
    const sent = await runReplay(messages, pl.topicRoot, { sink: publisher });
    expect(sent).toMatchObject({ completed: true, drained: true, counts: { failed: 0 } });
    await pl.rollupsDone(180_000);

    const { rows: people } = await pl.pool.query<{ device_id: string; pseudonym: string }>(
      `SELECT e.device_id, p.pseudonym FROM enrolments e JOIN persons p ON p.id = e.person_id WHERE e.device_id = ANY($1)`,
      [[...devices.values()]],
    );
    const idOfDevice = new Map([...devices].map(([id, device]) => [device, id]));
    const idOf = new Map(people.map((p) => [p.pseudonym, idOfDevice.get(p.device_id)!]));
    const [series = []] = await pl.influx.query(
      'SELECT "steps", "local_date", "wear_minutes", "valid" FROM "daily" GROUP BY "person"',
    );
    const rollups = new Map<string, { steps: number; wear: number; valid: boolean }>();
    for (const s of series) {
      for (const [, steps, date, wear, valid] of s.values as Array<[number, number, string, number, boolean]>) {
        rollups.set(`${idOf.get(s.tags!.person!)} ${date}`, { steps, wear, valid });
      }
    }

    const hourly = new Map<string, number>();
    for (const r of rows) hourly.set(`${r.id} ${r.date}`, (hourly.get(`${r.id} ${r.date}`) ?? 0) + r.steps);
    expect(hourly.size).toBe(934);
    expect(rollups.size).toBe(hourly.size);
    for (const [day, sum] of hourly) expect(rollups.get(day)?.steps, day).toBe(sum);
    // no heart rate in the export: no wear, so no valid day, yet the steps are kept
    expect([...rollups.values()].every((d) => d.wear === 0 && d.valid === false)).toBe(true);

    const fitbit = await fitbitDailyTotals();
    const both = [...rollups.keys()].filter((k) => fitbit.has(k));
    const equal = both.filter((k) => rollups.get(k)!.steps === fitbit.get(k));
    const close = both.filter((k) => {
      const diff = Math.abs(rollups.get(k)!.steps - fitbit.get(k)!);
      return diff <= 50 || diff <= 0.01 * fitbit.get(k)!;
    });
    const fileEqual = both.filter((k) => hourly.get(k) === fitbit.get(k));
    console.log(
      `[fitabase] rollups equal the hourly sums on ${hourly.size} of ${hourly.size} person-days; ` +
        `equal to Fitbit's TotalSteps on ${equal.length} of ${both.length} person-days (${close.length} within 1 % or 50 steps); ` +
        `${fitbit.size - both.length} Fitbit days have no hourly rows`,
    );
    // what the data itself says: Fitbit's daily total is not always the sum of its hourly records
    expect(fileEqual.length).toBe(775);
    expect([equal.length, both.length, close.length]).toEqual([775, 934, 884]);
  });
});
