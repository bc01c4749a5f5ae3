import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readingToPoint, ReadingSchema, type MetricName, type SleepStage } from '../../core/src/index.js';
import { auditRows, createApiHarness, type ApiHarness } from '../helpers/api-app.js';
import { createTestAccount, type TestAccount } from '../helpers/access-fixtures.js';
import { uniqueId } from '../helpers/env.js';
import { createFixtureCohort, type FixturePerson } from '../helpers/registry-fixtures.js';

const unit: Partial<Record<MetricName, string>> = {
  heart_rate: '/min',
  step_count: '{steps}',
  oxygen_saturation: '%',
  body_temperature: 'Cel',
  sleep: 'min',
};
const source = { vendor: 'mimamori-sim', format: 'canonical' as const };

function sample(metric: MetricName, deviceId: string, start: string, value: number) {
  return ReadingSchema.parse({ metric, deviceId, start, value, unit: unit[metric], source });
}

function span(metric: MetricName, deviceId: string, start: string, minutes: number, value: number, stage?: SleepStage) {
  const end = new Date(Date.parse(start) + minutes * 60_000).toISOString();
  return ReadingSchema.parse({ metric, deviceId, start, end, value, unit: unit[metric], source, stage });
}

let h: ApiHarness;
let alice: FixturePerson; // the person whose series are read
let bob: FixturePerson; // another person: daily windows, and data that must not leak into alice's
const own: Record<string, TestAccount> = {}; // each person's own account

beforeAll(async () => {
  h = await createApiHarness();
  [alice, bob] = (await createFixtureCohort(h.pool, 2)).people as [FixturePerson, FixturePerson];
  for (const p of [alice, bob]) own[p.personId] = await createTestAccount(h.pool, 'self', { personId: p.personId });
  const a = alice.deviceId;
  const b = `${alice.deviceId}-b`; // alice's second device (a phone), combined with the watch
  const aliceReadings = [
    sample('heart_rate', a, '2025-11-30T00:59:59Z', 120), // before `from`
    sample('heart_rate', a, '2025-11-30T01:05:00Z', 60),
    sample('heart_rate', a, '2025-11-30T01:20:00Z', 70),
    sample('heart_rate', b, '2025-11-30T01:30:00Z', 90),
    sample('heart_rate', a, '2025-11-30T01:50:00Z', 80),
    sample('heart_rate', a, '2025-11-30T02:00:00Z', 100),
    sample('heart_rate', a, '2025-11-30T02:30:00Z', 60),
    sample('heart_rate', b, '2025-11-30T02:59:59Z', 50),
    sample('heart_rate', b, '2025-11-30T04:00:00Z', 72), // at `to`: excluded
    span('step_count', a, '2025-11-30T00:59:00Z', 1, 7), // before `from`
    span('step_count', a, '2025-11-30T01:00:00Z', 1, 10),
    span('step_count', a, '2025-11-30T01:01:00Z', 1, 20),
    span('step_count', b, '2025-11-30T01:30:00Z', 1, 30),
    span('step_count', a, '2025-11-30T02:15:00Z', 1, 5),
    span('sleep', a, '2025-11-29T16:00:00Z', 30, 30, 'deep'),
    span('sleep', a, '2025-11-29T16:30:00Z', 5, 5, 'awake'),
    span('sleep', a, '2025-11-29T16:35:00Z', 20, 20, 'light'),
  ];
  const bobReadings = [
    sample('heart_rate', bob.deviceId, '2025-11-30T01:10:00Z', 200),
    span('step_count', bob.deviceId, '2025-11-30T03:00:00Z', 1, 40), // 12:00 in Japan, 30 Nov
    span('step_count', bob.deviceId, '2025-11-30T14:59:00Z', 1, 100), // 23:59 in Japan, 30 Nov
    span('step_count', bob.deviceId, '2025-11-30T15:01:00Z', 1, 200), // 00:01 in Japan, 1 Dec
  ];
  await h.influx.writePoints([
    ...aliceReadings.map((r) => readingToPoint(r, alice.pseudonym)),
    ...bobReadings.map((r) => readingToPoint(r, bob.pseudonym)),
  ]);
});

afterAll(async () => {
  await h?.close();
});

function series(personId: string, query: string, headers: Record<string, string> = own[personId]!.headers) {
  return h.app.inject({ method: 'GET', url: `/v1/persons/${personId}/series?${query}`, headers });
}

describe('GET /v1/persons/:id/series', () => {
  it('returns hourly mean, min, max and count of heart rate across both devices, leaving out empty hours', async () => {
    const res = await series(
      alice.personId,
      'metric=heart_rate&from=2025-11-30T01:00:00Z&to=2025-11-30T04:00:00Z&every=1h',
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      personId: alice.personId,
      metric: 'heart_rate',
      unit: '/min',
      aggregation: 'mean',
      every: '1h',
      timeZone: 'Asia/Tokyo',
      from: '2025-11-30T01:00:00.000Z',
      to: '2025-11-30T04:00:00.000Z',
      points: [
        { start: '2025-11-30T01:00:00.000Z', mean: 75, min: 60, max: 90, count: 4 },
        { start: '2025-11-30T02:00:00.000Z', mean: 70, min: 50, max: 100, count: 3 },
      ],
    });
  });

  it('splits the same hour into half-hour windows when every is 30m', async () => {
    const res = await series(
      alice.personId,
      'metric=heart_rate&from=2025-11-30T01:00:00Z&to=2025-11-30T02:00:00Z&every=30m',
    );
    expect(res.json().points).toEqual([
      { start: '2025-11-30T01:00:00.000Z', mean: 65, min: 60, max: 70, count: 2 },
      { start: '2025-11-30T01:30:00.000Z', mean: 85, min: 80, max: 90, count: 2 },
    ]);
  });

  it('sums step intervals per hour', async () => {
    const res = await series(
      alice.personId,
      'metric=step_count&from=2025-11-30T01:00:00Z&to=2025-11-30T04:00:00Z&every=1h',
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ aggregation: 'sum', unit: '{steps}' });
    expect(res.json().points).toEqual([
      { start: '2025-11-30T01:00:00.000Z', sum: 60, count: 3 },
      { start: '2025-11-30T02:00:00.000Z', sum: 5, count: 1 },
    ]);
  });

  it('cuts daily windows at midnight in Japan, so 14:59Z and 15:01Z fall on different days', async () => {
    const from = encodeURIComponent('2025-11-30T00:00:00+09:00');
    const to = encodeURIComponent('2025-12-02T00:00:00+09:00');
    const res = await series(bob.personId, `metric=step_count&from=${from}&to=${to}&every=1d`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ from: '2025-11-29T15:00:00.000Z', to: '2025-12-01T15:00:00.000Z' });
    expect(res.json().points).toEqual([
      { start: '2025-11-29T15:00:00.000Z', sum: 140, count: 2 },
      { start: '2025-11-30T15:00:00.000Z', sum: 200, count: 1 },
    ]);
  });

  it('accepts an offset whose plus sign was not percent-encoded', async () => {
    const res = await series(
      bob.personId,
      'metric=step_count&from=2025-11-30T00:00:00+09:00&to=2025-12-01T00:00:00+09:00&every=1d',
    );
    expect(res.statusCode).toBe(200);
    expect(res.json().points).toEqual([{ start: '2025-11-29T15:00:00.000Z', sum: 140, count: 2 }]);
  });

  it('sums sleep without the time awake', async () => {
    const res = await series(alice.personId, 'metric=sleep&from=2025-11-29T15:00:00Z&to=2025-11-30T15:00:00Z&every=1d');
    expect(res.json()).toMatchObject({ aggregation: 'sum', unit: 'min' });
    expect(res.json().points).toEqual([{ start: '2025-11-29T15:00:00.000Z', sum: 50, count: 2 }]);
  });

  it('returns no points for a metric without readings', async () => {
    const res = await series(
      alice.personId,
      'metric=oxygen_saturation&from=2025-11-30T00:00:00Z&to=2025-12-01T00:00:00Z',
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ aggregation: 'mean', every: '1h', points: [] });
  });

  it('writes exactly one audit row per read, with the metric, range, address and request id', async () => {
    const seriesAuditId = uniqueId('series-audit-');
    const before = await auditRows(h.pool, { personId: alice.personId, action: 'read.series' });
    const res = await series(
      alice.personId,
      'metric=heart_rate&from=2025-11-30T01:00:00%2B09:00&to=2025-11-30T04:00:00Z&every=1h',
      {
        ...own[alice.personId]!.headers,
        'x-request-id': seriesAuditId,
      },
    );
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-request-id']).toBe(seriesAuditId);
    const after = await auditRows(h.pool, { personId: alice.personId, action: 'read.series' });
    expect(after.length).toBe(before.length + 1);
    expect(after.at(-1)).toEqual({
      actor: `account:${own[alice.personId]!.id}`,
      actor_account_id: own[alice.personId]!.id,
      actor_role: 'self',
      subject_account_id: null,
      action: 'read.series',
      person_id: alice.personId,
      metrics: ['heart_rate'],
      detail: { from: '2025-11-29T16:00:00.000Z', to: '2025-11-30T04:00:00.000Z', every: '1h' },
      client_address: '127.0.0.1',
      request_id: seriesAuditId,
    });
  });

  it('rejects a metric outside the catalogue, naming the parameter', async () => {
    const res = await series(alice.personId, 'metric=blood_sugar&from=2025-11-30T01:00:00Z&to=2025-11-30T04:00:00Z');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('invalid_request');
    expect(res.json().error.issues.map((i: { path: string }) => i.path)).toEqual(['querystring.metric']);
  });

  it('rejects a range whose end is not after its start', async () => {
    const res = await series(alice.personId, 'metric=heart_rate&from=2025-11-30T04:00:00Z&to=2025-11-30T04:00:00Z');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.issues).toEqual([{ path: 'querystring.to', message: 'from must be before to' }]);
  });

  it('rejects an instant without a UTC offset and a window shorter than 10 seconds', async () => {
    const noOffset = await series(alice.personId, 'metric=heart_rate&from=2025-11-30T01:00:00&to=2025-11-30T04:00:00Z');
    expect(noOffset.statusCode).toBe(400);
    expect(noOffset.json().error.issues[0].path).toBe('querystring.from');
    const tooShort = await series(
      alice.personId,
      'metric=heart_rate&from=2025-11-30T01:00:00Z&to=2025-11-30T04:00:00Z&every=5s',
    );
    expect(tooShort.statusCode).toBe(400);
    expect(tooShort.json().error.message).toContain('every must be at least 10s');
  });

  it('allows exactly API_MAX_WINDOWS windows and rejects one more with a clear message', async () => {
    const from = Date.parse('2025-11-30T00:00:00Z');
    const iso = (ms: number) => new Date(ms).toISOString();
    const ok = await series(
      alice.personId,
      `metric=heart_rate&from=${iso(from)}&to=${iso(from + 5000 * 60_000)}&every=1m`,
    );
    expect(ok.statusCode).toBe(200);
    const tooMany = await series(
      alice.personId,
      `metric=heart_rate&from=${iso(from)}&to=${iso(from + 5001 * 60_000)}&every=1m`,
    );
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().error.message).toContain('5001 windows of 1m, more than the 5000 allowed');
  });

  it('writes no audit row when the request is rejected', async () => {
    const seriesRejectedId = uniqueId('series-rejected-');
    const res = await series(alice.personId, 'metric=heart_rate&from=2025-11-30T04:00:00Z&to=2025-11-30T01:00:00Z', {
      ...own[alice.personId]!.headers,
      'x-request-id': seriesRejectedId,
    });
    expect(res.statusCode).toBe(400);
    expect(await auditRows(h.pool, { requestId: seriesRejectedId })).toEqual([]);
  });
});
