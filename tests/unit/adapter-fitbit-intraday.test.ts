import { describe, expect, it } from 'vitest';
import { MESSAGE_SCHEMA_ID, type VendorMessage } from '../../core/src/index.js';
import { normaliseFitbitIntraday } from '../../workers/src/normalise/fitbit-intraday.adapter.js';

const message = (payload: unknown): VendorMessage => ({
  schema: MESSAGE_SCHEMA_ID,
  deviceId: 'fb-1',
  sentAt: '2026-11-30T12:00:00+09:00',
  source: { vendor: 'fitbit', format: 'fitbit-intraday' },
  payload: payload as VendorMessage['payload'],
});
const tokyo = { timeZone: 'Asia/Tokyo' };

const day = {
  'activities-steps': [{ dateTime: '2026-11-30', value: '47' }],
  'activities-steps-intraday': {
    dataset: [
      { time: '10:00:00', value: 12 },
      { time: '10:01:00', value: 35 },
    ],
    datasetInterval: 1,
    datasetType: 'minute',
  },
  'activities-heart': [{ dateTime: '2026-11-30', value: {} }],
  'activities-heart-intraday': {
    dataset: [{ time: '10:00:07', value: 71 }],
    datasetInterval: 1,
    datasetType: 'second',
  },
};

describe('the Fitbit intraday adapter', () => {
  it('reads dataset times as local times of the date in the given zone', () => {
    const { readings, rejected } = normaliseFitbitIntraday(message(day), tokyo);
    expect(rejected).toEqual([]);
    expect(readings.map(({ deviceId, source, ...r }) => r)).toEqual([
      {
        metric: 'step_count',
        start: '2026-11-30T10:00:00.000+09:00',
        end: '2026-11-30T10:01:00.000+09:00',
        value: 12,
        unit: '{steps}',
      },
      {
        metric: 'step_count',
        start: '2026-11-30T10:01:00.000+09:00',
        end: '2026-11-30T10:02:00.000+09:00',
        value: 35,
        unit: '{steps}',
      },
      { metric: 'heart_rate', start: '2026-11-30T10:00:07.000+09:00', value: 71, unit: '/min' },
    ]);
    expect(readings[0]).toMatchObject({ deviceId: 'fb-1', source: { vendor: 'fitbit', format: 'fitbit-intraday' } });
  });

  it('gives another instant for the same document in another zone', () => {
    const berlin = normaliseFitbitIntraday(message(day), { timeZone: 'Europe/Berlin' }).readings[0]!;
    const japan = normaliseFitbitIntraday(message(day), tokyo).readings[0]!;
    expect(berlin.start).toBe('2026-11-30T10:00:00.000+01:00');
    expect(Date.parse(berlin.start) - Date.parse(japan.start)).toBe(8 * 3_600_000);
  });

  it('resolves local times across a daylight-saving change with the offset of each instant', () => {
    const dst = {
      'activities-heart': [{ dateTime: '2026-03-08', value: {} }],
      'activities-heart-intraday': {
        dataset: [
          { time: '01:30:00', value: 60 },
          { time: '03:30:00', value: 61 },
        ],
        datasetInterval: 1,
        datasetType: 'second',
      },
    };
    const { readings } = normaliseFitbitIntraday(message(dst), { timeZone: 'America/New_York' });
    expect(readings.map((r) => r.start)).toEqual(['2026-03-08T01:30:00.000-05:00', '2026-03-08T03:30:00.000-04:00']);
  });

  it('makes steps intervals of datasetInterval minutes', () => {
    const fifteen = {
      ...day,
      'activities-steps-intraday': {
        dataset: [{ time: '09:45:00', value: 300 }],
        datasetInterval: 15,
        datasetType: 'minute',
      },
    };
    const [steps] = normaliseFitbitIntraday(message(fifteen), tokyo).readings;
    expect(steps).toMatchObject({
      start: '2026-11-30T09:45:00.000+09:00',
      end: '2026-11-30T10:00:00.000+09:00',
      value: 300,
    });
  });

  it('turns sleep levels into stage intervals in minutes and spans the nightly skin temperature over the main sleep', () => {
    const night = {
      sleep: [
        {
          dateOfSleep: '2026-11-30',
          startTime: '2026-11-29T22:00:00.000',
          endTime: '2026-11-29T23:30:00.000',
          isMainSleep: true,
          levels: {
            data: [
              { dateTime: '2026-11-29T22:00:00.000', level: 'light', seconds: 1800 },
              { dateTime: '2026-11-29T22:30:00.000', level: 'restless', seconds: 1800 },
              { dateTime: '2026-11-29T23:00:00.000', level: 'asleep', seconds: 1800 },
            ],
          },
        },
      ],
      tempSkin: [{ dateTime: '2026-11-30', value: { nightlyRelative: 0.9 }, logType: 'dedicated_temp_sensor' }],
      temperatureUnit: 'en_US',
    };
    const { readings, rejected } = normaliseFitbitIntraday(message(night), tokyo);
    expect(rejected).toEqual([]);
    expect(readings.filter((r) => r.metric === 'sleep').map((r) => [r.stage, r.value, r.end])).toEqual([
      ['light', 30, '2026-11-29T22:30:00.000+09:00'],
      ['awake', 30, '2026-11-29T23:00:00.000+09:00'],
      ['asleep_unspecified', 30, '2026-11-29T23:30:00.000+09:00'],
    ]);
    // °F deviation -> °C
    expect(readings.find((r) => r.metric === 'skin_temperature_deviation')).toMatchObject({
      start: '2026-11-29T22:00:00.000+09:00',
      end: '2026-11-29T23:30:00.000+09:00',
      value: 0.5,
      unit: 'Cel',
    });
  });

  it('converts °F core temperature, and reads SpO2 minutes and the battery level at the last sync', () => {
    const vitals = {
      tempCore: [{ dateTime: '2026-11-30T10:15', value: 98.6 }],
      spo2: { dateTime: '2026-11-30', minutes: [{ minute: '2026-11-30T10:15:00', value: 96.5 }] },
      devices: [{ batteryLevel: 64, lastSyncTime: '2026-11-30T10:20:30.000', type: 'TRACKER' }],
      temperatureUnit: 'en_US',
    };
    const byMetric = Object.fromEntries(
      normaliseFitbitIntraday(message(vitals), tokyo).readings.map((r) => [r.metric, r]),
    );
    expect(byMetric.body_temperature).toMatchObject({ start: '2026-11-30T10:15:00.000+09:00', value: 37, unit: 'Cel' });
    expect(byMetric.oxygen_saturation).toMatchObject({
      start: '2026-11-30T10:15:00.000+09:00',
      value: 96.5,
      unit: '%',
    });
    expect(byMetric.battery_level).toMatchObject({ start: '2026-11-30T10:20:30.000+09:00', value: 64, unit: '%' });
  });

  it('reads several dates from an array payload', () => {
    const next = {
      ...day,
      'activities-steps': [{ dateTime: '2026-12-01', value: '47' }],
      'activities-heart': undefined,
      'activities-heart-intraday': undefined,
    };
    const { readings } = normaliseFitbitIntraday(message([day, next]), tokyo);
    expect(readings.filter((r) => r.metric === 'step_count').map((r) => r.start.slice(0, 10))).toEqual([
      '2026-11-30',
      '2026-11-30',
      '2026-12-01',
      '2026-12-01',
    ]);
  });

  it('rejects a bad dataset entry alone, naming its path, and keeps the rest', () => {
    const bad = structuredClone(day);
    bad['activities-steps-intraday'].dataset[1] = { time: '25:61:00', value: 3 };
    const { readings, rejected } = normaliseFitbitIntraday(message(bad), tokyo);
    expect(readings.map((r) => r.metric)).toEqual(['step_count', 'heart_rate']);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.raw).toEqual({ time: '25:61:00', value: 3 });
    expect(rejected[0]!.detail).toMatch(/^payload\.activities-steps-intraday\.dataset\.1\.time: /);
  });

  it('rejects a whole document whose structure is wrong, or a skin temperature without its night', () => {
    const noDate = normaliseFitbitIntraday(
      message({ 'activities-steps-intraday': day['activities-steps-intraday'] }),
      tokyo,
    );
    expect(noDate.readings).toEqual([]);
    expect(noDate.rejected[0]!.detail).toMatch(/payload\.activities-steps: .*dates it/);
    const empty = normaliseFitbitIntraday(message([day, { foo: 1 }]), tokyo);
    expect(empty.readings).toHaveLength(3);
    expect(empty.rejected[0]!.detail).toMatch(/^payload\.1: no data/);
    const lonely = normaliseFitbitIntraday(
      message({ tempSkin: [{ dateTime: '2026-11-30', value: { nightlyRelative: 0.1 } }] }),
      tokyo,
    );
    expect(lonely.rejected[0]!.detail).toMatch(/tempSkin\.0: no main sleep dated 2026-11-30/);
  });
});
