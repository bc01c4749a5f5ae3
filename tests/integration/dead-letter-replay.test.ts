import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMessage, createTestPublisher, heartRateSeries, type TestPublisher } from '../helpers/mqtt-publisher.js';
import { startTestPipeline, type TestPipeline } from '../helpers/pipeline.js';
import { createUnenrolledDevice } from '../helpers/registry-fixtures.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));

describe('npm run dlq', () => {
  let pl: TestPipeline;
  let pub: TestPublisher;
  const dlq = (...args: string[]) =>
    run('node_modules/.bin/tsx', ['scripts/dlq.ts', ...args], {
      cwd: root,
      env: { ...process.env, REDIS_URL: pl.env.REDIS_URL, QUEUE_PREFIX: `{${pl.id}}` },
    }).then((r) => r.stdout);

  beforeAll(async () => {
    pl = await startTestPipeline();
    pub = await createTestPublisher(pl.env.MQTT_URL, 1);
  });
  afterAll(async () => {
    await pub?.close();
    await pl?.close();
  });

  const count = async (device: string) => {
    const r = await pl.influx.query(`SELECT count("value") FROM "heart_rate" WHERE "device" = '${device}'`);
    return Number(r[0]?.[0]?.values[0]?.[1] ?? 0);
  };

  it('lists and shows entries by reason, and replays them once the enrolment is fixed, idempotently', async () => {
    const device = await createUnenrolledDevice(pl.pool);
    const t0 = Date.UTC(2026, 3, 1);
    await pub.publishMessage(pl.topicRoot, buildMessage(device, heartRateSeries(t0, 7)));
    await pub.publish(`${pl.topicRoot}/v1/devices/${device}/readings`, '{"broken"');
    await pl.drained();
    await new Promise((r) => setTimeout(r, 300));

    const listed = await dlq('list', '--reason', 'not_enrolled');
    expect(listed).toMatch(/not_enrolled/);
    expect(listed).not.toMatch(/malformed_json\s+ingest/);
    const id = /^(\d+-\d+)\s.*not_enrolled/m.exec(listed)![1]!;
    const shown = JSON.parse(await dlq('show', id));
    expect(shown).toMatchObject({ reason: 'not_enrolled', deviceId: device, stage: 'workers' });
    expect(shown.payload.readings).toHaveLength(7);

    // still not enrolled: replayed, rejected again, back in the store
    expect(await dlq('replay', '--reason', 'not_enrolled')).toMatch(/1 replayed, 0 kept/);
    await pl.drained();
    await new Promise((r) => setTimeout(r, 300));
    expect(await count(device)).toBe(0);
    expect(await dlq('list', '--reason', 'not_enrolled')).toMatch(/not_enrolled/);

    // fix the registry, then replay: stored once
    const person = await pl.pool.query<{ id: string }>(
      `INSERT INTO persons (facility_id, family_name, given_name, care_level)
       SELECT id, '再生', '花子', 'care_2' FROM facilities LIMIT 1 RETURNING id`,
    );
    await pl.pool.query(`INSERT INTO enrolments (device_id, person_id, valid_from) VALUES ($1, $2, '2026-01-01T00:00:00Z')`, [
      device,
      person.rows[0]!.id,
    ]);
    await new Promise((r) => setTimeout(r, 1100)); // enrolment cache TTL in tests
    expect(await dlq('replay', '--all')).toMatch(/1 replayed, 1 kept/); // the malformed one stays
    await pl.drained();
    expect(await count(device)).toBe(7);
    expect(await dlq('replay', '--reason', 'not_enrolled')).toMatch(/0 replayed, 0 kept/);
    await pl.drained();
    expect(await count(device)).toBe(7);
    expect(await dlq('list')).toMatch(/malformed_json/);
  });
});
