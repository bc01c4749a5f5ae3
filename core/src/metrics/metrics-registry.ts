import { Registry, collectDefaultMetrics } from 'prom-client';

export { Registry };

export type MetricsService = 'ingest' | 'workers' | 'api';

/**
 * The Prometheus registry of one process: default label `service` on every series and the
 * process metrics (CPU, RSS, heap, event-loop lag, GC). A registry of its own, never prom-client's
 * global one, so tests can run several pipelines in one process.
 */
export function createMetricsRegistry(service: MetricsService, opts: { defaultMetrics?: boolean } = {}): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  if (opts.defaultMetrics !== false) collectDefaultMetrics({ register: registry });
  return registry;
}

/** Buckets in seconds for requests to Redis, InfluxDB or the API: 1 ms to 30 s. */
export const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
