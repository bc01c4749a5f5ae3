import pg from 'pg';

export interface PgPoolOptions {
  /**
   * Every prepared statement planned once per connection (plan_cache_mode=force_generic_plan)
   * instead of PostgreSQL's choice: it re-plans a statement for each execution while a custom plan
   * looks cheaper, which the api's credential lookup (CTEs over unnest) always did, planning taking
   * longer than running. Only for a pool that runs statements whose generic plan is known to be good.
   */
  genericPlans?: boolean;
}

/** PostgreSQL pool; timestamps come back as Date, bigint counts as numbers. */
export function createPgPool(connectionString: string, max = 10, opts: PgPoolOptions = {}): pg.Pool {
  pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
  const pool = new pg.Pool({
    connectionString,
    max,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    ...(opts.genericPlans ? { options: '-c plan_cache_mode=force_generic_plan' } : {}),
  });
  // an idle client losing its connection must not crash the process; the next query reconnects
  pool.on('error', () => {});
  return pool;
}

export type PgPool = pg.Pool;
