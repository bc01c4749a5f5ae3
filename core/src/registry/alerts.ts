import {
  AlertSettingsSchema,
  DEFAULT_ALERT_SETTINGS,
  type AlertKind,
  type AlertSettings,
} from '../schemas/alert-settings.schema.js';
import type { Queryable } from './queryable.js';

export type AlertState = 'open' | 'acknowledged' | 'resolved';

export interface AlertRecord {
  id: string;
  personId: string;
  facilityId: string;
  kind: AlertKind;
  state: AlertState;
  detail: Record<string, unknown>;
  raisedAt: Date;
  acknowledgedAt: Date | null;
  acknowledgedBy: string | null;
  resolvedAt: Date | null;
  resolvedBy: string | null;
  resolution: 'cleared' | 'staff' | null;
  note: string | null;
}

const COLUMNS = `id, person_id, facility_id, kind, state, detail, raised_at, acknowledged_at, acknowledged_by,
  resolved_at, resolved_by, resolution, note`;

function toAlert(r: Record<string, unknown>): AlertRecord {
  return {
    id: r.id as string,
    personId: r.person_id as string,
    facilityId: r.facility_id as string,
    kind: r.kind as AlertKind,
    state: r.state as AlertState,
    detail: (r.detail ?? {}) as Record<string, unknown>,
    raisedAt: r.raised_at as Date,
    acknowledgedAt: (r.acknowledged_at as Date | null) ?? null,
    acknowledgedBy: (r.acknowledged_by as string | null) ?? null,
    resolvedAt: (r.resolved_at as Date | null) ?? null,
    resolvedBy: (r.resolved_by as string | null) ?? null,
    resolution: (r.resolution as AlertRecord['resolution']) ?? null,
    note: (r.note as string | null) ?? null,
  };
}

/** Settings of each facility, defaults filled in. */
export async function loadAlertSettings(db: Queryable, facilityIds: string[]): Promise<Map<string, AlertSettings>> {
  const { rows } = await db.query<{ facility_id: string; settings: object }>(
    'SELECT facility_id, settings FROM alert_settings WHERE facility_id = ANY($1::uuid[])',
    [facilityIds],
  );
  const out = new Map(facilityIds.map((id) => [id, DEFAULT_ALERT_SETTINGS]));
  for (const r of rows) out.set(r.facility_id, AlertSettingsSchema.parse({ ...DEFAULT_ALERT_SETTINGS, ...r.settings }));
  return out;
}

export async function saveAlertSettings(
  db: Queryable,
  facilityId: string,
  settings: AlertSettings,
  accountId: string | null,
): Promise<void> {
  await db.query(
    `INSERT INTO alert_settings (facility_id, settings, updated_by) VALUES ($1, $2, $3)
     ON CONFLICT (facility_id) DO UPDATE SET settings = EXCLUDED.settings, updated_at = now(), updated_by = EXCLUDED.updated_by`,
    [facilityId, JSON.stringify(settings), accountId],
  );
}

export interface AlertCondition {
  personId: string;
  facilityId: string;
  kind: AlertKind;
  detail: Record<string, unknown>;
}

/**
 * Applies one evaluation: raises conditions that have no unresolved alert yet, and clears
 * unresolved alerts of the evaluated people whose condition has ended. Returns what changed.
 */
export async function applyAlertEvaluation(
  db: Queryable,
  evaluatedPersonIds: string[],
  conditions: AlertCondition[],
): Promise<{ raised: AlertRecord[]; cleared: number }> {
  const raised: AlertRecord[] = [];
  for (const c of conditions) {
    const { rows } = await db.query(
      `INSERT INTO alerts (person_id, facility_id, kind, detail) VALUES ($1, $2, $3, $4)
       ON CONFLICT (person_id, kind) WHERE state <> 'resolved' DO NOTHING RETURNING ${COLUMNS}`,
      [c.personId, c.facilityId, c.kind, JSON.stringify(c.detail)],
    );
    if (rows[0]) raised.push(toAlert(rows[0]));
  }
  const active = conditions.map((c) => `${c.personId}|${c.kind}`);
  const cleared = await db.query(
    `UPDATE alerts SET state = 'resolved', resolved_at = now(), resolution = 'cleared'
      WHERE state <> 'resolved' AND person_id = ANY($1::uuid[])
        AND NOT ((person_id::text || '|' || kind) = ANY($2::text[]))`,
    [evaluatedPersonIds, active],
  );
  return { raised, cleared: cleared.rowCount ?? 0 };
}

export async function listAlerts(
  db: Queryable,
  facilityId: string,
  personIds: string[],
  states: AlertState[],
  limit = 200,
): Promise<AlertRecord[]> {
  const { rows } = await db.query(
    `SELECT ${COLUMNS} FROM alerts WHERE facility_id = $1 AND person_id = ANY($2::uuid[]) AND state = ANY($3::text[])
      ORDER BY raised_at DESC LIMIT $4`,
    [facilityId, personIds, states, limit],
  );
  return rows.map(toAlert);
}

export async function getAlert(db: Queryable, id: string): Promise<AlertRecord | null> {
  const { rows } = await db.query(`SELECT ${COLUMNS} FROM alerts WHERE id = $1`, [id]);
  return rows[0] ? toAlert(rows[0]) : null;
}

/** open -> acknowledged (by whom); resolved alerts cannot be acknowledged. */
export async function acknowledgeAlert(db: Queryable, id: string, accountId: string | null): Promise<AlertRecord | null> {
  const { rows } = await db.query(
    `UPDATE alerts SET state = 'acknowledged', acknowledged_at = now(), acknowledged_by = $2
      WHERE id = $1 AND state = 'open' RETURNING ${COLUMNS}`,
    [id, accountId],
  );
  return rows[0] ? toAlert(rows[0]) : null;
}

export async function resolveAlert(
  db: Queryable,
  id: string,
  accountId: string | null,
  note: string | null,
): Promise<AlertRecord | null> {
  const { rows } = await db.query(
    `UPDATE alerts SET state = 'resolved', resolved_at = now(), resolved_by = $2, resolution = 'staff', note = $3
      WHERE id = $1 AND state <> 'resolved' RETURNING ${COLUMNS}`,
    [id, accountId, note],
  );
  return rows[0] ? toAlert(rows[0]) : null;
}

export interface AlertTarget {
  personId: string;
  pseudonym: string;
  facilityId: string;
}

/** People wearing a watch now: the ones the alert rules watch over. */
export async function listAlertTargets(db: Queryable): Promise<AlertTarget[]> {
  const { rows } = await db.query<{ id: string; pseudonym: string; facility_id: string }>(
    `SELECT DISTINCT p.id, p.pseudonym, p.facility_id FROM persons p
       JOIN enrolments e ON e.person_id = p.id
      WHERE e.valid_from <= now() AND (e.valid_to IS NULL OR e.valid_to > now())`,
  );
  return rows.map((r) => ({ personId: r.id, pseudonym: r.pseudonym, facilityId: r.facility_id }));
}
