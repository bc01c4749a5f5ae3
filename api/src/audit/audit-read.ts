import type { FastifyRequest } from 'fastify';
import { writeAudit, writeAuditRows, type AuditEntry, type Queryable } from '../../../core/src/index.js';
import type { AuditBatcher } from './audit-batcher.js';

/** Who acted, from where, in which request: the common part of every audit row. */
export function auditActor(
  req: FastifyRequest,
): Pick<AuditEntry, 'actor' | 'actorAccountId' | 'actorRole' | 'clientAddress' | 'requestId'> {
  const p = req.principal;
  return {
    actor: p ? (p.accountId ? `account:${p.accountId}` : 'operator') : 'anonymous',
    actorAccountId: p?.accountId ?? null,
    actorRole: p?.role ?? null,
    // the socket's address: the API trusts no proxy header
    clientAddress: req.ip,
    requestId: req.id,
  };
}

export interface ReadRecord {
  action: 'read.profile' | 'read.latest' | 'read.series' | 'read.daily' | 'read.access_log' | 'read.consents' | 'read.grants';
  personId: string;
  metrics?: string[];
  detail?: Record<string, unknown>;
}

/**
 * Records one read of a person's data before it is sent; awaited, so no read goes unrecorded.
 * Through a batcher the row is group-committed with concurrent reads' rows.
 */
export function auditRead(db: Queryable | AuditBatcher, req: FastifyRequest, r: ReadRecord): Promise<void> {
  const entry = { ...auditActor(req), ...r, personId: r.personId };
  return 'write' in db ? db.write(entry) : writeAudit(db, entry);
}

/** A list of people is a read of each person shown: one row per person. */
export function auditListRead(
  db: Queryable,
  req: FastifyRequest,
  personIds: string[],
  detail: Record<string, unknown>,
  action: 'read.persons' | 'read.alerts' | 'read.roster' = 'read.persons',
) {
  const actor = auditActor(req);
  return writeAuditRows(
    db,
    personIds.map((personId) => ({ ...actor, action, personId, detail })),
  );
}

export interface ChangeRecord {
  action: string;
  personId?: string | null;
  subjectAccountId?: string | null;
  metrics?: string[];
  detail?: Record<string, unknown>;
}

/**
 * Records a change (consent, grant, enrolment, account, registry) in the change's transaction.
 * `as` names the actor where nobody is signed in yet (a sign-in acts for the account it concerns).
 */
export function auditChange(
  db: Queryable,
  req: FastifyRequest,
  c: ChangeRecord,
  as?: { accountId: string; role: string },
): Promise<void> {
  const actor = auditActor(req);
  if (as) Object.assign(actor, { actor: `account:${as.accountId}`, actorAccountId: as.accountId, actorRole: as.role });
  return writeAudit(db, { ...actor, ...c });
}
