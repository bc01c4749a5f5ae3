import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listResearchCohort, readingToPoint, ReadingSchema } from '../../core/src/index.js';
import { createTestAccount, giveConsent, grantAccess } from '../helpers/access-fixtures.js';
import { auditRows, createApiHarness, type ApiHarness } from '../helpers/api-app.js';
import { createFixtureCohort, type FixturePerson } from '../helpers/registry-fixtures.js';

let h: ApiHarness;
let facilityId: string;

beforeAll(async () => {
  h = await createApiHarness();
  facilityId = (await createFixtureCohort(h.pool, 1)).facilityId;
});

afterAll(async () => {
  await h?.close();
});

const source = { vendor: 'mimamori-sim', format: 'canonical' as const };
const hr = (p: FixturePerson, start: string, value: number) =>
  readingToPoint(
    ReadingSchema.parse({ metric: 'heart_rate', deviceId: p.deviceId, start, value, unit: '/min', source }),
    p.pseudonym,
  );

/** A person of the test facility with their own account, care and family consent. */
async function resident() {
  const { people } = await createFixtureCohort(h.pool, 1, { facilityId });
  const person = people[0]!;
  const self = await createTestAccount(h.pool, 'self', { personId: person.personId, displayName: '本人' });
  await giveConsent(h.pool, person.personId, 'care', 'family');
  await h.influx.writePoints([hr(person, '2025-07-01T01:00:00Z', 70), hr(person, '2025-07-03T01:00:00Z', 90)]);
  return { person, self };
}

const call = (method: 'GET' | 'POST', url: string, headers: Record<string, string>, payload?: object) =>
  h.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });

describe('withdrawal and revocation take effect on the next request', () => {
  it('stops care staff after the person withdraws care consent', async () => {
    const { person, self } = await resident();
    const staff = await createTestAccount(h.pool, 'care_staff', { facilityId, displayName: '介護 花子' });
    await grantAccess(h.pool, person.personId, { facilityId }, ['heart_rate']);
    const url = `/v1/persons/${person.personId}/latest`;
    expect((await call('GET', url, staff.headers)).statusCode).toBe(200);
    const consents = (await call('GET', `/v1/persons/${person.personId}/consents`, self.headers)).json().items;
    const care = consents.find((c: { purpose: string }) => c.purpose === 'care');
    const w = await call('POST', `/v1/persons/${person.personId}/consents/${care.id}/withdraw`, self.headers);
    expect(w.statusCode).toBe(200);
    const after = await call('GET', url, staff.headers);
    expect(after.statusCode).toBe(403);
    expect(after.json().error.code).toBe('no_consent');
    expect(
      await auditRows(h.pool, { requestId: w.headers['x-request-id'] as string, action: 'consent.withdrawn' }),
    ).toHaveLength(1);
  });

  it('stops a family member after the person revokes their grant', async () => {
    const { person, self } = await resident();
    const family = await createTestAccount(h.pool, 'family');
    const g = await call('POST', `/v1/persons/${person.personId}/grants`, self.headers, {
      grantee: { accountId: family.id },
      metrics: ['heart_rate'],
    });
    expect(g.statusCode).toBe(201);
    expect((await call('GET', `/v1/persons/${person.personId}/latest`, family.headers)).statusCode).toBe(200);
    const r = await call('POST', `/v1/persons/${person.personId}/grants/${g.json().id}/revoke`, self.headers);
    expect(r.statusCode).toBe(200);
    expect((await call('GET', `/v1/persons/${person.personId}/latest`, family.headers)).json().error.code).toBe(
      'not_granted',
    );
  });
});

describe('a grant with a time window', () => {
  it('clips series ranges to it, gives the latest reading inside it, and refuses ranges outside it', async () => {
    const { person } = await resident();
    const family = await createTestAccount(h.pool, 'family');
    await grantAccess(h.pool, person.personId, { accountId: family.id }, ['heart_rate'], {
      dataFrom: '2025-07-01T00:00:00Z',
      dataTo: '2025-07-02T00:00:00Z',
    });
    const base = `/v1/persons/${person.personId}`;
    const series = await call(
      'GET',
      `${base}/series?metric=heart_rate&from=2025-06-01T00:00:00Z&to=2025-08-01T00:00:00Z&every=1d`,
      family.headers,
    );
    expect(series.statusCode).toBe(200);
    expect(series.json()).toMatchObject({ from: '2025-07-01T00:00:00.000Z', to: '2025-07-02T00:00:00.000Z' });
    expect(series.json().points.map((p: { max: number }) => p.max)).toEqual([70]);
    const latest = await call('GET', `${base}/latest`, family.headers);
    expect(latest.json().metrics).toEqual({ heart_rate: expect.objectContaining({ value: 70 }) });
    const outside = await call(
      'GET',
      `${base}/series?metric=heart_rate&from=2025-07-03T00:00:00Z&to=2025-07-04T00:00:00Z`,
      family.headers,
    );
    expect(outside.statusCode).toBe(403);
    expect(outside.json().error.code).toBe('outside_shared_window');
  });
});

describe('consents', () => {
  it('records who consented and who recorded it, replacing the active consent of the same purpose', async () => {
    const { person } = await resident();
    const url = `/v1/persons/${person.personId}/consents`;
    const noProxyName = await call('POST', url, h.auth, {
      purpose: 'research',
      documentVersion: '2026-04',
      givenBy: 'proxy',
    });
    expect(noProxyName.statusCode).toBe(400);
    const first = await call('POST', url, h.auth, {
      purpose: 'research',
      documentVersion: '2026-04',
      givenBy: 'proxy',
      proxyName: '長男 一郎',
      proxyRelationship: 'son',
    });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ givenBy: 'proxy', proxyName: '長男 一郎', recordedBy: null, active: true });
    await call('POST', url, h.auth, { purpose: 'research', documentVersion: '2026-10' });
    const list = (await call('GET', url, h.auth))
      .json()
      .items.filter((c: { purpose: string }) => c.purpose === 'research');
    expect(list.map((c: { documentVersion: string; active: boolean }) => [c.documentVersion, c.active])).toEqual([
      ['2026-10', true],
      ['2026-04', false],
    ]);
    expect(list[1].supersededAt).not.toBeNull();
  });

  it('lets a proxy family member manage consents and grants, but not a family member without proxy', async () => {
    const { person } = await resident();
    const proxy = await createTestAccount(h.pool, 'family');
    const plain = await createTestAccount(h.pool, 'family');
    await grantAccess(h.pool, person.personId, { accountId: proxy.id }, ['heart_rate'], { proxy: true });
    await grantAccess(h.pool, person.personId, { accountId: plain.id }, ['heart_rate']);
    const body = { purpose: 'contest', documentVersion: 'c1', givenBy: 'proxy', proxyName: '代理人' };
    expect((await call('POST', `/v1/persons/${person.personId}/consents`, proxy.headers, body)).statusCode).toBe(201);
    const refused = await call('POST', `/v1/persons/${person.personId}/consents`, plain.headers, body);
    expect(refused.statusCode).toBe(403);
  });

  it('refuses grants to care or programme staff accounts, to the person’s own account and to oneself', async () => {
    const { person, self } = await resident();
    const staff = await createTestAccount(h.pool, 'care_staff', { facilityId });
    const programme = await createTestAccount(h.pool, 'program_staff');
    const admin = await createTestAccount(h.pool, 'admin');
    const url = `/v1/persons/${person.personId}/grants`;
    for (const [who, grantee] of [
      [h.auth, staff.id],
      [h.auth, programme.id],
      [h.auth, self.id],
      [admin.headers, admin.id],
    ] as const) {
      const res = await call('POST', url, who, { grantee: { accountId: grantee }, metrics: ['heart_rate'] });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('invalid_grantee');
    }
  });
});

describe('the research cohort', () => {
  it('holds the pseudonyms of people with an active research consent, and no one after withdrawal', async () => {
    const { person, self } = await resident();
    const r = await call('POST', `/v1/persons/${person.personId}/consents`, self.headers, {
      purpose: 'research',
      documentVersion: 'r1',
    });
    const pseudonyms = async () => (await listResearchCohort(h.pool)).map((c) => c.pseudonym);
    expect(await pseudonyms()).toContain(person.pseudonym);
    await call('POST', `/v1/persons/${person.personId}/consents/${r.json().id}/withdraw`, self.headers);
    expect(await pseudonyms()).not.toContain(person.pseudonym);
  });
});

describe('GET /v1/persons/:id/access-log', () => {
  it('shows the person and their family who read the data, by staff name and role, without addresses', async () => {
    const { person, self } = await resident();
    const staff = await createTestAccount(h.pool, 'care_staff', { facilityId, displayName: '介護 太郎' });
    const family = await createTestAccount(h.pool, 'family');
    await grantAccess(h.pool, person.personId, { facilityId }, ['heart_rate']);
    await grantAccess(h.pool, person.personId, { accountId: family.id }, ['heart_rate']);
    await call('GET', `/v1/persons/${person.personId}/latest`, staff.headers);
    for (const viewer of [self, family]) {
      const res = await call('GET', `/v1/persons/${person.personId}/access-log`, viewer.headers);
      expect(res.statusCode).toBe(200);
      const read = res.json().items.find((i: { action: string }) => i.action === 'read.latest');
      expect(read).toMatchObject({ actor: { displayName: '介護 太郎', role: 'care_staff' }, metrics: ['heart_rate'] });
      expect(res.body).not.toContain('127.0.0.1');
    }
    const staffView = await call('GET', `/v1/persons/${person.personId}/access-log`, staff.headers);
    expect(staffView.statusCode).toBe(403);
    expect(await auditRows(h.pool, { personId: person.personId, action: 'read.access_log' })).toHaveLength(2);
  });
});
