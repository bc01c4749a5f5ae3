// npm run seed: the Shizuoka pilot — one facility, 30 residents with watches, their consents and
// sharing with the facility, and one demo account per role (passwords in .data/demo-accounts.txt).
import { mkdirSync } from 'node:fs';
import { fakerJA as faker } from '@faker-js/faker';
import { z } from 'zod';
import { createLogger, createPgPool, loadConfigOrExit, logFragment, postgresFragment } from '../core/src/index.js';
import { DEMO_ACCOUNTS_FILE, seedDemoAccounts, seedPilotConsents, writeDemoAccounts } from './seed-accounts.js';
import { seedContestEntries } from './seed-contest.js';
import { pilotFacility, pilotPeople } from './seed-data.js';

const config = loadConfigOrExit(z.object({ ...postgresFragment, ...logFragment }), 'seed');
const logger = createLogger({ service: 'seed', level: config.LOG_LEVEL });
const pool = createPgPool(config.DATABASE_URL, 2);

try {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const f = pilotFacility;
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO facilities (code, name, municipality, prefecture) VALUES ($1, $2, $3, $4)
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
      [f.code, f.name, f.municipality, f.prefecture],
    );
    const facilityId = rows[0]!.id;
    let created = 0;
    const personIds: string[] = [];
    for (const p of pilotPeople(faker)) {
      await client.query(
        `INSERT INTO devices (id, vendor, model, wire_format) VALUES ($1, 'mimamori-sim', 'Mimamori Sim Watch 1', 'canonical')
         ON CONFLICT (id) DO NOTHING`,
        [p.deviceId],
      );
      const has = await client.query<{ person_id: string }>(
        'SELECT person_id FROM enrolments WHERE device_id = $1 ORDER BY valid_from LIMIT 1',
        [p.deviceId],
      );
      if (has.rows[0]) {
        personIds.push(has.rows[0].person_id);
        continue;
      }
      const person = await client.query<{ id: string }>(
        `INSERT INTO persons (facility_id, family_name, given_name, birth_date, sex, care_level, daily_step_goal)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [facilityId, p.familyName, p.givenName, p.birthDate, p.sex, p.careLevel, p.dailyStepGoal],
      );
      await client.query(`INSERT INTO enrolments (device_id, person_id, valid_from) VALUES ($1, $2, $3)`, [
        p.deviceId,
        person.rows[0]!.id,
        p.enrolledFrom,
      ]);
      personIds.push(person.rows[0]!.id);
      created++;
    }
    await seedPilotConsents(client, { facilityId, personIds });
    const contestants = await seedContestEntries(client, personIds);
    const accounts = await seedDemoAccounts(client, { facilityId, personIds });
    await client.query('COMMIT');
    mkdirSync('.data', { recursive: true });
    writeDemoAccounts(accounts);
    process.stdout.write(`\nDemo accounts (also in ${DEMO_ACCOUNTS_FILE}):\n${accounts}\n`);
    logger.info(
      { facility: f.code, created, contestants },
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
