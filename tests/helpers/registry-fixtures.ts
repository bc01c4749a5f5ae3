import type { PgPool } from '../../core/src/index.js';
import { uniqueId } from './env.js';

export interface FixturePerson {
  personId: string;
  pseudonym: string;
  deviceId: string;
}

/**
 * Creates a facility with `count` people, each wearing one device enrolled from `enrolledFrom`
 * (open-ended), in a new facility unless one is given. Ids are unique per call so tests never collide.
 */
export async function createFixtureCohort(
  pool: PgPool,
  count: number,
  opts: { enrolledFrom?: string; enrolledTo?: string | null; facilityId?: string } = {},
): Promise<{ facilityId: string; people: FixturePerson[]; tag: string }> {
  const tag = uniqueId('fx');
  const facilityId = opts.facilityId ?? (await createFixtureFacility(pool, tag));
  const people: FixturePerson[] = [];
  for (let i = 0; i < count; i++) {
    const deviceId = `${tag}-d${i}`;
    await pool.query(`INSERT INTO devices (id, vendor, model) VALUES ($1, 'mimamori-sim', 'test')`, [deviceId]);
    const p = await pool.query<{ id: string; pseudonym: string }>(
      `INSERT INTO persons (facility_id, family_name, given_name, care_level) VALUES ($1, '試験', $2, 'care_1')
       RETURNING id, pseudonym`,
      [facilityId, `太郎${i}`],
    );
    await pool.query(`INSERT INTO enrolments (device_id, person_id, valid_from, valid_to) VALUES ($1, $2, $3, $4)`, [
      deviceId,
      p.rows[0]!.id,
      opts.enrolledFrom ?? '2020-01-01T00:00:00Z',
      opts.enrolledTo ?? null,
    ]);
    people.push({ personId: p.rows[0]!.id, pseudonym: p.rows[0]!.pseudonym, deviceId });
  }
  return { facilityId, people, tag };
}

/** A facility with a unique code. */
export async function createFixtureFacility(pool: PgPool, tag = uniqueId('fx')): Promise<string> {
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO facilities (code, name, municipality, prefecture) VALUES ($1, $2, '静岡市', '静岡県') RETURNING id`,
    [tag, `テスト施設 ${tag}`],
  );
  return rows[0]!.id;
}

/** A device known to the registry but worn by nobody. */
export async function createUnenrolledDevice(pool: PgPool): Promise<string> {
  const id = uniqueId('unenrolled');
  await pool.query(`INSERT INTO devices (id, vendor, model) VALUES ($1, 'mimamori-sim', 'test')`, [id]);
  return id;
}
