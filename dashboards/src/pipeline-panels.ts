import type { Builder } from '@grafana/grafana-foundation-sdk/cog';
import type { Panel } from '@grafana/grafana-foundation-sdk/dashboard';
import { stat, thresholds, timeseries } from './panels.js';
import { prom, promInstant } from './queries.js';

const R = '[$__rate_interval]';
const svc = 'service=~"$service"';
const p95 = (hist: string, by = '') => `histogram_quantile(0.95, sum by (le${by}) (rate(${hist}_bucket${R})))`;

/** The pipeline dashboard's rows and their panels (PromQL over the processes' metrics). */
export const PIPELINE_ROWS: Array<{ title: string; panels: Array<Builder<Panel>> }> = [
  {
    title: 'Health at a glance',
    panels: [
      stat({
        title: 'Targets up',
        description:
          'Scraped processes answering /metrics. Below the number of replicas: a process is down or its metrics port unreachable (docker compose ps, its logs).',
        targets: [promInstant('sum(up{job=~"ingest|workers|api"})')],
        thresholds: thresholds('red', [[1, 'green']]),
      }),
      stat({
        title: 'Ingest paused (back-pressure)',
        description:
          'Ingest replicas that stopped taking messages because the queue is full (INGEST_MAX_QUEUED_JOBS). Lasting: workers are too slow or InfluxDB is failing; see the rows below.',
        targets: [promInstant('sum(mimamori_ingest_backpressure_paused)')],
        thresholds: thresholds('green', [[1, 'orange']]),
      }),
      stat({
        title: 'Waiting jobs',
        description: 'Jobs waiting in the readings queue. Growing while ingest runs means workers fall behind.',
        targets: [promInstant('max(mimamori_queue_jobs{queue="readings",state="waiting"})')],
        thresholds: thresholds('green', [
          [250, 'orange'],
          [500, 'red'],
        ]),
      }),
      stat({
        title: 'End-to-end lag p95',
        description:
          'Time from a reading (the end of its interval) to its point in InfluxDB, 95th percentile over 5 minutes. It includes the time a watch held data before syncing, so minutes are normal; a backfill of history shows days.',
        unit: 's',
        targets: [promInstant('histogram_quantile(0.95, sum by (le) (rate(mimamori_e2e_lag_seconds_bucket[5m])))')],
        thresholds: thresholds('green', [
          [900, 'orange'],
          [3600, 'red'],
        ]),
      }),
    ],
  },
  {
    title: 'Flow',
    panels: [
      timeseries({
        title: 'Messages received and acknowledged',
        description:
          'MQTT and HTTP messages per second. Acknowledged below received for long: ingest cannot enqueue (Redis down or full).',
        unit: 'reqps',
        targets: [
          prom(`sum by (transport) (rate(mimamori_ingest_messages_received_total${R}))`, 'received {{transport}}', 'A'),
          prom(`sum by (transport) (rate(mimamori_ingest_messages_acked_total${R}))`, 'acked {{transport}}', 'B'),
        ],
      }),
      timeseries({
        title: 'Readings enqueued and stored',
        description:
          'Readings per second into the queue (ingest) and into InfluxDB (workers). Stored persistently below enqueued: the queue grows.',
        unit: 'short',
        targets: [
          prom(`sum(rate(mimamori_ingest_readings_enqueued_total${R}))`, 'enqueued', 'A'),
          prom(`sum(rate(mimamori_worker_readings_stored_total${R}))`, 'stored', 'B'),
          prom(`sum(rate(mimamori_influx_points_written_total${R}))`, 'points written', 'C'),
        ],
      }),
      timeseries({
        title: 'Queue jobs by state',
        description:
          "BullMQ jobs per queue and state. Failed growing: read the workers' logs; delayed: jobs waiting for a retry.",
        targets: [prom('max by (queue, state) (mimamori_queue_jobs)', '{{queue}} {{state}}')],
      }),
      timeseries({
        title: 'End-to-end lag',
        description:
          'Reading time to stored, percentiles. Rising with a growing queue: the pipeline is slow, add workers (WORKER_CONCURRENCY or replicas); rising with an empty queue: watches sync late.',
        unit: 's',
        targets: [
          prom(`histogram_quantile(0.5, sum by (le) (rate(mimamori_e2e_lag_seconds_bucket${R})))`, 'p50', 'A'),
          prom(p95('mimamori_e2e_lag_seconds'), 'p95', 'B'),
          prom(`histogram_quantile(0.99, sum by (le) (rate(mimamori_e2e_lag_seconds_bucket${R})))`, 'p99', 'C'),
        ],
      }),
    ],
  },
  {
    title: 'Errors and writes',
    panels: [
      timeseries({
        title: 'Dead letters by stage and reason',
        description:
          'Rejected messages and readings per second. unknown_device / not_enrolled: registry out of date; schema: a device or gateway sends a bad format. Inspect with npm run dlq -- list.',
        targets: [prom(`sum by (stage, reason) (rate(mimamori_dead_letters_total${R}))`, '{{stage}} {{reason}}')],
      }),
      timeseries({
        title: 'Worker jobs by result',
        description:
          "Jobs finished per second by queue and result. Failures: the workers' logs name the store that failed.",
        targets: [
          prom(`sum by (queue, result) (rate(mimamori_worker_jobs_processed_total${R}))`, '{{queue}} {{result}}'),
        ],
      }),
      timeseries({
        title: 'InfluxDB requests',
        description:
          'Duration (p95) and errors per second of InfluxDB requests by operation (write: workers; query: api and rollups). Errors: InfluxDB down, disk full or authentication; failed writes are retried, nothing is lost.',
        unit: 's',
        targets: [
          prom(p95('mimamori_influx_write_duration_seconds', ', op'), 'p95 {{op}}', 'A'),
          prom(`sum by (op) (rate(mimamori_influx_write_errors_total${R}))`, 'errors/s {{op}}', 'B'),
        ],
      }),
      timeseries({
        title: 'Ingest enqueue',
        description:
          'Time to hand a batch to Redis (p95) and readings per job (mean). Slow enqueues hold MQTT acknowledgements back.',
        unit: 's',
        targets: [
          prom(p95('mimamori_ingest_enqueue_duration_seconds'), 'enqueue p95', 'A'),
          prom(
            `sum(rate(mimamori_ingest_job_readings_sum${R})) / sum(rate(mimamori_ingest_job_readings_count${R}))`,
            'readings per job',
            'B',
          ),
          prom(`sum(rate(mimamori_ingest_jobs_enqueued_total${R}))`, 'jobs/s', 'C'),
        ],
      }),
    ],
  },
  {
    title: 'Rollups and alerts',
    panels: [
      timeseries({
        title: 'Daily rollups computed',
        description:
          'Person-days summarised per second (debounced after new data, recomputed on late data). Zero while readings are stored: the rollup queue is stuck; see Queue jobs by state.',
        targets: [prom(`sum(rate(mimamori_rollups_computed_total${R}))`, 'rollups')],
      }),
      timeseries({
        title: 'Care alerts raised by rule',
        description:
          'Alerts raised for care staff per second, by rule. A burst of one rule across many people: a device or data problem (e.g. no_data after an outage), not many people at once.',
        targets: [prom(`sum by (rule) (rate(mimamori_alerts_raised_total${R}))`, '{{rule}}')],
      }),
    ],
  },
  {
    title: 'API',
    panels: [
      timeseries({
        title: 'API requests by status',
        description:
          'Requests per second by status code. 401/403 bursts: a client with a stale token; 429: rate limits; 5xx: read the api logs.',
        unit: 'reqps',
        targets: [prom(`sum by (status) (rate(mimamori_http_requests_total${R}))`, '{{status}}')],
      }),
      timeseries({
        title: 'API latency p95 by route',
        description:
          'Slowest routes first in the legend. Series routes slow: InfluxDB query load; registry routes: PostgreSQL.',
        unit: 's',
        targets: [prom(p95('mimamori_http_request_duration_seconds', ', route'), '{{route}}')],
      }),
      timeseries({
        title: 'Vitals cache: share answered without InfluxDB',
        description:
          'Share of latest/series statements the api answered from its cache (cleared when the workers announce new readings of a person). Low while data flows for everyone is normal; near 0 at rest: the person-update subscription is down (read the api logs).',
        unit: 'percentunit',
        targets: [
          prom(
            `sum(rate(mimamori_api_vitals_cache_lookups_total{result="hit"}${R})) / sum(rate(mimamori_api_vitals_cache_lookups_total${R}))`,
            'hit share',
          ),
        ],
      }),
      timeseries({
        title: 'Reads per audit commit (p95)',
        description:
          'How many reads share one audit INSERT. Every read is answered only once its row is committed; larger groups under load are the group commit working.',
        targets: [prom(p95('mimamori_api_audit_batch_rows', ''), 'reads')],
      }),
    ],
  },
  {
    title: 'Processes',
    panels: [
      timeseries({
        title: 'Resident memory',
        description: 'Memory per process. Steady growth without falling back: a leak; restart and report.',
        unit: 'bytes',
        width: 8,
        targets: [prom(`process_resident_memory_bytes{${svc}}`, '{{service}} {{instance}}')],
      }),
      timeseries({
        title: 'CPU',
        description: 'CPU seconds per second per process (1 = one core).',
        unit: 'percentunit',
        width: 8,
        targets: [prom(`rate(process_cpu_seconds_total{${svc}}${R})`, '{{service}} {{instance}}')],
      }),
      timeseries({
        title: 'Event-loop lag p99',
        description: 'Node event-loop delay. Above 100 ms: the process is CPU-bound; add replicas.',
        unit: 's',
        width: 8,
        targets: [prom(`nodejs_eventloop_lag_p99_seconds{${svc}}`, '{{service}} {{instance}}')],
      }),
    ],
  },
];
