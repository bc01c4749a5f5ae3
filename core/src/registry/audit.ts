import type { PgPool } from './pool.js';

export interface AuditEntry {
  actor: string;
  action: string;
  personId?: string | null;
  metrics?: string[];
  detail?: Record<string, unknown>;
  clientAddress?: string;
  requestId?: string;
}

/** Appends one audit row; callers await it so that a read is never served unrecorded. */
export async function writeAudit(pool: PgPool, e: AuditEntry): Promise<void> {
  await pool.query(
    `INSERT INTO audit_log (actor, action, person_id, metrics, detail, client_address, request_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      e.actor,
      e.action,
      e.personId ?? null,
      e.metrics ?? null,
      e.detail ? JSON.stringify(e.detail) : null,
      e.clientAddress ?? null,
      e.requestId ?? null,
    ],
  );
}
