import { loadAccessFacts, type PgPool } from '../../../core/src/index.js';
import type { Principal } from '../auth/principal.js';
import { callerOf } from '../auth/principal.js';
import { decidePerson, type Allowed } from './policy.js';

export interface Resident {
  personId: string;
  displayName: string;
  pseudonym: string;
  access: Allowed;
}

/**
 * The residents of a facility whose vitals the caller may see (care consent and a facility grant,
 * decided by the policy, person by person), with what each shares.
 */
export async function visibleResidents(pool: PgPool, principal: Principal, facilityId: string): Promise<Resident[]> {
  const { rows } = await pool.query<{ id: string; family_name: string; given_name: string; pseudonym: string }>(
    `SELECT id, family_name, given_name, pseudonym FROM persons
      WHERE facility_id = $1 AND erased_at IS NULL ORDER BY family_name, given_name, id`,
    [facilityId],
  );
  if (rows.length === 0) return [];
  const caller = callerOf(principal);
  const facts = await loadAccessFacts(pool, caller, rows.map((r) => r.id));
  return rows.flatMap((r) => {
    const d = decidePerson(caller, facts.get(r.id), 'vitals', r.id);
    return d.allow ? [{ personId: r.id, displayName: `${r.family_name} ${r.given_name}`, pseudonym: r.pseudonym, access: d }] : [];
  });
}
