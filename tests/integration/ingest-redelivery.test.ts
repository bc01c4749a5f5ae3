import { Queue } from 'bullmq';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  QueueName,
  createDeadLetterStore,
  createRedis,
  defaultJobOptions,
  type StoreReadingsJob,
} from '../../core/src/index.js';
import { IngestConfigSchema } from '../../ingest/src/config.js';
import { startIngest } from '../../ingest/src/ingest-service.js';
import { testEnv, uniqueId } from '../helpers/env.js';
import { buildMessage, createTestPublisher, heartRateSeries } from '../helpers/mqtt-publisher.js';

const logger = pino({ level: 'silent' });

/** An ingest instance whose Redis may be unreachable; same instance id => same persistent MQTT session. */
async function ingestWith(redisUrl: string, instance: string, root: string, prefix: string) {
  const env = testEnv();
  const config = IngestConfigSchema.parse({
    REDIS_URL: redisUrl,
    MQTT_URL: env.MQTT_URL,
    MQTT_TOPIC_ROOT: root,
    QUEUE_PREFIX: prefix,
    INGEST_INSTANCE_ID: instance,
    INGEST_CONNECTIONS: '2',
    INGEST_HTTP_ENABLED: 'false',
    INGEST_MQTT_USERNAME: env.INGEST_MQTT_USERNAME,
    INGEST_MQTT_PASSWORD: env.INGEST_MQTT_PASSWORD,
    INGEST_ENQUEUE_TIMEOUT: '1s',
  });
  const redis = createRedis(redisUrl, 'producer');
  redis.on('error', () => {});
  const queue = new Queue<StoreReadingsJob>(QueueName.readings, { connection: redis, prefix, defaultJobOptions });
  queue.on('error', () => {});
  const ingest = await startIngest({ config, logger, queue, deadLetters: createDeadLetterStore(redis, prefix) });
  return {
    queue,
    ingest,
    async close() {
      await ingest.close();
      // a queue that never reached Redis may not close by itself
      await Promise.race([queue.close().catch(() => {}), new Promise((r) => setTimeout(r, 2000))]);
      redis.disconnect();
    },
  };
}

describe('acknowledging only what Redis holds', () => {
  const env = testEnv();
  const root = uniqueId('ack');
  const prefix = `{${root}}`;
  const instance = uniqueId('inst');
  const check = createRedis(env.REDIS_URL, 'worker');

  beforeAll(async () => {
    // create the persistent session and subscription before anything is published
    const first = await ingestWith(env.REDIS_URL, instance, root, prefix);
    await first.close();
  });

  afterAll(async () => {
    const keys = await check.keys(`${prefix}:*`);
    if (keys.length) await check.del(...keys);
    check.disconnect();
  });

  it('leaves messages unacknowledged while Redis is unreachable and gets them again after a restart', async () => {
    const broken = await ingestWith('redis://127.0.0.1:1', instance, root, prefix);
    const pub = await createTestPublisher(env.MQTT_URL, 1);
    const messages = Array.from({ length: 6 }, (_, i) => buildMessage(`dev-${i}`, heartRateSeries(Date.UTC(2026, 9, 1, i), 3)));
    for (const m of messages) await pub.publishMessage(root, m);
    await new Promise((r) => setTimeout(r, 1000));
    expect(broken.ingest.stats().enqueued).toBe(0);
    expect(broken.ingest.stats().received).toBeGreaterThan(0);
    await broken.close();

    // nothing reached the real queue
    const queue = new Queue(QueueName.readings, { connection: check, prefix });
    expect(await queue.count()).toBe(0);

    const healthy = await ingestWith(env.REDIS_URL, instance, root, prefix);
    const until = Date.now() + 20_000;
    while ((await queue.count()) < 1 && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 1000));
    await healthy.ingest.close();
    const jobs = await queue.getJobs(['waiting', 'delayed', 'prioritized']);
    const devices = new Set(jobs.flatMap((j) => j.data.messages.map((m: { message: { deviceId: string } }) => m.message.deviceId)));
    expect([...devices].sort()).toEqual(messages.map((m) => m.deviceId).sort());
    await healthy.close();
    await pub.close();
    await queue.close();
  });
});
