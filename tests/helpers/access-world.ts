import {
  readingToPoint,
  ReadingSchema,
  withdrawAllConsents,
  revokeAllGrants,
  type Role,
} from '../../core/src/index.js';
import { createTestAccount, giveConsent, grantAccess, type TestAccount } from './access-fixtures.js';
import type { ApiHarness } from './api-app.js';
import { createFixtureCohort, type FixturePerson } from './registry-fixtures.js';

/** The situations of the access matrix: whose data a caller asks for. */
export const SCENARIOS = [
  'allowed', // facility A, every consent, grants of heart rate and steps to the family account and facility A
  'otherFacility', // facility B: nothing shared with the matrix's family or care staff
  'noConsent', // facility A, grants but no consent
  'revokedGrant', // facility A, consents, grants revoked
  'withdrawnConsent', // facility A, grants, consents withdrawn
  'metricNotGranted', // the allowed person, asked for a metric that is not shared
] as const;
export type Scenario = (typeof SCENARIOS)[number];

export const CALLER_ROLES = [
  'self',
  'family',
  'care_staff',
  'program_staff',
  'admin',
] as const satisfies readonly Role[];
export type CallerRole = (typeof CALLER_ROLES)[number] | 'operator';

export const SHARED_METRICS = ['heart_rate', 'step_count'] as const;
/** Readings at this instant; values tell people apart (and show up in a leak). */
export const READING_AT = '2025-06-01T03:00:00Z';
export const OXYGEN_MARK = (i: number) => 93.25 + i / 100;

const source = { vendor: 'mimamori-sim', format: 'canonical' as const };

async function writeReadings(h: ApiHarness, people: FixturePerson[]): Promise<void> {
  const points = people.flatMap((p, i) => {
    const at = READING_AT;
    const end = new Date(Date.parse(at) + 60_000).toISOString();
    const r = [
      { metric: 'heart_rate', deviceId: p.deviceId, start: at, value: 61 + i, unit: '/min' },
      { metric: 'oxygen_saturation', deviceId: p.deviceId, start: at, value: OXYGEN_MARK(i), unit: '%' },
      { metric: 'step_count', deviceId: p.deviceId, start: at, end, value: 40 + i, unit: '{steps}' },
    ];
    return r.map((x) => readingToPoint(ReadingSchema.parse({ ...x, source }), p.pseudonym));
  });
  await h.influx.writePoints(points);
}

/** Two facilities, five people in the scenarios above, one account per role, readings. */
export async function buildAccessWorld(h: ApiHarness) {
  const a = await createFixtureCohort(h.pool, 4);
  const b = await createFixtureCohort(h.pool, 1);
  const [allowed, noConsent, revokedGrant, withdrawnConsent] = a.people as [
    FixturePerson,
    FixturePerson,
    FixturePerson,
    FixturePerson,
  ];
  const other = b.people[0]!;
  const persons: Record<Scenario, FixturePerson> = {
    allowed,
    otherFacility: other,
    noConsent,
    revokedGrant,
    withdrawnConsent,
    metricNotGranted: allowed,
  };
  const accounts: Record<(typeof CALLER_ROLES)[number], TestAccount> = {
    self: await createTestAccount(h.pool, 'self', { personId: allowed.personId }),
    family: await createTestAccount(h.pool, 'family'),
    care_staff: await createTestAccount(h.pool, 'care_staff', { facilityId: a.facilityId }),
    program_staff: await createTestAccount(h.pool, 'program_staff'),
    admin: await createTestAccount(h.pool, 'admin'),
  };
  /** A family account outside the matrix, for grants that must not change it. */
  const bystander = await createTestAccount(h.pool, 'family');
  const metrics = [...SHARED_METRICS];
  const share = async (p: FixturePerson, facilityId: string) => {
    await grantAccess(h.pool, p.personId, { accountId: accounts.family.id }, metrics);
    await grantAccess(h.pool, p.personId, { facilityId }, metrics);
  };
  await giveConsent(h.pool, allowed.personId, 'care', 'family', 'research');
  await giveConsent(h.pool, other.personId, 'care', 'family');
  await giveConsent(h.pool, revokedGrant.personId, 'care', 'family');
  await giveConsent(h.pool, withdrawnConsent.personId, 'care', 'family');
  for (const p of [allowed, noConsent, revokedGrant, withdrawnConsent]) await share(p, a.facilityId);
  await grantAccess(h.pool, other.personId, { facilityId: b.facilityId }, metrics);
  await revokeAllGrants(h.pool, revokedGrant.personId, null);
  await withdrawAllConsents(h.pool, withdrawnConsent.personId, null);
  await writeReadings(h, [allowed, other, noConsent, revokedGrant, withdrawnConsent]);
  return {
    persons,
    accounts,
    bystander,
    facilityA: a.facilityId,
    facilityB: b.facilityId,
    people: [allowed, other, noConsent, revokedGrant, withdrawnConsent],
  };
}

export type AccessWorld = Awaited<ReturnType<typeof buildAccessWorld>>;

/** Text that must never appear in a refusal: names and pseudonyms of the world's people. */
export function leaks(body: string, world: AccessWorld): string[] {
  const secrets = ['試験', '太郎', ...world.people.map((p) => p.pseudonym)];
  return secrets.filter((s) => body.includes(s));
}
