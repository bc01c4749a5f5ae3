// Withdrawal of all consent with erasure, and the append-only audit log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readingToPoint, ReadingSchema, type MetricName } from '../../core/src/index.js';
import { createTestAccount, giveConsent, grantAccess } from '../helpers/access-fixtures.js';
import { auditRows, createApiHarness, type ApiHarness } from '../helpers/api-app.js';
import { createFixtureCohort, type FixturePerson } from '../helpers/registry-fixtures.js';

let h: ApiHarness;

beforeAll(async () => {
  h = await createApiHarness();
});

afterAll(async () => {
  await h?.close();
});

const source = { vendor: 'mimamori-sim', format: 'canonical' as const };
function readings(p: FixturePerson) {
  const start = '2025-08-01T01:00:00Z';
  const end = '2025-08-01T01:01:00Z';
  return [
    { metric: 'heart_rate', start, value: 70, unit: '/min' },
    { metric: 'step_count', start, end, value: 30, unit: '{steps}' },
    { metric: 'sleep', start, end, value: 1, unit: 'min', stage: 'deep' },
  ].map((r) => readingToPoint(ReadingSchema.parse({ ...r, deviceId: p.deviceId, source }), p.pseudonym));
}

async function countPoints(pseudonym: string, metric: MetricName): Promise<number> {
  const [series = []] = await h.influx.query(`SELECT count("value") FROM "${metric}" WHERE "person" = '${pseudonym}'`);
  return (series[0]?.values[0]?.[1] as number | undefined) ?? 0;
}

describe('POST /v1/persons/:id/consents/withdraw-all', () => {
  it('with erase, drops every series of the person only, ends sharing and keeps a minimal registry row', async () => {
    const { people, facilityId } = await createFixtureCohort(h.pool, 2);
    const [leaver, stayer] = people as [FixturePerson, FixturePerson];
    const self = await createTestAccount(h.pool, 'self', { personId: leaver.personId });
    const staff = await createTestAccount(h.pool, 'care_staff', { facilityId });
    await giveConsent(h.pool, leaver.personId, 'care', 'family', 'research');
    await grantAccess(h.pool, leaver.personId, { facilityId }, ['heart_rate']);
    await h.influx.writePoints([...readings(leaver), ...readings(stayer)]);
    expect(await countPoints(leaver.pseudonym, 'heart_rate')).toBe(1);

    const res = await h.app.inject({
      method: 'POST',
      url: `/v1/persons/${leaver.personId}/consents/withdraw-all`,
      headers: self.headers,
      payload: { erase: true },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ grantsRevoked: 1, erased: true });
    expect(
      res
        .json()
        .withdrawn.map((c: { purpose: string }) => c.purpose)
        .sort(),
    ).toEqual(['care', 'family', 'research']);

    for (const m of ['heart_rate', 'step_count', 'sleep'] as const) {
      expect(await countPoints(leaver.pseudonym, m)).toBe(0);
      expect(await countPoints(stayer.pseudonym, m)).toBe(1);
    }
    const requestId = res.headers['x-request-id'] as string;
    expect((await auditRows(h.pool, { requestId })).map((r) => r.action)).toEqual([
      'consent.withdrawn_all',
      'person.series_erased',
    ]);
    const { rows } = await h.pool.query('SELECT erased_at, birth_date, family_name FROM persons WHERE id = $1', [
      leaver.personId,
    ]);
    expect(rows[0]).toMatchObject({ erased_at: expect.any(Date), birth_date: null, family_name: '試験' });
    const enrolments = await h.pool.query('SELECT 1 FROM enrolments WHERE person_id = $1', [leaver.personId]);
    expect(enrolments.rowCount).toBe(0);
    expect(
      (await h.app.inject({ method: 'GET', url: `/v1/persons/${leaver.personId}/latest`, headers: staff.headers }))
        .statusCode,
    ).toBe(403);
    const own = await h.app.inject({
      method: 'GET',
      url: `/v1/persons/${leaver.personId}/latest`,
      headers: self.headers,
    });
    expect(Object.values(own.json().metrics).every((v) => v === null)).toBe(true);
  });

  it('without erase keeps the readings', async () => {
    const { people } = await createFixtureCohort(h.pool, 1);
    const p = people[0]!;
    await giveConsent(h.pool, p.personId, 'care');
    await h.influx.writePoints(readings(p));
    const res = await h.app.inject({
      method: 'POST',
      url: `/v1/persons/${p.personId}/consents/withdraw-all`,
      headers: h.auth,
      payload: {},
    });
    expect(res.json()).toMatchObject({ erased: false, grantsRevoked: 0 });
    expect(await countPoints(p.pseudonym, 'heart_rate')).toBe(1);
  });
});

describe('the audit log is append-only', () => {
  it('refuses UPDATE, DELETE and TRUNCATE to the application role', async () => {
    for (const sql of ['UPDATE audit_log SET actor = actor', 'DELETE FROM audit_log', 'TRUNCATE audit_log']) {
      await expect(h.pool.query(sql)).rejects.toThrow(/permission denied/);
    }
  });

  it('refuses them by trigger even when the owner grants the privileges back', async () => {
    const client = await h.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('GRANT UPDATE, DELETE, TRUNCATE ON audit_log TO CURRENT_USER');
      await client.query(`INSERT INTO audit_log (actor, action) VALUES ('test', 'test.append_only')`);
      for (const sql of [
        `UPDATE audit_log SET actor = 'x' WHERE action = 'test.append_only'`,
        `DELETE FROM audit_log WHERE action = 'test.append_only'`,
        'TRUNCATE audit_log',
      ]) {
        await client.query('SAVEPOINT s');
        await expect(client.query(sql)).rejects.toThrow(/append-only/);
        await client.query('ROLLBACK TO SAVEPOINT s');
      }
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  });
});
