// Care staff: the roster (sortable, live), a resident's charts, alerts with acknowledge and resolve.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPage, newSession, signIn } from '../helpers/browser.js';
import { startE2eWorld, type E2eWorld } from '../helpers/e2e-world.js';
import { buildMessage, createTestPublisher, type TestPublisher } from '../helpers/mqtt-publisher.js';

let world: E2eWorld;
let publisher: TestPublisher;
beforeAll(async () => {
  world = await startE2eWorld({ pipeline: true });
  publisher = await createTestPublisher(world.pipeline!.env.MQTT_URL, 1);
});
afterAll(async () => {
  await publisher?.close();
  await world?.close();
});

async function careStaff(): Promise<Page> {
  const { page } = await newSession(world.browser, world.baseUrl);
  await signIn(page, 'care_staff');
  return page;
}

const stepsCell = (page: Page, personId: string) => page.locator(`tr[data-person="${personId}"] td[data-col=steps]`);
const toNumber = (s: string | null) => Number((s ?? '').replace(/[^\d]/g, '') || 'NaN');

/**
 * A minute of walking just after today's Japan midnight for every resident: the simulated history
 * has residents asleep in the small hours, and today's figures must not depend on when the tests run.
 */
async function stepsTodayForEveryone(): Promise<void> {
  const jstDate = new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10);
  const midnight = Date.parse(`${jstDate}T00:00:00+09:00`);
  const wait = midnight + 70_000 - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  for (const r of world.pilot.residents) {
    await publisher.publishMessage(
      world.pipeline!.topicRoot,
      buildMessage(r.deviceId, [
        {
          metric: 'step_count',
          start: new Date(midnight).toISOString(),
          end: new Date(midnight + 60_000).toISOString(),
          value: 40,
          unit: '{steps}',
        },
      ]),
    );
  }
}

const numbersIn = async (page: Page, selector: string) =>
  (await page.locator(selector).allTextContents()).map(toNumber).filter((n) => !Number.isNaN(n));

describe('facility roster', () => {
  it('lists every resident with today’s figures and sorts by a column', async () => {
    await stepsTodayForEveryone();
    const page = await careStaff();
    expect(new URL(page.url()).pathname).toBe('/facility/roster');
    expect(await page.locator('nav a').allTextContents()).toEqual(['入居者一覧', 'アラート', '歩数コンテスト']);
    await page.getByTestId('roster').waitFor();
    expect(await page.locator('[data-testid=roster] tbody tr').count()).toBe(30);
    // today's daily rollups follow the readings within ROLLUP_DEBOUNCE
    await expect
      .poll(
        async () => {
          await page.reload();
          await page.getByTestId('roster').waitFor();
          return (await numbersIn(page, 'td[data-col=steps]')).length;
        },
        { timeout: 60_000, interval: 1_000 },
      )
      .toBe(30);
    const stepsHeader = page.locator('th', { has: page.getByRole('button', { name: /今日の歩数/ }) });
    await stepsHeader.getByRole('button').click();
    expect(await stepsHeader.getAttribute('aria-sort')).toBe('descending');
    const steps = (await page.locator('td[data-col=steps]').allTextContents())
      .map(toNumber)
      .filter((n) => !Number.isNaN(n));
    expect(steps.length).toBeGreaterThan(20);
    expect(steps).toEqual([...steps].sort((a, b) => b - a));
    await expect.poll(() => page.getByTestId('live-status').getAttribute('data-live')).toBe('on');
    await checkPage(page, 'roster');
  });

  it('updates on its own when the watch sends new readings', async () => {
    const page = await careStaff();
    await expect.poll(() => page.getByTestId('live-status').getAttribute('data-live')).toBe('on');
    const resident = world.pilot.residents[4]!;
    const before = toNumber(await stepsCell(page, resident.id).textContent());
    await page.evaluate(() => ((globalThis as unknown as { noReload: boolean }).noReload = true));
    // 60 steps a minute for 20 minutes: plausible (the workers dead-letter more than 250 a minute)
    const end = Date.now() - 5_000;
    await publisher.publishMessage(
      world.pipeline!.topicRoot,
      buildMessage(resident.deviceId, [
        {
          metric: 'step_count',
          start: new Date(end - 20 * 60_000).toISOString(),
          end: new Date(end).toISOString(),
          value: 1200,
          unit: '{steps}',
        },
      ]),
    );
    await expect
      .poll(async () => toNumber(await stepsCell(page, resident.id).textContent()), { timeout: 60_000, interval: 500 })
      .toBeGreaterThan(Number.isNaN(before) ? 0 : before);
    // no full reload happened
    expect(await page.evaluate(() => (globalThis as unknown as { noReload?: boolean }).noReload)).toBe(true);
  });
});

describe('resident page', () => {
  it('shows heart rate, steps by hour, 30 days with valid days, and sleep', async () => {
    const page = await careStaff();
    const resident = world.pilot.residents[0]!;
    await page.getByTestId('roster').waitFor();
    await page.getByRole('link', { name: resident.displayName }).click();
    await page.waitForURL(`**/facility/residents/${resident.id}`, { waitUntil: 'commit' });
    expect(await page.locator('h1').textContent()).toContain(resident.displayName);
    await expect
      .poll(() => page.locator('h2').allTextContents())
      .toEqual(['心拍数(今日)', '時間ごとの歩数(今日)', '30日間の歩数(● 有効日)', '睡眠(昨夜)']);
    await expect.poll(() => page.locator('.chart canvas').count()).toBe(3);
    // the 30-day table alternative says which days were valid
    const validity = await page
      .locator('figure .visually-hidden table')
      .nth(2)
      .locator('tbody td:last-child')
      .allTextContents();
    expect(validity).toHaveLength(30);
    expect(validity.filter((v) => v === 'はい').length).toBeGreaterThan(20);
    await checkPage(page, 'resident');
  });
});

describe('alerts', () => {
  it('lists open alerts, acknowledges and resolves one', async () => {
    const page = await careStaff();
    await page.locator('nav a', { hasText: 'アラート' }).click();
    await page.getByTestId('alerts').waitFor();
    await checkPage(page, 'alerts');
    const row = page
      .locator('[data-testid=alerts] tbody tr', { has: page.getByRole('button', { name: /^確認/ }) })
      .first();
    const name = await row.locator('th').textContent();
    await row.getByRole('button', { name: /^確認/ }).click();
    const same = page.locator('[data-testid=alerts] tbody tr', { hasText: name! }).first();
    await expect.poll(() => same.locator('.badge').textContent()).toBe('確認済み');
    await same.getByRole('button', { name: /^解決/ }).click();
    await expect.poll(() => page.locator('[data-testid=alerts] tbody tr', { hasText: name! }).count()).toBe(0);
    await page.locator('#alert-filter').selectOption('resolved');
    await expect
      .poll(() => page.locator('[data-testid=alerts] tbody tr', { hasText: name! }).count())
      .toBeGreaterThan(0);
  });

  it('may not open my data, analysis or administration', async () => {
    const page = await careStaff();
    for (const path of ['/me', '/analysis', '/admin']) {
      await page.goto(path);
      await page.getByTestId('forbidden').waitFor();
    }
  });
});
