// npm run migrate: applies pending PostgreSQL migrations from db/migrations.
import { z } from 'zod';
import { createLogger, loadConfigOrExit, logFragment, postgresFragment, runMigrations } from '../core/src/index.js';

const config = loadConfigOrExit(z.object({ ...postgresFragment, ...logFragment }), 'migrate');
const logger = createLogger({ service: 'migrate', level: config.LOG_LEVEL });
const applied = await runMigrations(config.DATABASE_URL, (msg) => logger.debug(msg));
logger.info({ applied }, applied.length ? `applied ${applied.length} migration(s)` : 'schema up to date');
