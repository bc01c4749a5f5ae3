import { Queue } from 'bullmq';
import { pino } from 'pino';
import {
  QueueName,
  createDeadLetterStore,
  createInfluxClient,
  createMetricsRegistry,
  createPgPool,
  createRedis,
  defaultJobOptions,
  keysMatching,
  type StoreReadingsJob,
} from '../../core/src/index.js';
import { IngestConfigSchema } from '../../ingest/src/config.js';
import { createIngestMetrics } from '../../ingest/src/ingest-metrics.js';
import { startIngest } from '../../ingest/src/ingest-service.js';
import { WorkersConfigSchema } from '../../workers/src/config.js';
import { startWorkers } from '../../workers/src/start-workers.js';
import { testEnv, uniqueId } from './env.js';

/**
 * The real pipeline in this process, isolated by its own topic root, queue prefix and InfluxDB
 * database, against the local services.
 */
export async function startTestPipeline(
  opts: {
    connections?: number;
    workers?: boolean;
    ingestEnv?: Record<string, string>;
    workersEnv?: Record<string, string>;
    rollupDebounce?: string;
    /** An InfluxDB database to use and keep (default: a fresh one, dropped by close()). */
    influxDatabase?: string;
    /** Another Redis, e.g. the local cluster's redis-cluster:// URL (default: the stack's). */
    redisUrl?: string;
  } = {},
) {
  const env = { ...testEnv(), ...(opts.redisUrl ? { REDIS_URL: opts.redisUrl } : {}) };
  const id = uniqueId('pl');
  const influxDatabase = opts.influxDatabase ?? id;
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const common = {
    REDIS_URL: env.REDIS_URL,
    QUEUE_PREFIX: `{${id}}`,
    MQTT_URL: env.MQTT_URL,
    ...(env.INGEST_MQTT_USERNAME
      ? { INGEST_MQTT_USERNAME: env.INGEST_MQTT_USERNAME, INGEST_MQTT_PASSWORD: env.INGEST_MQTT_PASSWORD }
      : {}),
    MQTT_TOPIC_ROOT: id,
    INFLUX_URL: env.INFLUX_URL,
    INFLUX_DB: influxDatabase,
    DATABASE_URL: env.TEST_DATABASE_URL,
  };
  const ingestConfig = IngestConfigSchema.parse({
    ...common,
    INGEST_INSTANCE_ID: id,
    INGEST_CONNECTIONS: String(opts.connections ?? 4),
    INGEST_HTTP_ENABLED: 'false',
    ...opts.ingestEnv,
  });
  const workersConfig = WorkersConfigSchema.parse({
    ...common,
    ENROLMENT_CACHE_TTL: '1s',
    ALERTS_ENABLED: 'false',
    ROLLUP_DEBOUNCE: opts.rollupDebounce ?? '500ms',
    ...opts.workersEnv,
  });

  const influx = createInfluxClient({ url: env.INFLUX_URL, database: influxDatabase });
  await influx.createDatabase();
  const pool = createPgPool(env.TEST_DATABASE_URL, 4);
  const producerRedis = createRedis(env.REDIS_URL, 'producer');
  const workerRedis = createRedis(env.REDIS_URL, 'worker');
  // a registry per process, as in production, and per pipeline, so tests can run several
  const registries = {
    ingest: createMetricsRegistry('ingest', { defaultMetrics: false }),
    workers: createMetricsRegistry('workers', { defaultMetrics: false }),
  };
  const ingestMetrics = createIngestMetrics(registries.ingest);
  const deadLetters = createDeadLetterStore(producerRedis, ingestConfig.QUEUE_PREFIX, ingestMetrics.deadLetters);
  const queue = new Queue<StoreReadingsJob>(QueueName.readings, {
    connection: producerRedis,
    prefix: ingestConfig.QUEUE_PREFIX,
    defaultJobOptions,
  });
  const ingest = await startIngest({ config: ingestConfig, logger, queue, deadLetters, pool, metrics: ingestMetrics });

  let workers: ReturnType<typeof startWorkers> | undefined;
  const startWorker = () => {
    // a restarted worker registers its series anew
    registries.workers = createMetricsRegistry('workers', { defaultMetrics: false });
    workers = startWorkers({ config: workersConfig, logger, redis: workerRedis, pool, influx, registry: registries.workers });
  };
  if (opts.workers !== false) startWorker();

  /** Resolves when the queue holds no waiting, active or delayed job. */
  async function drained(timeoutMs = 60_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      const c = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children');
      if (Object.values(c).every((n) => n === 0) && ingest.stats().inFlight === 0 && ingest.stats().pending === 0) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('pipeline did not drain in time');
  }

  /** Resolves when readings are stored and the daily rollups they scheduled have run. */
  async function rollupsDone(timeoutMs = 60_000): Promise<void> {
    await drained(timeoutMs);
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      const c = await workers!.rollupSchedule.getJobCounts('waiting', 'active', 'delayed');
      if (Object.values(c).every((n) => n === 0)) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('rollups did not finish in time');
  }

  async function close(): Promise<void> {
    await ingest.close();
    await workers?.close();
    await queue.obliterate({ force: true }).catch(() => {});
    await queue.close();
    const keys = await keysMatching(producerRedis, `${ingestConfig.QUEUE_PREFIX}:*`);
    if (keys.length) await producerRedis.del(...keys);
    if (!opts.influxDatabase) await influx.dropDatabase(id).catch(() => {});
    await pool.end();
    producerRedis.disconnect();
    workerRedis.disconnect();
  }

  const rollupScheduleKeys = () => [...workers!.rollupSchedule.keys];
  return { id, env, topicRoot: id, queuePrefix: ingestConfig.QUEUE_PREFIX, influxDatabase, influx, pool, queue, deadLetters, ingest, registries, drained, rollupsDone, rollupScheduleKeys, close, startWorker };
}

export type TestPipeline = Awaited<ReturnType<typeof startTestPipeline>>;
