import type { Queryable } from './queryable.js';
import type { ConsentPurpose } from './roles.js';

export interface Consent {
  id: string;
  personId: string;
  purpose: ConsentPurpose;
  documentVersion: string;
  givenBy: 'person' | 'proxy';
  proxyName: string | null;
  proxyRelationship: string | null;
  givenAt: Date;
  recordedAt: Date;
  recordedBy: string | null;
  supersededAt: Date | null;
  withdrawnAt: Date | null;
  withdrawnBy: string | null;
}

const COLUMNS = `id, person_id, purpose, document_version, given_by, proxy_name, proxy_relationship, given_at,
  recorded_at, recorded_by, superseded_at, withdrawn_at, withdrawn_by`;

type Row = {
  id: string;
  person_id: string;
  purpose: ConsentPurpose;
  document_version: string;
  given_by: 'person' | 'proxy';
  proxy_name: string | null;
  proxy_relationship: string | null;
  given_at: Date;
  recorded_at: Date;
  recorded_by: string | null;
  superseded_at: Date | null;
  withdrawn_at: Date | null;
  withdrawn_by: string | null;
};

const toConsent = (r: Row): Consent => ({
  id: r.id,
  personId: r.person_id,
  purpose: r.purpose,
  documentVersion: r.document_version,
  givenBy: r.given_by,
  proxyName: r.proxy_name,
  proxyRelationship: r.proxy_relationship,
  givenAt: r.given_at,
  recordedAt: r.recorded_at,
  recordedBy: r.recorded_by,
  supersededAt: r.superseded_at,
  withdrawnAt: r.withdrawn_at,
  withdrawnBy: r.withdrawn_by,
});

export interface NewConsent {
  personId: string;
  purpose: ConsentPurpose;
  documentVersion: string;
  givenBy: 'person' | 'proxy';
  proxyName?: string | null;
  proxyRelationship?: string | null;
  givenAt: Date;
  recordedBy: string | null;
}

/** Records a consent; an active one for the same purpose is superseded (run in a transaction). */
export async function recordConsent(db: Queryable, c: NewConsent): Promise<Consent> {
  await db.query(
    `UPDATE consents SET superseded_at = now()
      WHERE person_id = $1 AND purpose = $2 AND withdrawn_at IS NULL AND superseded_at IS NULL`,
    [c.personId, c.purpose],
  );
  const { rows } = await db.query<Row>(
    `INSERT INTO consents (person_id, purpose, document_version, given_by, proxy_name, proxy_relationship, given_at,
       recorded_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${COLUMNS}`,
    [
      c.personId,
      c.purpose,
      c.documentVersion,
      c.givenBy,
      c.proxyName ?? null,
      c.proxyRelationship ?? null,
      c.givenAt,
      c.recordedBy,
    ],
  );
  return toConsent(rows[0]!);
}

/** Every consent of a person, newest first, withdrawn and superseded ones included. */
export async function listConsents(db: Queryable, personId: string): Promise<Consent[]> {
  const { rows } = await db.query<Row>(
    `SELECT ${COLUMNS} FROM consents WHERE person_id = $1 ORDER BY recorded_at DESC, id`,
    [personId],
  );
  return rows.map(toConsent);
}

/** Withdraws one active consent of the person; null when there is no such active consent. */
export async function withdrawConsent(db: Queryable, personId: string, id: string, by: string | null) {
  const { rows } = await db.query<Row>(
    `UPDATE consents SET withdrawn_at = now(), withdrawn_by = $3
      WHERE id = $1 AND person_id = $2 AND withdrawn_at IS NULL AND superseded_at IS NULL RETURNING ${COLUMNS}`,
    [id, personId, by],
  );
  return rows[0] ? toConsent(rows[0]) : null;
}

/** Withdraws every active consent of the person; returns the withdrawn ones. */
export async function withdrawAllConsents(db: Queryable, personId: string, by: string | null): Promise<Consent[]> {
  const { rows } = await db.query<Row>(
    `UPDATE consents SET withdrawn_at = now(), withdrawn_by = $2
      WHERE person_id = $1 AND withdrawn_at IS NULL AND superseded_at IS NULL RETURNING ${COLUMNS}`,
    [personId, by],
  );
  return rows.map(toConsent);
}

/** Pseudonyms of the people with an active research consent (the analysis cohort). */
export async function listResearchCohort(db: Queryable): Promise<Array<{ pseudonym: string }>> {
  const { rows } = await db.query<{ pseudonym: string }>(
    `SELECT p.pseudonym FROM persons p WHERE p.erased_at IS NULL AND EXISTS (
       SELECT 1 FROM consents c WHERE c.person_id = p.id AND c.purpose = 'research'
          AND c.withdrawn_at IS NULL AND c.superseded_at IS NULL) ORDER BY p.pseudonym`,
  );
  return rows;
}
