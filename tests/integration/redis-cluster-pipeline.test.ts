import { Cluster } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deviceTopic } from '../../core/src/index.js';
import { buildMessage, createTestPublisher, heartRateSeries, type TestPublisher } from '../helpers/mqtt-publisher.js';
import { startTestPipeline, type TestPipeline } from '../helpers/pipeline.js';
import { parsePrometheusText } from '../helpers/prometheus-text.js';
import { ensureRedisCluster, keysByMaster } from '../helpers/redis-cluster.js';
import { createFixtureCohort, createUnenrolledDevice } from '../helpers/registry-fixtures.js';

const DEVICES = 10;
const MESSAGES_PER_DEVICE = 20;
const READINGS_PER_MESSAGE = 10;
const T0 = Date.parse('2026-10-01T00:00:00+09:00');

/** The first pipeline case (tests/integration/pipeline.test.ts), smaller, with REDIS_URL naming the local cluster. */
describe('the pipeline on a Redis Cluster', () => {
  let pl: TestPipeline;
  let pub: TestPublisher;
  let cluster: Cluster;
  let cohort: Awaited<ReturnType<typeof createFixtureCohort>>;

  beforeAll(async () => {
    const url = await ensureRedisCluster();
    pl = await startTestPipeline({ connections: 2, redisUrl: url, rollupDebounce: '500ms' });
    pub = await createTestPublisher(pl.env.MQTT_URL, 2);
    cohort = await createFixtureCohort(pl.pool, DEVICES);
    cluster = new Cluster([{ host: '127.0.0.1', port: Number(/:(\d+)/.exec(url)![1]) }]);
  });
  afterAll(async () => {
    await pub?.close();
    await pl?.close();
    cluster?.disconnect();
  });

  it('stores every reading once despite duplicates, dead-letters at ingest and in the workers, rolls up, in one slot', async () => {
    const messages = cohort.people.flatMap((p) =>
      Array.from({ length: MESSAGES_PER_DEVICE }, (_, k) =>
        buildMessage(
          p.deviceId,
          heartRateSeries(T0 + k * READINGS_PER_MESSAGE * 60_000, READINGS_PER_MESSAGE, (i) => 60 + ((k + i) % 40)),
        ),
      ),
    );
    const sends: Array<Promise<void>> = [];
    messages.forEach((m, i) => {
      sends.push(pub.publishMessage(pl.topicRoot, m));
      if (i % 10 === 3) sends.push(pub.publishMessage(pl.topicRoot, m));
    });
    const d0 = cohort.people[0]!.deviceId;
    sends.push(pub.publish(deviceTopic(pl.topicRoot, d0), '{"broken"'));
    const nobody = await createUnenrolledDevice(pl.pool);
    sends.push(pub.publishMessage(pl.topicRoot, buildMessage(nobody, heartRateSeries(T0, 4))));
    await Promise.all(sends);
    await pl.rollupsDone();

    const rows = await pl.influx.query('SELECT count("value") FROM "heart_rate" GROUP BY "person"');
    expect(rows[0]?.map((s) => [s.tags!.person, s.values[0]![1]]).sort()).toEqual(
      cohort.people.map((p) => [p.pseudonym, MESSAGES_PER_DEVICE * READINGS_PER_MESSAGE]).sort(),
    );
    const daily = await pl.influx.query('SELECT count("wear_minutes") FROM "daily" GROUP BY "person"');
    expect(daily[0]?.map((s) => s.tags!.person).sort()).toEqual(cohort.people.map((p) => p.pseudonym).sort());

    await expect
      .poll(() => pl.deadLetters.countsByReason(), { timeout: 20_000 })
      .toEqual({ malformed_json: 1, not_enrolled: 1 });
    const samples = parsePrometheusText(await pl.registries.workers.metrics());
    const readingsFailed = samples.find(
      (s) => s.name === 'mimamori_queue_jobs' && s.labels.queue === 'readings' && s.labels.state === 'failed',
    );
    expect(readingsFailed?.value).toBe(0);

    const byMaster = await keysByMaster(cluster, `*${pl.id}*`);
    expect(byMaster.size).toBe(1);
    const keys = [...byMaster.values()][0]!;
    expect(keys.every((k) => k.startsWith(`${pl.queuePrefix}:`))).toBe(true);
    expect(keys.some((k) => k.includes(':readings:'))).toBe(true);
    // the rollup schedule (empty once every rollup ran, so no keys left) hashes to the same slot
    const slotOf = (key: string) => cluster.cluster('KEYSLOT', key) as Promise<number>;
    const slots = await Promise.all([...keys, ...pl.rollupScheduleKeys()].map(slotOf));
    expect(new Set(slots).size).toBe(1);
  });
});
