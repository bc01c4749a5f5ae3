// The rollup asks InfluxDB for each minute's mean heart rate instead of every sample. For samples
// seconds apart, from two devices at once, and in a zone whose midnight is not on a whole UTC
// minute, the summary must be exactly what summarising the raw samples gives.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Point, createInfluxClient, type InfluxClient } from '../../core/src/index.js';
import { createDailyRollupProcessor, localDayBounds } from '../../workers/src/rollups/daily-rollup.processor.js';
import { summariseDay } from '../../workers/src/rollups/daily-summary.js';
import { testEnv, uniqueId } from '../helpers/env.js';

const MIN = 60_000;
// Monrovia kept -0:44:30 until 1972: local midnight fell at :30 seconds of a UTC minute
const days = [
  { pseudonym: 'Pmean001', timeZone: 'Asia/Tokyo', date: '2026-10-15' },
  { pseudonym: 'Pmean002', timeZone: 'Africa/Monrovia', date: '1971-06-01' },
] as const;

/** Heart rate every 5 s from 01:00 for 11 hours on device a, every 7 s from 05:00 for 2 hours on device b. */
function samples(dayStart: number): Array<{ time: number; value: number; device: string }> {
  const out = [];
  for (let t = dayStart + 60 * MIN; t < dayStart + 12 * 60 * MIN; t += 5_000) {
    out.push({ time: t, value: 50 + ((t / 5_000) % 37) + (t % 3) * 0.5, device: 'a' });
  }
  for (let t = dayStart + 5 * 60 * MIN; t < dayStart + 7 * 60 * MIN; t += 7_000) {
    out.push({ time: t, value: 48 + ((t / 7_000) % 11), device: 'b' });
  }
  // either side of the local day: must not count
  out.push({ time: dayStart - 1, value: 40, device: 'a' }, { time: dayStart + 24 * 60 * MIN, value: 40, device: 'a' });
  return out;
}

describe('daily rollups from minute means of heart rate', () => {
  let influx: InfluxClient;

  beforeAll(async () => {
    influx = createInfluxClient({ url: testEnv().INFLUX_URL, database: uniqueId('rollupmean') });
    await influx.createDatabase();
    const points: Point[] = [];
    for (const { pseudonym, timeZone, date } of days) {
      const { dayStart } = localDayBounds(date, timeZone);
      for (const s of samples(dayStart)) {
        points.push(
          new Point('heart_rate')
            .tag('person', pseudonym)
            .tag('device', s.device)
            .tag('source', 'test')
            .floatField('value', s.value)
            .timestamp(s.time),
        );
      }
    }
    await influx.writePoints(points);
  });
  afterAll(async () => {
    await influx?.dropDatabase(influx.database);
  });

  it('gives the wear minutes and resting heart rate of the raw samples', async () => {
    expect(localDayBounds(days[1].date, days[1].timeZone).dayStart % MIN).not.toBe(0);
    const rollup = createDailyRollupProcessor({ influx, batch: 10, waitMs: 5 });
    for (const [i, day] of days.entries()) {
      const { dayStart, dayEnd } = localDayBounds(day.date, day.timeZone);
      const expected = summariseDay({
        dayStart,
        dayEnd,
        steps: [],
        heartRate: samples(dayStart),
        sleep: [],
        oxygenSaturation: [],
        bodyTemperature: [],
      });
      expect(expected).toMatchObject({ wearMinutes: 11 * 60, steps: null });
      expect(expected!.restingHeartRate).toEqual(expect.any(Number));
      const got = await rollup({ id: String(i), data: day });
      expect(got).toEqual(expected);
    }
  });
});
