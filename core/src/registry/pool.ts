import pg from 'pg';

/** PostgreSQL pool; timestamps come back as Date, bigint counts as numbers. */
export function createPgPool(connectionString: string, max = 10): pg.Pool {
  pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
  const pool = new pg.Pool({ connectionString, max, connectionTimeoutMillis: 5_000, idleTimeoutMillis: 30_000 });
  // an idle client losing its connection must not crash the process; the next query reconnects
  pool.on('error', () => {});
  return pool;
}

export type PgPool = pg.Pool;
