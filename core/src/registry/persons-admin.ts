import type { Queryable } from './queryable.js';

/** Registry fields of a person that an admin sets; names stay in PostgreSQL only. */
export interface PersonFields {
  facilityId: string;
  familyName: string;
  givenName: string;
  familyNameKana: string | null;
  givenNameKana: string | null;
  birthDate: string | null;
  sex: 'female' | 'male' | 'other' | null;
  careLevel: string;
  timeZone: string;
  dailyStepGoal: number | null;
}

const FIELDS: Array<[keyof PersonFields, string]> = [
  ['facilityId', 'facility_id'],
  ['familyName', 'family_name'],
  ['givenName', 'given_name'],
  ['familyNameKana', 'family_name_kana'],
  ['givenNameKana', 'given_name_kana'],
  ['birthDate', 'birth_date'],
  ['sex', 'sex'],
  ['careLevel', 'care_level'],
  ['timeZone', 'time_zone'],
  ['dailyStepGoal', 'daily_step_goal'],
];

/** Creates a person (a random pseudonym is drawn by the database); returns the id. */
export async function createPerson(
  db: Queryable,
  p: Partial<PersonFields> & Pick<PersonFields, 'facilityId' | 'familyName' | 'givenName' | 'careLevel'>,
): Promise<string> {
  const given = FIELDS.filter(([k]) => p[k] !== undefined);
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO persons (${given.map(([, c]) => c).join(', ')})
     VALUES (${given.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`,
    given.map(([k]) => p[k]),
  );
  return rows[0]!.id;
}

/** Updates the given fields (null clears an optional one); false for an unknown person. */
export async function updatePerson(db: Queryable, id: string, c: Partial<PersonFields>): Promise<boolean> {
  const given = FIELDS.filter(([k]) => c[k] !== undefined);
  if (given.length === 0) {
    const { rowCount } = await db.query('SELECT 1 FROM persons WHERE id = $1', [id]);
    return (rowCount ?? 0) > 0;
  }
  const { rowCount } = await db.query(
    `UPDATE persons SET ${given.map(([, col], i) => `${col} = $${i + 2}`).join(', ')} WHERE id = $1`,
    [id, ...given.map(([k]) => c[k])],
  );
  return (rowCount ?? 0) > 0;
}

/**
 * After erasure the registry keeps only what consent and audit history need: the id, the
 * pseudonym, the facility and the name. Details go, and so do the enrolments, so that readings
 * still in flight from the watch find nobody and are dead-lettered instead of stored again.
 */
export async function erasePersonDetails(db: Queryable, id: string): Promise<{ enrolmentsRemoved: number }> {
  await db.query(
    `UPDATE persons SET erased_at = now(), family_name_kana = NULL, given_name_kana = NULL, birth_date = NULL,
       sex = NULL, daily_step_goal = NULL WHERE id = $1`,
    [id],
  );
  const { rowCount } = await db.query('DELETE FROM enrolments WHERE person_id = $1', [id]);
  return { enrolmentsRemoved: rowCount ?? 0 };
}

/** The pseudonym of a person (the only key InfluxDB knows), or null. */
export async function getPseudonym(db: Queryable, id: string): Promise<string | null> {
  const { rows } = await db.query<{ pseudonym: string }>('SELECT pseudonym FROM persons WHERE id = $1', [id]);
  return rows[0]?.pseudonym ?? null;
}
