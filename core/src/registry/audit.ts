import type { Queryable } from './queryable.js';

export interface AuditEntry {
  actor: string;
  action: string;
  personId?: string | null;
  metrics?: string[];
  detail?: Record<string, unknown>;
  clientAddress?: string;
  requestId?: string;
  /** The signed-in account that acted (null for the operator token or the system). */
  actorAccountId?: string | null;
  actorRole?: string | null;
  /** The account a change was made to (account changes). */
  subjectAccountId?: string | null;
}

const COLUMNS = `actor, action, person_id, metrics, detail, client_address, request_id, actor_account_id, actor_role,
  subject_account_id`;

const values = (e: AuditEntry) => [
  e.actor,
  e.action,
  e.personId ?? null,
  e.metrics ?? null,
  e.detail ? JSON.stringify(e.detail) : null,
  e.clientAddress ?? null,
  e.requestId ?? null,
  e.actorAccountId ?? null,
  e.actorRole ?? null,
  e.subjectAccountId ?? null,
];

/** Appends one audit row; callers await it so that a read is never served unrecorded. */
export async function writeAudit(db: Queryable, e: AuditEntry): Promise<void> {
  await db.query(`INSERT INTO audit_log (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`, values(e));
}

/**
 * Appends several audit rows in one statement (a list read: one row per person shown; the api's
 * group commit). One JSON parameter and the same text for any number of rows, so PostgreSQL
 * plans the statement once per connection.
 */
export async function writeAuditRows(db: Queryable, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const rows = entries.map((e) => ({
    actor: e.actor,
    action: e.action,
    person_id: e.personId ?? null,
    metrics: e.metrics ?? null,
    detail: e.detail ?? null,
    client_address: e.clientAddress ?? null,
    request_id: e.requestId ?? null,
    actor_account_id: e.actorAccountId ?? null,
    actor_role: e.actorRole ?? null,
    subject_account_id: e.subjectAccountId ?? null,
  }));
  await db.query({
    name: 'mimamori.audit-rows',
    text: `INSERT INTO audit_log (${COLUMNS})
      SELECT ${COLUMNS} FROM json_to_recordset($1::json) AS r(actor text, action text, person_id uuid, metrics text[],
        detail jsonb, client_address text, request_id text, actor_account_id uuid, actor_role text, subject_account_id uuid)`,
    values: [JSON.stringify(rows)],
  });
}

export interface AccessLogEntry {
  at: Date;
  action: string;
  metrics: string[] | null;
  actorDisplayName: string;
  actorRole: string | null;
}

/**
 * Who read or changed a person's data, newest first. Actors are named by their account's
 * display name and role (staff are expected to be identifiable to the person); the operator
 * token shows as "operator".
 */
export async function readAccessLog(
  db: Queryable,
  personId: string,
  opts: { limit: number; beforeId?: number },
): Promise<Array<AccessLogEntry & { id: number }>> {
  const { rows } = await db.query<{
    id: number;
    at: Date;
    action: string;
    metrics: string[] | null;
    display_name: string | null;
    actor: string;
    actor_role: string | null;
  }>(
    `SELECT l.id, l.at, l.action, l.metrics, a.display_name, l.actor, l.actor_role
       FROM audit_log l LEFT JOIN accounts a ON a.id = l.actor_account_id
      WHERE l.person_id = $1 AND ($3::bigint IS NULL OR l.id < $3)
      ORDER BY l.id DESC LIMIT $2`,
    [personId, opts.limit, opts.beforeId ?? null],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    at: r.at,
    action: r.action,
    metrics: r.metrics,
    actorDisplayName: r.display_name ?? r.actor,
    actorRole: r.actor_role,
  }));
}
