import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReadingInput } from '../../core/src/index.js';
import { localDayBounds } from '../../workers/src/rollups/daily-rollup.processor.js';
import { buildMessage, createTestPublisher, heartRateSeries, type TestPublisher } from '../helpers/mqtt-publisher.js';
import { startTestPipeline, type TestPipeline } from '../helpers/pipeline.js';
import { createFixtureCohort, type FixturePerson } from '../helpers/registry-fixtures.js';

const MIN = 60_000;
const day = localDayBounds('2026-10-15', 'Asia/Tokyo');

function stepEpoch(start: number, minutes: number, value: number): ReadingInput {
  return {
    metric: 'step_count',
    start: new Date(start).toISOString(),
    end: new Date(start + minutes * MIN).toISOString(),
    value,
    unit: '{steps}',
  };
}

describe('daily rollups through the pipeline', () => {
  let pl: TestPipeline;
  let pub: TestPublisher;
  let person: FixturePerson;

  beforeAll(async () => {
    pl = await startTestPipeline({ rollupDebounce: '300ms' });
    pub = await createTestPublisher(pl.env.MQTT_URL, 1);
    [person] = (await createFixtureCohort(pl.pool, 1)).people as [FixturePerson];
  });
  afterAll(async () => {
    await pub?.close();
    await pl?.close();
  });

  const daily = async () => {
    const [series = []] = await pl.influx.query(
      `SELECT * FROM "daily" WHERE "person" = '${person.pseudonym}' AND time >= ${day.dayStart - 86_400_000}ms`,
    );
    const s = series[0];
    return (s?.values ?? []).map((v) => Object.fromEntries(s!.columns.map((c, i) => [c, v[i]])));
  };

  it('summarises a Japan-local day, splitting an epoch across midnight, and recomputes when late data arrives', async () => {
    const hr = heartRateSeries(day.dayStart + 6 * 60 * MIN, 700, () => 72);
    await pub.publishMessage(pl.topicRoot, buildMessage(person.deviceId, hr.slice(0, 350)));
    await pub.publishMessage(pl.topicRoot, buildMessage(person.deviceId, hr.slice(350)));
    await pub.publishMessage(
      pl.topicRoot,
      buildMessage(person.deviceId, [
        stepEpoch(day.dayStart + 600 * MIN, 15, 900),
        // 10 minutes before and 5 after local midnight: two thirds count for this day
        stepEpoch(day.dayEnd - 10 * MIN, 15, 300),
      ]),
    );
    await pl.rollupsDone();
    let rows = await daily();
    const today = rows.find((r) => r.local_date === '2026-10-15')!;
    expect(today).toMatchObject({ steps: 1100, wear_minutes: 700, valid: true });
    expect(rows.find((r) => r.local_date === '2026-10-16')).toMatchObject({ steps: 100 });
    expect(today.time).toBe(day.dayStart);

    // late data for the same day: the summary is recomputed, not duplicated
    await new Promise((r) => setTimeout(r, 400));
    await pub.publishMessage(pl.topicRoot, buildMessage(person.deviceId, [stepEpoch(day.dayStart + 900 * MIN, 15, 400)]));
    await pl.rollupsDone();
    rows = await daily();
    expect(rows.filter((r) => r.local_date === '2026-10-15')).toHaveLength(1);
    expect(rows.find((r) => r.local_date === '2026-10-15')).toMatchObject({ steps: 1500 });
  });
});
