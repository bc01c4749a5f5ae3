import type { FastifyRequest } from 'fastify';
import { writeAudit, type PgPool } from '../../../core/src/index.js';

export interface ReadRecord {
  action: 'read.persons' | 'read.latest' | 'read.series';
  personId?: string;
  metrics?: string[];
  detail?: Record<string, unknown>;
}

/**
 * Records one read of personal data before it is sent: who (the operator until accounts exist),
 * what, whose, from which address (the socket's: the API trusts no proxy header) and the
 * request id. Awaited, so a read whose record failed is never served.
 */
export function auditRead(pool: PgPool, req: FastifyRequest, r: ReadRecord): Promise<void> {
  return writeAudit(pool, {
    actor: 'operator',
    action: r.action,
    personId: r.personId ?? null,
    metrics: r.metrics,
    detail: r.detail,
    clientAddress: req.ip,
    requestId: req.id,
  });
}
