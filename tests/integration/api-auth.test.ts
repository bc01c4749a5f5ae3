import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setRoleTotpRequired } from '../../core/src/index.js';
import { createTestAccount, type TestAccount } from '../helpers/access-fixtures.js';
import { auditRows, createApiHarness, type ApiHarness } from '../helpers/api-app.js';
import { uniqueId } from '../helpers/env.js';

let h: ApiHarness;

beforeAll(async () => {
  h = await createApiHarness();
});

afterAll(async () => {
  await h?.close();
});

const login = (body: Record<string, unknown>) => h.app.inject({ method: 'POST', url: '/v1/auth/login', payload: body });
const get = (url: string, headers: Record<string, string>) => h.app.inject({ method: 'GET', url, headers });

function sessionCookie(res: Awaited<ReturnType<typeof login>>): string {
  const c = res.cookies.find((x) => x.name === 'mimamori_session');
  if (!c) throw new Error(`no session cookie in ${JSON.stringify(res.headers['set-cookie'])}`);
  return `mimamori_session=${c.value}`;
}

describe('signing in', () => {
  let acct: TestAccount;
  beforeAll(async () => {
    acct = await createTestAccount(h.pool, 'family', { password: 'correct horse battery' });
  });

  it('sets an httpOnly, SameSite=Strict, signed session cookie that signs the account in', async () => {
    const res = await login({ email: acct.email.toUpperCase(), password: 'correct horse battery' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ account: { id: acct.id, role: 'family' }, totpSetupRequired: false });
    const raw = String(res.headers['set-cookie']);
    expect(raw).toMatch(/HttpOnly/);
    expect(raw).toMatch(/SameSite=Strict/);
    const me = await get('/v1/auth/me', { cookie: sessionCookie(res) });
    expect(me.statusCode).toBe(200);
    expect(me.json().email).toBe(acct.email);
    const rows = await auditRows(h.pool, { action: 'auth.login', requestId: res.headers['x-request-id'] as string });
    expect(rows).toMatchObject([{ actor_account_id: acct.id, actor_role: 'family', subject_account_id: acct.id }]);
  });

  it('marks the cookie Secure when configured for a TLS proxy', async () => {
    const app = await h.variant({ config: { ...h.config, SESSION_COOKIE_SECURE: 'true' } });
    const res = await app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      payload: { email: acct.email, password: 'correct horse battery' },
    });
    expect(String(res.headers['set-cookie'])).toMatch(/; Secure/);
    expect(
      String((await login({ email: acct.email, password: 'correct horse battery' })).headers['set-cookie']),
    ).not.toMatch(/Secure/);
  });

  it('refuses a cookie whose signature was tampered with', async () => {
    const cookie = sessionCookie(await login({ email: acct.email, password: 'correct horse battery' }));
    const tampered = cookie.replace(/\.[^.]+$/, '.AAAA');
    expect((await get('/v1/auth/me', { cookie: tampered })).statusCode).toBe(401);
    const unsigned = cookie.replace(/\.[^.]+$/, '');
    expect((await get('/v1/auth/me', { cookie: unsigned })).statusCode).toBe(401);
  });

  it('ends the session on logout', async () => {
    const cookie = sessionCookie(await login({ email: acct.email, password: 'correct horse battery' }));
    expect((await h.app.inject({ method: 'POST', url: '/v1/auth/logout', headers: { cookie } })).statusCode).toBe(204);
    expect((await get('/v1/auth/me', { cookie })).statusCode).toBe(401);
  });

  it('answers a wrong password and an unknown e-mail alike', async () => {
    const wrong = await login({ email: acct.email, password: 'not the password' });
    const unknown = await login({ email: `${uniqueId('nobody')}@example.test`, password: 'not the password' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('invalid_credentials');
    expect(unknown.json().error.message).toBe(wrong.json().error.message);
  });

  it('stores passwords as argon2id and API tokens only as digests', async () => {
    const { rows } = await h.pool.query('SELECT password_hash FROM accounts WHERE id = $1', [acct.id]);
    expect(rows[0].password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    const t = await h.pool.query('SELECT token_hash::text AS h FROM api_tokens WHERE account_id = $1', [acct.id]);
    expect(t.rows.map((r) => r.h).join()).not.toContain(acct.token);
  });
});

describe('changing a password', () => {
  it('needs the current password, ends other sessions and tokens, and lets the new one sign in', async () => {
    const acct = await createTestAccount(h.pool, 'self', {
      personId: (
        await h.pool.query(
          `SELECT id FROM persons WHERE id NOT IN (SELECT person_id FROM accounts WHERE person_id IS NOT NULL) LIMIT 1`,
        )
      ).rows[0].id,
      password: 'first password 1',
    });
    const cookie = sessionCookie(await login({ email: acct.email, password: 'first password 1' }));
    const wrong = await h.app.inject({
      method: 'POST',
      url: '/v1/auth/password',
      headers: { cookie },
      payload: { currentPassword: 'nope', newPassword: 'second password 2' },
    });
    expect(wrong.statusCode).toBe(401);
    const ok = await h.app.inject({
      method: 'POST',
      url: '/v1/auth/password',
      headers: { cookie },
      payload: { currentPassword: 'first password 1', newPassword: 'second password 2' },
    });
    expect(ok.statusCode).toBe(204);
    expect((await get('/v1/auth/me', { cookie })).statusCode).toBe(200);
    expect((await get('/v1/auth/me', acct.headers)).statusCode).toBe(401);
    expect((await login({ email: acct.email, password: 'first password 1' })).statusCode).toBe(401);
    expect((await login({ email: acct.email, password: 'second password 2' })).statusCode).toBe(200);
  });
});

describe('disabling an account', () => {
  it('stops its tokens and its sign-in at once', async () => {
    const acct = await createTestAccount(h.pool, 'family', { password: 'family password' });
    const res = await h.app.inject({
      method: 'PATCH',
      url: `/v1/accounts/${acct.id}`,
      headers: h.auth,
      payload: { disabled: true },
    });
    expect(res.statusCode).toBe(200);
    expect((await get('/v1/auth/me', acct.headers)).statusCode).toBe(401);
    expect((await login({ email: acct.email, password: 'family password' })).statusCode).toBe(401);
  });
});

describe('two-factor sign-in (TOTP)', () => {
  it('turns on with a code from the app, then requires a fresh code at every sign-in', async () => {
    const acct = await createTestAccount(h.pool, 'care_staff', {
      facilityId: (await h.pool.query('SELECT id FROM facilities LIMIT 1')).rows[0].id,
      password: 'care staff password',
    });
    const setup = await h.app.inject({ method: 'POST', url: '/v1/auth/totp/setup', headers: acct.headers });
    expect(setup.statusCode).toBe(200);
    expect(setup.json().otpauthUri).toMatch(/^otpauth:\/\/totp\/Mimamori:/);
    const secret = setup.json().secret as string;
    const bad = await h.app.inject({
      method: 'POST',
      url: '/v1/auth/totp/enable',
      headers: acct.headers,
      payload: { code: '000000' },
    });
    expect(bad.statusCode).toBe(400);
    const code = await generate({ secret });
    const on = await h.app.inject({
      method: 'POST',
      url: '/v1/auth/totp/enable',
      headers: acct.headers,
      payload: { code },
    });
    expect(on.statusCode).toBe(204);
    const missing = await login({ email: acct.email, password: 'care staff password' });
    expect(missing.statusCode).toBe(401);
    expect(missing.json().error.code).toBe('totp_required');
    const wrong = await login({
      email: acct.email,
      password: 'care staff password',
      totpCode: code === '123456' ? '654321' : '123456',
    });
    expect(wrong.json().error.code).toBe('invalid_totp');
    // the code used to turn it on cannot be replayed
    const replay = await login({ email: acct.email, password: 'care staff password', totpCode: code });
    expect(replay.json().error.code).toBe('invalid_totp');
    expect(
      await auditRows(h.pool, { action: 'account.totp_enabled', requestId: on.headers['x-request-id'] as string }),
    ).toHaveLength(1);
  });

  it('when an admin requires it for a role, lets that role only set it up until it is on', async () => {
    const acct = await createTestAccount(h.pool, 'program_staff');
    const required = await h.app.inject({
      method: 'PUT',
      url: '/v1/security/roles/program_staff',
      headers: h.auth,
      payload: { totpRequired: true },
    });
    expect(required.statusCode).toBe(200);
    try {
      const blocked = await get('/v1/auth/tokens', acct.headers);
      expect(blocked.statusCode).toBe(403);
      expect(blocked.json().error.code).toBe('totp_setup_required');
      expect((await get('/v1/auth/me', acct.headers)).json()).toMatchObject({ totpRequired: true, totpEnabled: false });
      const setup = await h.app.inject({ method: 'POST', url: '/v1/auth/totp/setup', headers: acct.headers });
      const code = await generate({ secret: setup.json().secret });
      await h.app.inject({ method: 'POST', url: '/v1/auth/totp/enable', headers: acct.headers, payload: { code } });
      expect((await get('/v1/auth/tokens', acct.headers)).statusCode).toBe(200);
      const off = await h.app.inject({
        method: 'POST',
        url: '/v1/auth/totp/disable',
        headers: acct.headers,
        payload: { password: acct.password, code },
      });
      expect(off.json().error.code).toBe('totp_required_by_policy');
    } finally {
      await setRoleTotpRequired(h.pool, 'program_staff', false, null);
    }
  });
});
