import cluster, { type Worker } from 'node:cluster';
import { AggregatorRegistry, type PrometheusContentType } from 'prom-client';
import { registerShutdown, startMetricsServer, type Logger } from '../../../core/src/index.js';
import type { ApiConfig } from '../config.js';
import { STOP_MESSAGE } from '../serve.js';

/** A process that ended is replaced after this pause (no tight loop when one keeps crashing). */
const RESTART_DELAY_MS = 1_000;

/**
 * API_PROCESSES > 1: this process forks that many api processes sharing API_PORT (node:cluster
 * hands each new connection to one of them) and serves their metrics, summed, on
 * API_METRICS_PORT. It opens no store itself. One that ends unexpectedly after it served is
 * replaced; one that cannot start stops the whole api (the settings or the stores are wrong).
 * On SIGTERM or SIGINT it asks every process to stop; each finishes its requests in flight (and
 * commits their audit rows) as a single api does, and this one exits when all have.
 */
export async function runApiPrimary(config: ApiConfig, logger: Logger): Promise<void> {
  const serving = new Set<number>();
  let stopping = false;
  const fork = () => {
    const w = cluster.fork();
    w.once('listening', () => serving.add(w.id));
  };

  const stopAll = async () => {
    stopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w);
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve) => {
            if (w.isDead()) return resolve();
            w.once('exit', () => resolve());
            // one still starting has nothing in flight (and may not listen for the message yet)
            if (serving.has(w.id) && w.isConnected()) w.send(STOP_MESSAGE);
            else w.process.kill('SIGTERM');
          }),
      ),
    );
  };

  cluster.on('exit', (w, code, signal) => {
    const served = serving.delete(w.id);
    if (stopping) return;
    if (!served) {
      logger.fatal({ pid: w.process.pid, code, signal }, 'an api process could not start: stopping the api');
      void shutdown().then(() => process.exit(1));
      return;
    }
    logger.error({ pid: w.process.pid, code, signal }, 'an api process ended unexpectedly: starting another');
    setTimeout(() => stopping || fork(), RESTART_DELAY_MS);
  });

  const aggregator = new AggregatorRegistry<PrometheusContentType>();
  const metricsServer = await startMetricsServer({
    registry: { metrics: () => aggregator.clusterMetrics(), contentType: aggregator.contentType },
    host: config.METRICS_HOST,
    port: config.API_METRICS_PORT,
    logger,
  });
  // longer than the processes' own grace period, so they finish first
  const shutdown = registerShutdown(
    logger,
    [
      { name: 'api processes', close: stopAll },
      { name: 'metrics', close: () => metricsServer.close() },
    ],
    35_000,
  );
  for (let i = 0; i < config.API_PROCESSES; i++) fork();
  logger.info({ processes: config.API_PROCESSES, port: config.API_PORT }, 'api processes starting');
}
