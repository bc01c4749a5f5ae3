import { describe, expect, it } from 'vitest';
import { METRIC_NAMES } from '../../core/src/index.js';
import { buildLatestQuery, pickLatest } from '../../api/src/vitals/latest-query.js';

const cols = ['time', 'value', 'duration_ms', 'stage'];
const t = (iso: string) => Date.parse(iso);

describe('buildLatestQuery', () => {
  it('asks for the last value of every metric of one pseudonym, per device, in one statement', () => {
    expect(buildLatestQuery('pabc', ['heart_rate', 'sleep'])).toBe(
      `SELECT last("value") AS "value", "duration_ms", "stage", "status" FROM "heart_rate", "sleep" WHERE "person" = 'pabc' GROUP BY "device"`,
    );
    expect(buildLatestQuery("p'x")).toContain(`"person" = 'p\\'x'`);
  });

  it('bounds the readings by a shared time window when there is one', () => {
    const q = buildLatestQuery('pabc', ['heart_rate'], {
      fromMs: t('2025-07-01T00:00:00Z'),
      toMs: t('2025-07-02T00:00:00Z'),
    });
    expect(q).toContain(
      `WHERE "person" = 'pabc' AND time >= '2025-07-01T00:00:00.000Z' AND time < '2025-07-02T00:00:00.000Z'`,
    );
    expect(buildLatestQuery('pabc', ['heart_rate'], { fromMs: null, toMs: t('2025-07-02T00:00:00Z') })).not.toContain(
      'time >=',
    );
  });
});

describe('pickLatest', () => {
  it('keeps the later reading whichever device comes first, and leaves missing metrics null', () => {
    const result = [
      {
        name: 'heart_rate',
        tags: { device: 'a' },
        columns: cols,
        values: [[t('2025-11-30T04:00:00Z'), 72, null, null]],
      },
      {
        name: 'heart_rate',
        tags: { device: 'b' },
        columns: cols,
        values: [[t('2025-11-30T03:00:00Z'), 66, null, null]],
      },
      {
        name: 'body_temperature',
        tags: { device: 'a' },
        columns: cols,
        values: [[t('2025-11-30T00:20:00Z'), 36.8, null, null]],
      },
      {
        name: 'body_temperature',
        tags: { device: 'b' },
        columns: cols,
        values: [[t('2025-11-30T00:30:00Z'), 36.5, null, null]],
      },
    ];
    const latest = pickLatest(result);
    expect(latest.heart_rate).toMatchObject({
      time: '2025-11-30T04:00:00.000Z',
      value: 72,
      deviceId: 'a',
      unit: '/min',
    });
    expect(latest.body_temperature).toMatchObject({ value: 36.5, deviceId: 'b', unit: 'Cel' });
    expect(latest.step_count).toBeNull();
    expect(latest.oxygen_saturation).toBeNull();
  });

  it('derives the end of a span reading from its duration and carries the sleep stage', () => {
    const result = [
      {
        name: 'sleep',
        tags: { device: 'w' },
        columns: cols,
        values: [[t('2025-11-29T16:30:00Z'), 5, 300_000, 'awake']],
      },
    ];
    expect(pickLatest(result).sleep).toEqual({
      time: '2025-11-29T16:30:00.000Z',
      end: '2025-11-29T16:35:00.000Z',
      value: 5,
      unit: 'min',
      deviceId: 'w',
      stage: 'awake',
      status: null,
    });
  });

  it('carries the status of a device_status event', () => {
    const result = [
      {
        name: 'device_status',
        tags: { device: 'w' },
        columns: [...cols, 'status'],
        values: [[t('2025-11-30T01:00:00Z'), 1, null, null, 'off_wrist']],
      },
    ];
    expect(pickLatest(result).device_status).toMatchObject({ value: 1, unit: '{event}', status: 'off_wrist', stage: null });
  });

  it('ignores measurements outside the catalogue', () => {
    const result = [
      {
        name: 'blood_glucose',
        tags: { device: 'w' },
        columns: cols,
        values: [[t('2025-11-30T00:00:00Z'), 50, null, null]],
      },
    ];
    expect(Object.keys(pickLatest(result))).toEqual([...METRIC_NAMES]);
    expect(Object.values(pickLatest(result)).every((v) => v === null)).toBe(true);
  });
});
