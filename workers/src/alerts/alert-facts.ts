import { DAILY_MEASUREMENT, type InfluxClient, type InfluxSeries } from '../../../core/src/index.js';
import type { PersonFacts } from './alert-rules.js';

const DAY = 86_400_000;
const VITALS = ['heart_rate', 'step_count', 'oxygen_saturation', 'body_temperature', 'sleep'];

const byPerson = (series: InfluxSeries[] | undefined) => {
  const out = new Map<string, InfluxSeries[]>();
  for (const s of series ?? []) {
    const p = s.tags?.person;
    if (!p) continue;
    out.set(p, [...(out.get(p) ?? []), s]);
  }
  return out;
};

/**
 * Everything the rules need, for all people at once (GROUP BY person), so one evaluation costs a
 * handful of queries whatever the cohort size. Times are bounded by `nowMs`, so an evaluation can
 * be run for a chosen moment (tests) and future-dated readings are ignored.
 */
export async function gatherAlertFacts(
  influx: InfluxClient,
  pseudonyms: string[],
  nowMs: number,
  spo2Limits: number[],
): Promise<Map<string, PersonFacts>> {
  const until = `time <= ${nowMs}ms`;
  const lastDay = `time > ${nowMs - DAY}ms AND ${until}`;
  const statements = [
    `SELECT last("value") FROM ${VITALS.map((m) => `"${m}"`).join(',')} WHERE time > ${nowMs - 60 * DAY}ms AND ${until} GROUP BY "person"`,
    `SELECT last("value") FROM "battery_level" WHERE time > ${nowMs - 2 * DAY}ms AND ${until} GROUP BY "person"`,
    `SELECT "steps", "valid", "resting_heart_rate" FROM "${DAILY_MEASUREMENT}" WHERE time > ${nowMs - 40 * DAY}ms AND ${until} GROUP BY "person"`,
    `SELECT max("value") FROM "body_temperature" WHERE ${lastDay} GROUP BY "person"`,
    ...spo2Limits.map((l) => `SELECT count("value") FROM "oxygen_saturation" WHERE "value" < ${l} AND ${lastDay} GROUP BY "person"`),
  ];
  const [last, battery, daily, temp, ...spo2] = await influx.query(statements.join('; '));
  const lastBy = byPerson(last);
  const batteryBy = byPerson(battery);
  const dailyBy = byPerson(daily);
  const tempBy = byPerson(temp);
  const spo2By = spo2.map(byPerson);

  const out = new Map<string, PersonFacts>();
  for (const p of pseudonyms) {
    const lastTimes = (lastBy.get(p) ?? []).map((s) => s.values[0]?.[0] as number).filter(Number.isFinite);
    const d = dailyBy.get(p)?.[0];
    const col = (name: string) => d?.columns.indexOf(name) ?? -1;
    const facts: PersonFacts = {
      lastDataMs: lastTimes.length ? Math.max(...lastTimes) : null,
      batteryPercent: (batteryBy.get(p)?.[0]?.values[0]?.[1] as number | undefined) ?? null,
      days: (d?.values ?? []).map((v) => ({
        dayStart: v[0] as number,
        steps: (v[col('steps')] as number | null) ?? null,
        valid: v[col('valid')] === true,
        restingHeartRate: (v[col('resting_heart_rate')] as number | null) ?? null,
      })),
      spo2BelowByLimit: Object.fromEntries(
        spo2Limits.map((l, i) => [l, (spo2By[i]?.get(p)?.[0]?.values[0]?.[1] as number | undefined) ?? 0]),
      ),
      maxTemperature24h: (tempBy.get(p)?.[0]?.values[0]?.[1] as number | undefined) ?? null,
    };
    out.set(p, facts);
  }
  return out;
}

