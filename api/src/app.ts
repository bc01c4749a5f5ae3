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
import type { InfluxClient, Logger, PgPool, RedisConnection, Registry } from '../../core/src/index.js';
import type { ApiConfig } from './config.js';
import { registerErrorHandler } from './errors/error-handler.js';
import { registerHttpMetrics } from './http-metrics.js';
import { healthRoutes } from './routes/health.routes.js';
import { registerSecurity } from './security/register-security.js';
import { v1Routes } from './routes/v1.js';
import { registerWebUi } from './web/web-ui.js';

export interface ApiDeps {
  config: Pick<
    ApiConfig,
    | 'OPERATOR_TOKEN'
    | 'API_MAX_WINDOWS'
    | 'API_BODY_LIMIT'
    | 'API_RATE_LIMIT'
    | 'LOGIN_RATE_LIMIT'
    | 'LOGIN_MAX_FAILURES'
    | 'LOGIN_LOCK'
    | 'AUTH_FAILURE_LIMIT'
    | 'AUTH_FAILURE_WINDOW'
    | 'SESSION_TTL'
    | 'SESSION_IDLE'
    | 'SESSION_COOKIE_SECURE'
    | 'QUEUE_PREFIX'
    | 'EVENTS_HEARTBEAT'
    | 'EVENTS_MAX_AGE'
    | 'API_VITALS_CACHE_TTL'
    | 'API_VITALS_CACHE_ENTRIES'
    | 'API_LATEST_LOOKBACK'
    | 'API_AUDIT_BATCH'
    | 'API_BATCH_IN_FLIGHT'
  >;
  /** Key that signs session cookies, shared by replicas (server_secrets in PostgreSQL). */
  cookieSecret: string;
  logger: Logger;
  pool: PgPool;
  /** Credential lookups of /v1 (every request): a pool of their own that plans once (default: pool). */
  credentialPool?: PgPool;
  redis: RedisConnection;
  influx: InfluxClient;
  /** Prometheus registry for request counts and latencies (served on the metrics port, not here). */
  metricsRegistry?: Registry;
  /** Built web UI (default api/web/dist); it answers 503 at / until built. */
  webDir?: string;
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
  'Sign in with POST /v1/auth/login (session cookie) or send a personal API token as a bearer token. ' +
  'Roles: self (own data), family (people who granted them, granted metrics), care_staff (own facility, ' +
  'care consent, granted metrics), program_staff (pseudonymised cohort only), admin (registry, no vitals ' +
  'unless granted). Every read of personal data and every change is audited. The first admin: ' +
  '`npm run admin:create -- --email you@example.org`; see docs/access-control.md.';

/** Builds the HTTP app (not listening): main.ts listens, tests use app.inject. */
export async function buildApp(deps: ApiDeps) {
  const app = Fastify({
    // pino's Logger is a FastifyBaseLogger; the cast keeps the instance's default logger type
    loggerInstance: deps.logger as FastifyBaseLogger,
    genReqId,
    requestIdHeader: false,
    trustProxy: false,
    bodyLimit: deps.config.API_BODY_LIMIT,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  if (deps.metricsRegistry) registerHttpMetrics(app, deps.metricsRegistry);
  app.addHook('onRequest', (req, reply, done) => {
    reply.header('x-request-id', req.id);
    done();
  });
  await registerSecurity(app, {
    cookieSecret: deps.cookieSecret,
    redis: deps.redis,
    keyPrefix: deps.config.QUEUE_PREFIX,
    perMinute: deps.config.API_RATE_LIMIT,
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Mimamori API', version: '0.2.0', description: OPENAPI_DESCRIPTION },
      components: {
        securitySchemes: {
          session: {
            type: 'apiKey',
            in: 'cookie',
            name: 'mimamori_session',
            description: 'set by POST /v1/auth/login',
          },
          bearerToken: {
            type: 'http',
            scheme: 'bearer',
            description:
              'a personal API token (POST /v1/auth/tokens), or the bootstrap OPERATOR_TOKEN (admin, no vitals)',
          },
        },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: '/docs',
    staticCSP: true,
    // the UI's own CSP; plain-HTTP local use must not be upgraded to HTTPS
    transformStaticCSP: (header) => header.replace(/\s*upgrade-insecure-requests;?/, ''),
  });

  await app.register(healthRoutes, { deps, timeoutMs: READINESS_TIMEOUT_MS });
  await app.register(v1Routes, { prefix: '/v1', deps });
  await registerWebUi(app, deps.webDir);
  return app;
}

export type ApiApp = Awaited<ReturnType<typeof buildApp>>;
