import { runner } from 'node-pg-migrate';
import { projectPath } from '../project-root.js';

/** db/migrations of the project (from the sources and from a bundle in dist/ alike). */
export const migrationsDir = (): string => projectPath('db', 'migrations');

/** Applies pending migrations (node-pg-migrate, SQL files in db/migrations); returns their names. */
export async function runMigrations(databaseUrl: string, log: (msg: string) => void = () => {}): Promise<string[]> {
  const done = await runner({
    databaseUrl,
    dir: migrationsDir(),
    direction: 'up',
    migrationsTable: 'pgmigrations',
    log,
    verbose: false,
  });
  return done.map((m) => m.name);
}
