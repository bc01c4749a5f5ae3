import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueDeviceSecret } from '../../core/src/index.js';
import { createTestAccount, type TestAccount } from '../helpers/access-fixtures.js';
import { createApiHarness, type ApiHarness } from '../helpers/api-app.js';
import { buildMessage, heartRateSeries } from '../helpers/mqtt-publisher.js';
import { startTestPipeline, type TestPipeline } from '../helpers/pipeline.js';
import { createFixtureCohort } from '../helpers/registry-fixtures.js';

const hostileValue = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('NaN', 'Infinity', '-1e309', '9'.repeat(400), '__proto__', 'constructor', '2026-13-45', '1h;DROP', "'\"", 'x'.repeat(10_000)),
  fc.integer().map(String),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
);
const hostileQuery = fc
  .array(fc.tuple(fc.constantFrom('metric', 'from', 'to', 'every', 'state', '__proto__[x]', 'constructor', 'limit', 'offset'), hostileValue), {
    maxLength: 6,
  })
  .map((pairs) => pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&'));

describe('random and adversarial API query parameters', () => {
  let h: ApiHarness;
  let self: TestAccount;
  let personId: string;

  beforeAll(async () => {
    h = await createApiHarness();
    const cohort = await createFixtureCohort(h.pool, 1);
    personId = cohort.people[0]!.personId;
    self = await createTestAccount(h.pool, 'self', { personId });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('end in a clear 4xx (or a valid answer), never a 500 or a stack trace', async () => {
    const paths = [`/v1/persons/${personId}/series`, `/v1/persons/${personId}/daily`, `/v1/persons/${personId}/latest`, '/v1/persons'];
    const queries = fc.sample(hostileQuery, { numRuns: 300, seed: 7 });
    for (const [i, q] of queries.entries()) {
      const res = await h.app.inject({ method: 'GET', url: `${paths[i % paths.length]}?${q}`, headers: self.headers });
      expect([200, 400, 403, 404], `${q} -> ${res.body.slice(0, 200)}`).toContain(res.statusCode);
      expect(res.body).not.toMatch(/\n\s+at |node_modules/);
    }
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    expect((await h.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  });
});

describe('random and adversarial bodies at the HTTP intake', () => {
  let pl: TestPipeline;
  let auth: string;
  let deviceId: string;

  beforeAll(async () => {
    pl = await startTestPipeline({ ingestEnv: { INGEST_HTTP_ENABLED: 'true', INGEST_HTTP_PORT: '0' } });
    deviceId = (await createFixtureCohort(pl.pool, 1)).people[0]!.deviceId;
    auth = `Basic ${Buffer.from(`${deviceId}:${(await issueDeviceSecret(pl.pool, deviceId)).secret}`).toString('base64')}`;
  });
  afterAll(async () => {
    await pl?.close();
  });

  it('answers every one with 202 or a clear 4xx, keeps running, and still stores a good batch', async () => {
    const url = `http://127.0.0.1:${pl.ingest.httpPort}/v1/ingest/readings`;
    const bodies: Array<string | Buffer> = [
      ...fc.sample(
        fc.oneof(
          fc.jsonValue({ maxDepth: 5 }).map((v) => JSON.stringify(v) ?? 'null'),
          fc.uint8Array({ minLength: 1, maxLength: 300 }).map((a) => Buffer.from(a)),
          fc.string({ unit: 'binary', maxLength: 200 }),
        ),
        { numRuns: 150, seed: 11 },
      ),
      '['.repeat(50_000) + ']'.repeat(50_000),
      '{"__proto__":{"polluted":1},"schema":"mimamori.readings/1"}',
      Buffer.alloc(10 * 1024 * 1024, 0x20),
    ];
    for (const body of bodies) {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: auth }, body });
      expect([202, 400, 403, 413]).toContain(res.status);
      await res.arrayBuffer();
    }
    const t0 = Date.UTC(2026, 4, 1);
    const ok = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: auth },
      body: JSON.stringify(buildMessage(deviceId, heartRateSeries(t0, 4))),
    });
    expect(ok.status).toBe(202);
    await pl.drained();
    const r = await pl.influx.query(`SELECT count("value") FROM "heart_rate" WHERE time >= ${t0}ms`);
    expect(r[0]?.[0]?.values[0]?.[1]).toBe(4);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
