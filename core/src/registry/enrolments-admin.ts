import type { Queryable } from './queryable.js';

export interface Enrolment {
  id: string;
  deviceId: string;
  personId: string;
  validFrom: Date;
  validTo: Date | null;
  createdAt: Date;
}

type Row = {
  id: string;
  device_id: string;
  person_id: string;
  valid_from: Date;
  valid_to: Date | null;
  created_at: Date;
};
const COLUMNS = 'id, device_id, person_id, valid_from, valid_to, created_at';
const toEnrolment = (r: Row): Enrolment => ({
  id: r.id,
  deviceId: r.device_id,
  personId: r.person_id,
  validFrom: r.valid_from,
  validTo: r.valid_to,
  createdAt: r.created_at,
});

export async function listEnrolments(
  db: Queryable,
  f: { deviceId?: string; personId?: string; limit: number; offset: number },
): Promise<Enrolment[]> {
  const { rows } = await db.query<Row>(
    `SELECT ${COLUMNS} FROM enrolments WHERE ($1::text IS NULL OR device_id = $1) AND ($2::uuid IS NULL OR person_id = $2)
      ORDER BY valid_from DESC, id LIMIT $3 OFFSET $4`,
    [f.deviceId ?? null, f.personId ?? null, f.limit, f.offset],
  );
  return rows.map(toEnrolment);
}

/**
 * Ends the device's open enrolment at `at` (when it began before `at`): the watch moves on and
 * the earlier wearer's history stops there. Returns the ended enrolment, if any.
 */
export async function endOpenEnrolment(db: Queryable, deviceId: string, at: Date): Promise<Enrolment | null> {
  const { rows } = await db.query<Row>(
    `UPDATE enrolments SET valid_to = $2 WHERE device_id = $1 AND valid_to IS NULL AND valid_from < $2
     RETURNING ${COLUMNS}`,
    [deviceId, at],
  );
  return rows[0] ? toEnrolment(rows[0]) : null;
}

/** An overlap with another enrolment of the device violates the exclusion constraint (23P01). */
export async function createEnrolment(
  db: Queryable,
  e: { deviceId: string; personId: string; validFrom: Date; validTo: Date | null },
): Promise<Enrolment> {
  const { rows } = await db.query<Row>(
    `INSERT INTO enrolments (device_id, person_id, valid_from, valid_to) VALUES ($1, $2, $3, $4) RETURNING ${COLUMNS}`,
    [e.deviceId, e.personId, e.validFrom, e.validTo],
  );
  return toEnrolment(rows[0]!);
}

/** Sets the end of an enrolment; null for an unknown one. */
export async function endEnrolment(db: Queryable, id: string, validTo: Date): Promise<Enrolment | null> {
  const { rows } = await db.query<Row>(`UPDATE enrolments SET valid_to = $2 WHERE id = $1 RETURNING ${COLUMNS}`, [
    id,
    validTo,
  ]);
  return rows[0] ? toEnrolment(rows[0]) : null;
}
