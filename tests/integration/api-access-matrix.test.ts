// Every role x every person route x every scenario: the status, no leak, and the audit row.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken, createGrant, recordConsent } from '../../core/src/index.js';
import { auditRows, createApiHarness, type ApiHarness } from '../helpers/api-app.js';
import {
  buildAccessWorld,
  CALLER_ROLES,
  leaks,
  OXYGEN_MARK,
  SCENARIOS,
  SHARED_METRICS,
  type AccessWorld,
  type CallerRole,
  type Scenario,
} from '../helpers/access-world.js';
import { uniqueId } from '../helpers/env.js';

type Category = 'vitals' | 'daily' | 'series' | 'profile' | 'access_log' | 'manage';

interface PersonRoute {
  category: Category;
  method: 'GET' | 'POST';
  path: string; // ':id' and ':extra' are filled in
  ok: number;
  body?: () => unknown;
  /** Makes what the call needs (e.g. a consent to withdraw) and returns ':extra'. */
  prepare?: (personId: string) => Promise<string>;
}

let h: ApiHarness;
let w: AccessWorld;

const ROUTES: PersonRoute[] = [
  { category: 'profile', method: 'GET', path: '/v1/persons/:id', ok: 200 },
  { category: 'vitals', method: 'GET', path: '/v1/persons/:id/latest', ok: 200 },
  { category: 'daily', method: 'GET', path: '/v1/persons/:id/daily?from=2025-06-01&to=2025-06-07', ok: 200 },
  {
    category: 'series',
    method: 'GET',
    path: '/v1/persons/:id/series?metric=:metric&from=2025-06-01T00:00:00Z&to=2025-06-02T00:00:00Z&every=1h',
    ok: 200,
  },
  { category: 'access_log', method: 'GET', path: '/v1/persons/:id/access-log', ok: 200 },
  { category: 'manage', method: 'GET', path: '/v1/persons/:id/consents', ok: 200 },
  {
    category: 'manage',
    method: 'POST',
    path: '/v1/persons/:id/consents',
    ok: 201,
    body: () => ({ purpose: 'contest', documentVersion: 'contest-v1' }),
  },
  {
    category: 'manage',
    method: 'POST',
    path: '/v1/persons/:id/consents/:extra/withdraw',
    ok: 200,
    prepare: async (personId) =>
      (
        await recordConsent(h.pool, {
          personId,
          purpose: 'contest',
          documentVersion: 'c',
          givenBy: 'person',
          givenAt: new Date(),
          recordedBy: null,
        })
      ).id,
  },
  { category: 'manage', method: 'GET', path: '/v1/persons/:id/grants', ok: 200 },
  {
    category: 'manage',
    method: 'POST',
    path: '/v1/persons/:id/grants',
    ok: 201,
    body: () => ({ grantee: { accountId: w.bystander.id }, metrics: ['sleep'] }),
  },
  {
    category: 'manage',
    method: 'POST',
    path: '/v1/persons/:id/grants/:extra/revoke',
    ok: 200,
    prepare: async (personId) =>
      (await createGrant(h.pool, { personId, granteeAccountId: w.bystander.id, metrics: ['sleep'], createdBy: null }))
        .grant.id,
  },
  // last: it withdraws every consent, which the routes above depend on (manage rules do not)
  {
    category: 'manage',
    method: 'POST',
    path: '/v1/persons/:id/consents/withdraw-all',
    ok: 200,
    body: () => ({ erase: false }),
  },
];

const OWN: Scenario[] = ['allowed', 'metricNotGranted'];
const KNOWN_TO_SHARERS: Scenario[] = ['allowed', 'noConsent', 'revokedGrant', 'withdrawnConsent', 'metricNotGranted'];

/** The expected status: the policy of DESIGN.md §4 written out as a table. */
function expected(role: CallerRole, sc: Scenario, c: Category): number | 'ok' {
  if (role === 'program_staff') return 403;
  if (role === 'self') return OWN.includes(sc) ? 'ok' : 404;
  if (role === 'admin' || role === 'operator') return c === 'vitals' || c === 'daily' || c === 'series' ? 403 : 'ok';
  if (!KNOWN_TO_SHARERS.includes(sc)) return 404;
  if (c === 'manage' || (c === 'access_log' && role === 'care_staff')) return 403;
  if (sc === 'allowed') return 'ok';
  if (sc === 'metricNotGranted') return c === 'series' ? 403 : 'ok';
  return 403;
}

function headersOf(role: CallerRole): Record<string, string> {
  return role === 'operator' ? h.auth : w.accounts[role].headers;
}

beforeAll(async () => {
  h = await createApiHarness();
  w = await buildAccessWorld(h);
});

afterAll(async () => {
  await h?.close();
});

const cases = ROUTES.flatMap((route) =>
  [...CALLER_ROLES, 'operator' as const].flatMap((role) => SCENARIOS.map((sc) => ({ route, role, sc }))),
);

// before the matrix: its last route withdraws every consent
describe('GET /v1/persons lists only the people the caller may see', () => {
  it.each([
    ['self', ['allowed']],
    ['family', ['allowed']],
    ['care_staff', ['allowed']],
  ] as const)('as %s', async (role, visible) => {
    const res = await h.app.inject({ method: 'GET', url: '/v1/persons?limit=500', headers: headersOf(role) });
    expect(res.statusCode).toBe(200);
    const ids = res.json().items.map((p: { id: string }) => p.id);
    expect(ids.sort()).toEqual(visible.map((sc) => w.persons[sc].personId).sort());
  });

  it('lists everyone in the registry for an admin and refuses programme staff', async () => {
    const admin = await h.app.inject({
      method: 'GET',
      url: `/v1/persons?facilityId=${w.facilityA}`,
      headers: headersOf('admin'),
    });
    expect(admin.json().items).toHaveLength(4);
    const staff = await h.app.inject({ method: 'GET', url: '/v1/persons', headers: headersOf('program_staff') });
    expect(staff.statusCode).toBe(403);
    expect(staff.json().error.code).toBe('identified_data_forbidden');
  });
});

describe('access matrix of the person routes', () => {
  it.each(cases)('$route.method $route.path as $role for $sc', async ({ route, role, sc }) => {
    const person = w.persons[sc];
    const extra = route.prepare ? await route.prepare(person.personId) : randomUUID();
    const metric = sc === 'metricNotGranted' ? 'oxygen_saturation' : 'heart_rate';
    const url = route.path.replace(':id', person.personId).replace(':extra', extra).replace(':metric', metric);
    const requestId = uniqueId('matrix-');
    const res = await h.app.inject({
      method: route.method,
      url,
      headers: { ...headersOf(role), 'x-request-id': requestId },
      ...(route.body ? { payload: route.body() as object } : {}),
    });
    const want = expected(role, sc, route.category);
    const rows = await auditRows(h.pool, { requestId });
    if (want === 'ok') {
      expect(res.statusCode, res.body).toBe(route.ok);
      expect(rows.length).toBeGreaterThanOrEqual(1);
      expect(
        rows.every((r) => r.person_id === person.personId && r.actor_role === (role === 'operator' ? 'admin' : role)),
      ).toBe(true);
      if (route.category === 'vitals' && (role === 'family' || role === 'care_staff')) {
        expect(Object.keys(res.json().metrics).sort()).toEqual([...SHARED_METRICS].sort());
        expect(res.body).not.toContain(String(OXYGEN_MARK(0)));
      }
    } else {
      expect(res.statusCode, res.body).toBe(want);
      expect(Object.keys(res.json())).toEqual(['error']);
      expect(leaks(res.body, w)).toEqual([]);
      expect(rows).toEqual([]);
    }
  });
});

describe('a person id nobody has', () => {
  it.each([...CALLER_ROLES, 'operator' as const])(
    'answers %s with 404 (programme staff: 403) and no audit row',
    async (role) => {
      const requestId = uniqueId('nobody-');
      const res = await h.app.inject({
        method: 'GET',
        url: `/v1/persons/${randomUUID()}/latest`,
        headers: { ...headersOf(role), 'x-request-id': requestId },
      });
      expect(res.statusCode).toBe(role === 'program_staff' ? 403 : 404);
      expect(await auditRows(h.pool, { requestId })).toEqual([]);
    },
  );
});

describe('tokens', () => {
  it('stops a revoked API token on its next request', async () => {
    const { token, info } = await createApiToken(h.pool, w.accounts.family.id, 'revoke-me', null);
    const headers = { authorization: `Bearer ${token}` };
    expect((await h.app.inject({ method: 'GET', url: '/v1/auth/me', headers })).statusCode).toBe(200);
    const del = await h.app.inject({ method: 'DELETE', url: `/v1/auth/tokens/${info.id}`, headers });
    expect(del.statusCode).toBe(204);
    expect((await h.app.inject({ method: 'GET', url: '/v1/auth/me', headers })).statusCode).toBe(401);
  });
});
