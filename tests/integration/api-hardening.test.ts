// Brute force is throttled (per e-mail, per address, per account); headers, body limits, no stack traces.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgPool } from '../../core/src/index.js';
import { createTestAccount, type TestAccount } from '../helpers/access-fixtures.js';
import { closedPort, createApiHarness, type ApiHarness } from '../helpers/api-app.js';
import { uniqueId } from '../helpers/env.js';

let h: ApiHarness;
let family: TestAccount;
let other: TestAccount;

beforeAll(async () => {
  h = await createApiHarness({
    LOGIN_MAX_FAILURES: '3',
    LOGIN_LOCK: '10m',
    LOGIN_RATE_LIMIT: '4',
    AUTH_FAILURE_LIMIT: '5',
    API_RATE_LIMIT: '8',
  });
  family = await createTestAccount(h.pool, 'family', { password: 'family password 1' });
  other = await createTestAccount(h.pool, 'family');
});

afterAll(async () => {
  await h?.close();
});

const login = (email: string, password: string, remoteAddress: string) =>
  h.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email, password }, remoteAddress });

describe('password brute force', () => {
  it('locks an e-mail address after repeated failures, from any address, until an admin unlocks it', async () => {
    for (let i = 0; i < 3; i++) expect((await login(family.email, 'wrong', `10.1.0.${i}`)).statusCode).toBe(401);
    const locked = await login(family.email, 'family password 1', '10.1.0.9');
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('account_locked');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(500);
    const unlock = await h.app.inject({
      method: 'PATCH',
      url: `/v1/accounts/${family.id}`,
      headers: h.auth,
      payload: { unlock: true },
    });
    expect(unlock.statusCode).toBe(200);
    expect((await login(family.email, 'family password 1', '10.1.0.10')).statusCode).toBe(200);
  });

  it('locks an unknown e-mail address the same way, so a lock-out reveals no account', async () => {
    const ghost = `${uniqueId('ghost')}@example.test`;
    const codes = [];
    for (let i = 0; i < 4; i++) codes.push((await login(ghost, 'wrong', `10.2.0.${i}`)).statusCode);
    expect(codes).toEqual([401, 401, 401, 429]);
  });

  it('limits sign-in attempts per address', async () => {
    const codes = [];
    for (let i = 0; i < 5; i++)
      codes.push((await login(`${uniqueId('x')}@example.test`, 'wrong', '10.3.0.1')).statusCode);
    expect(codes).toEqual([401, 401, 401, 401, 429]);
    expect((await login(`${uniqueId('y')}@example.test`, 'wrong', '10.3.0.2')).statusCode).toBe(401);
  });
});

describe('token brute force', () => {
  it('refuses an address after repeated wrong bearer tokens, even with a right one, but not other addresses', async () => {
    for (let i = 0; i < 5; i++) {
      const res = await h.app.inject({
        method: 'GET',
        url: '/v1/auth/me',
        headers: { authorization: `Bearer mmr_guess${i}` },
        remoteAddress: '10.4.0.1',
      });
      expect(res.statusCode).toBe(401);
    }
    const refused = await h.app.inject({
      method: 'GET',
      url: '/v1/auth/me',
      headers: other.headers,
      remoteAddress: '10.4.0.1',
    });
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('too_many_failures');
    const elsewhere = await h.app.inject({
      method: 'GET',
      url: '/v1/auth/me',
      headers: other.headers,
      remoteAddress: '10.4.0.2',
    });
    expect(elsewhere.statusCode).toBe(200);
  });
});

describe('rate limit per account', () => {
  it('answers 429 with Retry-After once an account used its requests, while another account goes on', async () => {
    const acct = await createTestAccount(h.pool, 'family');
    const codes = [];
    for (let i = 0; i < 9; i++)
      codes.push((await h.app.inject({ method: 'GET', url: '/v1/auth/me', headers: acct.headers })).statusCode);
    expect(codes.slice(0, 8).every((c) => c === 200)).toBe(true);
    expect(codes[8]).toBe(429);
    const next = await h.app.inject({ method: 'GET', url: '/v1/auth/me', headers: acct.headers });
    expect(next.headers['retry-after']).toBeDefined();
    expect(next.json().error.code).toBe('too_many_requests');
    const fresh = await createTestAccount(h.pool, 'family');
    expect((await h.app.inject({ method: 'GET', url: '/v1/auth/me', headers: fresh.headers })).statusCode).toBe(200);
  });
});

describe('response hardening', () => {
  it('sets security headers on every answer', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/healthz' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['strict-transport-security']).toMatch(/max-age=/);
    // refusals and unknown routes too
    for (const [url, status] of [
      ['/v1/persons', 401],
      ['/v1/no-such-route', 404],
    ] as const) {
      const refused = await h.app.inject({ method: 'GET', url, remoteAddress: '10.7.0.1' });
      expect(refused.statusCode).toBe(status);
      expect(refused.headers['x-content-type-options']).toBe('nosniff');
      expect(refused.headers['content-security-policy']).toContain("default-src 'self'");
    }
    // the documentation UI keeps its own policy (its scripts), still without upgrading to HTTPS
    const docs = await h.app.inject({ method: 'GET', url: '/docs/' });
    expect(docs.headers['content-security-policy']).toContain('script-src');
    expect(docs.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    expect(docs.headers['x-frame-options']).toBe('SAMEORIGIN');
  });

  it('refuses a body larger than the limit with 413', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      payload: { email: `${uniqueId('a')}@example.test`, password: 'x'.repeat(8000) },
      remoteAddress: '10.5.0.1',
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('payload_too_large');
  });

  it('never returns a stack trace, even for an unexpected failure', async () => {
    const deadPool = createPgPool(`postgres://nobody:secret@127.0.0.1:${await closedPort()}/none`, 1);
    try {
      const app = await h.variant({ pool: deadPool });
      const res = await app.inject({
        method: 'GET',
        url: '/v1/persons',
        headers: family.headers,
        remoteAddress: '10.6.0.1',
      });
      expect(res.statusCode).toBe(500);
      expect(res.json()).toEqual({
        error: { code: 'internal', message: 'internal error', requestId: res.headers['x-request-id'] },
      });
      expect(res.body).not.toMatch(/\bat \S+ \(|ECONNREFUSED|node_modules/);
    } finally {
      await deadPool.end();
    }
  });
});
