// Every role x every route that is not about one person: admin-only registry and accounts, own-account routes.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken, createDevice, createPerson, type Role } from '../../core/src/index.js';
import { createTestAccount, type TestAccount } from '../helpers/access-fixtures.js';
import { auditRows, createApiHarness, type ApiHarness } from '../helpers/api-app.js';
import { uniqueId } from '../helpers/env.js';
import { createFixtureCohort } from '../helpers/registry-fixtures.js';

type Caller = Role | 'operator';
const CALLERS: Caller[] = ['self', 'family', 'care_staff', 'program_staff', 'admin', 'operator'];

interface RoleRoute {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Placeholders (:facility, :scratchPerson, ...) are filled in per call. */
  path: string;
  body?: () => unknown;
  /** Who succeeds, and with which status; everyone else gets 403. */
  allowed: Caller[];
  ok: number;
  /** The call is a change and must leave an audit row. */
  audited?: boolean;
}

let h: ApiHarness;
let facilityId: string;
let accounts: Record<Role, TestAccount>;
const ADMINS: Caller[] = ['admin', 'operator'];
const ACCOUNTS: Caller[] = ['self', 'family', 'care_staff', 'program_staff', 'admin'];

async function scratchDevice(): Promise<string> {
  const id = uniqueId('dev-');
  await createDevice(h.pool, { id, vendor: 'mimamori-sim', model: 'test', wireFormat: 'canonical' });
  return id;
}

async function scratchPerson(): Promise<string> {
  return createPerson(h.pool, { facilityId, familyName: '試験', givenName: '花子', careLevel: 'care_1' });
}

const ROUTES: RoleRoute[] = [
  { method: 'GET', path: '/v1/facilities', allowed: ADMINS, ok: 200 },
  {
    method: 'POST',
    path: '/v1/facilities',
    body: () => ({ code: uniqueId('f-'), name: '施設', municipality: '静岡市', prefecture: '静岡県' }),
    allowed: ADMINS,
    ok: 201,
    audited: true,
  },
  {
    method: 'PATCH',
    path: '/v1/facilities/:facility',
    body: () => ({ municipality: '静岡市' }),
    allowed: ADMINS,
    ok: 200,
    audited: true,
  },
  {
    method: 'POST',
    path: '/v1/persons',
    body: () => ({ facilityId, familyName: '試験', givenName: '次郎', careLevel: 'support_1' }),
    allowed: ADMINS,
    ok: 201,
    audited: true,
  },
  {
    method: 'PATCH',
    path: '/v1/persons/:scratchPerson',
    body: () => ({ dailyStepGoal: 3000 }),
    allowed: ADMINS,
    ok: 200,
    audited: true,
  },
  { method: 'GET', path: '/v1/devices', allowed: ADMINS, ok: 200 },
  {
    method: 'POST',
    path: '/v1/devices',
    body: () => ({ id: uniqueId('dev-'), vendor: 'mimamori-sim', model: 'test' }),
    allowed: ADMINS,
    ok: 201,
    audited: true,
  },
  {
    method: 'PATCH',
    path: '/v1/devices/:scratchDevice',
    body: () => ({ retired: true }),
    allowed: ADMINS,
    ok: 200,
    audited: true,
  },
  { method: 'POST', path: '/v1/devices/:scratchDevice/credentials', allowed: ADMINS, ok: 200, audited: true },
  { method: 'GET', path: '/v1/enrolments', allowed: ADMINS, ok: 200 },
  { method: 'GET', path: '/v1/accounts', allowed: ADMINS, ok: 200 },
  {
    method: 'POST',
    path: '/v1/accounts',
    body: () => ({ email: `${uniqueId('n')}@example.test`, displayName: '新規', role: 'family' }),
    allowed: ADMINS,
    ok: 201,
    audited: true,
  },
  { method: 'GET', path: '/v1/accounts/:familyAccount', allowed: ADMINS, ok: 200 },
  {
    method: 'PATCH',
    path: '/v1/accounts/:familyAccount',
    body: () => ({ displayName: 'テスト family' }),
    allowed: ADMINS,
    ok: 200,
    audited: true,
  },
  { method: 'GET', path: '/v1/security/roles', allowed: ADMINS, ok: 200 },
  {
    method: 'PUT',
    path: '/v1/security/roles/family',
    body: () => ({ totpRequired: false }),
    allowed: ADMINS,
    ok: 200,
    audited: true,
  },
  { method: 'GET', path: '/v1/auth/me', allowed: ACCOUNTS, ok: 200 },
  { method: 'GET', path: '/v1/auth/tokens', allowed: ACCOUNTS, ok: 200 },
  {
    method: 'POST',
    path: '/v1/auth/tokens',
    body: () => ({ name: 'matrix' }),
    allowed: ACCOUNTS,
    ok: 201,
    audited: true,
  },
  { method: 'POST', path: '/v1/auth/totp/setup', allowed: ACCOUNTS, ok: 200 },
  // past the access check, a wrong password or code is refused by the route itself
  { method: 'POST', path: '/v1/auth/totp/enable', body: () => ({ code: '000000' }), allowed: ACCOUNTS, ok: 400 },
  {
    method: 'POST',
    path: '/v1/auth/totp/disable',
    body: () => ({ password: 'wrong password', code: '000000' }),
    allowed: ACCOUNTS,
    ok: 401,
  },
  {
    method: 'POST',
    path: '/v1/auth/password',
    body: () => ({ currentPassword: 'wrong password', newPassword: 'a new password 1' }),
    allowed: ACCOUNTS,
    ok: 401,
  },
  {
    method: 'POST',
    path: '/v1/auth/login',
    body: () => ({ email: `${uniqueId('nobody')}@example.test`, password: 'wrong' }),
    allowed: CALLERS,
    ok: 401,
  },
  { method: 'POST', path: '/v1/auth/logout', allowed: ACCOUNTS, ok: 204 },
];

/** A device and a person nobody enrolled yet. */
const enrolmentRoutes = async () => {
  const deviceId = await scratchDevice();
  const personId = await scratchPerson();
  return { deviceId, personId };
};

beforeAll(async () => {
  h = await createApiHarness();
  facilityId = (await createFixtureCohort(h.pool, 1)).facilityId;
  const { people } = await createFixtureCohort(h.pool, 1);
  accounts = {
    self: await createTestAccount(h.pool, 'self', { personId: people[0]!.personId }),
    family: await createTestAccount(h.pool, 'family'),
    care_staff: await createTestAccount(h.pool, 'care_staff', { facilityId }),
    program_staff: await createTestAccount(h.pool, 'program_staff'),
    admin: await createTestAccount(h.pool, 'admin'),
  };
});

afterAll(async () => {
  await h?.close();
});

const headersOf = (c: Caller) => (c === 'operator' ? h.auth : accounts[c].headers);
const cases = ROUTES.flatMap((route) => CALLERS.map((caller) => ({ route, caller })));

async function resolvePath(path: string): Promise<string> {
  if (path.includes(':scratchPerson')) path = path.replace(':scratchPerson', await scratchPerson());
  if (path.includes(':scratchDevice')) path = path.replace(':scratchDevice', await scratchDevice());
  return path.replace(':facility', facilityId).replace(':familyAccount', accounts.family.id);
}

describe('role-only routes', () => {
  it.each(cases)('$route.method $route.path as $caller', async ({ route, caller }) => {
    const requestId = uniqueId('roles-');
    const res = await h.app.inject({
      method: route.method,
      url: await resolvePath(route.path),
      headers: { ...headersOf(caller), 'x-request-id': requestId },
      ...(route.body ? { payload: route.body() as object } : {}),
    });
    const rows = await auditRows(h.pool, { requestId });
    if (route.allowed.includes(caller)) {
      expect(res.statusCode, res.body).toBe(route.ok);
      if (route.audited) expect(rows.length).toBeGreaterThanOrEqual(1);
    } else {
      expect(res.statusCode, res.body).toBe(403);
      expect(res.json().error.code).toMatch(/^(forbidden|no_account)$/);
      expect(rows).toEqual([]);
    }
  });

  it.each(CALLERS)('lets only admins enrol and end enrolments (%s)', async (caller) => {
    const { deviceId, personId } = await enrolmentRoutes();
    const created = await h.app.inject({
      method: 'POST',
      url: '/v1/enrolments',
      headers: headersOf(caller),
      payload: { deviceId, personId, validFrom: '2025-01-01T00:00:00Z' },
    });
    const admin = ADMINS.includes(caller);
    expect(created.statusCode).toBe(admin ? 201 : 403);
    const id = admin ? created.json().id : randomUUID();
    const ended = await h.app.inject({
      method: 'POST',
      url: `/v1/enrolments/${id}/end`,
      headers: headersOf(caller),
      payload: { validTo: '2025-02-01T00:00:00Z' },
    });
    expect(ended.statusCode).toBe(admin ? 200 : 403);
  });

  it.each(ACCOUNTS)('lets %s revoke only their own API tokens', async (caller) => {
    const own = await createApiToken(h.pool, accounts[caller as Role].id, 'mine', null);
    const other = await createApiToken(
      h.pool,
      accounts.family.id === accounts[caller as Role].id ? accounts.admin.id : accounts.family.id,
      'theirs',
      null,
    );
    const headers = headersOf(caller);
    expect(
      (await h.app.inject({ method: 'DELETE', url: `/v1/auth/tokens/${other.info.id}`, headers })).statusCode,
    ).toBe(404);
    expect((await h.app.inject({ method: 'DELETE', url: `/v1/auth/tokens/${own.info.id}`, headers })).statusCode).toBe(
      204,
    );
  });
});

/** Routes that api-access-matrix.test.ts runs for every role and scenario. */
const PERSON_ROUTES = [
  'GET /v1/persons',
  'GET /v1/persons/{id}',
  'GET /v1/persons/{id}/latest',
  'GET /v1/persons/{id}/series',
  'GET /v1/persons/{id}/access-log',
  'GET /v1/persons/{id}/consents',
  'POST /v1/persons/{id}/consents',
  'POST /v1/persons/{id}/consents/{consentId}/withdraw',
  'POST /v1/persons/{id}/consents/withdraw-all',
  'GET /v1/persons/{id}/grants',
  'POST /v1/persons/{id}/grants',
  'POST /v1/persons/{id}/grants/{grantId}/revoke',
];

describe('coverage of the matrices', () => {
  it('includes every /v1 route of the OpenAPI document', async () => {
    const doc = (await h.app.inject({ method: 'GET', url: '/docs/json' })).json();
    const all = Object.entries(doc.paths as Record<string, object>)
      .filter(([p]) => p.startsWith('/v1/'))
      .flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
    const toOpenApi = (p: string) => p.replace(/:\w+/g, '{id}');
    const covered = new Set([
      ...PERSON_ROUTES,
      ...ROUTES.map((r) => `${r.method} ${toOpenApi(r.path)}`),
      'POST /v1/enrolments',
      'POST /v1/enrolments/{id}/end',
      'DELETE /v1/auth/tokens/{id}',
      'PUT /v1/security/roles/{role}',
    ]);
    expect(all.filter((r) => !covered.has(r)).sort()).toEqual([]);
  });
});
