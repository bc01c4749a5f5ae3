// Sign-in, language, "my data" for self and family, the contest, and what other roles may not open.
import { generate, generateSecret } from 'otplib';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, createGrant, hashPassword, recordConsent, type Role } from '../../core/src/index.js';
import { checkPage, newSession, signIn } from '../helpers/browser.js';
import { startE2eWorld, type E2eWorld } from '../helpers/e2e-world.js';
import { uniqueId } from '../helpers/env.js';

let world: E2eWorld;
beforeAll(async () => {
  world = await startE2eWorld();
});
afterAll(async () => {
  await world?.close();
});

async function as(role: Role): Promise<Page> {
  const { page } = await newSession(world.browser, world.baseUrl);
  await signIn(page, role);
  return page;
}

async function expectForbidden(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await page.getByTestId('forbidden').waitFor();
  expect(await page.locator('h1').textContent()).toBe('このページは表示できません');
}

const navLinks = (page: Page) => page.locator('nav a').allTextContents();

describe('signing in', () => {
  it('shows the sign-in page in Japanese under the real CSP, switches to English, refuses a wrong password', async () => {
    const { context, page } = await newSession(world.browser, world.baseUrl, { csp: true });
    const violations: string[] = [];
    page.on('console', (m) => m.type() === 'error' && violations.push(m.text()));
    await page.goto('/me');
    await page.waitForURL(/\/login\?next=%2Fme/, { waitUntil: 'commit' });
    expect(await page.locator('html').getAttribute('lang')).toBe('ja');
    expect(await page.locator('h2').textContent()).toBe('ログイン');
    await page.locator('#email').fill('self@demo.mimamori.example');
    await page.locator('#password').fill('not the password');
    await page.locator('form button[type=submit]').click();
    expect(await page.getByRole('alert').textContent()).toContain('パスワードが違います');
    await page.getByRole('button', { name: 'English' }).click();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('h2').textContent()).toBe('Sign in');
    await page.reload();
    expect(await page.locator('h2').textContent()).toBe('Sign in');
    expect(violations.filter((v) => /Content Security Policy/i.test(v))).toEqual([]);
    await context.close();
  });

  it('asks for the one-time code when two-factor sign-in is on, then opens the relative’s data', async () => {
    const secret = generateSecret();
    const email = `${uniqueId('totp')}@example.test`;
    const account = await createAccount(world.pool, {
      email,
      displayName: '二段階 確認',
      role: 'family',
      facilityId: null,
      personId: null,
      passwordHash: await hashPassword('e2e-totp-password-1'),
    });
    await world.pool.query('UPDATE accounts SET totp_secret = $2, totp_enabled_at = now() WHERE id = $1', [
      account.id,
      secret,
    ]);
    const relative = world.pilot.residents[1]!.id;
    const givenAt = new Date('2025-04-01T00:00:00+09:00');
    await recordConsent(world.pool, {
      personId: relative,
      purpose: 'family',
      documentVersion: 'e2e',
      givenBy: 'person',
      givenAt,
      recordedBy: null,
    });
    await createGrant(world.pool, {
      personId: relative,
      granteeAccountId: account.id,
      metrics: ['step_count', 'heart_rate'],
      createdBy: null,
    });
    const { context, page } = await newSession(world.browser, world.baseUrl);
    await page.goto('/login');
    await page.locator('#email').fill(email);
    await page.locator('#password').fill('e2e-totp-password-1');
    await page.locator('form button[type=submit]').click();
    await page.locator('#totp').waitFor();
    expect(await page.locator('h2').textContent()).toBe('確認コード');
    await checkPage(page, 'login-totp');
    await page.locator('#totp').fill(await generate({ secret }));
    await page.locator('form button[type=submit]').click();
    await page.waitForURL('**/me', { waitUntil: 'commit' });
    await page.getByTestId('steps-today').waitFor();
    expect(await page.title()).toContain(world.pilot.residents[1]!.displayName);
    await context.close();
  });

  it('passes the accessibility check (axe-core needs the CSP bypassed to be injected)', async () => {
    const { context, page } = await newSession(world.browser, world.baseUrl);
    await page.goto('/login');
    await page.locator('#email').waitFor();
    await checkPage(page, 'login');
    await context.close();
  });
});

describe('my data (self)', () => {
  it('shows today’s steps against the goal, heart rate, sleep, trends, contest and the access log', async () => {
    const page = await as('self');
    expect(new URL(page.url()).pathname).toBe('/me');
    expect(await navLinks(page)).toEqual(['わたしのデータ', '歩数コンテスト']);
    await page.getByTestId('steps-today').waitFor();
    expect(await page.getByTestId('steps-today').textContent()).toMatch(/^[\d,]+ 歩$/);
    await expect
      .poll(() => page.locator('h2').allTextContents())
      .toEqual([
        '今日の歩数',
        '今日の心拍数',
        '昨夜の睡眠',
        '7日間の歩数',
        '30日間の歩数',
        'コンテストの順位',
        'わたしのデータを見た人',
      ]);
    expect(await page.locator('progress').count()).toBe(1);
    // charts have their numbers as tables for screen readers
    expect(await page.locator('figure .visually-hidden table').count()).toBeGreaterThanOrEqual(3);
    expect(await page.locator('.stages dt').count()).toBeGreaterThan(0);
    await page.locator('.access-log li').first().waitFor();
    await expect.poll(() => page.getByTestId('live-status').getAttribute('data-live')).toBe('on');
    await checkPage(page, 'my-data');
  });

  it('shows the contest leaderboard with the person’s own row marked', async () => {
    const page = await as('self');
    await page.locator('nav a', { hasText: '歩数コンテスト' }).click();
    await page.getByTestId('leaderboard').waitFor();
    expect(await page.locator('[data-testid=leaderboard] tbody tr').count()).toBeGreaterThan(5);
    expect(await page.locator('tr.you').count()).toBe(1);
    await checkPage(page, 'contest');
  });

  it('may not open care-staff, analysis or administration pages', async () => {
    const page = await as('self');
    for (const path of ['/facility/roster', '/facility/alerts', '/analysis', '/admin'])
      await expectForbidden(page, path);
    const status = await page.evaluate(
      (id) => fetch(`/v1/facilities/${id}/roster`).then((r) => r.status),
      world.pilot.facilityId,
    );
    expect(status).toBe(403);
  });
});

describe('my data (family)', () => {
  it('shows the relative who shares with them, and nothing of other residents', async () => {
    const page = await as('family');
    expect(new URL(page.url()).pathname).toBe('/me');
    await page.getByTestId('steps-today').waitFor();
    expect(await page.title()).toContain(world.pilot.residents[0]!.displayName);
    await checkPage(page, 'my-data-family');
    const other = world.pilot.residents[5]!.id;
    await expectForbidden(page, `/facility/residents/${other}`);
    const status = await page.evaluate((id) => fetch(`/v1/persons/${id}/latest`).then((r) => r.status), other);
    expect(status).toBe(404);
  });
});

describe('other roles', () => {
  it('programme staff and admins may not open my data or the roster', async () => {
    for (const role of ['program_staff', 'admin'] as const) {
      const page = await as(role);
      for (const path of ['/me', '/facility/roster']) await expectForbidden(page, path);
      expect(await navLinks(page)).not.toContain('入居者一覧');
    }
  });

  it('signing out ends the session', async () => {
    const page = await as('self');
    await page.getByRole('button', { name: 'ログアウト' }).click();
    await page.waitForURL(/\/login/, { waitUntil: 'commit' });
    await page.goto('/me');
    await page.waitForURL(/\/login/, { waitUntil: 'commit' });
  });
});
