import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dailyPoint, localDayBounds } from '../../workers/src/rollups/daily-rollup.processor.js';
import type { DailySummary } from '../../workers/src/rollups/daily-summary.js';
import { createTestAccount, giveConsent, grantAccess, type TestAccount } from '../helpers/access-fixtures.js';
import { createApiHarness, type ApiHarness } from '../helpers/api-app.js';
import { createFixtureCohort, type FixturePerson } from '../helpers/registry-fixtures.js';

const summary = (steps: number): DailySummary => ({
  steps,
  wearMinutes: 720,
  valid: true,
  coverage: 0.5,
  activeMinutes: 12,
  restingHeartRate: 61.5,
  sleepMinutes: { light: 200, deep: 60, rem: 90, awake: 20 },
  oxygenSaturation: { min: 93, mean: 96.5, max: 99 },
  bodyTemperature: { min: 36.1, mean: 36.4, max: 36.9 },
});

describe('GET /v1/persons/:id/daily', () => {
  let h: ApiHarness;
  let person: FixturePerson;
  let self: TestAccount;
  let family: TestAccount;

  beforeAll(async () => {
    h = await createApiHarness();
    const cohort = await createFixtureCohort(h.pool, 1);
    person = cohort.people[0]!;
    self = await createTestAccount(h.pool, 'self', { personId: person.personId });
    family = await createTestAccount(h.pool, 'family');
    await giveConsent(h.pool, person.personId, 'family');
    await grantAccess(h.pool, person.personId, { accountId: family.id }, ['step_count'], { dataTo: '2026-09-03T15:00:00Z' });
    const points = ['2026-09-01', '2026-09-02', '2026-09-04'].map((date, i) =>
      dailyPoint(person.pseudonym, date, localDayBounds(date, 'Asia/Tokyo').dayStart, summary(1000 + i)),
    );
    await h.influx.writePoints(points);
  });
  afterAll(async () => {
    await h?.close();
  });

  const get = (account: TestAccount, from: string, to: string) =>
    h.app.inject({ method: 'GET', url: `/v1/persons/${person.personId}/daily?from=${from}&to=${to}`, headers: account.headers });

  it('gives the person every field of each local day that has data, and no row for a day without', async () => {
    const res = await get(self, '2026-09-01', '2026-09-04');
    expect(res.statusCode, res.body).toBe(200);
    const { days } = res.json();
    expect(days.map((d: { date: string }) => d.date)).toEqual(['2026-09-01', '2026-09-02', '2026-09-04']);
    expect(days[0]).toEqual({
      date: '2026-09-01',
      steps: 1000,
      activeMinutes: 12,
      wearMinutes: 720,
      coverage: 0.5,
      valid: true,
      restingHeartRate: 61.5,
      sleepMinutes: { total: 350, light: 200, deep: 60, rem: 90, awake: 20 },
      oxygenSaturation: { min: 93, mean: 96.5, max: 99 },
      bodyTemperature: { min: 36.1, mean: 36.4, max: 36.9 },
    });
  });

  it('shows family only the fields of granted metrics and only days inside the grant window', async () => {
    const res = await get(family, '2026-09-01', '2026-09-30');
    expect(res.statusCode, res.body).toBe(200);
    const { days } = res.json();
    expect(days).toEqual([
      { date: '2026-09-01', steps: 1000, activeMinutes: 12 },
      { date: '2026-09-02', steps: 1001, activeMinutes: 12 },
    ]);
    expect(res.body).not.toMatch(/restingHeartRate|oxygen|sleep/);
  });

  it('refuses an inverted or too long range', async () => {
    expect((await get(self, '2026-09-05', '2026-09-01')).statusCode).toBe(400);
    expect((await get(self, '2020-01-01', '2026-01-01')).statusCode).toBe(400);
  });
});
