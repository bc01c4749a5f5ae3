// Programme staff's cohort analysis through the api: who is in it, what comes out, the audit row,
// and that no other caller gets anything.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withdrawConsent, type Role } from '../../core/src/index.js';
import { run, withdrawPurpose, writeDaily } from '../helpers/analysis-fixtures.js';
import { createTestAccount, giveConsent, type TestAccount } from '../helpers/access-fixtures.js';
import { auditRows, createApiHarness, type ApiHarness } from '../helpers/api-app.js';
import { uniqueId } from '../helpers/env.js';
import { createFixtureCohort, type FixturePerson } from '../helpers/registry-fixtures.js';
import { ANALYSIS_ROUTES, CALLERS, type Caller } from '../helpers/role-routes.js';

let h: ApiHarness;
let accounts: Record<Role, TestAccount>;
let a: FixturePerson, b: FixturePerson, short: FixturePerson, noConsent: FixturePerson;
let researchA: string | undefined;

const EFFECT =
  '/v1/analysis/effect?baseline=2026-09-01/2026-09-10&intervention=2026-09-11/2026-09-20&familiarisation_days=3';
const DAILY = '/v1/analysis/daily.csv?from=2026-09-01&to=2026-09-20';
const staff = () => accounts.program_staff.headers;

beforeAll(async () => {
  h = await createApiHarness();
  const cohort = await createFixtureCohort(h.pool, 4);
  [a, b, short, noConsent] = cohort.people as [FixturePerson, FixturePerson, FixturePerson, FixturePerson];
  [researchA] = await giveConsent(h.pool, a.personId, 'research', 'care');
  await giveConsent(h.pool, b.personId, 'research');
  await giveConsent(h.pool, short.personId, 'research');
  await giveConsent(h.pool, noConsent.personId, 'care', 'contest');
  accounts = {
    self: await createTestAccount(h.pool, 'self', { personId: a.personId }),
    family: await createTestAccount(h.pool, 'family'),
    care_staff: await createTestAccount(h.pool, 'care_staff', { facilityId: cohort.facilityId }),
    program_staff: await createTestAccount(h.pool, 'program_staff'),
    admin: await createTestAccount(h.pool, 'admin'),
  };
  // familiarisation days (09-01..03) far off, then 7 valid baseline days and 10 intervention days
  await writeDaily(h.influx, a.pseudonym, [
    ...run('2026-09-01', 3, 9000),
    ...run('2026-09-04', 7, 2000),
    ...run('2026-09-11', 9, 2500),
    { date: '2026-09-20', steps: 40, valid: false },
  ]);
  await writeDaily(h.influx, b.pseudonym, [...run('2026-09-04', 7, 1000), ...run('2026-09-11', 10, 1300)]);
  await writeDaily(h.influx, short.pseudonym, [
    ...run('2026-09-04', 2, 3000),
    ...run('2026-09-06', 5, 3000, false),
    ...run('2026-09-11', 10, 3100),
  ]);
  await writeDaily(h.influx, noConsent.pseudonym, run('2026-09-01', 20, 4444));
});

afterAll(async () => {
  // the test registry is shared across runs: later cohorts should not grow with these people
  if (a)
    await withdrawPurpose(
      h.pool,
      [a, b, short].map((p) => p.personId),
      'research',
    );
  await h?.close();
});

describe('effect verification for programme staff', () => {
  it('compares baseline and intervention per pseudonym, lists exclusions and writes one audit row', async () => {
    const requestId = uniqueId('eff-');
    const res = await h.app.inject({ method: 'GET', url: EFFECT, headers: { ...staff(), 'x-request-id': requestId } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const body = res.json();
    const mine = (p: FixturePerson) => body.people.find((x: { pseudonym: string }) => x.pseudonym === p.pseudonym);
    expect(mine(a)).toMatchObject({
      included: true,
      difference: 500,
      baseline: { days: 7, validDays: 7, mean: 2000 },
      intervention: { days: 10, validDays: 9, mean: 2500 },
    });
    expect(mine(b)).toMatchObject({ included: true, difference: 300 });
    expect(mine(short)).toMatchObject({ included: false, exclusions: ['baseline_too_few_valid_days'] });
    expect(mine(noConsent)).toBeUndefined();
    expect(res.body).not.toContain(noConsent.pseudonym);
    expect(res.body).not.toContain(a.personId);
    expect(res.body).not.toContain('試験');
    // the shared test registry may hold other people with research consent: they have no data here
    expect(body.n.included).toBe(2);
    expect(body.n.excluded).toBe(body.n.cohort - 2);
    expect(body.exclusions.no_data).toBe(body.n.cohort - 3);
    expect(body.rules).toMatchObject({
      analysedBaseline: { from: '2026-09-04', to: '2026-09-10' },
      familiarisationDays: 3,
      minValidDays: 4,
    });
    expect(body.difference).toMatchObject({ n: 2, mean: 400, pairedT: { df: 1 }, wilcoxon: { method: 'exact', v: 3 } });
    expect(body.difference.sd).toBeCloseTo(141.42, 2);
    expect(body.difference.ci95[0]).toBeLessThan(400);
    expect(body.adherence.included).toEqual({ validDays: 33, possibleDays: 34, percent: (100 * 33) / 34 });

    const rows = await auditRows(h.pool, { requestId });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'read.cohort', person_id: null, actor_role: 'program_staff' });
    expect(rows[0]!.detail).toMatchObject({ what: 'effect', people: body.n.cohort, outcome: 'steps' });
  });

  it('answers the same as CSV, by Accept or by format=csv', async () => {
    for (const req of [
      { url: EFFECT, headers: { ...staff(), accept: 'text/csv' } },
      { url: `${EFFECT}&format=csv`, headers: staff() },
    ]) {
      const res = await h.app.inject({ method: 'GET', ...req });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      const lines = res.body.split('\r\n');
      expect(lines).toContain('# n_included,2');
      expect(lines).toContain('# mean_difference,400');
      expect(lines).toContain(
        'pseudonym,included,exclusions,baseline_valid_days,baseline_days,baseline_mean,intervention_valid_days,intervention_days,intervention_mean,difference',
      );
      expect(lines).toContain(`${a.pseudonym},true,,7,7,2000,9,10,2500,500`);
      expect(lines).toContain(`${short.pseudonym},false,baseline_too_few_valid_days,2,7,3000,10,10,3100,`);
    }
  });

  it('analyses a secondary outcome and follows a withdrawal from the next request', async () => {
    const rhr = await h.app.inject({ method: 'GET', url: `${EFFECT}&outcome=resting_heart_rate`, headers: staff() });
    expect(rhr.json().n.included).toBe(0);
    await withdrawConsent(h.pool, a.personId, researchA!, null);
    const res = await h.app.inject({ method: 'GET', url: EFFECT, headers: staff() });
    expect(res.body).not.toContain(a.pseudonym);
    expect(res.json().n.included).toBe(1);
    await giveConsent(h.pool, a.personId, 'research');
  });

  it.each([
    ['baseline=2026-09-10/2026-09-01&intervention=2026-09-11/2026-09-20', 'querystring.baseline'],
    ['baseline=2026-09-01/2026-09-12&intervention=2026-09-11/2026-09-20', 'querystring.intervention'],
    [
      'baseline=2026-09-01/2026-09-03&intervention=2026-09-11/2026-09-20&familiarisation_days=3',
      'querystring.familiarisation_days',
    ],
    ['baseline=2026-09-01/2026-09-10', 'querystring.intervention'],
  ])('refuses %s', async (query, path) => {
    const res = await h.app.inject({ method: 'GET', url: `/v1/analysis/effect?${query}`, headers: staff() });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.issues.map((i: { path: string }) => i.path)).toContain(path);
  });
});

describe('pseudonymised daily export', () => {
  it('gives one CSV row per person and local date of the research cohort only', async () => {
    const requestId = uniqueId('csv-');
    const res = await h.app.inject({ method: 'GET', url: DAILY, headers: { ...staff(), 'x-request-id': requestId } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="mimamori-daily-2026-09-01-2026-09-20.csv"');
    const lines = res.body.trimEnd().split('\r\n');
    expect(lines[0]).toMatch(
      /^pseudonym,date,steps,wear_minutes,valid,coverage,active_minutes,resting_heart_rate,sleep_minutes,/,
    );
    const of = (p: FixturePerson) => lines.filter((l) => l.startsWith(`${p.pseudonym},`));
    expect(of(a)).toHaveLength(20);
    expect(of(b)).toHaveLength(17);
    expect(of(short)).toHaveLength(17);
    expect(of(noConsent)).toHaveLength(0);
    expect(of(a)).toContain(`${a.pseudonym},2026-09-20,40,300,false,0.208,0,,,,,,,,,,,,,`);
    expect(of(b)[0]).toBe(`${b.pseudonym},2026-09-04,1000,720,true,0.5,10,,,,,,,,,,,,,`);
    const rows = await auditRows(h.pool, { requestId });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: 'read.cohort',
      person_id: null,
      detail: { what: 'daily_export', from: '2026-09-01' },
    });
  });
});

describe('only programme staff', () => {
  const headersOf = (c: Caller) => (c === 'operator' ? h.auth : accounts[c].headers);
  const urls: Record<string, string> = { 'GET /v1/analysis/effect': EFFECT, 'GET /v1/analysis/daily.csv': DAILY };
  const cases = ANALYSIS_ROUTES.flatMap((route) => CALLERS.map((caller) => ({ route, caller })));
  it.each(cases)('$route as $caller', async ({ route, caller }) => {
    const requestId = uniqueId('role-');
    const res = await h.app.inject({
      method: 'GET',
      url: urls[route]!,
      headers: { ...headersOf(caller), 'x-request-id': requestId },
    });
    if (caller === 'program_staff') {
      expect(res.statusCode, res.body).toBe(200);
    } else {
      expect(res.statusCode, res.body).toBe(403);
      expect(res.json().error.code).toBe('forbidden');
      expect(await auditRows(h.pool, { requestId })).toEqual([]);
    }
  });
});
