import type { Queryable } from './queryable.js';

export interface ContestEntry {
  id: string;
  personId: string;
  nickname: string;
  /** First local date (YYYY-MM-DD) that counts; the baseline is the days before it. */
  startsOn: string;
  joinedAt: Date;
  updatedAt: Date;
}

type Row = { id: string; person_id: string; nickname: string; starts_on: string; joined_at: Date; updated_at: Date };

const COLUMNS = `id, person_id, nickname, to_char(starts_on, 'YYYY-MM-DD') AS starts_on, joined_at, updated_at`;

const toEntry = (r: Row): ContestEntry => ({
  id: r.id,
  personId: r.person_id,
  nickname: r.nickname,
  startsOn: r.starts_on,
  joinedAt: r.joined_at,
  updatedAt: r.updated_at,
});

/** The person's active entry, or null. */
export async function getContestEntry(db: Queryable, personId: string): Promise<ContestEntry | null> {
  const { rows } = await db.query<Row>(
    `SELECT ${COLUMNS} FROM contest_entries WHERE person_id = $1 AND left_at IS NULL`,
    [personId],
  );
  return rows[0] ? toEntry(rows[0]) : null;
}

/**
 * Joins the contest or changes the nickname (and start) of the active entry. A nickname another
 * active entry holds (ignoring case) fails with PostgreSQL's unique violation (23505).
 */
export async function saveContestEntry(
  db: Queryable,
  e: { personId: string; nickname: string; startsOn: string | null; by: string | null },
): Promise<{ entry: ContestEntry; created: boolean }> {
  const updated = await db.query<Row>(
    `UPDATE contest_entries SET nickname = $2, starts_on = COALESCE($3::date, starts_on), updated_at = now()
      WHERE person_id = $1 AND left_at IS NULL RETURNING ${COLUMNS}`,
    [e.personId, e.nickname, e.startsOn],
  );
  if (updated.rows[0]) return { entry: toEntry(updated.rows[0]), created: false };
  const { rows } = await db.query<Row>(
    `INSERT INTO contest_entries (person_id, nickname, starts_on, joined_by)
     VALUES ($1, $2, COALESCE($3::date, (now() AT TIME ZONE 'Asia/Tokyo')::date), $4) RETURNING ${COLUMNS}`,
    [e.personId, e.nickname, e.startsOn, e.by],
  );
  return { entry: toEntry(rows[0]!), created: true };
}

/** Leaves the contest; null when the person had no active entry. */
export async function leaveContest(db: Queryable, personId: string, by: string | null): Promise<ContestEntry | null> {
  const { rows } = await db.query<Row>(
    `UPDATE contest_entries SET left_at = now(), left_by = $2 WHERE person_id = $1 AND left_at IS NULL
     RETURNING ${COLUMNS}`,
    [personId, by],
  );
  return rows[0] ? toEntry(rows[0]) : null;
}

export interface Contestant {
  personId: string;
  pseudonym: string;
  nickname: string;
  startsOn: string;
}

/** Who appears on the leaderboard: an active entry, an active contest consent, not erased. */
export async function listContestants(db: Queryable): Promise<Contestant[]> {
  const { rows } = await db.query<{ person_id: string; pseudonym: string; nickname: string; starts_on: string }>(
    `SELECT e.person_id, p.pseudonym, e.nickname, to_char(e.starts_on, 'YYYY-MM-DD') AS starts_on
       FROM contest_entries e JOIN persons p ON p.id = e.person_id
      WHERE e.left_at IS NULL AND p.erased_at IS NULL AND EXISTS (
        SELECT 1 FROM consents c WHERE c.person_id = p.id AND c.purpose = 'contest'
           AND c.withdrawn_at IS NULL AND c.superseded_at IS NULL)
      ORDER BY e.nickname`,
    [],
  );
  return rows.map((r) => ({
    personId: r.person_id,
    pseudonym: r.pseudonym,
    nickname: r.nickname,
    startsOn: r.starts_on,
  }));
}

/** Whether the person has an active consent for `purpose`. */
export async function hasActiveConsent(db: Queryable, personId: string, purpose: string): Promise<boolean> {
  const { rows } = await db.query(
    `SELECT 1 FROM consents WHERE person_id = $1 AND purpose = $2 AND withdrawn_at IS NULL AND superseded_at IS NULL`,
    [personId, purpose],
  );
  return rows.length > 0;
}
