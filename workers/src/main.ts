import { Worker } from 'bullmq';
import {
  BACKOFF_TYPE,
  QueueName,
  cappedExponentialBackoff,
  createDeadLetterStore,
  createInfluxClient,
  createLogger,
  createPgPool,
  createRedis,
  loadConfigOrExit,
  registerShutdown,
  startHeartbeat,
  type StoreReadingsJob,
} from '../../core/src/index.js';
import { WorkersConfigSchema } from './config.js';
import { createEnrolmentCache } from './enrolment-cache.js';
import { createStoreReadingsProcessor } from './store-readings.processor.js';

const config = loadConfigOrExit(WorkersConfigSchema, 'workers');
const logger = createLogger({ service: 'workers', level: config.LOG_LEVEL });

const redis = createRedis(config.REDIS_URL, 'worker');
redis.on('error', (err) => logger.warn({ err: err.message }, 'redis error'));
const pool = createPgPool(config.DATABASE_URL, config.DATABASE_POOL_SIZE);
const influx = createInfluxClient({
  url: config.INFLUX_URL,
  database: config.INFLUX_DB,
  retentionPolicy: config.INFLUX_RP,
  username: config.INFLUX_USERNAME,
  password: config.INFLUX_PASSWORD,
  timeoutMs: config.INFLUX_TIMEOUT,
});
const deadLetters = createDeadLetterStore(redis, config.QUEUE_PREFIX);
// idempotent; writes fail (and are retried) until the database exists
await influx.createDatabase().catch((err) => logger.warn({ err: err.message }, 'could not ensure InfluxDB database'));

const processor = createStoreReadingsProcessor({
  influx,
  lookupEnrolments: createEnrolmentCache(pool, config.ENROLMENT_CACHE_TTL),
  deadLetters,
  logger,
});

const worker = new Worker<StoreReadingsJob>(QueueName.readings, (job) => processor(job), {
  connection: redis,
  prefix: config.QUEUE_PREFIX,
  concurrency: config.WORKER_CONCURRENCY,
  lockDuration: config.WORKER_LOCK_DURATION,
  stalledInterval: config.WORKER_LOCK_DURATION,
  settings: {
    backoffStrategy: (attemptsMade, type) =>
      type === BACKOFF_TYPE ? cappedExponentialBackoff(attemptsMade, config.WORKER_RETRY_MAX_DELAY) : 1000,
  },
});
worker.on('error', (err) => logger.error({ err }, 'worker error'));
worker.on('failed', (job, err) =>
  logger.warn({ jobId: job?.id, attemptsMade: job?.attemptsMade, err: err.message }, 'job failed'),
);
const heartbeat = startHeartbeat(redis, config.QUEUE_PREFIX, 'workers');
logger.info({ concurrency: config.WORKER_CONCURRENCY, influx: config.INFLUX_URL }, 'workers running');

registerShutdown(logger, [
  // waits for active jobs to finish
  { name: 'worker', close: () => worker.close() },
  { name: 'heartbeat', close: () => heartbeat.stop() },
  { name: 'postgres', close: () => pool.end() },
  { name: 'redis', close: async () => void (await redis.quit()) },
]);
