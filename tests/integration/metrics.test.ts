import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createRedis,
  deviceTopic,
  issueDeviceSecret,
  startMetricsServer,
  type MetricsServer,
} from '../../core/src/index.js';
import { testEnv, uniqueId } from '../helpers/env.js';
import { buildMessage, createTestPublisher, heartRateSeries, type TestPublisher } from '../helpers/mqtt-publisher.js';
import { startTestPipeline, type TestPipeline } from '../helpers/pipeline.js';
import { isolatedProcessEnv, startProcess, waitForLog, type RunningProcess } from '../helpers/processes.js';
import { scrape, select, total, type Sample } from '../helpers/prometheus-text.js';
import { createFixtureCohort } from '../helpers/registry-fixtures.js';

const silent = { info() {}, error() {} } as never;

/** Polls until ok() holds for the value, or returns the last one. */
async function eventually<T>(fn: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last = await fn();
  while (!ok(last) && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 200));
    last = await fn();
  }
  return last;
}

/** The port a process logged for its /metrics server. */
function metricsPort(p: RunningProcess): number {
  const m = /"port":(\d+)[^\n]*"msg":"metrics listening on \/metrics"/.exec(p.output());
  if (!m) throw new Error(`no metrics port in:\n${p.output().slice(-1000)}`);
  return Number(m[1]);
}

describe('pipeline metrics', () => {
  let pl: TestPipeline;
  let pub: TestPublisher;
  let servers: { ingest: MetricsServer; workers: MetricsServer };
  let ingestUrl: string;
  let workersUrl: string;

  beforeAll(async () => {
    pl = await startTestPipeline({ connections: 2, ingestEnv: { INGEST_HTTP_ENABLED: 'true', INGEST_HTTP_PORT: '0' } });
    pub = await createTestPublisher(pl.env.MQTT_URL, 2);
    servers = {
      ingest: await startMetricsServer({ registry: pl.registries.ingest, host: '127.0.0.1', port: 0, logger: silent }),
      workers: await startMetricsServer({
        registry: pl.registries.workers,
        host: '127.0.0.1',
        port: 0,
        logger: silent,
      }),
    };
    ingestUrl = `http://127.0.0.1:${servers.ingest.port}/metrics`;
    workersUrl = `http://127.0.0.1:${servers.workers.port}/metrics`;
  });
  afterAll(async () => {
    await servers?.ingest.close();
    await servers?.workers.close();
    await pub?.close();
    await pl?.close();
  });

  it('counts messages, readings, jobs, dead letters, stored points and their lag', async () => {
    const cohort = await createFixtureCohort(pl.pool, 2);
    const [a, b] = cohort.people.map((p) => p.deviceId) as [string, string];
    const before = await scrape(ingestUrl);
    expect(total(before, 'mimamori_ingest_messages_received_total', { transport: 'mqtt' })).toBe(0);
    expect(total(before, 'mimamori_ingest_backpressure_paused')).toBe(0);

    // readings of the last hour: the lag of each lies between (sent - reading) and (stored - reading)
    const t0 = Date.now() - 60 * 60_000;
    const series = Array.from({ length: 5 }, (_, k) => heartRateSeries(t0 + k * 10 * 60_000, 10));
    const storedTimes = [...series.flat(), ...heartRateSeries(t0, 4)].map((r) => Date.parse(r.start));
    const sentAt = Date.now();
    for (const readings of series) await pub.publishMessage(pl.topicRoot, buildMessage(a, readings));
    await pub.publishMessage(pl.topicRoot, buildMessage(`ghost-${uniqueId()}`, heartRateSeries(t0, 3)));
    await pub.publish(deviceTopic(pl.topicRoot, a), '{"schema": ');
    // the HTTP intake: one good request, one malformed
    const { secret } = await issueDeviceSecret(pl.pool, b);
    const post = (body: string) =>
      fetch(`http://127.0.0.1:${pl.ingest.httpPort}/v1/ingest/readings`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Basic ${Buffer.from(`${b}:${secret}`).toString('base64')}`,
        },
        body,
      });
    expect((await post(JSON.stringify(buildMessage(b, heartRateSeries(t0, 4))))).status).toBe(202);
    expect((await post('not json')).status).toBe(400);
    await pl.drained();
    const drainedAt = Date.now();

    const ingest = await eventually(
      () => scrape(ingestUrl),
      (s) => total(s, 'mimamori_ingest_messages_acked_total', { transport: 'mqtt' }) === 7,
    );
    const v = (name: string, labels: Record<string, string> = {}) => total(ingest, name, labels);
    expect(v('mimamori_ingest_messages_received_total', { transport: 'mqtt' })).toBe(7);
    expect(v('mimamori_ingest_messages_acked_total', { transport: 'mqtt' })).toBe(7);
    expect(v('mimamori_ingest_messages_received_total', { transport: 'http' })).toBe(2);
    expect(v('mimamori_ingest_messages_acked_total', { transport: 'http' })).toBe(2);
    expect(v('mimamori_ingest_readings_enqueued_total')).toBe(50 + 3 + 4);
    const jobs = v('mimamori_ingest_jobs_enqueued_total')!;
    expect(jobs).toBeGreaterThanOrEqual(2);
    expect(v('mimamori_ingest_job_readings_count')).toBe(jobs);
    expect(v('mimamori_ingest_job_readings_sum')).toBe(57);
    expect(v('mimamori_ingest_job_readings_bucket', { le: '+Inf' })).toBe(jobs);
    expect(v('mimamori_ingest_enqueue_duration_seconds_count')).toBeGreaterThanOrEqual(2);
    expect(v('mimamori_dead_letters_total', { stage: 'ingest', reason: 'malformed_json' })).toBe(2);
    expect(v('mimamori_dead_letters_total', { stage: 'ingest', reason: 'schema' })).toBe(0);
    expect(ingest.every((s) => s.labels.service === 'ingest')).toBe(true);

    const workers = await eventually(
      () => scrape(workersUrl),
      (s) => total(s, 'mimamori_worker_jobs_processed_total', { queue: 'readings', result: 'completed' }) === jobs,
    );
    const w = (name: string, labels: Record<string, string> = {}) => total(workers, name, labels);
    expect(w('mimamori_worker_jobs_processed_total', { queue: 'readings', result: 'completed' })).toBe(jobs);
    expect(w('mimamori_worker_jobs_processed_total', { queue: 'readings', result: 'failed' })).toBe(0);
    expect(w('mimamori_worker_readings_stored_total')).toBe(54);
    // readings, plus any daily rollup already written
    expect(w('mimamori_influx_points_written_total')).toBeGreaterThanOrEqual(54);
    expect(w('mimamori_influx_write_duration_seconds_count', { op: 'write' })).toBeGreaterThanOrEqual(1);
    expect(w('mimamori_influx_write_errors_total', { op: 'write' })).toBe(0);
    expect(w('mimamori_dead_letters_total', { stage: 'workers', reason: 'unknown_device' })).toBe(1);
    expect(w('mimamori_dead_letters_total', { stage: 'workers', reason: 'implausible' })).toBe(0);
    expect(w('mimamori_e2e_lag_seconds_count')).toBe(54);
    const lagSum = w('mimamori_e2e_lag_seconds_sum')!;
    expect(lagSum).toBeGreaterThanOrEqual(storedTimes.reduce((n, t) => n + (sentAt - t) / 1000, 0));
    expect(lagSum).toBeLessThanOrEqual(storedTimes.reduce((n, t) => n + (drainedAt - t) / 1000, 0));
    // the newest readings are about 10 minutes old, the oldest an hour
    expect(w('mimamori_e2e_lag_seconds_bucket', { le: '300' })).toBe(0);
    expect(w('mimamori_e2e_lag_seconds_bucket', { le: '3600' })).toBeLessThan(54);
    expect(w('mimamori_e2e_lag_seconds_bucket', { le: '21600' })).toBe(54);
    expect(w('mimamori_queue_jobs', { queue: 'readings', state: 'waiting' })).toBe(0);
    expect(w('mimamori_queue_jobs', { queue: 'readings', state: 'active' })).toBe(0);
    expect(
      select(workers, 'mimamori_queue_jobs', { queue: 'rollups' })
        .map((s) => s.labels.state)
        .sort(),
    ).toEqual(['active', 'completed', 'delayed', 'failed', 'waiting']);
    expect(workers.every((s) => s.labels.service === 'workers')).toBe(true);
  });
});

describe('metrics of the real processes', () => {
  const env = testEnv();
  const id = uniqueId('met');
  const procs: RunningProcess[] = [];
  afterAll(async () => {
    await Promise.all(procs.map((p) => p.stop('SIGKILL')));
    const redis = createRedis(env.REDIS_URL, 'worker');
    const keys = await redis.keys(`{${id}}:*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  });

  it('serves each process on its own port; the api counts requests by route template and has no /metrics route', async () => {
    const common = isolatedProcessEnv(env, id, {
      INGEST_CONNECTIONS: '1',
      INGEST_HTTP_ENABLED: 'false',
      ALERTS_ENABLED: 'false',
      API_PORT: '0',
      OPERATOR_TOKEN: 'o'.repeat(40),
    });
    const [ingest, workers, api] = (['ingest', 'workers', 'api'] as const).map((s) => startProcess(s, common));
    procs.push(ingest!, workers!, api!);
    await Promise.all([
      waitForLog(ingest!, /ingest running/),
      waitForLog(workers!, /workers running/),
      waitForLog(api!, /Server listening/),
    ]);

    const ports = [ingest!, workers!, api!].map(metricsPort);
    expect(new Set(ports).size).toBe(3);
    const [ingestMetrics, workersMetrics] = await Promise.all(
      ports.slice(0, 2).map((p) => scrape(`http://127.0.0.1:${p}/metrics`)),
    );
    // process metrics of collectDefaultMetrics, labelled with the service
    const processMetric = (s: Sample[], service: string) =>
      ['process_cpu_user_seconds_total', 'nodejs_eventloop_lag_seconds', 'nodejs_heap_size_used_bytes'].every(
        (name) => select(s, name, { service }).length > 0,
      )
        ? total(s, 'process_resident_memory_bytes', { service })
        : undefined;
    expect(processMetric(ingestMetrics!, 'ingest')).toBeGreaterThan(0);
    expect(
      total(ingestMetrics!, 'mimamori_ingest_messages_received_total', { service: 'ingest', transport: 'mqtt' }),
    ).toBe(0);
    expect(processMetric(workersMetrics!, 'workers')).toBeGreaterThan(0);
    expect(select(workersMetrics!, 'mimamori_queue_jobs', { service: 'workers', queue: 'readings' })).toHaveLength(5);

    const apiBase = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(api!.output())![1]!;
    const auth = { authorization: `Bearer ${'o'.repeat(40)}` };
    for (let i = 0; i < 3; i++) expect((await fetch(`${apiBase}/healthz`)).status).toBe(200);
    const person = '3f0c1c7e-0000-4000-8000-00000000a1b2';
    const personRes = await fetch(`${apiBase}/v1/persons/${person}/consents`, { headers: auth });
    expect((await fetch(`${apiBase}/metrics`)).status).toBe(404);
    expect((await fetch(`${apiBase}/v1/no/such/${person}`)).status).toBe(404);

    const apiMetrics = await scrape(`http://127.0.0.1:${ports[2]}/metrics`);
    const requests = (labels: Record<string, string>) =>
      total(apiMetrics, 'mimamori_http_requests_total', { service: 'api', ...labels });
    expect(requests({ method: 'GET', route: '/healthz', status: '200' })).toBe(3);
    expect(requests({ method: 'GET', route: '/v1/persons/:id/consents', status: String(personRes.status) })).toBe(1);
    expect(requests({ method: 'GET', route: 'unmatched', status: '404' })).toBe(2);
    expect(total(apiMetrics, 'mimamori_http_request_duration_seconds_count', { route: '/healthz' })).toBe(3);
    expect(apiMetrics.some((s) => Object.values(s.labels).some((l) => l.includes(person)))).toBe(false);
    expect(processMetric(apiMetrics, 'api')).toBeGreaterThan(0);

    // each process closes its metrics server on SIGTERM and exits 0
    expect(await Promise.all([ingest!.stop(), workers!.stop(), api!.stop()])).toEqual([0, 0, 0]);
    for (const p of [ingest!, workers!, api!]) expect(p.output()).toMatch(/"component":"metrics","msg":"closed"/);
  });
});
