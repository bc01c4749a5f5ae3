import { describe, expect, it } from 'vitest';
import { InfluxError } from '../../core/src/index.js';
import { mapError } from '../../api/src/errors/error-handler.js';
import { NotFoundError } from '../../api/src/errors/not-found.error.js';
import { UnauthorizedError } from '../../api/src/errors/unauthorized.error.js';
import { checkReadiness } from '../../api/src/health/readiness.js';

const ok = {
  redis: { ping: async () => 'PONG' as const },
  influx: { ping: async () => true },
  pool: { query: async () => ({ rows: [{ '?column?': 1 }] }) },
} as unknown as Parameters<typeof checkReadiness>[0];

describe('checkReadiness', () => {
  it('is ok when every store answers', async () => {
    const r = await checkReadiness(ok, 100);
    expect(r.status).toBe('ok');
    expect(Object.values(r.checks).map((c) => c.ok)).toEqual([true, true, true]);
  });

  it('fails a store that does not answer within the timeout, without waiting for it', async () => {
    const hanging = { ...ok, pool: { query: () => new Promise(() => {}) } } as unknown as typeof ok;
    const started = Date.now();
    const r = await checkReadiness(hanging, 50);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(r.status).toBe('unavailable');
    expect(r.checks.postgres).toEqual({ ok: false, ms: expect.any(Number), error: 'no answer within 50 ms' });
    expect(r.checks.redis.ok).toBe(true);
  });

  it('reports an InfluxDB that refuses /ping and a Redis that throws', async () => {
    const broken = {
      ...ok,
      influx: { ping: async () => false },
      redis: { ping: async () => Promise.reject(new Error('Connection is closed.')) },
    } as unknown as typeof ok;
    const r = await checkReadiness(broken, 100);
    expect(r.checks.influxdb.error).toBe('no answer from /ping');
    expect(r.checks.redis.error).toBe('Connection is closed.');
    expect(r.checks.postgres.ok).toBe(true);
  });
});

describe('mapError', () => {
  it('maps API errors to their status, code and headers', () => {
    expect(mapError(new NotFoundError('no person x'))).toMatchObject({
      status: 404,
      code: 'not_found',
      message: 'no person x',
    });
    expect(mapError(new UnauthorizedError('invalid'))).toMatchObject({
      status: 401,
      headers: { 'www-authenticate': 'Bearer realm="mimamori", error="invalid_token"' },
    });
  });

  it('maps an InfluxDB outage to 503 but an InfluxDB refusal of the query to a 500 without details', () => {
    expect(mapError(new InfluxError('query: connect ECONNREFUSED', true))).toMatchObject({
      status: 503,
      code: 'upstream_unavailable',
    });
    expect(mapError(new InfluxError('query: error parsing query', false))).toEqual({
      status: 500,
      code: 'internal',
      message: 'internal error',
    });
  });

  it('hides the message of an unknown error', () => {
    expect(mapError(new Error('password authentication failed for user "mimamori"'))).toEqual({
      status: 500,
      code: 'internal',
      message: 'internal error',
    });
  });
});
