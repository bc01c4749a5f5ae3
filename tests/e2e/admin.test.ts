// Administration through the forms: facility, resident, watch, enrolment, account, consent and sharing;
// plain-Japanese errors from the client checks and from the server (409) next to the field; what
// an admin may not open.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPage, newSession, signIn } from '../helpers/browser.js';
import { startE2eWorld, type E2eWorld } from '../helpers/e2e-world.js';

let world: E2eWorld;
let page: Page;
const suffix = Date.now().toString(36);
const facility = { code: `e2e-${suffix}`, name: `試験ホーム ${suffix}` };
const person = { family: '試験', given: `花子${suffix}` };
const personName = `${person.family} ${person.given}`;
const deviceId = `e2e-w-${suffix}`;

beforeAll(async () => {
  world = await startE2eWorld();
  ({ page } = await newSession(world.browser, world.baseUrl));
  page.on('dialog', (d) => void d.accept());
  await signIn(page, 'admin');
});
afterAll(async () => {
  await world?.close();
});

const notice = () => page.locator('p[role=status].ad-notice');
const errorOf = (id: string) => page.locator(`#${id}-error`);

async function expectFieldError(id: string, text: string): Promise<void> {
  await errorOf(id).waitFor();
  expect(await errorOf(id).textContent()).toBe(text);
  expect(await page.locator(`#${id}`).getAttribute('aria-invalid')).toBe('true');
  expect(await page.locator(`#${id}`).getAttribute('aria-describedby')).toContain(`${id}-error`);
}

describe('administration', () => {
  it('lands on the administration home with its sections', async () => {
    expect(new URL(page.url()).pathname).toBe('/admin');
    expect(await page.locator('header nav a').allTextContents()).toEqual(['歩数コンテスト', '管理']);
    expect(await page.locator('nav.ad-menu a').allTextContents()).toEqual(['管理のトップ', '施設', '入居者', '時計', '装着期間', 'アカウント']);
    await checkPage(page, 'admin-home');
  });

  it('registers a facility after explaining bad input in plain Japanese, and refuses its code twice', async () => {
    await page.goto('/admin/facilities');
    await page.locator('#fac-new-code').fill('Aoi Home');
    await page.locator('#fac-new-name').fill('');
    await page.getByRole('button', { name: '施設を登録する' }).click();
    await expectFieldError('fac-new-code', '半角の英小文字・数字・ハイフン(-)だけで、2〜40文字にしてください(例: shizuoka-aoi)。');
    await expectFieldError('fac-new-name', '入力してください。');
    expect(await page.locator('form [role=alert]').first().textContent()).toContain('入力内容に問題があります');
    expect(await page.evaluate('document.activeElement?.id')).toBe('fac-new-code');

    await page.locator('#fac-new-code').fill(facility.code);
    await page.locator('#fac-new-name').fill(facility.name);
    await page.getByRole('button', { name: '施設を登録する' }).click();
    await notice().filter({ hasText: `施設「${facility.name}」を登録しました。` }).waitFor();
    await page.locator('table.ad-table th[scope=row]', { hasText: facility.name }).waitFor();

    // the same code again: the server's 409 lands on the code field
    await page.locator('#fac-new-code').fill(facility.code);
    await page.locator('#fac-new-name').fill('もう一つ');
    await page.getByRole('button', { name: '施設を登録する' }).click();
    await expectFieldError('fac-new-code', 'この施設コードはすでに使われています。別のコードにしてください。');
    await checkPage(page, 'admin-facilities');
  });

  it('registers a resident in that facility (a fractional step goal explained first)', async () => {
    await page.goto('/admin/persons');
    await page.locator('#per-new-facilityId').selectOption({ label: facility.name });
    await page.locator('#per-new-familyName').fill(person.family);
    await page.locator('#per-new-givenName').fill(person.given);
    await page.locator('#per-new-careLevel').selectOption('care_2');
    await page.locator('#per-new-dailyStepGoal').fill('2500.5');
    await page.getByRole('button', { name: '入居者を登録する' }).click();
    await expectFieldError('per-new-dailyStepGoal', '小数点のない整数で入力してください。');
    await page.locator('#per-new-dailyStepGoal').fill('2500');
    await page.getByRole('button', { name: '入居者を登録する' }).click();
    await notice().filter({ hasText: `${personName} さんを登録しました。` }).waitFor();
    await page.locator('#per-filter').selectOption({ label: facility.name });
    await page.locator('table.ad-table caption', { hasText: '入居者(1人)' }).waitFor();
    expect(await page.locator('table.ad-table tbody tr').first().textContent()).toContain('要介護2');
    await checkPage(page, 'admin-persons');
  });

  it('registers a watch and shows its password once', async () => {
    await page.goto('/admin/devices');
    await page.locator('#dev-new-id').fill('-bad id');
    await page.locator('#dev-new-vendor').fill('Garmin');
    await page.locator('#dev-new-model').fill('vivosmart 5');
    await page.getByRole('button', { name: '時計を登録する' }).click();
    await expectFieldError('dev-new-id', '半角英数字で始め、英数字と「_」「.」「-」だけで64文字以内にしてください(例: watch-031)。');
    await page.locator('#dev-new-id').fill(deviceId);
    await page.getByRole('button', { name: '時計を登録する' }).click();
    const secret = page.getByTestId('secret');
    await secret.waitFor();
    expect(await secret.locator('h2').textContent()).toBe(`時計 ${deviceId} の接続情報`);
    const values = await secret.locator('code').allTextContents();
    expect(values[0]).toBe(deviceId);
    expect(values[1]!.length).toBeGreaterThanOrEqual(16);
    expect(await page.evaluate('document.activeElement?.id')).toBe('secret-title');
    await checkPage(page, 'admin-devices');
    await secret.getByRole('button', { name: '控えたので閉じる' }).click();
    expect(await secret.count()).toBe(0);
  });

  it('enrols the watch to the resident, explains an overlapping enrolment (409), then ends it', async () => {
    await page.goto('/admin/enrolments');
    const enrol = async () => {
      await page.locator('#enr-new-deviceId').selectOption(deviceId);
      await page.locator('#enr-new-personId').selectOption({ label: `${personName}(${facility.name})` });
      await page.getByRole('button', { name: '装着を登録する' }).click();
    };
    await enrol();
    await notice().filter({ hasText: `時計 ${deviceId} を ${personName} さんに登録しました。` }).waitFor();
    await enrol();
    await expectFieldError('enr-new-validFrom', 'この時計は、この期間に別の方の装着期間と重なっています。「前の装着を終了する」を選ぶか、開始日時を変えてください。');
    await checkPage(page, 'admin-enrolments');
    await page.getByRole('button', { name: `${personName} さんの時計 ${deviceId} の装着を終了` }).click();
    // an hour on (the form proposes now, which can be the very minute the enrolment began)
    const inAnHour = new Date(Date.now() + 9 * 3_600_000 + 3_600_000).toISOString().slice(0, 16);
    await page.locator('#enr-end-validTo').fill(inAnHour);
    await page.locator('form.ad-edit').getByRole('button', { name: '装着を終了' }).click();
    await notice().filter({ hasText: `${personName} さんの時計 ${deviceId} の装着を終了しました。` }).waitFor();
  });

  it('records a consent, shares steps with the facility, revokes the sharing and withdraws the consent', async () => {
    await page.goto('/admin/persons');
    await page.locator('#per-filter').selectOption({ label: facility.name });
    await page.getByRole('link', { name: `${personName} さんの同意と共有` }).click();
    await page.locator('h1', { hasText: `${personName} さんの同意と共有` }).waitFor();
    await page.locator('#con-new-purpose').selectOption('care');
    await page.locator('#con-new-givenBy').selectOption('proxy');
    await page.locator('#con-new-documentVersion').fill('e2e-1');
    await page.getByRole('button', { name: '同意を記録する' }).click();
    await expectFieldError('con-new-proxyName', '代理人の同意では代理人の氏名を入力してください。');
    await page.locator('#con-new-proxyName').fill('試験 太郎');
    await page.locator('#con-new-proxyRelationship').fill('長男');
    await page.getByRole('button', { name: '同意を記録する' }).click();
    await notice().filter({ hasText: '同意を記録しました。' }).waitFor();
    await page.locator('table.ad-table td', { hasText: '代理人 試験 太郎(長男)' }).waitFor();

    await page.locator('#gr-new-granteeType').selectOption('facility');
    await page.locator('#gr-new-facilityId').selectOption({ label: facility.name });
    await page.getByRole('button', { name: '共有を追加する' }).click();
    await notice().filter({ hasText: '共有を追加しました。' }).waitFor();
    await checkPage(page, 'admin-person');
    await page.getByRole('button', { name: `${facility.name} への共有を取り消す` }).click();
    await notice().filter({ hasText: '共有を取り消しました。' }).waitFor();
    await page.locator('table.ad-table .badge', { hasText: '取り消し済み' }).waitFor();
    await page.getByRole('button', { name: '「施設での見守り(介護職員と共有)」の同意を撤回' }).click();
    await notice().filter({ hasText: '同意を撤回しました。' }).waitFor();
    // everything at once (the person asks to stop): a new contest consent goes too, data kept
    await page.locator('#con-new-purpose').selectOption('contest');
    await page.locator('#con-new-documentVersion').fill('e2e-2');
    await page.getByRole('button', { name: '同意を記録する' }).click();
    await notice().filter({ hasText: '同意を記録しました。' }).waitFor();
    await page.getByRole('button', { name: 'すべての同意を撤回する' }).click();
    await notice().filter({ hasText: '同意 1 件を撤回し、共有 0 件を取り消しました。' }).waitFor();
    await expect.poll(() => page.locator('table.ad-table .badge', { hasText: '有効' }).count()).toBe(0);
  });

  it('creates a family account and shows the generated password once', async () => {
    await page.goto('/admin/accounts');
    await page.locator('#acc-new-email').fill(`family-${suffix}@example.jp`);
    await page.locator('#acc-new-displayName').fill(`試験 家族${suffix}`);
    await page.locator('#acc-new-role').selectOption('family');
    await page.getByRole('button', { name: 'アカウントを作成する' }).click();
    const secret = page.getByTestId('secret');
    await secret.waitFor();
    expect((await secret.locator('code').allTextContents())[0]).toBe(`family-${suffix}@example.jp`);
    // the same address again: the 409 lands on the e-mail field
    await page.locator('#acc-new-email').fill(`family-${suffix}@example.jp`);
    await page.locator('#acc-new-displayName').fill('二人目');
    await page.locator('#acc-new-role').selectOption('family');
    await page.getByRole('button', { name: 'アカウントを作成する' }).click();
    await expectFieldError('acc-new-email', 'このメールアドレスのアカウントはすでにあります。');
    await checkPage(page, 'admin-accounts');
  });

  it('cannot open the analysis or anyone’s vitals', async () => {
    const resident = world.pilot.residents[0]!.id;
    await page.goto('/analysis');
    await page.getByTestId('forbidden').waitFor();
    await page.goto(`/facility/residents/${resident}`);
    await page.getByTestId('forbidden').waitFor();
    const statuses = await page.evaluate(async (id) => {
      const s = (u: string) => fetch(u).then((r) => r.status);
      return [await s(`/v1/persons/${id}/latest`), await s('/v1/analysis/effect?baseline=2026-09-01/2026-09-10&intervention=2026-09-11/2026-09-20')];
    }, resident);
    expect(statuses).toEqual([403, 403]);
  });
});
