import type { Queryable } from './queryable.js';
import type { ConsentPurpose } from './roles.js';

/** A grant as the access policy sees it: times as epoch ms, revoked ones included. */
export interface GrantFact {
  id: string;
  metrics: string[];
  dataFromMs: number | null;
  dataToMs: number | null;
  proxy: boolean;
  revoked: boolean;
}

/** What the access policy needs to know about one person for one caller, read fresh per request. */
export interface PersonAccessFacts {
  personId: string;
  facilityId: string;
  /** What InfluxDB knows the person by, and their zone: vitals routes need no second lookup. */
  pseudonym: string;
  timeZone: string;
  erased: boolean;
  activeConsents: ConsentPurpose[];
  /** Grants of this person to the caller's account. */
  accountGrants: GrantFact[];
  /** Grants of this person to the caller's facility. */
  facilityGrants: GrantFact[];
}

export interface FactsCaller {
  accountId: string | null;
  facilityId: string | null;
}

const grantsJson = (condition: string) => `COALESCE((SELECT json_agg(json_build_object(
    'id', g.id, 'metrics', g.metrics, 'dataFrom', g.data_from, 'dataTo', g.data_to, 'proxy', g.proxy,
    'revoked', g.revoked_at IS NOT NULL)) FROM grants g WHERE g.person_id = p.id AND ${condition}), '[]'::json)`;

type Row = {
  id: string;
  facility_id: string;
  pseudonym: string;
  time_zone: string;
  erased_at: Date | null;
  consents: ConsentPurpose[];
  account_grants: Array<
    Omit<GrantFact, 'dataFromMs' | 'dataToMs'> & { dataFrom: string | null; dataTo: string | null }
  >;
  facility_grants: Row['account_grants'];
};

const toFact = (g: Row['account_grants'][number]): GrantFact => ({
  id: g.id,
  metrics: g.metrics,
  dataFromMs: g.dataFrom ? Date.parse(g.dataFrom) : null,
  dataToMs: g.dataTo ? Date.parse(g.dataTo) : null,
  proxy: g.proxy,
  revoked: g.revoked,
});

/**
 * SELECT of the facts about people `ids` (a uuid[] expression) for the caller's account and
 * facility (expressions too, so authentication can join it to the credential's owner).
 */
export const accessFactsSql = (ids: string, accountId: string, facilityId: string) =>
  `SELECT p.id, p.facility_id, p.pseudonym, p.time_zone, p.erased_at,
       ARRAY(SELECT c.purpose FROM consents c WHERE c.person_id = p.id AND c.withdrawn_at IS NULL
              AND c.superseded_at IS NULL ORDER BY c.purpose) AS consents,
       ${grantsJson(`g.grantee_account_id = ${accountId}`)} AS account_grants,
       ${grantsJson(`g.grantee_facility_id = ${facilityId}`)} AS facility_grants
     FROM persons p WHERE p.id = ANY(${ids})`;

/** A row of accessFactsSql (erased_at may arrive as text when it went through JSON). */
export type AccessFactsRow = Omit<Row, 'erased_at'> & { erased_at: Date | string | null };

export const toAccessFacts = (r: AccessFactsRow): PersonAccessFacts => ({
  personId: r.id,
  facilityId: r.facility_id,
  pseudonym: r.pseudonym,
  timeZone: r.time_zone,
  erased: r.erased_at !== null,
  activeConsents: r.consents,
  accountGrants: r.account_grants.map(toFact),
  facilityGrants: r.facility_grants.map(toFact),
});

/** Facts about the given people for the caller; people that do not exist are missing from the map. */
export async function loadAccessFacts(
  db: Queryable,
  caller: FactsCaller,
  personIds: string[],
): Promise<Map<string, PersonAccessFacts>> {
  const { rows } = await db.query<Row>(accessFactsSql('$1::uuid[]', '$2', '$3'), [
    personIds,
    caller.accountId,
    caller.facilityId,
  ]);
  return new Map(rows.map((r) => [r.id, toAccessFacts(r)]));
}

/** People whose data the caller could possibly see: a superset the policy then filters. */
export async function listCandidatePersonIds(
  db: Queryable,
  c: FactsCaller & { personId: string | null },
): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT p.id FROM persons p WHERE p.id = $1
        OR ($3::uuid IS NOT NULL AND p.facility_id = $3)
        OR EXISTS (SELECT 1 FROM grants g WHERE g.person_id = p.id AND g.grantee_account_id = $2)`,
    [c.personId, c.accountId, c.facilityId],
  );
  return rows.map((r) => r.id);
}
