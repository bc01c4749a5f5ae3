// Settings of the browser tests: their own PostgreSQL and InfluxDB databases, demo accounts with known passwords.
import { parseConfig, withLocalStackEnv, type Role } from '../../core/src/index.js';
import { z } from 'zod';
import { testEnv } from './env.js';

export const E2E_DATABASE = 'mimamori_e2e';
export const E2E_INFLUX_DB = 'mimamori_e2e';

/** Sign-in of the seeded demo account of each role (the e2e database only; no spaces: the accounts file splits on them). */
export const E2E_ACCOUNTS: Record<Role, { email: string; password: string }> = {
  admin: { email: 'admin@demo.mimamori.example', password: 'e2e-admin-password-1' },
  care_staff: { email: 'care@demo.mimamori.example', password: 'e2e-care-password-1' },
  program_staff: { email: 'city@demo.mimamori.example', password: 'e2e-city-password-1' },
  family: { email: 'family@demo.mimamori.example', password: 'e2e-family-password-1' },
  self: { email: 'self@demo.mimamori.example', password: 'e2e-self-password-1' },
};

/** URL of the e2e database: the test database's server and user, another database. */
export function e2eDatabaseUrl(): string {
  const url = new URL(testEnv().TEST_DATABASE_URL);
  url.pathname = `/${E2E_DATABASE}`;
  return url.toString();
}

/** The PostgreSQL superuser URL `npm run stack:up` writes (to create the database). */
export function pgAdminUrl(): string {
  return parseConfig(z.object({ PG_ADMIN_URL: z.string() }), withLocalStackEnv(process.env)).PG_ADMIN_URL;
}

/** Days of simulated history before today (the contest needs 14 days of baseline before its 14 days). */
export const E2E_HISTORY_DAYS = 30;
