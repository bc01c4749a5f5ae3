import type { PgPool } from '../../core/src/index.js';

export const BENCH_FACILITY = 'bench-facility';

/** Device id of simulated watch i (0-based); deterministic, so re-runs reuse the registry rows. */
export const benchDeviceId = (i: number) => `bench-w${String(i + 1).padStart(6, '0')}`;

/**
 * Registers `count` bench watches, each worn by its own person since 400 days ago, so the workers
 * resolve every reading through the real enrolment lookup. Idempotent.
 */
export async function ensureBenchWatches(pool: PgPool, count: number): Promise<string[]> {
  const facility = await pool.query<{ id: string }>(
    `INSERT INTO facilities (code, name, municipality, prefecture)
     VALUES ($1, 'Bench facility', 'Shizuoka-shi', 'Shizuoka')
     ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
    [BENCH_FACILITY],
  );
  await pool.query(
    `WITH s AS (
       SELECT g, 'bench-w' || lpad(g::text, 6, '0') AS device_id FROM generate_series(1, $2::int) g
       WHERE NOT EXISTS (SELECT 1 FROM devices d WHERE d.id = 'bench-w' || lpad(g::text, 6, '0'))
     ), d AS (
       INSERT INTO devices (id, vendor, model, wire_format)
       SELECT device_id, 'bench', 'Bench Watch', 'canonical' FROM s RETURNING id
     ), p AS (
       INSERT INTO persons (facility_id, family_name, given_name, care_level)
       SELECT $1, 'Bench', s.device_id, 'care_1' FROM s RETURNING id, given_name
     )
     INSERT INTO enrolments (device_id, person_id, valid_from)
     SELECT p.given_name, p.id, now() - interval '400 days' FROM p JOIN d ON d.id = p.given_name`,
    [facility.rows[0]!.id, count],
  );
  return Array.from({ length: count }, (_, i) => benchDeviceId(i));
}
