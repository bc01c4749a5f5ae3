import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deviceTopic } from '../../core/src/index.js';
import { buildMessage, createTestPublisher, heartRateSeries, type TestPublisher } from '../helpers/mqtt-publisher.js';
import { startTestPipeline, type TestPipeline } from '../helpers/pipeline.js';
import { createFixtureCohort } from '../helpers/registry-fixtures.js';

describe('random and adversarial payloads through the real broker', () => {
  let pl: TestPipeline;
  let pub: TestPublisher;

  beforeAll(async () => {
    pl = await startTestPipeline({ connections: 2 });
    pub = await createTestPublisher(pl.env.MQTT_URL, 2);
  });
  afterAll(async () => {
    await pub?.close();
    await pl?.close();
  });

  it('dead-letters every bad payload with a reason, stays up, and still stores good readings', async () => {
    const [person] = (await createFixtureCohort(pl.pool, 1)).people;
    const topic = deviceTopic(pl.topicRoot, person!.deviceId);
    const samples = fc.sample(
      fc.oneof(
        fc.jsonValue({ maxDepth: 5 }).map((v) => JSON.stringify(v) ?? 'null'),
        fc.string({ unit: 'binary', maxLength: 200 }),
        fc.uint8Array({ minLength: 1, maxLength: 300 }).map((a) => Buffer.from(a)),
      ),
      { numRuns: 300, seed: 20261130 },
    );
    const adversarial: Array<string | Buffer> = [
      '['.repeat(20_000) + ']'.repeat(20_000),
      Buffer.alloc(10 * 1024 * 1024, 0x7b),
      '{"__proto__":{"polluted":true},"schema":"mimamori.readings/1"}',
      JSON.stringify({ ...buildMessage(person!.deviceId, heartRateSeries(0, 1)), readings: [{ value: 'NaN' }] }),
    ];
    for (const p of [...samples, ...adversarial]) await pub.publish(topic, p);

    const t0 = Date.UTC(2026, 2, 1);
    await pub.publishMessage(pl.topicRoot, buildMessage(person!.deviceId, heartRateSeries(t0, 5)));
    await pl.drained();
    await new Promise((r) => setTimeout(r, 500));
    await pl.drained();

    const stored = await pl.influx.query(`SELECT count("value") FROM "heart_rate" WHERE time >= ${t0}ms`);
    expect(stored[0]?.[0]?.values[0]?.[1]).toBe(5);
    const s = pl.ingest.stats();
    expect(s.received).toBe(samples.length + adversarial.length + 1);
    // every bad message was handled: dead-lettered (deduplicated by content) or, for a valid
    // envelope with bad readings, passed on to the workers
    const counts = await pl.deadLetters.countsByReason();
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(0);
    expect(s.deadLettered + s.enqueued).toBe(s.received);
    expect(counts.oversized).toBe(1);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
