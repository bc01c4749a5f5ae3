import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrolmentAt, loadDeviceEnrolments, verifyDeviceSecret } from '../../core/src/index.js';
import { createTestAccount, type TestAccount } from '../helpers/access-fixtures.js';
import { auditRows, createApiHarness, type ApiHarness } from '../helpers/api-app.js';
import { uniqueId } from '../helpers/env.js';

let h: ApiHarness;
let admin: TestAccount;

beforeAll(async () => {
  h = await createApiHarness();
  admin = await createTestAccount(h.pool, 'admin');
});

afterAll(async () => {
  await h?.close();
});

const post = (url: string, payload: object) => h.app.inject({ method: 'POST', url, headers: admin.headers, payload });

describe('registry management by an admin', () => {
  it('creates a facility, people and a device whose secret is shown once and stored as a Mosquitto hash', async () => {
    const f = await post('/v1/facilities', {
      code: uniqueId('fac-'),
      name: 'みまもり荘',
      municipality: '静岡市',
      prefecture: '静岡県',
    });
    expect(f.statusCode).toBe(201);
    const dup = await post('/v1/facilities', { code: f.json().code, name: 'x', municipality: 'x', prefecture: 'x' });
    expect(dup.statusCode).toBe(409);
    const p = await post('/v1/persons', {
      facilityId: f.json().id,
      familyName: '山田',
      givenName: '花',
      careLevel: 'care_2',
      dailyStepGoal: 2500,
    });
    expect(p.statusCode).toBe(201);
    expect(p.json()).toMatchObject({ displayName: '山田 花', facility: { id: f.json().id }, deviceId: null });
    const deviceId = uniqueId('w-');
    const d = await post('/v1/devices', { id: deviceId, vendor: 'mimamori-sim', model: 'Sim Watch' });
    expect(d.statusCode).toBe(201);
    const { username, secret } = d.json().credentials;
    expect(username).toBe(deviceId);
    const { rows } = await h.pool.query('SELECT credential_hash FROM devices WHERE id = $1', [deviceId]);
    expect(rows[0].credential_hash).toMatch(/^\$7\$/);
    expect(await verifyDeviceSecret(secret, rows[0].credential_hash)).toBe(true);
    const listed = await h.app.inject({ method: 'GET', url: '/v1/devices?limit=500', headers: admin.headers });
    expect(listed.body).not.toContain(secret);
    const rotated = await post(`/v1/devices/${deviceId}/credentials`, {});
    expect(
      await verifyDeviceSecret(
        secret,
        (await h.pool.query('SELECT credential_hash FROM devices WHERE id = $1', [deviceId])).rows[0].credential_hash,
      ),
    ).toBe(false);
    expect(rotated.json().secret).not.toBe(secret);
  });

  it('moves a watch to another resident, keeping the two histories apart by the enrolment periods', async () => {
    const f = (
      await post('/v1/facilities', {
        code: uniqueId('fac-'),
        name: '施設',
        municipality: '静岡市',
        prefecture: '静岡県',
      })
    ).json();
    const person = async (givenName: string) =>
      (await post('/v1/persons', { facilityId: f.id, familyName: '移動', givenName, careLevel: 'care_1' })).json()
        .id as string;
    const [first, second] = [await person('一'), await person('二')];
    const deviceId = uniqueId('w-');
    await post('/v1/devices', { id: deviceId, vendor: 'mimamori-sim', model: 'Sim Watch' });
    expect(
      (await post('/v1/enrolments', { deviceId, personId: first, validFrom: '2025-04-01T00:00:00+09:00' })).statusCode,
    ).toBe(201);
    const overlap = await post('/v1/enrolments', {
      deviceId,
      personId: second,
      validFrom: '2025-09-01T00:00:00+09:00',
    });
    expect(overlap.statusCode).toBe(409);
    const moved = await post('/v1/enrolments', {
      deviceId,
      personId: second,
      validFrom: '2025-09-01T00:00:00+09:00',
      endOpen: true,
    });
    expect(moved.statusCode).toBe(201);
    const device = (await loadDeviceEnrolments(h.pool, [deviceId])).get(deviceId)!;
    expect(enrolmentAt(device, Date.parse('2025-08-31T14:59:59Z'))?.personId).toBe(first);
    expect(enrolmentAt(device, Date.parse('2025-08-31T15:00:00Z'))?.personId).toBe(second);
    const actions = (await auditRows(h.pool, { requestId: moved.headers['x-request-id'] as string })).map((r) => [
      r.action,
      r.person_id,
    ]);
    expect(actions).toEqual([
      ['enrolment.ended', first],
      ['enrolment.created', second],
    ]);
  });

  it('creates an account with a generated password shown once, which signs in', async () => {
    const email = `${uniqueId('new')}@example.test`;
    const res = await post('/v1/accounts', { email, displayName: '新しい 家族', role: 'family' });
    expect(res.statusCode).toBe(201);
    const { initialPassword, account } = res.json();
    expect(initialPassword).toMatch(/^[A-Za-z0-9_-]{20}$/);
    const login = await h.app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      payload: { email, password: initialPassword },
    });
    expect(login.statusCode).toBe(200);
    const rows = await auditRows(h.pool, { requestId: res.headers['x-request-id'] as string });
    expect(rows).toMatchObject([
      { action: 'account.created', actor_account_id: admin.id, subject_account_id: account.id },
    ]);
    expect(JSON.stringify(rows)).not.toContain(initialPassword);
  });

  it('refuses care_staff without a facility and a self account without a person', async () => {
    for (const body of [
      { role: 'care_staff' },
      { role: 'self' },
      { role: 'family', facilityId: '00000000-0000-4000-8000-000000000000' },
    ]) {
      const res = await post('/v1/accounts', { email: `${uniqueId('bad')}@example.test`, displayName: 'x', ...body });
      expect(res.statusCode).toBe(400);
    }
  });
});
