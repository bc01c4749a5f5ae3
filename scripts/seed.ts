// npm run seed: the Shizuoka pilot — one facility, 30 residents with watches, their consents and
// sharing with the facility, and one demo account per role (passwords in .data/demo-accounts.txt).
import { mkdirSync } from 'node:fs';
import { z } from 'zod';
import { createLogger, createPgPool, loadConfigOrExit, logFragment, postgresFragment } from '../core/src/index.js';
import { DEMO_ACCOUNTS_FILE, writeDemoAccounts } from './seed-accounts.js';
import { pilotFacility } from './seed-data.js';
import { seedPilot } from './seed-pilot.js';

const config = loadConfigOrExit(z.object({ ...postgresFragment, ...logFragment }), 'seed');
const logger = createLogger({ service: 'seed', level: config.LOG_LEVEL });
const pool = createPgPool(config.DATABASE_URL, 2);

try {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { created, contestants, accounts } = await seedPilot(client);
    await client.query('COMMIT');
    mkdirSync('.data', { recursive: true });
    writeDemoAccounts(accounts);
    process.stdout.write(`\nDemo accounts (also in ${DEMO_ACCOUNTS_FILE}):\n${accounts}\n`);
    logger.info(
      { facility: pilotFacility.code, created, contestants },
      created ? `seeded ${created} person(s) with watches` : 'pilot already seeded',
    );
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  } finally {
    client.release();
  }
} finally {
  await pool.end();
}
