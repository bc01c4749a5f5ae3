// Browser-test helpers: Debian's chromium through playwright-core, sign-in, axe-core check, screenshots.
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { Role } from '../../core/src/index.js';
import { E2E_ACCOUNTS } from './e2e-env.js';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];
export const SCREENSHOT_DIR = 'docs/screenshots';
export const VIEWPORTS = [
  { width: 390, height: 844 },
  { width: 1280, height: 800 },
] as const;

const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ARGS });
}

/**
 * A fresh context (own cookies) at the phone size. bypassCSP lets axe-core be injected; one test
 * checks the app under the real CSP with `csp: true`.
 */
export async function newSession(
  browser: Browser,
  baseUrl: string,
  o: { csp?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    bypassCSP: !o.csp,
    viewport: { ...VIEWPORTS[0] },
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
  });
  context.setDefaultTimeout(20_000);
  return { context, page: await context.newPage() };
}

/** Signs in through the login form and waits for the role's home page. */
export async function signIn(page: Page, role: Role): Promise<void> {
  const account = E2E_ACCOUNTS[role];
  await page.goto('/login');
  await page.locator('#email').fill(account.email);
  await page.locator('#password').fill(account.password);
  await page.locator('form button[type=submit]').click();
  // history navigation: no load event
  await page.waitForURL((url) => !url.pathname.startsWith('/login'), { waitUntil: 'commit' });
  await page.locator('main h1').first().waitFor();
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core on the page; fails listing every serious or critical violation. */
export async function expectNoSeriousA11yViolations(page: Page, what: string): Promise<void> {
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.addScriptTag({ path: AXE_PATH });
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (o: unknown) => Promise<{ violations: AxeViolation[] }> } })
      .axe;
    const result = await axe.run({ resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }));
  });
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (bad.length) {
    const list = bad.map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} at ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 5)
          .join(', ')}`,
    );
    throw new Error(`axe-core found ${bad.length} serious/critical violation(s) on ${what}:\n${list.join('\n')}`);
  }
}

/** Saves <name>-390x844.png and <name>-1280x800.png (full page) into docs/screenshots, back at the phone size. */
export async function screenshotPage(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  for (const v of [...VIEWPORTS].reverse()) {
    await page.setViewportSize(v);
    // charts resize on the next frame
    await page.evaluate(() => {
      const raf = (globalThis as unknown as { requestAnimationFrame: (f: () => void) => void }).requestAnimationFrame;
      return new Promise<void>((resolve) => raf(() => raf(resolve)));
    });
    await page.screenshot({
      path: join(SCREENSHOT_DIR, `${name}-${v.width}x${v.height}.png`),
      fullPage: true,
      animations: 'disabled',
    });
  }
}

/** Axe check at both sizes and screenshots: what every page test does once its content is shown. */
export async function checkPage(page: Page, name: string): Promise<void> {
  await screenshotPage(page, name);
  for (const v of VIEWPORTS) {
    await page.setViewportSize(v);
    await expectNoSeriousA11yViolations(page, `${name} at ${v.width}x${v.height}`);
  }
  await page.setViewportSize({ ...VIEWPORTS[0] });
}
