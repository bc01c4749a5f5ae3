import {
  applyHeapGrowth,
  createInfluxFromConfig,
  createLogger,
  createMetricsRegistry,
  createPgPool,
  createRedis,
  loadConfigOrExit,
  redactUrl,
  registerShutdown,
  startHeartbeat,
  startMetricsServer,
} from '../../core/src/index.js';
import { WorkersConfigSchema } from './config.js';
import { startWorkers } from './start-workers.js';

const config = loadConfigOrExit(WorkersConfigSchema, 'workers');
applyHeapGrowth(config.HEAP_GROWING_PERCENT);
const logger = createLogger({ service: 'workers', level: config.LOG_LEVEL });
const registry = createMetricsRegistry('workers');
const metricsServer = await startMetricsServer({
  registry,
  host: config.METRICS_HOST,
  port: config.WORKERS_METRICS_PORT,
  logger,
});

const redis = createRedis(config.REDIS_URL, 'worker');
redis.on('error', (err) => logger.warn({ err: err.message }, 'redis error'));
const pool = createPgPool(config.DATABASE_URL, config.DATABASE_POOL_SIZE);
const influx = createInfluxFromConfig(config);
// idempotent; writes fail (and are retried) until the database exists
await influx.createDatabase().catch((err) => logger.warn({ err: err.message }, 'could not ensure InfluxDB database'));

const workers = startWorkers({ config, logger, redis, pool, influx, registry });
const heartbeat = startHeartbeat(redis, config.QUEUE_PREFIX, 'workers');
logger.info(
  { concurrency: config.WORKER_CONCURRENCY, influx: redactUrl(config.INFLUX_URL), metricsPort: metricsServer.port },
  'workers running',
);

registerShutdown(logger, [
  // waits for active jobs to finish
  { name: 'workers', close: () => workers.close() },
  { name: 'heartbeat', close: () => heartbeat.stop() },
  { name: 'postgres', close: () => pool.end() },
  { name: 'redis', close: async () => void (await redis.quit()) },
  { name: 'metrics', close: () => metricsServer.close() },
]);
