import type { Queryable } from './queryable.js';

export interface Facility {
  id: string;
  code: string;
  name: string;
  municipality: string;
  prefecture: string;
  createdAt: Date;
}

type Row = { id: string; code: string; name: string; municipality: string; prefecture: string; created_at: Date };
const COLUMNS = 'id, code, name, municipality, prefecture, created_at';
const toFacility = (r: Row): Facility => ({
  id: r.id,
  code: r.code,
  name: r.name,
  municipality: r.municipality,
  prefecture: r.prefecture,
  createdAt: r.created_at,
});

export async function listFacilities(db: Queryable, opts: { limit: number; offset: number }): Promise<Facility[]> {
  const { rows } = await db.query<Row>(`SELECT ${COLUMNS} FROM facilities ORDER BY code LIMIT $1 OFFSET $2`, [
    opts.limit,
    opts.offset,
  ]);
  return rows.map(toFacility);
}

export async function getFacility(db: Queryable, id: string): Promise<Facility | null> {
  const { rows } = await db.query<Row>(`SELECT ${COLUMNS} FROM facilities WHERE id = $1`, [id]);
  return rows[0] ? toFacility(rows[0]) : null;
}

/** A duplicate code violates `facilities_code_key` (23505). */
export async function createFacility(db: Queryable, f: Omit<Facility, 'id' | 'createdAt'>): Promise<Facility> {
  const { rows } = await db.query<Row>(
    `INSERT INTO facilities (code, name, municipality, prefecture) VALUES ($1, $2, $3, $4) RETURNING ${COLUMNS}`,
    [f.code, f.name, f.municipality, f.prefecture],
  );
  return toFacility(rows[0]!);
}

export async function updateFacility(
  db: Queryable,
  id: string,
  c: Partial<Pick<Facility, 'name' | 'municipality' | 'prefecture'>>,
): Promise<Facility | null> {
  const { rows } = await db.query<Row>(
    `UPDATE facilities SET name = COALESCE($2, name), municipality = COALESCE($3, municipality),
       prefecture = COALESCE($4, prefecture) WHERE id = $1 RETURNING ${COLUMNS}`,
    [id, c.name ?? null, c.municipality ?? null, c.prefecture ?? null],
  );
  return rows[0] ? toFacility(rows[0]) : null;
}
