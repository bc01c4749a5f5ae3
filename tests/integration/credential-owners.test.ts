// The credential lookups the api batches: who owns a token or session, when one stops being live,
// and how often its last-seen time is written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createAccount,
  createApiToken,
  createPgPool,
  createSession,
  findApiTokenOwners,
  findSessionOwners,
  type PgPool,
} from '../../core/src/index.js';
import { testEnv, uniqueId } from '../helpers/env.js';
import { createFixtureCohort, type FixturePerson } from '../helpers/registry-fixtures.js';

const MIN = 60_000;

describe('credential owners', () => {
  let pool: PgPool;
  let accountId: string;
  let person: FixturePerson;
  let facilityId: string;

  beforeAll(async () => {
    pool = createPgPool(testEnv().TEST_DATABASE_URL, 2);
    const cohort = await createFixtureCohort(pool, 1);
    [person] = cohort.people as [FixturePerson];
    facilityId = cohort.facilityId;
    const account = await createAccount(pool, {
      email: `${uniqueId('owner')}@example.test`,
      displayName: 'owner test',
      role: 'care_staff',
      facilityId,
      passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$not-a-real-hash',
    });
    accountId = account.id;
  });
  afterAll(async () => {
    await pool?.end();
  });

  const set = (table: string, column: string, id: string, agoMs: number) =>
    pool.query(`UPDATE ${table} SET ${column} = now() - $2 * interval '1 millisecond' WHERE id = $1`, [id, agoMs]);
  const seen = async (table: string, column: string, id: string) =>
    (await pool.query(`SELECT ${column} AS t FROM ${table} WHERE id = $1`, [id])).rows[0]!.t as Date | null;

  it('answers in the order asked, with the facts of the person named, and null for unknown tokens', async () => {
    const a = await createApiToken(pool, accountId, 'a', null);
    const b = await createApiToken(pool, accountId, 'b', null);
    const owners = await findApiTokenOwners(pool, [
      { token: b.token },
      { token: 'mmr_unknown' },
      { token: a.token, factsFor: person.personId },
    ]);
    expect(owners.map((o) => o?.credentialId ?? null)).toEqual([b.info.id, null, a.info.id]);
    expect(owners[0]!.facts).toBeUndefined();
    expect(owners[2]!.facts).toMatchObject({ personId: person.personId, facilityId, pseudonym: person.pseudonym });
  });

  it('marks a token used at most once a minute, and refuses an expired one', async () => {
    const t = await createApiToken(pool, accountId, 'touch', null);
    expect(await seen('api_tokens', 'last_used_at', t.info.id)).toBeNull();
    await findApiTokenOwners(pool, [{ token: t.token }]);
    const first = await seen('api_tokens', 'last_used_at', t.info.id);
    expect(first).not.toBeNull();
    await findApiTokenOwners(pool, [{ token: t.token }]);
    expect(await seen('api_tokens', 'last_used_at', t.info.id)).toEqual(first);
    await set('api_tokens', 'last_used_at', t.info.id, 2 * MIN);
    const old = await seen('api_tokens', 'last_used_at', t.info.id);
    await findApiTokenOwners(pool, [{ token: t.token }]);
    expect((await seen('api_tokens', 'last_used_at', t.info.id))!.getTime()).toBeGreaterThan(old!.getTime() + MIN);

    const expired = await createApiToken(pool, accountId, 'expired', 1);
    await new Promise((r) => setTimeout(r, 20));
    expect(await findApiTokenOwners(pool, [{ token: expired.token }])).toEqual([null]);
  });

  it('ends an idle session, and touches a live one only after a tenth of the idle limit', async () => {
    const idleMs = 10 * MIN;
    const s = await createSession(pool, accountId, 60 * MIN, '127.0.0.1');
    // seen 30 s ago: within a tenth of the limit (60 s), so no write
    await set('sessions', 'last_seen_at', s.id, 30_000);
    const before = await seen('sessions', 'last_seen_at', s.id);
    expect((await findSessionOwners(pool, [{ token: s.token }], idleMs))[0]?.credentialId).toBe(s.id);
    expect(await seen('sessions', 'last_seen_at', s.id)).toEqual(before);
    // seen 5 minutes ago: still live, and touched
    await set('sessions', 'last_seen_at', s.id, 5 * MIN);
    expect((await findSessionOwners(pool, [{ token: s.token }], idleMs))[0]?.credentialId).toBe(s.id);
    expect(Date.now() - (await seen('sessions', 'last_seen_at', s.id))!.getTime()).toBeLessThan(MIN);
    // seen 11 minutes ago: idle too long
    await set('sessions', 'last_seen_at', s.id, 11 * MIN);
    expect(await findSessionOwners(pool, [{ token: s.token }], idleMs)).toEqual([null]);
  });
});
