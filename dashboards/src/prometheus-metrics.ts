/**
 * The application metrics the processes export (prom-client, label `service` = ingest | workers |
 * api on all of them). This list is the one place the dashboards' PromQL is checked against:
 * a unit test fails when a panel names a metric that is neither here nor a prom-client default.
 */
export const APP_METRICS = {
  mimamori_ingest_messages_received_total: 'counter',
  mimamori_ingest_messages_acked_total: 'counter',
  mimamori_ingest_readings_enqueued_total: 'counter',
  mimamori_ingest_jobs_enqueued_total: 'counter',
  mimamori_ingest_job_readings: 'histogram',
  mimamori_ingest_backpressure_paused: 'gauge',
  mimamori_ingest_enqueue_duration_seconds: 'histogram',
  mimamori_dead_letters_total: 'counter',
  mimamori_worker_jobs_processed_total: 'counter',
  mimamori_worker_readings_stored_total: 'counter',
  mimamori_influx_write_duration_seconds: 'histogram',
  mimamori_influx_write_errors_total: 'counter',
  mimamori_influx_points_written_total: 'counter',
  mimamori_e2e_lag_seconds: 'histogram',
  mimamori_rollups_computed_total: 'counter',
  mimamori_alerts_raised_total: 'counter',
  mimamori_queue_jobs: 'gauge',
  mimamori_http_requests_total: 'counter',
  mimamori_http_request_duration_seconds: 'histogram',
  mimamori_api_vitals_cache_lookups_total: 'counter',
  mimamori_api_audit_batch_rows: 'histogram',
} as const satisfies Record<string, 'counter' | 'gauge' | 'histogram'>;

export type AppMetric = keyof typeof APP_METRICS;

/** Series names a metric exposes: histograms as _bucket, _sum and _count. */
export function exposedSeries(name: string, type: 'counter' | 'gauge' | 'histogram' | string): string[] {
  return type === 'histogram' ? [`${name}_bucket`, `${name}_sum`, `${name}_count`] : [name];
}

/** The services that export metrics, with the Prometheus job that scrapes each. */
export const SCRAPED_SERVICES = ['ingest', 'workers', 'api'] as const;
