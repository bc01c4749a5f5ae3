import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readingToPoint, ReadingSchema } from '../../core/src/index.js';
import { auditRows, createApiHarness, unreachableInflux, type ApiHarness } from '../helpers/api-app.js';
import { createTestAccount, type TestAccount } from '../helpers/access-fixtures.js';
import { uniqueId } from '../helpers/env.js';
import { createFixtureCohort, type FixturePerson } from '../helpers/registry-fixtures.js';

const source = { vendor: 'mimamori-sim', format: 'canonical' as const };

let h: ApiHarness;
let alice: FixturePerson;
let bob: FixturePerson;
let aliceSelf: TestAccount; // alice's own account: she sees all her metrics
let watch: string;
let phone: string;

beforeAll(async () => {
  h = await createApiHarness();
  [alice, bob] = (await createFixtureCohort(h.pool, 2)).people as [FixturePerson, FixturePerson];
  aliceSelf = await createTestAccount(h.pool, 'self', { personId: alice.personId });
  watch = alice.deviceId;
  phone = `${alice.deviceId}-phone`; // sorts after the watch: the latest must win in either order
  const readings = [
    { metric: 'heart_rate', deviceId: watch, start: '2025-11-30T03:10:00Z', value: 66, unit: '/min' },
    { metric: 'heart_rate', deviceId: phone, start: '2025-11-30T04:00:00Z', value: 72, unit: '/min' },
    { metric: 'heart_rate', deviceId: phone, start: '2025-11-30T01:00:00Z', value: 90, unit: '/min' },
    { metric: 'body_temperature', deviceId: watch, start: '2025-11-30T00:30:00Z', value: 36.5, unit: 'Cel' },
    { metric: 'body_temperature', deviceId: phone, start: '2025-11-30T00:20:00Z', value: 36.8, unit: 'Cel' },
    {
      metric: 'step_count',
      deviceId: watch,
      start: '2025-11-30T02:15:00Z',
      end: '2025-11-30T02:16:00Z',
      value: 5,
      unit: '{steps}',
    },
    {
      metric: 'step_count',
      deviceId: watch,
      start: '2025-11-30T02:14:00Z',
      end: '2025-11-30T02:15:00Z',
      value: 9,
      unit: '{steps}',
    },
    {
      metric: 'sleep',
      deviceId: watch,
      start: '2025-11-29T16:00:00Z',
      end: '2025-11-29T16:30:00Z',
      value: 30,
      unit: 'min',
      stage: 'deep',
    },
    {
      metric: 'sleep',
      deviceId: watch,
      start: '2025-11-29T16:30:00Z',
      end: '2025-11-29T16:35:00Z',
      value: 5,
      unit: 'min',
      stage: 'awake',
    },
    { metric: 'device_status', deviceId: watch, start: '2025-11-30T01:00:00Z', value: 1, unit: '{event}', status: 'on_wrist' },
    { metric: 'device_status', deviceId: watch, start: '2025-11-30T03:00:00Z', value: 1, unit: '{event}', status: 'off_wrist' },
  ].map((r) => ReadingSchema.parse({ ...r, source }));
  await h.influx.writePoints(readings.map((r) => readingToPoint(r, alice.pseudonym)));
  // bob's later heart rate must not show up as alice's
  const bobs = ReadingSchema.parse({
    metric: 'heart_rate',
    deviceId: bob.deviceId,
    start: '2025-12-01T00:00:00Z',
    value: 150,
    unit: '/min',
    source,
  });
  await h.influx.writePoints([readingToPoint(bobs, bob.pseudonym)]);
});

afterAll(async () => {
  await h?.close();
});

const latest = (id: string, headers: Record<string, string> = aliceSelf.headers) =>
  h.app.inject({ method: 'GET', url: `/v1/persons/${id}/latest`, headers });

describe('GET /v1/persons/:id/latest', () => {
  it('returns the last reading of every metric, picking the later device, and null where there is none', async () => {
    const res = await latest(alice.personId);
    expect(res.statusCode).toBe(200);
    // metrics without readings (including ones the catalogue adds later) are null
    const others = Object.entries(res.json().metrics).filter(
      ([m]) => !['heart_rate', 'body_temperature', 'step_count', 'sleep', 'device_status'].includes(m),
    );
    expect(others.every(([, v]) => v === null)).toBe(true);
    expect(res.json()).toMatchObject({
      personId: alice.personId,
      metrics: {
        heart_rate: {
          time: '2025-11-30T04:00:00.000Z',
          end: null,
          value: 72,
          unit: '/min',
          deviceId: phone,
          stage: null,
        },
        body_temperature: {
          time: '2025-11-30T00:30:00.000Z',
          end: null,
          value: 36.5,
          unit: 'Cel',
          deviceId: watch,
          stage: null,
        },
        step_count: {
          time: '2025-11-30T02:15:00.000Z',
          end: '2025-11-30T02:16:00.000Z',
          value: 5,
          unit: '{steps}',
          deviceId: watch,
          stage: null,
        },
        sleep: {
          time: '2025-11-29T16:30:00.000Z',
          end: '2025-11-29T16:35:00.000Z',
          value: 5,
          unit: 'min',
          deviceId: watch,
          stage: 'awake',
          status: null,
        },
        device_status: { time: '2025-11-30T03:00:00.000Z', value: 1, deviceId: watch, stage: null, status: 'off_wrist' },
        oxygen_saturation: null,
      },
    });
  });

  it('returns only nulls for a person without readings', async () => {
    const { people } = await createFixtureCohort(h.pool, 1);
    const own = await createTestAccount(h.pool, 'self', { personId: people[0]!.personId });
    const res = await latest(people[0]!.personId, own.headers);
    expect(res.statusCode).toBe(200);
    const values = Object.values(res.json().metrics);
    expect(values.length).toBeGreaterThanOrEqual(5);
    expect(values.every((v) => v === null)).toBe(true);
  });

  it('writes exactly one audit row naming the person, the metrics, the address and the request id', async () => {
    const before = await auditRows(h.pool, { personId: alice.personId, action: 'read.latest' });
    const res = await latest(alice.personId);
    expect(res.statusCode).toBe(200);
    const after = await auditRows(h.pool, { personId: alice.personId, action: 'read.latest' });
    expect(after.length).toBe(before.length + 1);
    expect(after.at(-1)).toMatchObject({
      actor: `account:${aliceSelf.id}`,
      actor_account_id: aliceSelf.id,
      actor_role: 'self',
      metrics: expect.arrayContaining(['heart_rate', 'step_count', 'oxygen_saturation', 'body_temperature', 'sleep']),
      client_address: '127.0.0.1',
      request_id: res.headers['x-request-id'],
    });
  });

  it('answers 404 not_found for an unknown person and records nothing', async () => {
    const latestUnknownId = uniqueId('latest-unknown-');
    const res = await latest(randomUUID(), { ...aliceSelf.headers, 'x-request-id': latestUnknownId });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({
      error: { code: 'not_found', message: expect.stringMatching(/^no person /), requestId: latestUnknownId },
    });
    expect(await auditRows(h.pool, { requestId: latestUnknownId })).toEqual([]);
  });

  it('answers 400 for an id that is not a uuid', async () => {
    const res = await latest('1%27%20OR%201=1');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.issues).toEqual([{ path: 'params.id', message: expect.any(String) }]);
  });

  it('answers 503 upstream_unavailable when InfluxDB does not answer, and records nothing', async () => {
    const latestInfluxDownId = uniqueId('latest-influx-down-');
    const app = await h.variant({ influx: await unreachableInflux() });
    const res = await app.inject({
      method: 'GET',
      url: `/v1/persons/${alice.personId}/latest`,
      headers: { ...aliceSelf.headers, 'x-request-id': latestInfluxDownId },
    });
    expect(res.statusCode).toBe(503);
    expect(res.json().error.code).toBe('upstream_unavailable');
    expect(await auditRows(h.pool, { requestId: latestInfluxDownId })).toEqual([]);
  });
});
