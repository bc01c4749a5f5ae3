import { Queue } from 'bullmq';
import {
  QueueName,
  createDeadLetterStore,
  createLogger,
  redactUrl,
  createPgPool,
  createRedis,
  defaultJobOptions,
  loadConfigOrExit,
  registerShutdown,
  startHeartbeat,
  type StoreReadingsJob,
} from '../../core/src/index.js';
import { IngestConfigSchema } from './config.js';
import { startIngest } from './ingest-service.js';

const config = loadConfigOrExit(IngestConfigSchema, 'ingest');
const logger = createLogger({ service: 'ingest', level: config.LOG_LEVEL });

const redis = createRedis(config.REDIS_URL, 'producer');
redis.on('error', (err) => logger.warn({ err: err.message }, 'redis error'));
const queue = new Queue<StoreReadingsJob>(QueueName.readings, {
  connection: redis,
  prefix: config.QUEUE_PREFIX,
  defaultJobOptions,
});
queue.on('error', (err) => logger.warn({ err: err.message }, 'queue error'));
const deadLetters = createDeadLetterStore(redis, config.QUEUE_PREFIX);
const heartbeat = startHeartbeat(redis, config.QUEUE_PREFIX, 'ingest');

const pool = config.DATABASE_URL ? createPgPool(config.DATABASE_URL, 4) : undefined;
const ingest = await startIngest({ config, logger, queue, deadLetters, pool });
logger.info(
  { connections: config.INGEST_CONNECTIONS, broker: redactUrl(config.MQTT_URL), httpPort: ingest.httpPort ?? null },
  'ingest running',
);

registerShutdown(logger, [
  { name: 'ingest', close: () => ingest.close() },
  { name: 'heartbeat', close: () => heartbeat.stop() },
  { name: 'queue', close: () => queue.close() },
  { name: 'postgres', close: async () => void (await pool?.end()) },
  { name: 'redis', close: async () => void (await redis.quit()) },
]);
