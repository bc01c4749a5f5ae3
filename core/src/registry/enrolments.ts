import type { PgPool } from './pool.js';

export interface EnrolmentSpan {
  personId: string;
  pseudonym: string;
  validFrom: number;
  validTo: number | null;
  /** IANA time zone of the person (resolves vendor local times without an offset). */
  timeZone: string;
}

export interface DeviceEnrolments {
  deviceId: string;
  spans: EnrolmentSpan[];
}

/**
 * Enrolments of the given devices; a device missing from the result is unknown to the registry.
 */
export async function loadDeviceEnrolments(pool: PgPool, deviceIds: string[]): Promise<Map<string, DeviceEnrolments>> {
  const { rows } = await pool.query<{
    device_id: string;
    person_id: string | null;
    pseudonym: string | null;
    valid_from: Date | null;
    valid_to: Date | null;
    time_zone: string | null;
  }>(
    `SELECT d.id AS device_id, e.person_id, p.pseudonym, e.valid_from, e.valid_to, p.time_zone
       FROM devices d
       LEFT JOIN enrolments e ON e.device_id = d.id
       LEFT JOIN persons p ON p.id = e.person_id
      WHERE d.id = ANY($1::text[])`,
    [deviceIds],
  );
  const out = new Map<string, DeviceEnrolments>();
  for (const r of rows) {
    let entry = out.get(r.device_id);
    if (!entry) out.set(r.device_id, (entry = { deviceId: r.device_id, spans: [] }));
    if (r.person_id && r.pseudonym && r.valid_from) {
      entry.spans.push({
        personId: r.person_id,
        pseudonym: r.pseudonym,
        validFrom: r.valid_from.getTime(),
        validTo: r.valid_to ? r.valid_to.getTime() : null,
        timeZone: r.time_zone ?? 'Asia/Tokyo',
      });
    }
  }
  return out;
}

/** The enrolment valid at `atMs` ([valid_from, valid_to)), or null. */
export function enrolmentAt(device: DeviceEnrolments, atMs: number): EnrolmentSpan | null {
  for (const s of device.spans) {
    if (atMs >= s.validFrom && (s.validTo === null || atMs < s.validTo)) return s;
  }
  return null;
}
