import cluster from 'node:cluster';
import { AggregatorRegistry, type PrometheusContentType } from 'prom-client';
import {
  createInfluxFromConfig,
  createMetricsRegistry,
  createPgPool,
  createRedis,
  instrumentInflux,
  loadServerSecret,
  registerShutdown,
  startMetricsServer,
  type Logger,
} from '../../core/src/index.js';
import { buildApp } from './app.js';
import type { ApiConfig } from './config.js';

/** What the primary of several api processes sends each of them to stop gracefully. */
export const STOP_MESSAGE = 'mimamori:api-stop';

/**
 * One api process: its stores, the app on API_PORT and, alone, /metrics on its own port. As one
 * of several processes (API_PROCESSES) it shares the port through node:cluster and hands its
 * metrics to the primary, which serves them summed.
 */
export async function serveApi(config: ApiConfig, logger: Logger): Promise<void> {
  const pool = createPgPool(config.DATABASE_URL, config.DATABASE_POOL_SIZE);
  // token and session lookups, each up to API_BATCH_IN_FLIGHT statements at once
  const credentialPool = createPgPool(config.DATABASE_URL, 2 * config.API_BATCH_IN_FLIGHT, { genericPlans: true });
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
    await Promise.all([pool.end(), credentialPool.end()]);
    redis.disconnect();
    process.exit(1);
  }
  if (config.OPERATOR_TOKEN && !cluster.isWorker) {
    logger.warn(
      'OPERATOR_TOKEN is set: it acts as an admin without an account; remove it once an admin account exists',
    );
  }

  const app = await buildApp({
    config,
    logger,
    pool,
    credentialPool,
    redis,
    influx,
    cookieSecret,
    metricsRegistry: registry,
  });
  let metricsServer: { close(): Promise<void> } = { close: async () => {} };
  if (cluster.isWorker) {
    // answered over IPC when the primary collects (prom-client's cluster protocol)
    AggregatorRegistry.setRegistries([registry]);
    new AggregatorRegistry<PrometheusContentType>();
  } else {
    // its own port: the public app serves no /metrics
    metricsServer = await startMetricsServer({
      registry,
      host: config.METRICS_HOST,
      port: config.API_METRICS_PORT,
      logger,
    });
  }

  const shutdown = registerShutdown(logger, [
    // waits for the requests in flight, so every answered read's audit row is committed first
    { name: 'http', close: () => app.close() },
    { name: 'postgres', close: () => Promise.all([pool.end(), credentialPool.end()]).then(() => {}) },
    { name: 'redis', close: async () => void (await redis.quit()) },
    { name: 'metrics', close: () => metricsServer.close() },
  ]);

  if (cluster.isWorker) {
    // the primary asks by message, not by signal: a process manager may already have sent this
    // process SIGTERM itself (a whole process group), and a second one ends it at once
    process.on('message', (m: unknown) => {
      if (m === STOP_MESSAGE) void shutdown().then(() => process.exit(0));
    });
  }

  await app.listen({ host: config.API_HOST, port: config.API_PORT });
}
