import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Redis } from 'ioredis';
import type { InfluxClient, Logger, PgPool } from '../../core/src/index.js';
import { createOperatorAuth } from './auth/operator-auth.js';
import type { ApiConfig } from './config.js';
import { registerErrorHandler } from './errors/error-handler.js';
import { healthRoutes } from './routes/health.routes.js';
import { personsRoutes } from './routes/persons.routes.js';
import { vitalsRoutes } from './routes/vitals.routes.js';

export interface ApiDeps {
  config: Pick<ApiConfig, 'OPERATOR_TOKEN' | 'API_MAX_WINDOWS'>;
  logger: Logger;
  pool: PgPool;
  redis: Redis;
  influx: InfluxClient;
}

/** Readiness checks wait this long for each store. */
const READINESS_TIMEOUT_MS = 2_000;

const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** A caller's x-request-id is kept when it is short and plain (it ends up in logs and audit rows). */
export function genReqId(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && SANE_REQUEST_ID.test(given) ? given : randomUUID();
}

const OPENAPI_DESCRIPTION =
  'Vitals of people in long-term care, read by pseudonym from InfluxDB; names only from the registry. ' +
  'Every /v1 route needs the operator bearer token, and every read of personal data is audited.';

/** Builds the HTTP app (not listening): main.ts listens, tests use app.inject. */
export async function buildApp(deps: ApiDeps) {
  const app = Fastify({
    // pino's Logger is a FastifyBaseLogger; the cast keeps the instance's default logger type
    loggerInstance: deps.logger as FastifyBaseLogger,
    genReqId,
    requestIdHeader: false,
    trustProxy: false,
    bodyLimit: 64 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Mimamori API', version: '0.1.0', description: OPENAPI_DESCRIPTION },
      components: {
        securitySchemes: {
          operatorToken: { type: 'http', scheme: 'bearer', description: 'the OPERATOR_TOKEN of the configuration' },
        },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });

  await app.register(healthRoutes, { deps, timeoutMs: READINESS_TIMEOUT_MS });
  await app.register(
    async (v1) => {
      v1.addHook('onRequest', createOperatorAuth(deps.config.OPERATOR_TOKEN));
      // personal data: no cache anywhere may keep a copy
      v1.addHook('onSend', async (_req, reply) => {
        reply.header('cache-control', 'no-store');
      });
      await v1.register(personsRoutes, { pool: deps.pool });
      await v1.register(vitalsRoutes, {
        pool: deps.pool,
        influx: deps.influx,
        maxWindows: deps.config.API_MAX_WINDOWS,
      });
    },
    { prefix: '/v1' },
  );
  return app;
}

export type ApiApp = Awaited<ReturnType<typeof buildApp>>;
