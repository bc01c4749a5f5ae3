import type { FastifyRequest } from 'fastify';
import { writeAudit, type Queryable } from '../../../core/src/index.js';
import { auditActor } from './audit-read.js';

export interface AggregateReadRecord {
  /** read.cohort (programme staff's pseudonymised cohort), read.contest (the leaderboard). */
  action: 'read.cohort' | 'read.contest';
  /** How many people's data the answer was computed from. */
  people: number;
  detail: Record<string, unknown>;
}

/**
 * Records one read over many people as one row without a person: the caller never sees who they
 * are (pseudonyms or nicknames), so a row per person would say more than the answer did.
 */
export function auditAggregateRead(db: Queryable, req: FastifyRequest, r: AggregateReadRecord): Promise<void> {
  return writeAudit(db, {
    ...auditActor(req),
    action: r.action,
    personId: null,
    detail: { ...r.detail, people: r.people },
  });
}
