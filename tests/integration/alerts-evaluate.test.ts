import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_ALERT_SETTINGS,
  Point,
  acknowledgeAlert,
  createInfluxClient,
  createPgPool,
  saveAlertSettings,
  type InfluxClient,
  type PgPool,
} from '../../core/src/index.js';
import { createAlertEvaluator } from '../../workers/src/alerts/evaluate-alerts.js';
import { testEnv, uniqueId } from '../helpers/env.js';
import { createFixtureCohort, type FixturePerson } from '../helpers/registry-fixtures.js';

const NOW = Date.UTC(2026, 10, 30, 3);
const H = 3_600_000;

describe('evaluating the alert rules against stored data', () => {
  const env = testEnv();
  let pool: PgPool;
  let influx: InfluxClient;
  let facilityId: string;
  let steady: FixturePerson, silent: FixturePerson, feverish: FixturePerson;
  let evaluate: ReturnType<typeof createAlertEvaluator>;

  const alertsOf = async (p: FixturePerson) =>
    (
      await pool.query<{ id: string; kind: string; state: string; resolution: string | null }>(
        'SELECT id, kind, state, resolution FROM alerts WHERE person_id = $1 ORDER BY raised_at',
        [p.personId],
      )
    ).rows;
  const hr = (p: FixturePerson, at: number) =>
    new Point('heart_rate').tag('person', p.pseudonym).tag('device', p.deviceId).tag('source', 't').floatField('value', 70).timestamp(at);

  beforeAll(async () => {
    pool = createPgPool(env.TEST_DATABASE_URL, 2);
    influx = createInfluxClient({ url: env.INFLUX_URL, database: uniqueId('alerts') });
    await influx.createDatabase();
    const cohort = await createFixtureCohort(pool, 3);
    facilityId = cohort.facilityId;
    [steady, silent, feverish] = cohort.people as [FixturePerson, FixturePerson, FixturePerson];
    await influx.writePoints([
      hr(steady, NOW - 10 * 60_000),
      hr(feverish, NOW - 20 * 60_000),
      new Point('body_temperature').tag('person', feverish.pseudonym).tag('device', feverish.deviceId).tag('source', 't')
        .floatField('value', 38.1).timestamp(NOW - H),
    ]);
    evaluate = createAlertEvaluator({ pool, influx, logger: pino({ level: 'silent' }) });
  });
  afterAll(async () => {
    await influx.dropDatabase(influx.database).catch(() => {});
    await pool.end();
  });

  it('raises each condition once, however often it is evaluated, and keeps staff acknowledgement', async () => {
    await evaluate(NOW);
    expect(await alertsOf(steady)).toEqual([]);
    expect((await alertsOf(silent)).map((a) => [a.kind, a.state])).toEqual([['no_data', 'open']]);
    expect((await alertsOf(feverish)).map((a) => [a.kind, a.state])).toEqual([['fever', 'open']]);

    const [noData] = await alertsOf(silent);
    expect(await acknowledgeAlert(pool, noData!.id, null)).toMatchObject({ state: 'acknowledged' });
    await evaluate(NOW + 5 * 60_000);
    await evaluate(NOW + 10 * 60_000);
    expect((await alertsOf(silent)).map((a) => [a.kind, a.state])).toEqual([['no_data', 'acknowledged']]);
    expect(await alertsOf(feverish)).toHaveLength(1);
  });

  it('clears an alert whose condition has ended, and raises it anew if it comes back', async () => {
    await influx.writePoints([hr(feverish, NOW + 30 * H)]);
    await evaluate(NOW + 30 * H + 60_000); // the fever reading is older than 24 h now
    expect((await alertsOf(feverish)).map((a) => [a.kind, a.state, a.resolution])).toEqual([['fever', 'resolved', 'cleared']]);
    await influx.writePoints([
      new Point('body_temperature').tag('person', feverish.pseudonym).tag('device', feverish.deviceId).tag('source', 't')
        .floatField('value', 37.8).timestamp(NOW + 30 * H + 2 * 60_000),
    ]);
    await evaluate(NOW + 30 * H + 5 * 60_000);
    expect((await alertsOf(feverish)).map((a) => a.state)).toEqual(['resolved', 'open']);
  });

  it('uses the thresholds of the person’s facility', async () => {
    await saveAlertSettings(pool, facilityId, { ...DEFAULT_ALERT_SETTINGS, noDataHours: 1 }, null);
    await influx.writePoints([hr(steady, NOW + 40 * H)]);
    const unresolved = async () => (await alertsOf(steady)).filter((a) => a.state !== 'resolved').map((a) => a.kind);
    await evaluate(NOW + 40 * H + 30 * 60_000);
    expect(await unresolved()).toEqual([]);
    await evaluate(NOW + 40 * H + 90 * 60_000);
    expect(await unresolved()).toEqual(['no_data']);
  });
});
