import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import Fastify from 'fastify';
import { pino } from 'pino';
import { Counter } from 'prom-client';
import type { Queue } from 'bullmq';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  Registry,
  apiMetricsFragment,
  createMetricsRegistry,
  ingestMetricsFragment,
  instrumentInflux,
  parseConfig,
  registerQueueMetrics,
  startMetricsServer,
  workersMetricsFragment,
  type InfluxClient,
  type MetricsServer,
} from '../../core/src/index.js';
import { registerHttpMetrics } from '../../api/src/http-metrics.js';
import { createReadPathMetrics } from '../../api/src/read-path-metrics.js';
import { createIngestMetrics } from '../../ingest/src/ingest-metrics.js';
import { createWorkerMetrics } from '../../workers/src/worker-metrics.js';
import { parsePrometheusText, total } from '../helpers/prometheus-text.js';

const logger = pino({ level: 'silent' });

describe('metrics configuration', () => {
  const schema = z.object({ ...ingestMetricsFragment, ...workersMetricsFragment, ...apiMetricsFragment });

  it('defaults to ports 9464, 9465, 9466 on the loopback interface', () => {
    expect(parseConfig(schema, {})).toEqual({
      METRICS_HOST: '127.0.0.1',
      INGEST_METRICS_PORT: 9464,
      WORKERS_METRICS_PORT: 9465,
      API_METRICS_PORT: 9466,
    });
  });

  it('accepts 0 (a free port) and refuses ports out of range', () => {
    expect(parseConfig(schema, { INGEST_METRICS_PORT: '0' }).INGEST_METRICS_PORT).toBe(0);
    expect(() => parseConfig(schema, { WORKERS_METRICS_PORT: '65536' })).toThrow(/WORKERS_METRICS_PORT/);
    expect(() => parseConfig(schema, { API_METRICS_PORT: 'metrics' })).toThrow(/API_METRICS_PORT/);
  });
});

describe('metrics registry and server', () => {
  let server: MetricsServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('labels every series with the service and collects process metrics', async () => {
    const samples = parsePrometheusText(await createMetricsRegistry('workers').metrics());
    for (const name of [
      'process_cpu_user_seconds_total',
      'process_resident_memory_bytes',
      'nodejs_heap_size_used_bytes',
      'nodejs_eventloop_lag_seconds',
    ]) {
      expect(total(samples, name, { service: 'workers' }), name).toBeGreaterThanOrEqual(0);
    }
    expect(samples.every((s) => s.labels.service === 'workers')).toBe(true);
  });

  it('serves GET /metrics on a free port with the Prometheus content type, 404 elsewhere', async () => {
    const registry = createMetricsRegistry('ingest', { defaultMetrics: false });
    new Counter({ name: 'test_things_total', help: 'things', registers: [registry] }).inc(3);
    server = await startMetricsServer({ registry, host: '127.0.0.1', port: 0, logger });
    expect(server.port).toBeGreaterThan(0);
    const base = `http://127.0.0.1:${server.port}`;

    const res = await fetch(`${base}/metrics?ignored=1`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const samples = parsePrometheusText(await res.text());
    expect(total(samples, 'test_things_total', { service: 'ingest' })).toBe(3);

    expect((await fetch(`${base}/`)).status).toBe(404);
    expect((await fetch(`${base}/metrics/x`)).status).toBe(404);
    const post = await fetch(`${base}/metrics`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('answers 500 when a collector fails, and keeps serving', async () => {
    const registry = new Registry();
    let fail = true;
    new Counter({
      name: 'test_flaky_total',
      help: 'flaky',
      registers: [registry],
      collect() {
        if (fail) throw new Error('boom');
      },
    });
    server = await startMetricsServer({ registry, host: '127.0.0.1', port: 0, logger });
    expect((await fetch(`http://127.0.0.1:${server.port}/metrics`)).status).toBe(500);
    fail = false;
    expect((await fetch(`http://127.0.0.1:${server.port}/metrics`)).status).toBe(200);
  });

  it('closes promptly although a scraper keeps its connection open', async () => {
    server = await startMetricsServer({ registry: new Registry(), host: '127.0.0.1', port: 0, logger });
    const port = server.port;
    await new Promise<void>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port, path: '/metrics', agent: false, headers: { connection: 'keep-alive' } },
        (res) => {
          res.resume();
          res.on('end', resolve);
        },
      );
      req.on('error', reject);
      req.end();
    });
    await server.close();
    await server.close(); // idempotent
    server = undefined;
    await expect(fetch(`http://127.0.0.1:${port}/metrics`)).rejects.toThrow();
  });

  it('fails to start on a port already in use', async () => {
    server = await startMetricsServer({ registry: new Registry(), host: '127.0.0.1', port: 0, logger });
    await expect(
      startMetricsServer({ registry: new Registry(), host: '127.0.0.1', port: server.port, logger }),
    ).rejects.toThrow(/EADDRINUSE/);
  });
});

describe('queue depth gauge', () => {
  const fakeQueue = (name: string, counts: () => Promise<Record<string, number>>) =>
    ({ name, getJobCounts: counts }) as unknown as Queue;

  it('reads the counts of every queue at scrape time and caches them', async () => {
    const registry = new Registry();
    let reads = 0;
    const counts = async () => {
      reads++;
      return { waiting: 7, active: 2, delayed: 1, failed: 4, completed: 9 };
    };
    registerQueueMetrics(registry, {
      queues: [fakeQueue('readings', counts), fakeQueue('rollups', counts)],
      cacheMs: 60_000,
    });
    const samples = parsePrometheusText(await registry.metrics());
    expect(total(samples, 'mimamori_queue_jobs', { queue: 'readings', state: 'waiting' })).toBe(7);
    expect(total(samples, 'mimamori_queue_jobs', { queue: 'rollups', state: 'failed' })).toBe(4);
    await registry.metrics();
    expect(reads).toBe(2); // one per queue, the second scrape served from the cache
  });

  it('reports no counts rather than stalling when Redis does not answer', async () => {
    const registry = new Registry();
    registerQueueMetrics(registry, { queues: [fakeQueue('readings', () => new Promise(() => {}))], timeoutMs: 50 });
    const samples = parsePrometheusText(await registry.metrics());
    expect(total(samples, 'mimamori_queue_jobs')).toBeUndefined();
  });
});

describe('HTTP request metrics', () => {
  it('labels requests by route template, never by URL, and unknown routes as unmatched', async () => {
    const registry = new Registry();
    const app = Fastify();
    registerHttpMetrics(app, registry);
    app.get('/v1/persons/:id/series', async () => ({ ok: true }));
    for (const id of ['a1', 'b2', 'c3']) await app.inject(`/v1/persons/${id}/series`);
    await app.inject('/wp-login.php');
    await app.inject({ method: 'PROPFIND', url: '/v1/persons/a1/series' });
    const samples = parsePrometheusText(await registry.metrics());
    const ok = { method: 'GET', route: '/v1/persons/:id/series', status: '200' };
    expect(total(samples, 'mimamori_http_requests_total', ok)).toBe(3);
    expect(total(samples, 'mimamori_http_requests_total', { route: 'unmatched', status: '404' })).toBe(2);
    expect(total(samples, 'mimamori_http_requests_total', { method: 'other' })).toBe(1);
    expect(total(samples, 'mimamori_http_request_duration_seconds_count', { method: 'GET', route: ok.route })).toBe(3);
    expect(samples.some((s) => Object.values(s.labels).some((v) => v.includes('a1')))).toBe(false);
    await app.close();
  });
});

describe('metrics documentation', () => {
  it('lists every mimamori_ metric the processes register in docs/metrics.md', async () => {
    const registry = new Registry();
    createIngestMetrics(registry);
    const workers = new Registry();
    createWorkerMetrics(workers, ['readings']);
    instrumentInflux({} as InfluxClient, workers);
    registerQueueMetrics(workers, { queues: [] });
    registerHttpMetrics(Fastify(), workers);
    createReadPathMetrics(workers);
    const names = [...registry.getMetricsAsArray(), ...workers.getMetricsAsArray()].map((m) => m.name);
    const doc = readFileSync(new URL('../../docs/metrics.md', import.meta.url), 'utf8');
    expect(names.length).toBeGreaterThan(15);
    expect(names.filter((n) => !doc.includes(`\`${n}\``))).toEqual([]);
  });
});

describe('exposition text parser', () => {
  it('reads labels with escapes, special values and timestamps', () => {
    const s = parsePrometheusText(
      '# HELP x y\n# TYPE x counter\nx{a="q\\"u\\\\o",b="n\\nl"} 2\ny +Inf 1700000000000\nz NaN\n',
    );
    expect(s[0]).toEqual({ name: 'x', labels: { a: 'q"u\\o', b: 'n\nl' }, value: 2 });
    expect(s[1]!.value).toBe(Infinity);
    expect(Number.isNaN(s[2]!.value)).toBe(true);
    expect(() => parsePrometheusText('x{a=b} 1')).toThrow();
  });
});
