import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectPublisher, type MqttPublisher } from '../../device-sim/src/publisher.js';
import { readHourlySteps, type HourlyStepsRow } from '../../device-sim/src/replay/fitabase-csv.js';
import { replayMessages } from '../../device-sim/src/replay/replay-messages.js';
import { registerReplayCohort } from '../../device-sim/src/replay/replay-registry.js';
import { runReplay } from '../../device-sim/src/replay/run-replay.js';
import { uniqueId } from '../helpers/env.js';
import { startTestPipeline, type TestPipeline } from '../helpers/pipeline.js';

describe('replay of the Fitabase hourly steps export through the real pipeline', () => {
  let pl: TestPipeline;
  let publisher: MqttPublisher;
  let rows: HourlyStepsRow[];

  beforeAll(async () => {
    pl = await startTestPipeline({ connections: 4 });
    publisher = await connectPublisher({
      url: pl.env.MQTT_URL,
      qos: 1,
      maxOutstanding: 500,
      logger: pino({ level: 'silent' }),
    });
    rows = await readHourlySteps();
  });

  afterAll(async () => {
    await publisher?.close();
    await pl?.close();
  });

  it('stores every row once, with the sums of each person and Japan-local day of the file', async () => {
    const tag = uniqueId('fb');
    const ids = [...new Set(rows.map((r) => r.id))];
    const devices = await registerReplayCohort(pl.pool, ids, {
      facilityCode: `fitabase-${tag}`,
      devicePrefix: tag,
      enrolledFrom: '2016-01-01T00:00:00+09:00',
    });
    expect(devices.size).toBe(33);
    // registering again changes nothing
    expect(
      await registerReplayCohort(pl.pool, ids, {
        facilityCode: `fitabase-${tag}`,
        devicePrefix: tag,
        enrolledFrom: '2016-01-01T00:00:00+09:00',
      }),
    ).toEqual(devices);

    const messages = replayMessages(rows, (id) => devices.get(id)!);
    const result = await runReplay(messages, pl.topicRoot, { sink: publisher });
    expect(result).toMatchObject({
      completed: true,
      drained: true,
      counts: { sent: messages.length, acked: messages.length, failed: 0 },
    });
    await pl.drained();

    const { rows: people } = await pl.pool.query<{ device_id: string; pseudonym: string }>(
      `SELECT e.device_id, p.pseudonym FROM enrolments e JOIN persons p ON p.id = e.person_id WHERE e.device_id = ANY($1)`,
      [[...devices.values()]],
    );
    const idOf = new Map(people.map((p) => [p.pseudonym, [...devices].find(([, d]) => d === p.device_id)![0]]));
    const expected = new Map<string, number>();
    for (const r of rows) expected.set(`${r.id} ${r.date}`, (expected.get(`${r.id} ${r.date}`) ?? 0) + r.steps);

    let count = 0;
    for (let i = 0; i < 60 && count !== rows.length; i++) {
      const [[total] = []] = await pl.influx.query('SELECT count("value") FROM "step_count"');
      count = (total?.values[0]?.[1] as number | undefined) ?? 0;
      if (count !== rows.length) await new Promise((r) => setTimeout(r, 250));
    }
    expect(count).toBe(22_099);

    const [days = []] = await pl.influx.query(
      `SELECT sum("value"), count("value") FROM "step_count" WHERE time >= '2016-04-01T00:00:00Z' AND time < '2016-06-01T00:00:00Z' ` +
        `GROUP BY time(1d), "person" fill(none) tz('Asia/Tokyo')`,
    );
    const actual = new Map<string, number>();
    let hours = 0;
    for (const s of days) {
      for (const [t, sum, n] of s.values as Array<[number, number, number]>) {
        const date = new Date(t + 9 * 3_600_000).toISOString().slice(0, 10);
        actual.set(`${idOf.get(s.tags!.person!)} ${date}`, sum);
        hours += n;
      }
    }
    expect(hours).toBe(rows.length);
    expect(actual.size).toBe(expected.size);
    expect(Object.fromEntries([...actual].sort())).toEqual(Object.fromEntries([...expected].sort()));
    expect(await pl.deadLetters.countsByReason()).toEqual({});
  });
});
