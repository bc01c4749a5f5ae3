import {
  createInfluxFromConfig,
  createLogger,
  createMetricsRegistry,
  createPgPool,
  createRedis,
  loadConfigOrExit,
  instrumentInflux,
  loadServerSecret,
  registerShutdown,
  startMetricsServer,
} from '../../core/src/index.js';
import { buildApp } from './app.js';
import { apiConfigSchema } from './config.js';

const config = loadConfigOrExit(apiConfigSchema, 'api');
const logger = createLogger({ service: 'api', level: config.LOG_LEVEL });

const pool = createPgPool(config.DATABASE_URL, config.DATABASE_POOL_SIZE);
// every request asks Redis twice (failure throttle, rate limit): concurrent requests share writes
const redis = createRedis(config.REDIS_URL, 'producer', { autoPipelining: true });
redis.on('error', (err) => logger.warn({ err }, 'redis connection error'));
const registry = createMetricsRegistry('api');
const influx = instrumentInflux(createInfluxFromConfig(config), registry);

let cookieSecret: string;
try {
  cookieSecret = await loadServerSecret(pool, 'cookie');
} catch (err) {
  logger.fatal({ err }, 'cannot read the cookie-signing key from PostgreSQL (migrated?)');
  await pool.end();
  redis.disconnect();
  process.exit(1);
}
if (config.OPERATOR_TOKEN) {
  logger.warn('OPERATOR_TOKEN is set: it acts as an admin without an account; remove it once an admin account exists');
}

const app = await buildApp({ config, logger, pool, redis, influx, cookieSecret, metricsRegistry: registry });
// its own port: the public app serves no /metrics
const metricsServer = await startMetricsServer({ registry, host: config.METRICS_HOST, port: config.API_METRICS_PORT, logger });

registerShutdown(logger, [
  { name: 'http', close: () => app.close() },
  { name: 'postgres', close: () => pool.end() },
  { name: 'redis', close: async () => void (await redis.quit()) },
  { name: 'metrics', close: () => metricsServer.close() },
]);

await app.listen({ host: config.API_HOST, port: config.API_PORT });
