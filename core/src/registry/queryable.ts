import type pg from 'pg';
import type { PgPool } from './pool.js';

/** A pool or a client inside a transaction: registry functions take either. */
export type Queryable = Pick<pg.PoolClient, 'query'>;

/** Runs `fn` in one transaction on one client; rolls back when it throws. */
export async function withTransaction<T>(pool: PgPool, fn: (db: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}
