// The Shizuoka pilot in one transaction: the facility, 30 residents with watches, their consents
// and sharing, contest entries and one demo account per role. Used by `npm run seed` and the e2e tests.
import { fakerJA as faker } from '@faker-js/faker';
import type pg from 'pg';
import { seedDemoAccounts, seedPilotConsents } from './seed-accounts.js';
import { seedContestEntries } from './seed-contest.js';
import { pilotFacility, pilotPeople } from './seed-data.js';

export interface PilotSeed {
  facilityId: string;
  /** Residents in seed order: the first is the demo `self` and the family's relative. */
  personIds: string[];
  deviceIds: string[];
  /** InfluxDB names of the residents, in the same order. */
  pseudonyms: string[];
  /** Persons created now (0 when the pilot was there already). */
  created: number;
  contestants: number;
  /** Text of the demo accounts file (role email password api-token per line). */
  accounts: string;
}

/** Seeds (idempotently) inside the caller's transaction; passwords known in `accountsFile` are kept. */
export async function seedPilot(client: pg.PoolClient, accountsFile?: string): Promise<PilotSeed> {
  const f = pilotFacility;
  const { rows } = await client.query<{ id: string }>(
    `INSERT INTO facilities (code, name, municipality, prefecture) VALUES ($1, $2, $3, $4)
     ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
    [f.code, f.name, f.municipality, f.prefecture],
  );
  const facilityId = rows[0]!.id;
  let created = 0;
  const personIds: string[] = [];
  const deviceIds: string[] = [];
  for (const p of pilotPeople(faker)) {
    deviceIds.push(p.deviceId);
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
  const accounts = await seedDemoAccounts(client, { facilityId, personIds }, accountsFile);
  const { rows: names } = await client.query<{ id: string; pseudonym: string }>(
    'SELECT id, pseudonym FROM persons WHERE id = ANY($1::uuid[])',
    [personIds],
  );
  const pseudonymOf = new Map(names.map((r) => [r.id, r.pseudonym]));
  const pseudonyms = personIds.map((id) => pseudonymOf.get(id)!);
  return { facilityId, personIds, deviceIds, pseudonyms, created, contestants, accounts };
}
