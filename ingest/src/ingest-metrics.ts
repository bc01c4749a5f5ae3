import { Counter, Gauge, Histogram } from 'prom-client';
import { createDeadLetterMetrics, type Registry } from '../../core/src/index.js';

const JOB_READINGS_BUCKETS = [1, 10, 50, 100, 250, 500, 1000, 2000, 5000];
const ENQUEUE_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * The ingest process's series, children created up front so the hot path only adds numbers.
 * Counters move per batch (inc(n)) where the code has batches.
 */
export function createIngestMetrics(registry: Registry) {
  const received = new Counter({
    name: 'mimamori_ingest_messages_received_total',
    help: 'Messages taken in for inspection, by transport',
    labelNames: ['transport'] as const,
    registers: [registry],
  });
  const acked = new Counter({
    name: 'mimamori_ingest_messages_acked_total',
    help: 'Messages acknowledged (MQTT PUBACK, HTTP 202 or 4xx) once queued or dead-lettered',
    labelNames: ['transport'] as const,
    registers: [registry],
  });
  const readingsEnqueued = new Counter({
    name: 'mimamori_ingest_readings_enqueued_total',
    help: 'Readings put on the readings queue',
    registers: [registry],
  });
  const jobsEnqueued = new Counter({
    name: 'mimamori_ingest_jobs_enqueued_total',
    help: 'store-readings jobs added to the readings queue',
    registers: [registry],
  });
  const jobReadings = new Histogram({
    name: 'mimamori_ingest_job_readings',
    help: 'Readings per store-readings job (batch size)',
    buckets: JOB_READINGS_BUCKETS,
    registers: [registry],
  });
  const enqueueDuration = new Histogram({
    name: 'mimamori_ingest_enqueue_duration_seconds',
    help: 'Time to add one batch of jobs to Redis (addBulk, or add for an HTTP request)',
    buckets: ENQUEUE_BUCKETS,
    registers: [registry],
  });
  const paused = new Gauge({
    name: 'mimamori_ingest_backpressure_paused',
    help: '1 while back-pressure holds intake because the readings queue is full',
    registers: [registry],
  });
  paused.set(0);
  const transports = ['mqtt', 'http'] as const;
  const [receivedMqtt, receivedHttp] = transports.map((t) => received.labels(t));
  const [ackedMqtt, ackedHttp] = transports.map((t) => acked.labels(t));
  for (const c of [receivedMqtt, receivedHttp, ackedMqtt, ackedHttp]) c!.inc(0);

  return {
    received: { mqtt: receivedMqtt!, http: receivedHttp! },
    acked: { mqtt: ackedMqtt!, http: ackedHttp! },
    /** One enqueue of jobs with these reading counts, taking `seconds`. */
    enqueued(jobSizes: number[], seconds: number) {
      let readings = 0;
      for (const n of jobSizes) {
        jobReadings.observe(n);
        readings += n;
      }
      jobsEnqueued.inc(jobSizes.length);
      readingsEnqueued.inc(readings);
      enqueueDuration.observe(seconds);
    },
    paused: (on: boolean) => paused.set(on ? 1 : 0),
    deadLetters: createDeadLetterMetrics(registry, 'ingest'),
  };
}

export type IngestMetrics = ReturnType<typeof createIngestMetrics>;
