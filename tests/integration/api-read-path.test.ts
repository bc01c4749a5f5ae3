import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPersonUpdatePublisher } from '../../core/src/events/person-updates.js';
import {
  createPgPool,
  readingToPoint,
  ReadingSchema,
  revokeGrant,
  revokeApiToken,
  type AuditEntry,
} from '../../core/src/index.js';
import { createAuditBatcher } from '../../api/src/audit/audit-batcher.js';
import { auditRows, createApiHarness, type ApiHarness } from '../helpers/api-app.js';
import { createTestAccount, giveConsent, grantAccess, type TestAccount } from '../helpers/access-fixtures.js';
import { uniqueId } from '../helpers/env.js';
import { createFixtureCohort, type FixturePerson } from '../helpers/registry-fixtures.js';

// The read path's shortcuts (#9) must not weaken auditing or access control: one committed audit row
// per answered read under concurrency, withdrawals effective on the next request despite the
// InfluxDB result cache, and the cache forgetting a person when the workers announce new readings.
const source = { vendor: 'mimamori-sim', format: 'canonical' as const };
const heartRate = (deviceId: string, start: string, value: number) =>
  ReadingSchema.parse({ metric: 'heart_rate', deviceId, start, value, unit: '/min', source });

let h: ApiHarness;
let alice: FixturePerson;
let family: TestAccount;
const from = '2025-11-30T00:00:00Z';
const to = '2025-12-01T00:00:00Z';
const seriesUrl = (id: string) => `/v1/persons/${id}/series?metric=heart_rate&from=${from}&to=${to}&every=1h`;

beforeAll(async () => {
  // a long TTL: in these tests only an announcement can make the cache forget
  h = await createApiHarness({ API_VITALS_CACHE_TTL: '10m' });
  [alice] = (await createFixtureCohort(h.pool, 1)).people as [FixturePerson];
  family = await createTestAccount(h.pool, 'family');
  await giveConsent(h.pool, alice.personId, 'family');
  await grantAccess(h.pool, alice.personId, { accountId: family.id }, ['heart_rate']);
  await h.influx.writePoints([readingToPoint(heartRate(alice.deviceId, '2025-11-30T03:10:00Z', 66), alice.pseudonym)]);
});

afterAll(async () => {
  await h?.close();
});

describe('audit group commit', () => {
  it('writes one row per answered read, with its request id, when 40 reads arrive at once', async () => {
    const ids = Array.from({ length: 40 }, (_, i) => uniqueId(`rp${i}`));
    const answers = await Promise.all(
      ids.map((id, i) =>
        h.app.inject({
          url: i % 2 ? seriesUrl(alice.personId) : `/v1/persons/${alice.personId}/latest`,
          headers: { ...family.headers, 'x-request-id': id },
        }),
      ),
    );
    expect(answers.map((a) => a.statusCode)).toEqual(ids.map(() => 200));
    for (const [i, id] of ids.entries()) {
      const rows = await auditRows(h.pool, { requestId: id });
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ action: i % 2 ? 'read.series' : 'read.latest', person_id: alice.personId });
      expect(rows[0]!.metrics).toEqual(['heart_rate']);
      expect(rows[0]!.actor_account_id).toBe(family.id);
      if (i % 2) {
        const detail = { from: '2025-11-30T00:00:00.000Z', to: '2025-12-01T00:00:00.000Z', every: '1h' };
        expect(rows[0]!.detail).toEqual(detail);
      }
    }
  });

  it('commits concurrent rows in fewer statements, and fails exactly the reads of a failed statement', async () => {
    const sizes: number[] = [];
    const batcher = createAuditBatcher(h.pool, { maxRows: 500, onBatch: (n) => sizes.push(n) });
    const actor = uniqueId('batch');
    const entry = (i: number): AuditEntry => ({
      actor,
      action: 'read.series',
      personId: alice.personId,
      requestId: `${actor}-${i}`,
    });
    await Promise.all(Array.from({ length: 30 }, (_, i) => batcher.write(entry(i))));
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(30);
    expect(sizes.length).toBeLessThan(30);
    const { rows } = await h.pool.query('SELECT count(*)::int AS n FROM audit_log WHERE actor = $1', [actor]);
    expect(rows[0].n).toBe(30);

    // a row PostgreSQL refuses (no such person) fails its whole statement: every read in it must fail
    const first = batcher.write(entry(100)); // goes at once
    const batch = [batcher.write(entry(101)), batcher.write({ ...entry(102), personId: 'not-a-uuid' })];
    await expect(first).resolves.toBeUndefined();
    const settled = await Promise.allSettled(batch);
    expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected']);
    const after = await h.pool.query('SELECT count(*)::int AS n FROM audit_log WHERE actor = $1', [actor]);
    expect(after.rows[0].n).toBe(31);
    await expect(batcher.write(entry(103))).resolves.toBeUndefined();
  });
});

describe('access with the InfluxDB result cache', () => {
  it('refuses a read at once after the grant is revoked, although the answer is cached', async () => {
    const reader = await createTestAccount(h.pool, 'family');
    const id = await grantAccess(h.pool, alice.personId, { accountId: reader.id }, ['heart_rate']);
    for (let i = 0; i < 2; i++) {
      expect((await h.app.inject({ url: seriesUrl(alice.personId), headers: reader.headers })).statusCode).toBe(200);
    }
    await revokeGrant(h.pool, alice.personId, id, null);
    const refused = await h.app.inject({ url: seriesUrl(alice.personId), headers: reader.headers });
    expect([403, 404]).toContain(refused.statusCode);
    expect(
      (await h.app.inject({ url: `/v1/persons/${alice.personId}/latest`, headers: reader.headers })).statusCode,
    ).not.toBe(200);
    // the other family member's grant is untouched
    expect((await h.app.inject({ url: seriesUrl(alice.personId), headers: family.headers })).statusCode).toBe(200);
  });

  it('refuses a revoked API token at once', async () => {
    const reader = await createTestAccount(h.pool, 'family');
    await grantAccess(h.pool, alice.personId, { accountId: reader.id }, ['heart_rate']);
    expect((await h.app.inject({ url: seriesUrl(alice.personId), headers: reader.headers })).statusCode).toBe(200);
    const { rows } = await h.pool.query<{ id: string }>('SELECT id FROM api_tokens WHERE account_id = $1', [reader.id]);
    expect(await revokeApiToken(h.pool, reader.id, rows[0]!.id)).toBe(true);
    expect((await h.app.inject({ url: seriesUrl(alice.personId), headers: reader.headers })).statusCode).toBe(401);
  });
});

describe('credential lookups batched across concurrent requests', () => {
  it('decide every request as it would be decided alone', async () => {
    const [bob] = (await createFixtureCohort(h.pool, 1)).people as [FixturePerson];
    const stranger = await createTestAccount(h.pool, 'family'); // no grant from anyone
    const own = await createTestAccount(h.pool, 'self', { personId: bob.personId });
    const gone = await createTestAccount(h.pool, 'family');
    await grantAccess(h.pool, alice.personId, { accountId: gone.id }, ['heart_rate']);
    const { rows } = await h.pool.query<{ id: string }>('SELECT id FROM api_tokens WHERE account_id = $1', [gone.id]);
    await revokeApiToken(h.pool, gone.id, rows[0]!.id);
    const signIn = async (a: TestAccount) => {
      const res = await h.app.inject({
        method: 'POST',
        url: '/v1/auth/login',
        payload: { email: a.email, password: a.password },
      });
      const c = res.cookies.find((x) => x.name === 'mimamori_session');
      if (!c) throw new Error(`no session cookie: ${res.statusCode}`);
      return { cookie: `mimamori_session=${c.value}` };
    };
    const ended = await signIn(stranger);
    expect((await h.app.inject({ method: 'POST', url: '/v1/auth/logout', headers: ended })).statusCode).toBeLessThan(
      300,
    );
    const callers = [
      family.headers,
      stranger.headers,
      own.headers,
      gone.headers,
      { authorization: 'Bearer mmr_unknown' },
      await signIn(family),
      await signIn(own),
      ended,
    ];
    const urls = [alice, bob].flatMap((p) => [seriesUrl(p.personId), `/v1/persons/${p.personId}/latest`]);
    urls.push('/v1/persons/00000000-0000-4000-8000-000000000000/latest', '/v1/auth/me');
    const cases = callers.flatMap((headers) => urls.map((url) => ({ headers, url })));
    const alone: number[] = [];
    for (const c of cases) alone.push((await h.app.inject(c)).statusCode);
    expect(new Set(alone)).toEqual(new Set([200, 401, 404]));
    const together = await Promise.all([...cases, ...cases, ...cases].map((c) => h.app.inject(c)));
    expect(together.map((r) => r.statusCode)).toEqual([...alone, ...alone, ...alone]);
    const me = await Promise.all(callers.slice(0, 3).map((headers) => h.app.inject({ url: '/v1/auth/me', headers })));
    expect(me.map((r) => r.json().id)).toEqual([family.id, stranger.id, own.id]);

    // the api's own credential pool plans its statements once (generic plans): same decisions
    const credentialPool = createPgPool(h.config.DATABASE_URL, 1, { genericPlans: true });
    try {
      const planned = await h.variant({ credentialPool });
      const viaGeneric = await Promise.all([...cases, ...cases].map((c) => planned.inject(c)));
      expect(viaGeneric.map((r) => r.statusCode)).toEqual([...alone, ...alone]);
      const { rows } = await credentialPool.query<{ name: string; generic_plans: string; custom_plans: string }>(
        `SELECT name, generic_plans, custom_plans FROM pg_prepared_statements WHERE name LIKE 'mimamori.%-owners'`,
      );
      expect(rows.map((r) => r.name).sort()).toEqual(['mimamori.session-owners', 'mimamori.token-owners']);
      for (const r of rows) expect([Number(r.generic_plans) > 0, Number(r.custom_plans)]).toEqual([true, 0]);
    } finally {
      await credentialPool.end();
    }
  });
});

describe('cache invalidation', () => {
  it('answers from the cache until the workers announce new readings of the person', async () => {
    const latest = async () => {
      const res = await h.app.inject({ url: `/v1/persons/${alice.personId}/latest`, headers: family.headers });
      expect(res.statusCode).toBe(200);
      return res.json().metrics.heart_rate.value as number;
    };
    const series = async () => (await h.app.inject({ url: seriesUrl(alice.personId), headers: family.headers })).json();
    expect(await latest()).toBe(66);
    const before = await series();
    // stored without an announcement: the cached answers stand (this is what the cache saves)
    await h.influx.writePoints([
      readingToPoint(heartRate(alice.deviceId, '2025-11-30T05:00:00Z', 90), alice.pseudonym),
    ]);
    expect(await latest()).toBe(66);
    expect(await series()).toEqual(before);

    const publisher = createPersonUpdatePublisher(h.redis, h.config.QUEUE_PREFIX, { everyMs: 0 });
    publisher.notify([alice.pseudonym]);
    let value = 66;
    for (let i = 0; i < 100 && value === 66; i++) {
      await new Promise((r) => setTimeout(r, 50));
      value = await latest();
    }
    publisher.close();
    expect(value).toBe(90);
    const after = await series();
    expect(after.points.map((p: { start: string }) => p.start)).toEqual([
      '2025-11-30T03:00:00.000Z',
      '2025-11-30T05:00:00.000Z',
    ]);
  });
});
