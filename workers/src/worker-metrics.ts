import { Counter, Histogram } from 'prom-client';
import { ALERT_KINDS, createDeadLetterMetrics, type Registry } from '../../core/src/index.js';

/** From 50 ms (live data) to a day and more (history uploads and replays are old by design). */
const LAG_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600, 6 * 3600, 86_400, 7 * 86_400];

/** The workers process's series; children created up front so jobs only add numbers. */
export function createWorkerMetrics(registry: Registry, queues: readonly string[]) {
  const jobs = new Counter({
    name: 'mimamori_worker_jobs_processed_total',
    help: 'Jobs finished by this process, by queue and result (failed counts every failed attempt)',
    labelNames: ['queue', 'result'] as const,
    registers: [registry],
  });
  const stored = new Counter({
    name: 'mimamori_worker_readings_stored_total',
    help: 'Readings written to InfluxDB by store-readings jobs',
    registers: [registry],
  });
  const lag = new Histogram({
    name: 'mimamori_e2e_lag_seconds',
    help: 'Time from a reading (its end, else its start) to the moment it is stored in InfluxDB',
    buckets: LAG_BUCKETS,
    registers: [registry],
  });
  const rollups = new Counter({
    name: 'mimamori_rollups_computed_total',
    help: 'Daily rollups (person and local day) computed',
    registers: [registry],
  });
  const alerts = new Counter({
    name: 'mimamori_alerts_raised_total',
    help: 'Care-staff alerts raised, by rule',
    labelNames: ['rule'] as const,
    registers: [registry],
  });
  const results = new Map(
    queues.map((q) => [q, { completed: jobs.labels(q, 'completed'), failed: jobs.labels(q, 'failed') }] as const),
  );
  for (const r of results.values()) {
    r.completed.inc(0);
    r.failed.inc(0);
  }
  for (const kind of ALERT_KINDS) alerts.labels(kind).inc(0);
  const lagChild = lag.labels();

  return {
    jobFinished(queue: string, result: 'completed' | 'failed') {
      (results.get(queue)?.[result] ?? jobs.labels(queue, result)).inc();
    },
    /** Readings just stored; `times` are their epoch-ms timestamps. */
    stored(times: readonly number[], now = Date.now()) {
      stored.inc(times.length);
      for (const t of times) lagChild.observe(Math.max(0, now - t) / 1000);
    },
    rollupComputed: () => rollups.inc(),
    alertsRaised(kinds: readonly string[]) {
      for (const k of kinds) alerts.labels(k).inc();
    },
    deadLetters: createDeadLetterMetrics(registry, 'workers'),
  };
}

export type WorkerMetrics = ReturnType<typeof createWorkerMetrics>;
