import type { PgPool } from './pool.js';

export interface PersonSummary {
  id: string;
  pseudonym: string;
  familyName: string;
  givenName: string;
  familyNameKana: string | null;
  givenNameKana: string | null;
  careLevel: string;
  facilityId: string;
  facilityName: string;
  timeZone: string;
  dailyStepGoal: number | null;
  deviceId: string | null;
}

const SELECT_PERSON = `
  SELECT p.id, p.pseudonym, p.family_name, p.given_name, p.family_name_kana, p.given_name_kana,
         p.care_level, p.facility_id, f.name AS facility_name, p.time_zone, p.daily_step_goal,
         (SELECT e.device_id FROM enrolments e
           WHERE e.person_id = p.id AND e.valid_from <= now() AND (e.valid_to IS NULL OR e.valid_to > now())
           ORDER BY e.valid_from DESC LIMIT 1) AS device_id
    FROM persons p JOIN facilities f ON f.id = p.facility_id`;

type PersonRow = {
  id: string;
  pseudonym: string;
  family_name: string;
  given_name: string;
  family_name_kana: string | null;
  given_name_kana: string | null;
  care_level: string;
  facility_id: string;
  facility_name: string;
  time_zone: string;
  daily_step_goal: number | null;
  device_id: string | null;
};

function toPerson(r: PersonRow): PersonSummary {
  return {
    id: r.id,
    pseudonym: r.pseudonym,
    familyName: r.family_name,
    givenName: r.given_name,
    familyNameKana: r.family_name_kana,
    givenNameKana: r.given_name_kana,
    careLevel: r.care_level,
    facilityId: r.facility_id,
    facilityName: r.facility_name,
    timeZone: r.time_zone,
    dailyStepGoal: r.daily_step_goal,
    deviceId: r.device_id,
  };
}

/** People in kana order; `ids` (when given) limits the list to those people. */
export async function listPersons(
  pool: PgPool,
  opts: { facilityId?: string; limit?: number; offset?: number; ids?: string[] } = {},
) {
  const { rows } = await pool.query<PersonRow>(
    `${SELECT_PERSON} WHERE ($1::uuid IS NULL OR p.facility_id = $1) AND ($4::uuid[] IS NULL OR p.id = ANY($4))
      ORDER BY p.family_name_kana NULLS LAST, p.given_name_kana NULLS LAST, p.id LIMIT $2 OFFSET $3`,
    [opts.facilityId ?? null, opts.limit ?? 100, opts.offset ?? 0, opts.ids ?? null],
  );
  return rows.map(toPerson);
}

export async function getPerson(pool: PgPool, id: string): Promise<PersonSummary | null> {
  const { rows } = await pool.query<PersonRow>(`${SELECT_PERSON} WHERE p.id = $1`, [id]);
  return rows[0] ? toPerson(rows[0]) : null;
}
