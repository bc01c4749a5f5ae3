import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Point, applyAlertEvaluation, localDate, type MetricName } from '../../core/src/index.js';
import { dailyPoint, localDayBounds } from '../../workers/src/rollups/daily-rollup.processor.js';
import { createTestAccount, giveConsent, grantAccess, type TestAccount } from '../helpers/access-fixtures.js';
import { createApiHarness, type ApiHarness } from '../helpers/api-app.js';
import { createFixtureCohort, type FixturePerson } from '../helpers/registry-fixtures.js';

const ALL: MetricName[] = ['heart_rate', 'step_count', 'oxygen_saturation', 'body_temperature', 'sleep'];

describe('alerts and roster for care staff', () => {
  let h: ApiHarness;
  let facilityId: string;
  let shared: FixturePerson, stepsOnly: FixturePerson, noConsent: FixturePerson;
  let staff: TestAccount, otherStaff: TestAccount, family: TestAccount;

  beforeAll(async () => {
    h = await createApiHarness();
    const cohort = await createFixtureCohort(h.pool, 3);
    facilityId = cohort.facilityId;
    [shared, stepsOnly, noConsent] = cohort.people as [FixturePerson, FixturePerson, FixturePerson];
    staff = await createTestAccount(h.pool, 'care_staff', { facilityId });
    otherStaff = await createTestAccount(h.pool, 'care_staff', { facilityId: (await createFixtureCohort(h.pool, 1)).facilityId });
    family = await createTestAccount(h.pool, 'family');
    for (const p of [shared, stepsOnly]) await giveConsent(h.pool, p.personId, 'care');
    await grantAccess(h.pool, shared.personId, { facilityId }, ALL);
    await grantAccess(h.pool, stepsOnly.personId, { facilityId }, ['step_count']);
    await grantAccess(h.pool, noConsent.personId, { facilityId }, ALL);
    await applyAlertEvaluation(h.pool, [shared.personId, noConsent.personId], [
      { personId: shared.personId, facilityId, kind: 'fever', detail: { maxCelsius: 38.2 } },
      { personId: noConsent.personId, facilityId, kind: 'no_data', detail: {} },
    ]);
  });
  afterAll(async () => {
    await h?.close();
  });

  const get = (who: TestAccount, url: string) => h.app.inject({ method: 'GET', url, headers: who.headers });
  const post = (who: TestAccount, url: string, payload?: object) =>
    h.app.inject({ method: 'POST', url, headers: who.headers, ...(payload ? { payload } : {}) });

  it('lists only alerts of residents who share with the facility, and audits each person shown', async () => {
    const res = await get(staff, `/v1/facilities/${facilityId}/alerts`);
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items;
    expect(items.map((a: { personId: string; kind: string }) => [a.personId, a.kind])).toEqual([[shared.personId, 'fever']]);
    expect(res.body).not.toContain(noConsent.personId);
    const audit = await h.pool.query(`SELECT person_id FROM audit_log WHERE request_id = $1 AND action = 'read.alerts'`, [
      res.headers['x-request-id'],
    ]);
    expect(audit.rows.map((r) => r.person_id)).toEqual([shared.personId]);
  });

  it('refuses staff of another facility and other roles', async () => {
    expect((await get(otherStaff, `/v1/facilities/${facilityId}/alerts`)).json().error.code).toBe('other_facility');
    expect((await get(family, `/v1/facilities/${facilityId}/alerts`)).statusCode).toBe(403);
    expect((await get(otherStaff, `/v1/facilities/${facilityId}/roster`)).statusCode).toBe(403);
  });

  it('acknowledges once (keeping who), then resolves with a note; both are audited', async () => {
    const [alert] = (await get(staff, `/v1/facilities/${facilityId}/alerts`)).json().items;
    const ack = await post(staff, `/v1/alerts/${alert.id}/acknowledge`);
    expect(ack.statusCode, ack.body).toBe(200);
    expect(ack.json()).toMatchObject({ state: 'acknowledged', acknowledgedBy: staff.id });
    expect((await post(staff, `/v1/alerts/${alert.id}/acknowledge`)).statusCode).toBe(409);
    const done = await post(staff, `/v1/alerts/${alert.id}/resolve`, { note: '受診済み' });
    expect(done.json()).toMatchObject({ state: 'resolved', resolution: 'staff', note: '受診済み' });
    const audit = await h.pool.query(
      `SELECT action FROM audit_log WHERE person_id = $1 AND action LIKE 'alert.%' ORDER BY id`,
      [shared.personId],
    );
    expect(audit.rows.map((r) => r.action)).toEqual(['alert.acknowledge', 'alert.resolve']);
  });

  it('hides alerts of people who do not share, and of other facilities', async () => {
    const hidden = await h.pool.query<{ id: string }>('SELECT id FROM alerts WHERE person_id = $1', [noConsent.personId]);
    expect((await post(staff, `/v1/alerts/${hidden.rows[0]!.id}/acknowledge`)).statusCode).toBe(404);
    const visible = await h.pool.query<{ id: string }>('SELECT id FROM alerts WHERE person_id = $1', [shared.personId]);
    expect((await post(otherStaff, `/v1/alerts/${visible.rows[0]!.id}/resolve`)).statusCode).toBe(404);
    expect((await post(family, `/v1/alerts/${visible.rows[0]!.id}/resolve`)).statusCode).toBe(403);
  });

  it('shows the roster with today’s steps, wear, last data, open alerts and a trend, per shared metric', async () => {
    const now = Date.now();
    const today = localDate(now, 'Asia/Tokyo');
    const points = [shared, stepsOnly].map((p, i) =>
      dailyPoint(p.pseudonym, today, localDayBounds(today, 'Asia/Tokyo').dayStart, {
        steps: 2000 + i,
        wearMinutes: 300,
        valid: false,
        coverage: 0.2,
        activeMinutes: 3,
        restingHeartRate: null,
        sleepMinutes: {},
        oxygenSaturation: null,
        bodyTemperature: null,
      }),
    );
    const hr = (p: FixturePerson, at: number) =>
      new Point('heart_rate').tag('person', p.pseudonym).tag('device', p.deviceId).tag('source', 't').floatField('value', 70).timestamp(at);
    await h.influx.writePoints([...points, hr(shared, now - 60_000), hr(stepsOnly, now - 30_000)]);
    await applyAlertEvaluation(h.pool, [shared.personId], [{ personId: shared.personId, facilityId, kind: 'battery_low', detail: {} }]);

    const res = await get(staff, `/v1/facilities/${facilityId}/roster`);
    expect(res.statusCode, res.body).toBe(200);
    const roster = res.json();
    expect(roster.date).toBe(today);
    expect(roster.residents.map((r: { personId: string }) => r.personId).sort()).toEqual([shared.personId, stepsOnly.personId].sort());
    const a = roster.residents.find((r: { personId: string }) => r.personId === shared.personId);
    expect(a).toMatchObject({ todaySteps: 2000, wearMinutesToday: 300, lastDataAt: new Date(now - 60_000).toISOString() });
    expect(a.openAlerts.map((x: { kind: string }) => x.kind)).toEqual(['battery_low']);
    expect(a.trend).toEqual([{ date: today, steps: 2000, valid: false }]);
    const b = roster.residents.find((r: { personId: string }) => r.personId === stepsOnly.personId);
    // heart rate is not shared: no wear, and its reading does not count as last data
    expect(b).toMatchObject({ todaySteps: 2001, wearMinutesToday: null, lastDataAt: null });
  });
});
