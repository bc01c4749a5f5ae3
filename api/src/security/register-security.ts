import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { RedisConnection } from '../../../core/src/index.js';
import { TooManyRequestsError } from '../errors/too-many-requests.error.js';
import { securityHeaders } from './security-headers.js';

export interface SecurityOptions {
  cookieSecret: string;
  redis: RedisConnection;
  /** Redis key prefix of the rate-limit counters. */
  keyPrefix: string;
  /** Requests per minute per account (per address before signing in). */
  perMinute: number;
}

/** Per account once authenticated (hook order: /v1 authentication runs first), else per address. */
function rateLimitKey(req: FastifyRequest): string {
  const p = req.principal;
  if (p) return p.accountId ? `account:${p.accountId}` : 'operator';
  return `address:${req.ip}`;
}

/**
 * Security headers, signed cookies and rate limits for the whole app. Counters live in Redis so
 * every replica sees the same; when Redis is away requests pass (the sign-in lock-out is in
 * PostgreSQL), since care staff must still see their residents.
 */
export async function registerSecurity(app: FastifyInstance, o: SecurityOptions): Promise<void> {
  const headers = securityHeaders({
    // TLS usually ends at a proxy and the local stack speaks plain HTTP: upgrading would break /docs
    contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } },
  });
  // helmet's headers on every answer (errors and 404s too); /docs replaces the CSP with its own in onSend
  app.addHook('onRequest', (_req, reply, done) => {
    reply.headers(headers);
    done();
  });
  await app.register(fastifyCookie, { secret: o.cookieSecret, hook: 'onRequest' });
  await app.register(fastifyRateLimit, {
    global: true,
    max: o.perMinute,
    timeWindow: 60_000,
    redis: o.redis,
    nameSpace: `${o.keyPrefix}:rate:`,
    skipOnError: true,
    keyGenerator: rateLimitKey,
    errorResponseBuilder: (_req, ctx) =>
      new TooManyRequestsError('too_many_requests', `rate limit exceeded, retry in ${ctx.after}`, ctx.ttl),
  });
}
