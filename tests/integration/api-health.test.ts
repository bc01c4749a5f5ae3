import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedis } from '../../core/src/index.js';
import { closedPort, createApiHarness, unreachableInflux, type ApiHarness } from '../helpers/api-app.js';

let h: ApiHarness;

beforeAll(async () => {
  h = await createApiHarness();
});

afterAll(async () => {
  await h?.close();
});

describe('health', () => {
  it('answers /healthz with 200 ok without a token', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('answers /readyz with 200 and every check ok when Redis, InfluxDB and PostgreSQL answer', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/readyz' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.status).toBe('ok');
    for (const name of ['redis', 'influxdb', 'postgres']) {
      expect(body.checks[name]).toEqual({ ok: true, ms: expect.any(Number) });
    }
  });

  it('answers /readyz with 503 naming InfluxDB when InfluxDB listens nowhere', async () => {
    const app = await h.variant({ influx: await unreachableInflux() });
    const res = await app.inject({ method: 'GET', url: '/readyz' });
    expect(res.statusCode).toBe(503);
    const body = res.json();
    expect(body.status).toBe('unavailable');
    expect(body.checks.influxdb).toEqual({ ok: false, ms: expect.any(Number), error: expect.any(String) });
    expect(body.checks.redis.ok).toBe(true);
    expect(body.checks.postgres.ok).toBe(true);
  });

  it('answers /readyz with 503 naming Redis when Redis listens nowhere, within a few seconds', async () => {
    const redis = createRedis(`redis://127.0.0.1:${await closedPort()}`, 'producer');
    redis.on('error', () => {});
    try {
      const app = await h.variant({ redis });
      const started = Date.now();
      const res = await app.inject({ method: 'GET', url: '/readyz' });
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(res.statusCode).toBe(503);
      expect(res.json().checks.redis.ok).toBe(false);
      expect(res.json().checks.influxdb.ok).toBe(true);
    } finally {
      redis.disconnect();
    }
  });
});

describe('OpenAPI', () => {
  it('serves the OpenAPI 3 document with session or bearer security on every /v1 route but sign-in', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.components.securitySchemes.bearerToken).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.components.securitySchemes.session).toMatchObject({ type: 'apiKey', in: 'cookie' });
    const v1 = Object.keys(doc.paths).filter((p) => p.startsWith('/v1/'));
    expect(v1).toEqual(expect.arrayContaining(['/v1/persons', '/v1/persons/{id}/latest', '/v1/persons/{id}/series']));
    for (const p of v1) {
      for (const [method, op] of Object.entries(doc.paths[p] as Record<string, { security?: unknown }>)) {
        const expected = p === '/v1/auth/login' ? undefined : [{ session: [] }, { bearerToken: [] }];
        expect({ route: `${method} ${p}`, security: op.security }).toEqual({
          route: `${method} ${p}`,
          security: expected,
        });
      }
    }
    expect(doc.paths['/healthz'].get.security).toBeUndefined();
  });

  it('serves the documentation UI at /docs', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/docs' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
  });
});
