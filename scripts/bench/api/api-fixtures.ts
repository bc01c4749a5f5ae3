import {
  createAccount,
  createApiToken,
  hashPassword,
  randomPassword,
  type InfluxClient,
  type PgPool,
} from '../../../core/src/index.js';
import { seedPilotConsents } from '../../seed-accounts.js';
import { BENCH_FACILITY, ensureBenchWatches } from '../bench-registry.js';
import { say } from '../measure-util.js';

const DAY = 86_400_000;

/** The first `people` bench residents, shared with their facility (consent + grant), and a care-staff token. */
export async function ensureApiWorld(pool: PgPool, people: number) {
  const devices = await ensureBenchWatches(pool, people);
  const { rows } = await pool.query<{ person_id: string; pseudonym: string; device_id: string; facility_id: string }>(
    `SELECT e.person_id, p.pseudonym, e.device_id, p.facility_id FROM enrolments e JOIN persons p ON p.id = e.person_id
      WHERE e.device_id = ANY($1) ORDER BY e.device_id`,
    [devices],
  );
  const facilityId = rows[0]!.facility_id;
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await seedPilotConsents(client, { facilityId, personIds: rows.map((r) => r.person_id) });
    const email = `bench-care-${Date.now()}@${BENCH_FACILITY}.example`;
    const account = await createAccount(client, {
      email,
      displayName: 'Bench care staff',
      role: 'care_staff',
      facilityId,
      passwordHash: await hashPassword(randomPassword()),
    });
    const { token } = await createApiToken(client, account.id, 'bench', null);
    await client.query('COMMIT');
    return { people: rows, accountId: account.id, token };
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  } finally {
    client.release();
  }
}

/**
 * `days` days of a watch per person, as the pipeline stores it: heart rate every minute and steps
 * per 15 minutes (a span, with duration_ms); written straight as line protocol, once.
 */
export async function ensureVitals(
  influx: InfluxClient,
  write: { url: string; auth?: string },
  people: Array<{ pseudonym: string; device_id: string }>,
  days: number,
): Promise<void> {
  const end = Math.floor(Date.now() / 60_000) * 60_000;
  const start = end - days * DAY;
  const have = await influx.query(
    `SELECT count("value") FROM "heart_rate" WHERE "person" = '${people.at(-1)!.pseudonym}' AND time >= ${start + DAY}ms`,
  );
  if (Number(have[0]?.[0]?.values[0]?.[1] ?? 0) >= (days - 2) * 1440) {
    say('api data set already written');
    return;
  }
  say(`writing ${days} days of vitals for ${people.length} people`);
  const chunks: Array<() => string> = [];
  for (const p of people) {
    const tags = `device=${p.device_id},person=${p.pseudonym},source=bench-api`;
    for (let from = start; from < end; from += 5 * DAY) {
      chunks.push(() => {
        const lines: string[] = [];
        for (let t = from; t < Math.min(end, from + 5 * DAY); t += 60_000) {
          const m = t / 60_000;
          lines.push(`heart_rate,${tags} value=${62 + (m % 23) + (new Date(t).getUTCHours() < 12 ? 8 : 0)} ${t}`);
          if (m % 15 === 0) lines.push(`step_count,${tags} duration_ms=900000i,value=${(m * 7) % 400} ${t}`);
        }
        return lines.join('\n');
      });
    }
  }
  const headers: Record<string, string> = write.auth ? { authorization: write.auth } : {};
  let next = 0;
  await Promise.all(
    Array.from({ length: 3 }, async () => {
      for (let c = next++; c < chunks.length; c = next++) {
        const res = await fetch(`${write.url}/write?db=${influx.database}&precision=ms`, {
          method: 'POST',
          headers,
          body: chunks[c]!(),
        });
        if (res.status !== 204) throw new Error(`influx write: HTTP ${res.status} ${await res.text()}`);
      }
    }),
  );
}
