import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { checkReadiness, type ReadinessDeps } from '../health/readiness.js';
import { HealthSchema, ReadinessSchema } from '../schemas/health.schema.js';

export interface HealthRoutesOptions {
  deps: ReadinessDeps;
  timeoutMs?: number;
}

/** Liveness and readiness for the process supervisor; no authentication, no personal data. */
export const healthRoutes: FastifyPluginAsyncZod<HealthRoutesOptions> = async (app, opts) => {
  app.get(
    '/healthz',
    {
      schema: {
        tags: ['health'],
        summary: 'The process is alive (no dependency checks)',
        response: { 200: HealthSchema },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      schema: {
        tags: ['health'],
        summary: 'Redis, InfluxDB and PostgreSQL answer; 503 when one does not',
        response: { 200: ReadinessSchema, 503: ReadinessSchema },
      },
    },
    async (req, reply) => {
      const result = await checkReadiness(opts.deps, opts.timeoutMs);
      if (result.status !== 'ok') req.log.warn({ checks: result.checks }, 'not ready');
      return reply.code(result.status === 'ok' ? 200 : 503).send(result);
    },
  );
};
