import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deviceTopic } from '../../core/src/index.js';
import { buildMessage, createTestPublisher, heartRateSeries, type TestPublisher } from '../helpers/mqtt-publisher.js';
import { startTestPipeline, type TestPipeline } from '../helpers/pipeline.js';
import { createFixtureCohort, createUnenrolledDevice } from '../helpers/registry-fixtures.js';

const DEVICES = 50;
const READINGS_PER_DEVICE = 200;
const READINGS_PER_MESSAGE = 10;
const T0 = Date.parse('2026-10-01T00:00:00+09:00');

/** Polls until check() passes or the time is up. */
async function eventually<T>(fn: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last = await fn();
  while (!ok(last) && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 250));
    last = await fn();
  }
  return last;
}

describe('readings travel from the broker to InfluxDB', () => {
  let pl: TestPipeline;
  let pub: TestPublisher;
  let cohort: Awaited<ReturnType<typeof createFixtureCohort>>;

  beforeAll(async () => {
    pl = await startTestPipeline({ connections: 4 });
    pub = await createTestPublisher(pl.env.MQTT_URL, 4);
    cohort = await createFixtureCohort(pl.pool, DEVICES);
  });

  afterAll(async () => {
    await pub?.close();
    await pl?.close();
  });

  it('stores every reading of 50 devices exactly once although 10% of messages arrive twice and 1% are malformed', async () => {
    const messages = cohort.people.flatMap((p) =>
      Array.from({ length: READINGS_PER_DEVICE / READINGS_PER_MESSAGE }, (_, k) =>
        buildMessage(
          p.deviceId,
          heartRateSeries(T0 + k * READINGS_PER_MESSAGE * 60_000, READINGS_PER_MESSAGE, (i) => 60 + ((k * 10 + i) % 40)),
        ),
      ),
    );
    const d0 = cohort.people[0]!.deviceId;
    const topic0 = deviceTopic(pl.topicRoot, d0);
    const valid = JSON.stringify(messages[0]);
    const malformed: Array<{ topic: string; payload: string; reason: string }> = [
      { topic: topic0, payload: '{"schema":"mimamori.readings/1", "deviceId": ', reason: 'malformed_json' },
      { topic: topic0, payload: 'not json at all', reason: 'malformed_json' },
      { topic: topic0, payload: JSON.stringify({ ...messages[0], schema: 'other/9' }), reason: 'schema' },
      { topic: topic0, payload: JSON.stringify({ ...messages[0], readings: [] }), reason: 'schema' },
      { topic: topic0, payload: JSON.stringify({ ...messages[0], deviceId: undefined }), reason: 'schema' },
      { topic: topic0, payload: JSON.stringify({ ...messages[0], sentAt: 'yesterday' }), reason: 'schema' },
      { topic: topic0, payload: JSON.stringify({ ...messages[0], extra: 1 }), reason: 'schema' },
      { topic: deviceTopic(pl.topicRoot, cohort.people[1]!.deviceId), payload: valid, reason: 'topic_mismatch' },
      { topic: topic0, payload: valid.replace('"readings":[', '"readings":[' + 'x'.repeat(1_100_000) + ','), reason: 'oversized' },
      { topic: topic0, payload: '[1,2,3]', reason: 'schema' },
    ];
    expect(malformed.length).toBe(messages.length / 100);

    // every 10th message twice, malformed ones spread through the stream
    const sends: Array<Promise<void>> = [];
    messages.forEach((m, i) => {
      sends.push(pub.publishMessage(pl.topicRoot, m));
      if (i % 10 === 3) sends.push(pub.publishMessage(pl.topicRoot, m));
      if (i % 100 === 50) {
        const bad = malformed[i / 100 - 0.5]!;
        sends.push(pub.publish(bad.topic, bad.payload));
      }
    });
    await Promise.all(sends);
    await pl.drained();

    const expectedPerPerson = new Map(
      cohort.people.map((p) => [p.pseudonym, { count: READINGS_PER_DEVICE, sum: sumOfPattern() }]),
    );
    const rows = await eventually(
      () => pl.influx.query('SELECT count("value"), sum("value") FROM "heart_rate" GROUP BY "person"'),
      (r) => (r[0]?.length ?? 0) === DEVICES,
    );
    const series = rows[0]!;
    expect(series).toHaveLength(DEVICES);
    for (const s of series) {
      const [, count, sum] = s.values[0] as [number, number, number];
      expect(expectedPerPerson.get(s.tags!.person!)).toEqual({ count, sum });
    }

    const dlq = await pl.deadLetters.list({ count: 1000 });
    const byReason = (r: string) => dlq.filter((e) => e.reason === r).length;
    for (const reason of new Set(malformed.map((m) => m.reason))) {
      expect(byReason(reason), reason).toBe(malformed.filter((m) => m.reason === reason).length);
    }
    expect(dlq).toHaveLength(malformed.length);
    expect(dlq.find((e) => e.reason === 'schema')?.detail).toMatch(/schema|readings|deviceId|sentAt|Unrecognized/);
    expect(await pl.deadLetters.countsByReason()).toMatchObject({ malformed_json: 2, oversized: 1, topic_mismatch: 1 });
  });

  it('dead-letters the readings of a device worn by nobody instead of storing them', async () => {
    const device = await createUnenrolledDevice(pl.pool);
    await pub.publishMessage(pl.topicRoot, buildMessage(device, heartRateSeries(T0, 5)));
    await pl.drained();
    const entry = await eventually(
      async () => (await pl.deadLetters.list({ count: 10_000 })).find((e) => e.deviceId === device),
      (e) => e !== undefined,
      20_000,
    );
    expect(entry?.reason).toBe('not_enrolled');
    expect(JSON.parse(entry!.payload).readings).toHaveLength(5);
    const stored = await pl.influx.query(`SELECT count("value") FROM "heart_rate" WHERE "device" = '${device}'`);
    expect(stored[0]).toEqual([]);
  });

  it('dead-letters a device unknown to the registry and readings outside its enrolment period', async () => {
    const person = cohort.people[2]!;
    await pl.pool.query(`UPDATE enrolments SET valid_from = $2 WHERE device_id = $1`, [
      person.deviceId,
      new Date(T0 + 86_400_000).toISOString(),
    ]);
    await new Promise((r) => setTimeout(r, 1100)); // enrolment cache TTL in tests is 1 s
    const early = heartRateSeries(T0 - 3_600_000, 3);
    const late = heartRateSeries(T0 + 2 * 86_400_000, 2);
    await pub.publishMessage(pl.topicRoot, buildMessage(person.deviceId, [...early, ...late]));
    await pub.publishMessage(pl.topicRoot, buildMessage('ghost-device-1', heartRateSeries(T0, 2)));
    await pl.drained();
    const dlq = await eventually(
      () => pl.deadLetters.list({ count: 10_000 }),
      (l) => l.some((e) => e.deviceId === 'ghost-device-1') && l.some((e) => e.deviceId === person.deviceId),
      20_000,
    );
    expect(dlq.find((e) => e.deviceId === 'ghost-device-1')?.reason).toBe('unknown_device');
    const notEnrolled = dlq.find((e) => e.deviceId === person.deviceId && e.reason === 'not_enrolled');
    expect(JSON.parse(notEnrolled!.payload).readings).toHaveLength(3);
    const late2 = await pl.influx.query(
      `SELECT count("value") FROM "heart_rate" WHERE "person" = '${person.pseudonym}' AND time >= ${T0 + 2 * 86_400_000}ms`,
    );
    expect(late2[0]?.[0]?.values[0]?.[1]).toBe(2);
  });

  it('stores the valid readings of a message and dead-letters only its bad and implausible ones', async () => {
    const person = cohort.people[3]!;
    const t = T0 + 5 * 86_400_000;
    const readings = [
      ...heartRateSeries(t, 4),
      { metric: 'heart_rate', start: new Date(t + 10 * 60_000).toISOString(), value: 400, unit: '/min' },
      { metric: 'step_count', start: new Date(t).toISOString(), value: 12, unit: '{steps}' },
    ];
    await pub.publish(
      deviceTopic(pl.topicRoot, person.deviceId),
      JSON.stringify({ ...buildMessage(person.deviceId, heartRateSeries(t, 1)), readings }),
    );
    await pl.drained();
    const dlq = await eventually(
      () => pl.deadLetters.list({ count: 10_000 }),
      (l) => l.filter((e) => e.deviceId === person.deviceId).length >= 2,
      20_000,
    );
    const mine = dlq.filter((e) => e.deviceId === person.deviceId);
    expect(mine.map((e) => e.reason).sort()).toEqual(['implausible', 'schema']);
    expect(mine.find((e) => e.reason === 'schema')!.detail).toMatch(/end/);
    const stored = await pl.influx.query(
      `SELECT count("value") FROM "heart_rate" WHERE "person" = '${person.pseudonym}' AND time >= ${t}ms`,
    );
    expect(stored[0]?.[0]?.values[0]?.[1]).toBe(4);
  });
});

function sumOfPattern(): number {
  let s = 0;
  for (let k = 0; k < READINGS_PER_DEVICE / READINGS_PER_MESSAGE; k++)
    for (let i = 0; i < READINGS_PER_MESSAGE; i++) s += 60 + ((k * 10 + i) % 40);
  return s;
}
