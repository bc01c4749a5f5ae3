import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedis } from '../../core/src/index.js';
import { buildMessage, createTestPublisher, heartRateSeries, type TestPublisher } from '../helpers/mqtt-publisher.js';
import { startTestPipeline, type TestPipeline } from '../helpers/pipeline.js';
import { createFixtureCohort } from '../helpers/registry-fixtures.js';

const HIGH = 6;

describe('back-pressure from the queue to the broker', () => {
  let pl: TestPipeline;
  let pub: TestPublisher;

  beforeAll(async () => {
    pl = await startTestPipeline({
      connections: 2,
      workers: false,
      // 2 connections x 2 unacknowledged messages: what ingest may hold when it pauses
      ingestEnv: {
        INGEST_MAX_QUEUED_JOBS: String(HIGH),
        INGEST_INFLIGHT: '2',
        INGEST_JOB_MAX_READINGS: '100',
        INGEST_FLOW_CHECK_MS: '50',
      },
    });
    pub = await createTestPublisher(pl.env.MQTT_URL, 2);
  });

  afterAll(async () => {
    await pub?.close();
    await pl?.close();
  });

  it('stops taking messages while workers are away, keeps the queue bounded, and delivers everything after', async () => {
    const cohort = await createFixtureCohort(pl.pool, 10);
    const t0 = Date.UTC(2026, 7, 1);
    const messages = cohort.people.flatMap((p) =>
      Array.from({ length: 30 }, (_, k) => buildMessage(p.deviceId, heartRateSeries(t0 + k * 100 * 60_000, 100))),
    );
    const redis = createRedis(pl.env.REDIS_URL, 'worker');
    // memory of this pipeline's keys only (other tests may share the Redis server)
    const memory = async () => {
      let total = 0;
      for (const key of await redis.keys(`{${pl.id}}:*`)) total += Number((await redis.memory('USAGE', key)) ?? 0);
      return total;
    };
    const payloadBytes = messages.reduce((a, m) => a + JSON.stringify(m).length, 0);

    let maxDepth = 0;
    let maxMemory = 0;
    let sampling = true;
    let workersBack = false;
    const sampler = (async () => {
      while (sampling) {
        const c = await pl.queue.getJobCounts('waiting', 'delayed', 'active', 'prioritized');
        maxDepth = Math.max(maxDepth, Object.values(c).reduce((a, b) => a + b, 0)); if (process.env.DBG) console.log(Date.now() % 100000, workersBack, JSON.stringify(c), JSON.stringify(pl.ingest.stats()));
        if (!workersBack) maxMemory = Math.max(maxMemory, await memory());
        await new Promise((r) => setTimeout(r, 20));
      }
    })();

    // the broker acknowledges publishes itself; ingest holds back
    await Promise.all(messages.map((m) => pub.publishMessage(pl.topicRoot, m)));
    await new Promise((r) => setTimeout(r, 1500));
    const enqueuedWhilePaused = pl.ingest.stats().enqueued;
    await new Promise((r) => setTimeout(r, 1000));
    expect(pl.ingest.stats().paused).toBe(true);
    expect((await pl.registries.ingest.getSingleMetric('mimamori_ingest_backpressure_paused')!.get()).values[0]!.value).toBe(1);
    expect(pl.ingest.stats().enqueued).toBe(enqueuedWhilePaused);
    expect(enqueuedWhilePaused).toBeLessThan(messages.length / 2);

    workersBack = true;
    pl.startWorker();
    await new Promise((r) => setTimeout(r, 500));
    const until = Date.now() + 60_000;
    let stored = 0;
    while (Date.now() < until) {
      const r = await pl.influx.query('SELECT count("value") FROM "heart_rate"').catch(() => []);
      stored = Number(r[0]?.[0]?.values[0]?.[1] ?? 0);
      if (stored >= messages.length * 100) break;
      await new Promise((r2) => setTimeout(r2, 200));
    }
    sampling = false;
    await sampler;
    redis.disconnect();

    expect(stored).toBe(messages.length * 100);
    // bounded: the high mark plus what the connections held when intake paused
    expect(maxDepth).toBeLessThanOrEqual(HIGH + 4);
    expect(pl.ingest.stats().pauses).toBeGreaterThanOrEqual(1);
    // the gauge follows the state (resumed by now, unless the last burst paused intake once more)
    expect((await pl.registries.ingest.getSingleMetric('mimamori_ingest_backpressure_paused')!.get()).values[0]!.value).toBe(
      pl.ingest.stats().paused ? 1 : 0,
    );
    // queued all at once, the readings would take at least their JSON size
    expect(maxMemory).toBeLessThan(payloadBytes / 4);
  });
});
