import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgPool } from '../../core/src/index.js';
import { auditRows, closedPort, createApiHarness, type ApiHarness } from '../helpers/api-app.js';
import { uniqueId } from '../helpers/env.js';
import { createFixtureCohort } from '../helpers/registry-fixtures.js';

let h: ApiHarness;
let facilityId: string;
let personIds: string[];

beforeAll(async () => {
  h = await createApiHarness();
  const cohort = await createFixtureCohort(h.pool, 3);
  facilityId = cohort.facilityId;
  personIds = cohort.people.map((p) => p.personId);
  // kana decides the order: 太郎2, 太郎0, 太郎1
  const kana = ['い', 'う', 'あ'];
  for (const [i, id] of personIds.entries()) {
    await h.pool.query(
      `UPDATE persons SET family_name_kana = 'しけん', given_name_kana = $2, daily_step_goal = $3 WHERE id = $1`,
      [id, kana[i], 3000 + i],
    );
  }
});

afterAll(async () => {
  await h?.close();
});

const list = (query: string, headers: Record<string, string> = h.auth) =>
  h.app.inject({ method: 'GET', url: `/v1/persons?${query}`, headers });

describe('GET /v1/persons', () => {
  it('lists the people of a facility with names from the registry, in kana order', async () => {
    const res = await list(`facilityId=${facilityId}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ limit: 50, offset: 0 });
    expect(body.items.map((p: { id: string }) => p.id)).toEqual([personIds[2], personIds[0], personIds[1]]);
    expect(body.items[0]).toEqual({
      id: personIds[2],
      displayName: '試験 太郎2',
      familyName: '試験',
      givenName: '太郎2',
      careLevel: 'care_1',
      facility: { id: facilityId, name: expect.stringMatching(/^テスト施設 /) },
      deviceId: expect.stringMatching(/-d2$/),
      dailyStepGoal: 3002,
    });
  });

  it('pages with limit and offset', async () => {
    const res = await list(`facilityId=${facilityId}&limit=1&offset=1`);
    expect(res.json()).toMatchObject({ limit: 1, offset: 1 });
    expect(res.json().items.map((p: { id: string }) => p.id)).toEqual([personIds[0]]);
  });

  it('writes one read.persons audit row per person shown', async () => {
    const personsAuditId = uniqueId('persons-audit-');
    const res = await list(`facilityId=${facilityId}&limit=2`, { ...h.auth, 'x-request-id': personsAuditId });
    expect(res.statusCode).toBe(200);
    const rows = await auditRows(h.pool, { requestId: personsAuditId });
    const row = (personId: string) => ({
      actor: 'operator',
      action: 'read.persons',
      person_id: personId,
      metrics: null,
      detail: { facilityId, limit: 2, offset: 0 },
      client_address: '127.0.0.1',
      request_id: personsAuditId,
      actor_account_id: null,
      actor_role: 'admin',
      subject_account_id: null,
    });
    expect(rows).toEqual([row(personIds[2]!), row(personIds[0]!)]);
  });

  it('rejects a limit above 500 and a facility id that is not a uuid', async () => {
    const res = await list('limit=501&facilityId=x');
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .error.issues.map((i: { path: string }) => i.path)
        .sort(),
    ).toEqual(['querystring.facilityId', 'querystring.limit']);
  });
});

describe('bearer tokens', () => {
  it('answers 401 with a Bearer challenge when the Authorization header is missing or not Bearer', async () => {
    const attempts: Record<string, string>[] = [
      {},
      { authorization: `Basic ${Buffer.from(`op:${h.token}`).toString('base64')}` },
    ];
    for (const headers of attempts) {
      const res = await list('', headers);
      expect(res.statusCode).toBe(401);
      expect(res.headers['www-authenticate']).toBe('Bearer realm="mimamori"');
      expect(res.json().error).toEqual({
        code: 'unauthorized',
        message: expect.any(String),
        requestId: res.headers['x-request-id'],
      });
    }
  });

  it('answers 401 invalid_token for a wrong token of any length, and for the right one with a suffix', async () => {
    for (const token of ['x'.repeat(48), 'short', `${h.token}x`, h.token.toUpperCase()]) {
      const res = await list('', { authorization: `Bearer ${token}` });
      expect(res.statusCode).toBe(401);
      expect(res.headers['www-authenticate']).toBe('Bearer realm="mimamori", error="invalid_token"');
    }
  });

  it('checks the token before the parameters, so a caller without it learns nothing about them', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/v1/persons/not-a-uuid/series?metric=nope' });
    expect(res.statusCode).toBe(401);
  });

  it('writes no audit row for a refused request', async () => {
    const personsRefusedId = uniqueId('persons-refused-');
    await list('', { authorization: 'Bearer wrong', 'x-request-id': personsRefusedId });
    expect(await auditRows(h.pool, { requestId: personsRefusedId })).toEqual([]);
  });
});

describe('errors and request ids', () => {
  it('answers unknown routes with the uniform 404 body', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/v1/nothing?secret=1', headers: h.auth });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({
      error: { code: 'not_found', message: 'no route GET /v1/nothing', requestId: res.headers['x-request-id'] },
    });
  });

  it('keeps a plain x-request-id and replaces one with unsafe characters by a uuid', async () => {
    const kept = await list('limit=1', { ...h.auth, 'x-request-id': 'gw-1234.abc' });
    expect(kept.headers['x-request-id']).toBe('gw-1234.abc');
    const replaced = await list('limit=1', { ...h.auth, 'x-request-id': 'evil\tid {"x":1}' });
    expect(replaced.headers['x-request-id']).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('marks personal data as not cacheable', async () => {
    const res = await list('limit=1');
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('answers an unexpected failure with 500 internal and no details', async () => {
    const deadPool = createPgPool(`postgres://nobody:secret@127.0.0.1:${await closedPort()}/none`, 1);
    try {
      const app = await h.variant({ pool: deadPool });
      const res = await app.inject({ method: 'GET', url: '/v1/persons', headers: h.auth });
      expect(res.statusCode).toBe(500);
      expect(res.json()).toEqual({
        error: { code: 'internal', message: 'internal error', requestId: res.headers['x-request-id'] },
      });
    } finally {
      await deadPool.end();
    }
  });
});
