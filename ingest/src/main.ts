import { Queue } from 'bullmq';
import {
  applyHeapGrowth,
  QueueName,
  createDeadLetterStore,
  createLogger,
  createMetricsRegistry,
  redactUrl,
  createPgPool,
  createRedis,
  defaultJobOptions,
  loadConfigOrExit,
  registerShutdown,
  startHeartbeat,
  startMetricsServer,
  type StoreReadingsJob,
} from '../../core/src/index.js';
import { IngestConfigSchema } from './config.js';
import { createIngestMetrics } from './ingest-metrics.js';
import { startIngest } from './ingest-service.js';

const config = loadConfigOrExit(IngestConfigSchema, 'ingest');
applyHeapGrowth(config.HEAP_GROWING_PERCENT);
const logger = createLogger({ service: 'ingest', level: config.LOG_LEVEL });
const registry = createMetricsRegistry('ingest');
const metrics = createIngestMetrics(registry);
const metricsServer = await startMetricsServer({
  registry,
  host: config.METRICS_HOST,
  port: config.INGEST_METRICS_PORT,
  logger,
});

const redis = createRedis(config.REDIS_URL, 'producer');
redis.on('error', (err) => logger.warn({ err: err.message }, 'redis error'));
const queue = new Queue<StoreReadingsJob>(QueueName.readings, {
  connection: redis,
  prefix: config.QUEUE_PREFIX,
  defaultJobOptions,
});
queue.on('error', (err) => logger.warn({ err: err.message }, 'queue error'));
const deadLetters = createDeadLetterStore(redis, config.QUEUE_PREFIX, metrics.deadLetters);
const heartbeat = startHeartbeat(redis, config.QUEUE_PREFIX, 'ingest');

const pool = config.DATABASE_URL ? createPgPool(config.DATABASE_URL, 4) : undefined;
const ingest = await startIngest({ config, logger, queue, deadLetters, pool, metrics });
logger.info(
  {
    connections: config.INGEST_CONNECTIONS,
    broker: redactUrl(config.MQTT_URL),
    httpPort: ingest.httpPort ?? null,
    metricsPort: metricsServer.port,
  },
  'ingest running',
);

registerShutdown(logger, [
  { name: 'ingest', close: () => ingest.close() },
  { name: 'heartbeat', close: () => heartbeat.stop() },
  { name: 'queue', close: () => queue.close() },
  { name: 'postgres', close: async () => void (await pool?.end()) },
  { name: 'redis', close: async () => void (await redis.quit()) },
  { name: 'metrics', close: () => metricsServer.close() },
]);
