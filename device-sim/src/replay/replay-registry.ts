import type { PgPool } from '../../../core/src/index.js';
import { replayDeviceId } from './replay-messages.js';

export interface ReplayRegistryOptions {
  /** Facility the replayed people belong to (marks them clearly). */
  facilityCode: string;
  devicePrefix: string;
  /** Enrolments start here: before the first row of the export. */
  enrolledFrom: string;
}

export const REPLAY_REGISTRY_DEFAULTS: ReplayRegistryOptions = {
  facilityCode: 'fitabase-replay',
  devicePrefix: 'fb',
  enrolledFrom: '2016-01-01T00:00:00+09:00',
};

/**
 * Registers the export's people (idempotent): a facility `fitabase-replay`, one person per
 * Fitabase Id (family name "Fitabase", given name the Id; care level support_1 as a placeholder:
 * the export's people were not certified), one device `<prefix>-<Id>` each and an open enrolment.
 * Returns Id -> device id.
 */
export async function registerReplayCohort(
  pool: PgPool,
  ids: string[],
  opts: ReplayRegistryOptions = REPLAY_REGISTRY_DEFAULTS,
) {
  const client = await pool.connect();
  const devices = new Map<string, string>();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO facilities (code, name, municipality, prefecture)
       VALUES ($1, 'Fitabase 2016 replay (public CC0 data)', 'replay', 'replay')
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
      [opts.facilityCode],
    );
    const facilityId = rows[0]!.id;
    for (const id of [...new Set(ids)].sort()) {
      const deviceId = replayDeviceId(opts.devicePrefix, id);
      devices.set(id, deviceId);
      await client.query(
        `INSERT INTO devices (id, vendor, model, wire_format) VALUES ($1, 'fitabase-replay', 'Fitbit (replayed export)', 'canonical')
         ON CONFLICT (id) DO NOTHING`,
        [deviceId],
      );
      const has = await client.query('SELECT 1 FROM enrolments WHERE device_id = $1', [deviceId]);
      if (has.rowCount) continue;
      const person = await client.query<{ id: string }>(
        `INSERT INTO persons (facility_id, family_name, given_name, care_level) VALUES ($1, 'Fitabase', $2, 'support_1') RETURNING id`,
        [facilityId, id],
      );
      await client.query(`INSERT INTO enrolments (device_id, person_id, valid_from) VALUES ($1, $2, $3)`, [
        deviceId,
        person.rows[0]!.id,
        opts.enrolledFrom,
      ]);
    }
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
  return devices;
}
