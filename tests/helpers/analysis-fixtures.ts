import type { InfluxClient, PgPool } from '../../core/src/index.js';
import { dailyPoint, localDayBounds } from '../../workers/src/rollups/daily-rollup.processor.js';
import type { DailySummary } from '../../workers/src/rollups/daily-summary.js';

export interface DayFixture {
  date: string;
  steps: number | null;
  valid: boolean;
  wearMinutes?: number;
  restingHeartRate?: number | null;
  sleepMinutes?: Record<string, number>;
}

/** Writes daily summaries as the rollup worker would (same point builder, Japan-local midnight). */
export async function writeDaily(influx: InfluxClient, pseudonym: string, days: DayFixture[]): Promise<void> {
  const points = days.map((d) => {
    const summary: DailySummary = {
      steps: d.steps,
      wearMinutes: d.wearMinutes ?? (d.valid ? 720 : 300),
      valid: d.valid,
      coverage: (d.wearMinutes ?? (d.valid ? 720 : 300)) / 1440,
      activeMinutes: d.steps === null ? null : Math.round(d.steps / 100),
      restingHeartRate: d.restingHeartRate ?? null,
      sleepMinutes: d.sleepMinutes ?? {},
      oxygenSaturation: null,
      bodyTemperature: null,
    };
    return dailyPoint(pseudonym, d.date, localDayBounds(d.date, 'Asia/Tokyo').dayStart, summary);
  });
  await influx.writePoints(points);
}

/** `count` consecutive days from `from` with the same steps and validity. */
export function run(from: string, count: number, steps: number, valid = true): DayFixture[] {
  const start = Date.parse(`${from}T00:00:00Z`);
  return Array.from({ length: count }, (_, i) => ({
    date: new Date(start + i * 86_400_000).toISOString().slice(0, 10),
    steps,
    valid,
  }));
}

/**
 * People wearing devices with fixed ids (the simulator derives each wearer from the seed and the
 * device id, so fixed ids give the same cohort every run). Idempotent on the shared test registry:
 * a second call finds the same facility, devices and people.
 */
export async function ensureStableCohort(
  pool: PgPool,
  facilityCode: string,
  deviceIds: string[],
): Promise<Array<{ deviceId: string; personId: string; pseudonym: string }>> {
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO facilities (code, name, municipality, prefecture) VALUES ($1, $1, '静岡市', '静岡県')
     ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
    [facilityCode],
  );
  const facilityId = rows[0]!.id;
  const out = [];
  for (const [i, deviceId] of deviceIds.entries()) {
    await pool.query(
      `INSERT INTO devices (id, vendor, model) VALUES ($1, 'mimamori-sim', 'test') ON CONFLICT (id) DO NOTHING`,
      [deviceId],
    );
    const known = await pool.query<{ person_id: string; pseudonym: string }>(
      `SELECT e.person_id, p.pseudonym FROM enrolments e JOIN persons p ON p.id = e.person_id WHERE e.device_id = $1`,
      [deviceId],
    );
    if (known.rows[0]) {
      out.push({ deviceId, personId: known.rows[0].person_id, pseudonym: known.rows[0].pseudonym });
      continue;
    }
    const p = await pool.query<{ id: string; pseudonym: string }>(
      `INSERT INTO persons (facility_id, family_name, given_name, care_level) VALUES ($1, '検証', $2, 'care_1')
       RETURNING id, pseudonym`,
      [facilityId, `${i + 1}`],
    );
    await pool.query(
      `INSERT INTO enrolments (device_id, person_id, valid_from) VALUES ($1, $2, '2026-01-01T00:00:00Z')`,
      [deviceId, p.rows[0]!.id],
    );
    out.push({ deviceId, personId: p.rows[0]!.id, pseudonym: p.rows[0]!.pseudonym });
  }
  return out;
}

/** Withdraws a purpose's active consents (tests leave the shared registry's cohort as they found it). */
export async function withdrawPurpose(pool: PgPool, personIds: string[], purpose: string): Promise<void> {
  await pool.query(
    `UPDATE consents SET withdrawn_at = now() WHERE person_id = ANY($1) AND purpose = $2
        AND withdrawn_at IS NULL AND superseded_at IS NULL`,
    [personIds, purpose],
  );
}
