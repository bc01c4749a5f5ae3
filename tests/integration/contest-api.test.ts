// The step contest through the api: opting in under a nickname, who may do it, and the leaderboard.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leaveContest, withdrawConsent, type Role } from '../../core/src/index.js';
import { run, writeDaily } from '../helpers/analysis-fixtures.js';
import { createTestAccount, giveConsent, grantAccess, type TestAccount } from '../helpers/access-fixtures.js';
import { auditRows, createApiHarness, type ApiHarness } from '../helpers/api-app.js';
import { uniqueId } from '../helpers/env.js';
import { createFixtureCohort, type FixturePerson } from '../helpers/registry-fixtures.js';
import { ACCOUNTS, CALLERS, type Caller } from '../helpers/role-routes.js';

let h: ApiHarness;
let facilityId: string;
let accounts: Record<Role, TestAccount>;
let own: FixturePerson; // the self account's person; the family account is their proxy
const created: string[] = [];

const headersOf = (c: Caller) => (c === 'operator' ? h.auth : accounts[c].headers);
const nick = () => uniqueId('n').slice(0, 12);

async function newPerson(...purposes: Array<'contest' | 'research' | 'care'>): Promise<FixturePerson> {
  const [p] = (await createFixtureCohort(h.pool, 1, { facilityId })).people as [FixturePerson];
  if (purposes.length) await giveConsent(h.pool, p.personId, ...purposes);
  created.push(p.personId);
  return p;
}

beforeAll(async () => {
  h = await createApiHarness();
  own = await (async () => {
    const c = await createFixtureCohort(h.pool, 1);
    facilityId = c.facilityId;
    created.push(c.people[0]!.personId);
    return c.people[0]!;
  })();
  await giveConsent(h.pool, own.personId, 'contest');
  accounts = {
    self: await createTestAccount(h.pool, 'self', { personId: own.personId }),
    family: await createTestAccount(h.pool, 'family'),
    care_staff: await createTestAccount(h.pool, 'care_staff', { facilityId }),
    program_staff: await createTestAccount(h.pool, 'program_staff'),
    admin: await createTestAccount(h.pool, 'admin'),
  };
  await grantAccess(h.pool, own.personId, { accountId: accounts.family.id }, ['step_count'], { proxy: true });
});

afterAll(async () => {
  // the test registry is shared across runs: leave no one on later leaderboards
  for (const id of created) await leaveContest(h.pool, id, null);
  await h?.close();
});

describe('taking part under a nickname', () => {
  // the person, their proxy and admins manage it; care staff may know the person; others may not
  const expected: Record<Caller, { get: number; put: number; del: number }> = {
    self: { get: 200, put: 200, del: 204 },
    family: { get: 200, put: 200, del: 204 },
    admin: { get: 200, put: 200, del: 204 },
    operator: { get: 200, put: 200, del: 204 },
    care_staff: { get: 403, put: 403, del: 403 },
    program_staff: { get: 403, put: 403, del: 403 },
  };
  it.each(CALLERS)('GET, PUT and DELETE /v1/persons/:id/contest as %s', async (caller) => {
    const url = `/v1/persons/${own.personId}/contest`;
    const headers = headersOf(caller);
    const want = expected[caller];
    const got = await h.app.inject({ method: 'GET', url, headers });
    expect(got.statusCode, got.body).toBe(want.get);
    const put = await h.app.inject({ method: 'PUT', url, headers, payload: { nickname: nick() } });
    expect(put.statusCode, put.body).toBe(want.put);
    const del = await h.app.inject({ method: 'DELETE', url, headers });
    expect(del.statusCode, del.body).toBe(want.del);
    if (want.put === 403) {
      expect(put.json().error.code).toBe(caller === 'program_staff' ? 'identified_data_forbidden' : 'forbidden');
    }
    // someone who may not know the person exists learns nothing
    const stranger = await newPerson('contest');
    const hidden = await h.app.inject({
      method: 'PUT',
      url: `/v1/persons/${stranger.personId}/contest`,
      headers,
      payload: { nickname: nick() },
    });
    const status = caller === 'self' || caller === 'family' ? 404 : want.put;
    expect(hidden.statusCode, hidden.body).toBe(status);
  });

  it('needs the contest consent, refuses a nickname with the name or taken by another, and audits each change', async () => {
    const p = await newPerson();
    const url = `/v1/persons/${p.personId}/contest`;
    const admin = accounts.admin.headers;
    expect(
      (await h.app.inject({ method: 'PUT', url, headers: admin, payload: { nickname: nick() } })).json().error.code,
    ).toBe('no_consent');
    await giveConsent(h.pool, p.personId, 'contest');
    const named = await h.app.inject({ method: 'PUT', url, headers: admin, payload: { nickname: 'がんばる試験' } });
    expect(named.statusCode).toBe(400);
    expect(named.json().error.code).toBe('nickname_is_name');

    const name = `ｗ${uniqueId('').slice(0, 8)}`; // full-width w: stored as NFKC "w…"
    const joined = await h.app.inject({
      method: 'PUT',
      url,
      headers: admin,
      payload: { nickname: name, startsOn: '2026-10-05' },
    });
    expect(joined.statusCode, joined.body).toBe(200);
    expect(joined.json()).toMatchObject({
      consent: true,
      entry: { nickname: name.normalize('NFKC'), startsOn: '2026-10-05' },
    });
    const other = await newPerson('contest');
    const taken = await h.app.inject({
      method: 'PUT',
      url: `/v1/persons/${other.personId}/contest`,
      headers: admin,
      payload: { nickname: name.normalize('NFKC').toUpperCase() },
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('nickname_taken');

    const renamed = await h.app.inject({ method: 'PUT', url, headers: admin, payload: { nickname: `${name}2` } });
    expect(renamed.json().entry.startsOn).toBe('2026-10-05');
    await h.app.inject({ method: 'DELETE', url, headers: admin });
    expect((await h.app.inject({ method: 'GET', url, headers: admin })).json()).toMatchObject({
      consent: true,
      entry: null,
    });
    const actions = (await auditRows(h.pool, { personId: p.personId })).map((r) => r.action);
    expect(actions).toEqual(
      expect.arrayContaining(['contest.joined', 'contest.updated', 'contest.left', 'read.contest_entry']),
    );
  });
});

describe('leaderboard', () => {
  const WEEK = '/v1/contest/leaderboard?period=week&week=2026-10-14';
  let low: FixturePerson, high: FixturePerson, quiet: FixturePerson, optedOut: FixturePerson;
  const names = { low: nick(), high: nick(), quiet: nick() };

  beforeAll(async () => {
    [low, high, quiet, optedOut] = [
      await newPerson('contest'),
      await newPerson('contest'),
      await newPerson('contest'),
      await newPerson('contest'),
    ];
    // care level 4 at 300 steps, +50 %; a sprightly 5,000, +10 %
    await writeDaily(h.influx, low.pseudonym, [...run('2026-09-21', 14, 300), ...run('2026-10-05', 14, 450)]);
    await writeDaily(h.influx, high.pseudonym, [...run('2026-09-21', 14, 5000), ...run('2026-10-05', 14, 5500)]);
    await writeDaily(h.influx, quiet.pseudonym, [...run('2026-09-21', 14, 2000), ...run('2026-10-12', 7, 3000, false)]);
    await writeDaily(h.influx, optedOut.pseudonym, [...run('2026-09-21', 28, 9000)]);
    for (const [p, n] of [
      [low, names.low],
      [high, names.high],
      [quiet, names.quiet],
    ] as const) {
      const res = await h.app.inject({
        method: 'PUT',
        url: `/v1/persons/${p.personId}/contest`,
        headers: accounts.admin.headers,
        payload: { nickname: n, startsOn: '2026-10-05' },
      });
      expect(res.statusCode, res.body).toBe(200);
    }
  });

  it('ranks by % change from the own baseline, shows raw steps second, no names, only consenting entrants', async () => {
    const requestId = uniqueId('lb-');
    const res = await h.app.inject({
      method: 'GET',
      url: WEEK,
      headers: { ...accounts.family.headers, 'x-request-id': requestId },
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      period: 'week',
      from: '2026-10-12',
      to: '2026-10-18',
      baselineDays: 14,
      minValidDays: 4,
    });
    const mine = body.rows.filter((r: { nickname: string }) => Object.values(names).includes(r.nickname));
    expect(mine.map((r: Record<string, unknown>) => [r.nickname, r.percentChange, r.meanSteps, r.status])).toEqual([
      [names.low, 50, 450, 'ranked'],
      [names.high, 10, 5500, 'ranked'],
      [names.quiet, null, null, 'too_few_valid_days'],
    ]);
    expect(mine[0].rank).toBeLessThan(mine[1].rank);
    expect(res.body).not.toContain('試験');
    expect(res.body).not.toContain(low.pseudonym);
    expect(res.body).not.toContain(optedOut.personId);
    const rows = await auditRows(h.pool, { requestId });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: 'read.contest',
      person_id: null,
      detail: { period: 'week', week: '2026-10-12' },
    });
  });

  it('drops a person from the next request once the contest consent is withdrawn', async () => {
    const { rows } = await h.pool.query<{ id: string }>(
      `SELECT id FROM consents WHERE person_id = $1 AND purpose = 'contest' AND withdrawn_at IS NULL AND superseded_at IS NULL`,
      [high.personId],
    );
    await withdrawConsent(h.pool, high.personId, rows[0]!.id, null);
    const res = await h.app.inject({
      method: 'GET',
      url: '/v1/contest/leaderboard?period=programme',
      headers: accounts.self.headers,
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain(names.high);
    const lowRow = res.json().rows.find((r: { nickname: string }) => r.nickname === names.low);
    expect(lowRow).toMatchObject({ percentChange: 50, validDays: 14, you: false });
  });

  it.each(CALLERS)('is open to every signed-in account (%s), not to the operator token', async (caller) => {
    const res = await h.app.inject({ method: 'GET', url: WEEK, headers: headersOf(caller) });
    expect(res.statusCode, res.body).toBe(ACCOUNTS.includes(caller) ? 200 : 403);
    if (caller === 'operator') expect(res.json().error.code).toBe('no_account');
  });
});
