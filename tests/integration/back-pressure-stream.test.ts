import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMessage, createTestPublisher, heartRateSeries, type TestPublisher } from '../helpers/mqtt-publisher.js';
import { startTestPipeline, type TestPipeline } from '../helpers/pipeline.js';
import { createFixtureCohort } from '../helpers/registry-fixtures.js';

// The bench's steady run found readings lost when intake paused and resumed while watches kept
// sending: the repair of restored shared subscriptions (unsubscribe, subscribe) ran after our own
// pause too. Here a tiny queue bound makes ingest pause and resume many times under a stream.
describe('back-pressure under a continuous stream', () => {
  let pl: TestPipeline;
  let pub: TestPublisher;

  beforeAll(async () => {
    pl = await startTestPipeline({
      connections: 4,
      ingestEnv: { INGEST_MAX_QUEUED_JOBS: '2', INGEST_JOB_MAX_READINGS: '5', INGEST_FLOW_CHECK_MS: '20' },
    });
    pub = await createTestPublisher(pl.env.MQTT_URL, 2);
  });

  afterAll(async () => {
    await pub?.close();
    await pl?.close();
  });

  it('stores every reading published before, during and after the pauses exactly once', async () => {
    const cohort = await createFixtureCohort(pl.pool, 20);
    const t0 = Date.UTC(2026, 7, 1);
    const rounds = 60;
    for (let k = 0; k < rounds; k++) {
      // 20 messages of 5 readings every 50 ms: ~2,000 readings/s for 3 s
      await Promise.all(
        cohort.people.map((p) => pub.publishMessage(pl.topicRoot, buildMessage(p.deviceId, heartRateSeries(t0 + k * 5 * 60_000, 5)))),
      );
      await new Promise((r) => setTimeout(r, 50));
    }
    const expected = rounds * cohort.people.length * 5;
    const until = Date.now() + 60_000;
    let stored = 0;
    while (Date.now() < until) {
      const r = await pl.influx.query('SELECT count("value") FROM "heart_rate"').catch(() => []);
      stored = Number(r[0]?.[0]?.values[0]?.[1] ?? 0);
      if (stored >= expected) break;
      await new Promise((r2) => setTimeout(r2, 200));
    }
    expect(pl.ingest.stats().pauses).toBeGreaterThan(1);
    expect(stored).toBe(expected);
  }, 90_000);
});
