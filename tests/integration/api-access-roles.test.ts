// Every role x every route that is not about one person: admin-only registry and accounts, own-account routes.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken, createDevice, createPerson, type Role } from '../../core/src/index.js';
import { createTestAccount, type TestAccount } from '../helpers/access-fixtures.js';
import { auditRows, createApiHarness, type ApiHarness } from '../helpers/api-app.js';
import { uniqueId } from '../helpers/env.js';
import { createFixtureCohort } from '../helpers/registry-fixtures.js';
import { ACCOUNTS, ADMINS, CALLERS, ROLE_ROUTES, type Caller } from '../helpers/role-routes.js';

let h: ApiHarness;
let facilityId: string;
let accounts: Record<Role, TestAccount>;

async function scratchDevice(): Promise<string> {
  const id = uniqueId('dev-');
  await createDevice(h.pool, { id, vendor: 'mimamori-sim', model: 'test', wireFormat: 'canonical' });
  return id;
}

async function scratchPerson(): Promise<string> {
  return createPerson(h.pool, { facilityId, familyName: '試験', givenName: '花子', careLevel: 'care_1' });
}

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
const cases = ROLE_ROUTES.flatMap((route) => CALLERS.map((caller) => ({ route, caller })));

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
      ...(route.body ? { payload: route.body({ facilityId }) as object } : {}),
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
