import { runMigrations } from '../../core/src/index.js';
import { testEnv } from './env.js';

/** Integration tests run against the mimamori_test database, migrated once per run. */
export default async function setup() {
  const env = testEnv();
  await runMigrations(env.TEST_DATABASE_URL);
}
