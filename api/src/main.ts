import {
  createInfluxFromConfig,
  createLogger,
  createPgPool,
  createRedis,
  loadConfigOrExit,
  loadServerSecret,
  registerShutdown,
} from '../../core/src/index.js';
import { buildApp } from './app.js';
import { apiConfigSchema } from './config.js';

const config = loadConfigOrExit(apiConfigSchema, 'api');
const logger = createLogger({ service: 'api', level: config.LOG_LEVEL });

const pool = createPgPool(config.DATABASE_URL, config.DATABASE_POOL_SIZE);
const redis = createRedis(config.REDIS_URL, 'producer');
redis.on('error', (err) => logger.warn({ err }, 'redis connection error'));
const influx = createInfluxFromConfig(config);

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

const app = await buildApp({ config, logger, pool, redis, influx, cookieSecret });

registerShutdown(logger, [
  { name: 'http', close: () => app.close() },
  { name: 'postgres', close: () => pool.end() },
  { name: 'redis', close: async () => void (await redis.quit()) },
]);

await app.listen({ host: config.API_HOST, port: config.API_PORT });
