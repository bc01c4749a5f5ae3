import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import type { PersonAccessFacts } from '../../core/src/index.js';
import { registerAccessControl } from '../../api/src/access/enforce.js';
import { decidePerson, decideRoute, seriesScope, type Allowed, type Caller } from '../../api/src/access/policy.js';

const P = '11111111-1111-4111-8111-111111111111';
const FAC = 'fac-a';
const caller = (role: Caller['role'], extra: Partial<Caller> = {}): Caller => ({
  accountId: 'acct',
  role,
  facilityId: role === 'care_staff' ? FAC : null,
  personId: null,
  restricted: false,
  ...extra,
});
const grant = (metrics: string[], extra: Partial<PersonAccessFacts['accountGrants'][number]> = {}) => ({
  id: 'g',
  metrics,
  dataFromMs: null,
  dataToMs: null,
  proxy: false,
  revoked: false,
  ...extra,
});
const facts = (extra: Partial<PersonAccessFacts> = {}): PersonAccessFacts => ({
  personId: P,
  facilityId: FAC,
  pseudonym: 'p-test',
  timeZone: 'Asia/Tokyo',
  erased: false,
  activeConsents: ['care', 'family'],
  accountGrants: [],
  facilityGrants: [],
  ...extra,
});

describe('decidePerson', () => {
  it('lets a person see all of their own data, consent or not', () => {
    const d = decidePerson(caller('self', { personId: P }), facts({ activeConsents: [] }), 'vitals', P);
    expect(d).toMatchObject({ allow: true, via: 'self' });
  });

  it('gives care staff of the facility the granted metrics under care consent, and 403 without it', () => {
    const f = facts({ facilityGrants: [grant(['heart_rate'])] });
    expect(decidePerson(caller('care_staff'), f, 'vitals', P)).toMatchObject({ allow: true, metrics: ['heart_rate'] });
    expect(decidePerson(caller('care_staff'), { ...f, activeConsents: ['family'] }, 'vitals', P)).toMatchObject({
      status: 403,
      code: 'no_consent',
    });
  });

  it('hides people of another facility from care staff (404), even with a grant to that facility', () => {
    const f = facts({ facilityId: 'fac-b', facilityGrants: [grant(['heart_rate'])] });
    expect(decidePerson(caller('care_staff'), f, 'vitals', P)).toMatchObject({
      status: 404,
      message: `no person ${P}`,
    });
  });

  it('answers family 404 for people who never granted them, 403 after a revoked grant', () => {
    expect(decidePerson(caller('family'), facts(), 'profile', P)).toMatchObject({ status: 404 });
    const revoked = facts({ accountGrants: [grant(['heart_rate'], { revoked: true })] });
    expect(decidePerson(caller('family'), revoked, 'profile', P)).toMatchObject({ status: 403, code: 'not_granted' });
  });

  it('never gives programme staff identified data, whatever the grants', () => {
    const f = facts({ accountGrants: [grant(['heart_rate'])], activeConsents: ['care', 'family', 'research'] });
    for (const action of ['profile', 'vitals', 'access_log', 'manage'] as const) {
      expect(decidePerson(caller('program_staff'), f, action, P)).toMatchObject({
        status: 403,
        code: 'identified_data_forbidden',
      });
    }
  });

  it('lets admins manage the registry entry but read vitals only when granted like anyone else', () => {
    expect(decidePerson(caller('admin'), facts(), 'profile', P)).toMatchObject({ allow: true, via: 'registry' });
    expect(decidePerson(caller('admin'), facts(), 'vitals', P)).toMatchObject({ status: 403, code: 'not_granted' });
    const granted = facts({ accountGrants: [grant(['step_count'])] });
    expect(decidePerson(caller('admin'), granted, 'vitals', P)).toMatchObject({ allow: true, metrics: ['step_count'] });
  });

  it('lets a proxy grant holder manage consents, and nobody else below admin', () => {
    expect(
      decidePerson(caller('family'), facts({ accountGrants: [grant(['sleep'], { proxy: true })] }), 'manage', P),
    ).toMatchObject({ allow: true, via: 'proxy' });
    expect(decidePerson(caller('family'), facts({ accountGrants: [grant(['sleep'])] }), 'manage', P)).toMatchObject({
      status: 403,
    });
    expect(
      decidePerson(caller('care_staff'), facts({ facilityGrants: [grant(['sleep'])] }), 'manage', P),
    ).toMatchObject({ status: 403 });
  });

  it('answers 404 for an id nobody has', () => {
    expect(decidePerson(caller('admin'), undefined, 'profile', P)).toMatchObject({ status: 404 });
  });
});

describe('seriesScope', () => {
  const d: Allowed = {
    allow: true,
    via: 'account_grant',
    metrics: ['heart_rate'],
    window: { fromMs: 1000, toMs: 2000 },
  };

  it('clips the range to the shared window', () => {
    expect(seriesScope(d, 'heart_rate', 0, 5000)).toEqual({ allow: true, fromMs: 1000, toMs: 2000 });
    expect(seriesScope(d, 'heart_rate', 1500, 1800)).toEqual({ allow: true, fromMs: 1500, toMs: 1800 });
  });

  it('refuses a metric not shared and a range outside the window', () => {
    expect(seriesScope(d, 'sleep', 0, 5000)).toMatchObject({ status: 403, code: 'metric_not_granted' });
    expect(seriesScope(d, 'heart_rate', 2000, 3000)).toMatchObject({ status: 403, code: 'outside_shared_window' });
  });
});

describe('decideRoute', () => {
  it('keeps admin routes to admins and account routes to accounts', () => {
    expect(decideRoute(caller('care_staff'), 'admin')).toMatchObject({ status: 403 });
    expect(decideRoute(caller('admin'), 'admin')).toMatchObject({ allow: true });
    expect(decideRoute(caller('admin', { accountId: null }), 'account')).toMatchObject({ code: 'no_account' });
  });

  it('lets an account whose role requires two-factor sign-in only set it up', () => {
    const c = caller('admin', { restricted: true });
    expect(decideRoute(c, 'admin')).toMatchObject({ code: 'totp_setup_required' });
    expect(decideRoute(c, { person: 'profile' })).toMatchObject({ code: 'totp_setup_required' });
    expect(decideRoute(c, 'account-setup')).toMatchObject({ allow: true });
  });

  it('opens the pseudonymised cohort to programme staff only', () => {
    expect(decideRoute(caller('program_staff'), 'cohort')).toMatchObject({ allow: true });
    expect(decideRoute(caller('admin'), 'cohort')).toMatchObject({ status: 403 });
    expect(decideRoute(caller('program_staff'), 'persons.list')).toMatchObject({ code: 'identified_data_forbidden' });
  });
});

describe('registerAccessControl', () => {
  it('refuses to start an app with a route that declares no access rule', async () => {
    const app = Fastify();
    void app.register(async (scope) => {
      registerAccessControl(scope, {} as never);
      scope.get('/v1/open', async () => 'oops');
    });
    await expect(app.ready()).rejects.toThrow(/GET \/v1\/open declares no access rule/);
  });
});
