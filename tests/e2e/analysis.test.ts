// Programme staff's analysis page over the seeded history: periods and rules, results with plots,
// CSV downloads, plain-language form errors, no names anywhere, and no way into administration.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPage, newSession, signIn } from '../helpers/browser.js';
import { startE2eWorld, type E2eWorld } from '../helpers/e2e-world.js';

let world: E2eWorld;
let page: Page;
beforeAll(async () => {
  world = await startE2eWorld();
  ({ page } = await newSession(world.browser, world.baseUrl));
  await signIn(page, 'program_staff');
});
afterAll(async () => {
  await world?.close();
});

const DAY = 86_400_000;
const japanDay = (offset: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(new Date(Date.now() + offset * DAY));

async function setPeriods(p: Page, baseline: [string, string], intervention: [string, string]): Promise<void> {
  await p.locator('#an-baselineFrom').fill(baseline[0]);
  await p.locator('#an-baselineTo').fill(baseline[1]);
  await p.locator('#an-interventionFrom').fill(intervention[0]);
  await p.locator('#an-interventionTo').fill(intervention[1]);
}

async function download(p: Page, testId: string): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([p.waitForEvent('download'), p.getByTestId(testId).click()]);
  return { name: file.suggestedFilename(), text: readFileSync((await file.path())!, 'utf8') };
}

describe('programme analysis', () => {
  it('lands on the analysis page with only its own menu entries', async () => {
    expect(new URL(page.url()).pathname).toBe('/analysis');
    expect(await page.locator('h1').textContent()).toBe('プログラム分析');
    expect(await page.locator('header nav a').allTextContents()).toEqual(['歩数コンテスト', 'プログラム分析']);
  });

  it('explains a wrong period next to the field and does not ask the server', async () => {
    await setPeriods(page, [japanDay(-30), japanDay(-16)], [japanDay(-20), japanDay(-1)]);
    let asked = false;
    const listen = (r: { url(): string }) => (asked ||= r.url().includes('/v1/analysis/effect'));
    page.on('request', listen);
    await page.getByRole('button', { name: '分析する' }).click();
    const field = page.locator('#an-interventionFrom');
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#an-interventionFrom-error').textContent()).toBe('介入期間は基準期間が終わった次の日以降に始めてください。');
    expect(await field.getAttribute('aria-describedby')).toContain('an-interventionFrom-error');
    expect(await page.getByRole('alert').textContent()).toContain('入力に1件の問題があります');
    expect(await page.evaluate('document.activeElement?.id')).toBe('an-interventionFrom');
    page.off('request', listen);
    expect(asked).toBe(false);
  });

  it('runs the effect verification over the seeded history and shows the summary, plots and table', async () => {
    await setPeriods(page, [japanDay(-30), japanDay(-16)], [japanDay(-15), japanDay(-1)]);
    await page.locator('#an-familiarisationDays').fill('3');
    await page.getByRole('button', { name: '分析する' }).click();
    const status = page.locator('p[role=status].an-status');
    await status.filter({ hasText: '分析が終わりました' }).waitFor();
    const [, cohort, included] = (await status.textContent())!.match(/対象 (\d+) 人のうち (\d+) 人/)!.map(Number);
    expect(cohort).toBe(30);
    expect(included).toBeGreaterThanOrEqual(10);
    // the address keeps the question, so the result can be bookmarked
    expect(new URL(page.url()).searchParams.get('baseline')).toBe(`${japanDay(-30)}/${japanDay(-16)}`);
    expect(await page.locator('.an-headline').textContent()).toMatch(/^1日の歩数は平均で [+−±][\d,]+ 歩 変わりました\(95%信頼区間 [+−±][\d,]+ 歩〜[+−±][\d,]+ 歩\)。$/);
    // one line per analysed person, one row per person of the cohort, bars counting everyone analysed
    expect(await page.locator('svg .an-slope').count()).toBe(included);
    expect(await page.locator('#people-table tbody tr').count()).toBe(cohort);
    const counts = await page.locator('#hist-table tbody td.num').allTextContents();
    expect(counts.map(Number).reduce((a, b) => a + b, 0)).toBe(included);
    expect(await page.locator('svg[aria-labelledby=ci-caption] rect.an-point').count()).toBe(2);
    expect(await page.locator('#ci-summary').textContent()).toContain('差の平均');
    // pseudonyms only: no resident's name anywhere on the page
    const html = await page.content();
    for (const r of world.pilot.residents) expect(html).not.toContain(r.displayName);
    await checkPage(page, 'analysis');
  });

  it('downloads the per-person result and the daily data as CSV', async () => {
    const effect = await download(page, 'effect-csv');
    expect(effect.name).toBe('mimamori-effect-steps.csv');
    const rows = effect.text.split(/\r?\n/).filter((l) => l && !l.startsWith('#'));
    expect(rows[0]).toMatch(/^pseudonym,included,exclusions,/);
    expect(rows.length - 1).toBe(30);
    expect(effect.text).toMatch(/^# n_included,\d+/m);
    const daily = await download(page, 'daily-csv');
    expect(daily.name).toBe(`mimamori-daily-${japanDay(-30)}-${japanDay(-1)}.csv`);
    expect(daily.text.split('\r\n')[0]).toMatch(/^pseudonym,date,steps,wear_minutes,valid,/);
    expect(daily.text.split('\r\n').filter(Boolean).length).toBeGreaterThan(100);
    for (const r of world.pilot.residents) expect(effect.text + daily.text).not.toContain(r.displayName);
  });

  it('switches to English with the result kept', async () => {
    await page.getByRole('button', { name: 'English', exact: true }).click();
    expect(await page.locator('h1').textContent()).toBe('Programme analysis');
    expect(await page.locator('.an-headline').textContent()).toMatch(/^Daily steps changed by [+−±][\d,]+ steps on average/);
    await page.getByRole('button', { name: '日本語', exact: true }).click();
    expect(await page.locator('h1').textContent()).toBe('プログラム分析');
  });

  it('cannot open the administration pages', async () => {
    await page.goto('/admin');
    await page.getByTestId('forbidden').waitFor();
    await page.goto('/admin/persons');
    await page.getByTestId('forbidden').waitFor();
    expect(await page.evaluate(() => fetch('/v1/persons?limit=1').then((r) => r.status))).toBe(403);
    expect(await page.locator('header nav a').allTextContents()).not.toContain('管理');
  });
});
