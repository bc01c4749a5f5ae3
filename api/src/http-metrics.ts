import type { FastifyInstance } from 'fastify';
import { Counter, Histogram } from 'prom-client';
import { LATENCY_BUCKETS, type Registry } from '../../core/src/index.js';

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/**
 * mimamori_http_requests_total{method, route, status} and
 * mimamori_http_request_duration_seconds{method, route}. The route is Fastify's template
 * (/v1/persons/:id/series), never the URL, and "unmatched" for a 404 of no route, so ids and
 * scanners cannot blow up the number of series; unusual methods count as "other".
 */
export function registerHttpMetrics(app: FastifyInstance, registry: Registry): void {
  const requests = new Counter({
    name: 'mimamori_http_requests_total',
    help: 'HTTP requests answered, by method, route template and status code',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'mimamori_http_request_duration_seconds',
    help: 'Time from receiving a request to the end of its response, by method and route template',
    labelNames: ['method', 'route'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });

  app.addHook('onResponse', async (req, reply) => {
    const method = METHODS.has(req.method) ? req.method : 'other';
    // a 404 without a route still has the not-found handler's routeOptions, whose url is undefined
    const route = req.routeOptions.url ?? 'unmatched';
    requests.inc({ method, route, status: String(reply.statusCode) });
    duration.observe({ method, route }, reply.elapsedTime / 1000);
  });
}
