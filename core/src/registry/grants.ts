import type { Queryable } from './queryable.js';

export interface Grant {
  id: string;
  personId: string;
  granteeAccountId: string | null;
  granteeFacilityId: string | null;
  metrics: string[];
  dataFrom: Date | null;
  dataTo: Date | null;
  proxy: boolean;
  createdAt: Date;
  createdBy: string | null;
  revokedAt: Date | null;
  revokedBy: string | null;
}

const COLUMNS = `id, person_id, grantee_account_id, grantee_facility_id, metrics, data_from, data_to, proxy,
  created_at, created_by, revoked_at, revoked_by`;

type Row = {
  id: string;
  person_id: string;
  grantee_account_id: string | null;
  grantee_facility_id: string | null;
  metrics: string[];
  data_from: Date | null;
  data_to: Date | null;
  proxy: boolean;
  created_at: Date;
  created_by: string | null;
  revoked_at: Date | null;
  revoked_by: string | null;
};

const toGrant = (r: Row): Grant => ({
  id: r.id,
  personId: r.person_id,
  granteeAccountId: r.grantee_account_id,
  granteeFacilityId: r.grantee_facility_id,
  metrics: r.metrics,
  dataFrom: r.data_from,
  dataTo: r.data_to,
  proxy: r.proxy,
  createdAt: r.created_at,
  createdBy: r.created_by,
  revokedAt: r.revoked_at,
  revokedBy: r.revoked_by,
});

export interface NewGrant {
  personId: string;
  granteeAccountId?: string | null;
  granteeFacilityId?: string | null;
  metrics: string[];
  dataFrom?: Date | null;
  dataTo?: Date | null;
  proxy?: boolean;
  createdBy: string | null;
}

/** Grants access; an active grant to the same grantee is revoked first (run in a transaction). */
export async function createGrant(db: Queryable, g: NewGrant): Promise<{ grant: Grant; replaced: string[] }> {
  const replaced = await db.query<{ id: string }>(
    `UPDATE grants SET revoked_at = now(), revoked_by = $4
      WHERE person_id = $1 AND revoked_at IS NULL
        AND (grantee_account_id = $2 OR grantee_facility_id = $3) RETURNING id`,
    [g.personId, g.granteeAccountId ?? null, g.granteeFacilityId ?? null, g.createdBy],
  );
  const { rows } = await db.query<Row>(
    `INSERT INTO grants (person_id, grantee_account_id, grantee_facility_id, metrics, data_from, data_to, proxy, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${COLUMNS}`,
    [
      g.personId,
      g.granteeAccountId ?? null,
      g.granteeFacilityId ?? null,
      g.metrics,
      g.dataFrom ?? null,
      g.dataTo ?? null,
      g.proxy ?? false,
      g.createdBy,
    ],
  );
  return { grant: toGrant(rows[0]!), replaced: replaced.rows.map((r) => r.id) };
}

export async function listGrants(db: Queryable, personId: string): Promise<Grant[]> {
  const { rows } = await db.query<Row>(
    `SELECT ${COLUMNS} FROM grants WHERE person_id = $1 ORDER BY created_at DESC, id`,
    [personId],
  );
  return rows.map(toGrant);
}

/** Revokes one active grant of the person; null when there is no such active grant. */
export async function revokeGrant(db: Queryable, personId: string, id: string, by: string | null) {
  const { rows } = await db.query<Row>(
    `UPDATE grants SET revoked_at = now(), revoked_by = $3
      WHERE id = $1 AND person_id = $2 AND revoked_at IS NULL RETURNING ${COLUMNS}`,
    [id, personId, by],
  );
  return rows[0] ? toGrant(rows[0]) : null;
}

export async function revokeAllGrants(db: Queryable, personId: string, by: string | null): Promise<Grant[]> {
  const { rows } = await db.query<Row>(
    `UPDATE grants SET revoked_at = now(), revoked_by = $2 WHERE person_id = $1 AND revoked_at IS NULL
     RETURNING ${COLUMNS}`,
    [personId, by],
  );
  return rows.map(toGrant);
}
