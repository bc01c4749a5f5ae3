import type { Queryable } from './queryable.js';

export interface Device {
  id: string;
  vendor: string;
  model: string;
  wireFormat: string;
  createdAt: Date;
  retiredAt: Date | null;
  credentialRotatedAt: Date | null;
  /** Person wearing it now, if any. */
  personId: string | null;
}

type Row = {
  id: string;
  vendor: string;
  model: string;
  wire_format: string;
  created_at: Date;
  retired_at: Date | null;
  credential_rotated_at: Date | null;
  person_id: string | null;
};

const SELECT = `SELECT d.id, d.vendor, d.model, d.wire_format, d.created_at, d.retired_at, d.credential_rotated_at,
    (SELECT e.person_id FROM enrolments e WHERE e.device_id = d.id AND e.valid_from <= now()
      AND (e.valid_to IS NULL OR e.valid_to > now()) LIMIT 1) AS person_id
  FROM devices d`;

const toDevice = (r: Row): Device => ({
  id: r.id,
  vendor: r.vendor,
  model: r.model,
  wireFormat: r.wire_format,
  createdAt: r.created_at,
  retiredAt: r.retired_at,
  credentialRotatedAt: r.credential_rotated_at,
  personId: r.person_id,
});

export async function listDevices(db: Queryable, opts: { limit: number; offset: number }): Promise<Device[]> {
  const { rows } = await db.query<Row>(`${SELECT} ORDER BY d.id LIMIT $1 OFFSET $2`, [opts.limit, opts.offset]);
  return rows.map(toDevice);
}

export async function getDevice(db: Queryable, id: string): Promise<Device | null> {
  const { rows } = await db.query<Row>(`${SELECT} WHERE d.id = $1`, [id]);
  return rows[0] ? toDevice(rows[0]) : null;
}

/** A duplicate id violates `devices_pkey` (23505). */
export async function createDevice(
  db: Queryable,
  d: { id: string; vendor: string; model: string; wireFormat: string },
) {
  await db.query('INSERT INTO devices (id, vendor, model, wire_format) VALUES ($1, $2, $3, $4)', [
    d.id,
    d.vendor,
    d.model,
    d.wireFormat,
  ]);
}

/** Retires (or un-retires) a device; false for an unknown one. */
export async function setDeviceRetired(db: Queryable, id: string, retired: boolean): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE devices SET retired_at = CASE WHEN $2 THEN COALESCE(retired_at, now()) ELSE NULL END WHERE id = $1`,
    [id, retired],
  );
  return (rowCount ?? 0) > 0;
}
