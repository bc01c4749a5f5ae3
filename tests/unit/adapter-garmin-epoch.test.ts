import { describe, expect, it } from 'vitest';
import { MESSAGE_SCHEMA_ID, type VendorMessage } from '../../core/src/index.js';
import { normaliseGarminEpoch } from '../../workers/src/normalise/garmin-epoch.adapter.js';

const message = (payload: unknown): VendorMessage => ({
  schema: MESSAGE_SCHEMA_ID,
  deviceId: 'gm-1',
  sentAt: '2026-11-30T12:00:00+09:00',
  source: { vendor: 'garmin', format: 'garmin-epoch' },
  payload: payload as VendorMessage['payload'],
});
const T = Date.parse('2026-11-30T10:00:00+09:00') / 1000;
const JST = 9 * 3600;
const epoch = (over: Record<string, unknown> = {}) => ({
  activityType: 'WALKING',
  startTimeInSeconds: T,
  startTimeOffsetInSeconds: JST,
  durationInSeconds: 900,
  steps: 100,
  activeTimeInSeconds: 300,
  ...over,
});
const plain = (m: VendorMessage['payload']) =>
  normaliseGarminEpoch(message(m)).readings.map(({ deviceId, source, ...r }) => r);

describe('the Garmin epoch adapter', () => {
  it('makes one step interval per epoch, written with the epoch local offset', () => {
    expect(
      plain({ epochs: [epoch(), epoch({ startTimeInSeconds: T + 900, steps: 7, startTimeOffsetInSeconds: 3600 })] }),
    ).toEqual([
      {
        metric: 'step_count',
        start: '2026-11-30T10:00:00.000+09:00',
        end: '2026-11-30T10:15:00.000+09:00',
        value: 100,
        unit: '{steps}',
      },
      {
        metric: 'step_count',
        start: '2026-11-30T02:15:00.000+01:00',
        end: '2026-11-30T02:30:00.000+01:00',
        value: 7,
        unit: '{steps}',
      },
    ]);
  });

  it('adds the steps of records of one start across activity types; a later record of a type replaces the earlier', () => {
    const rs = plain({
      epochs: [
        epoch({ activityType: 'WALKING', steps: 100 }),
        epoch({ activityType: 'SEDENTARY', steps: 5, activeTimeInSeconds: 0 }),
        epoch({ activityType: 'WALKING', steps: 120 }),
      ],
    });
    expect(rs).toHaveLength(1);
    expect(rs[0]!.value).toBe(125);
  });

  it('turns heart-rate and SpO2 maps into samples at start + offset seconds, in time order', () => {
    const midnight = Date.parse('2026-11-30T00:00:00+09:00') / 1000;
    const daily = {
      calendarDate: '2026-11-30',
      startTimeInSeconds: midnight,
      startTimeOffsetInSeconds: JST,
      durationInSeconds: 86_400,
    };
    const rs = plain({
      dailies: [{ ...daily, timeOffsetHeartRateSamples: { '36015': 80, '36000': 72 } }],
      pulseox: [{ ...daily, timeOffsetSpo2Values: { '36900': 97 } }],
    });
    expect(rs).toEqual([
      { metric: 'heart_rate', start: '2026-11-30T10:00:00.000+09:00', value: 72, unit: '/min' },
      { metric: 'heart_rate', start: '2026-11-30T10:00:15.000+09:00', value: 80, unit: '/min' },
      { metric: 'oxygen_saturation', start: '2026-11-30T10:15:00.000+09:00', value: 97, unit: '%' },
    ]);
  });

  it('turns sleep levels into stage intervals in minutes and a skin temperature summary into a span', () => {
    const night = Date.parse('2026-11-29T22:00:00+09:00') / 1000;
    const rs = plain({
      sleeps: [
        {
          calendarDate: '2026-11-30',
          startTimeInSeconds: night,
          startTimeOffsetInSeconds: JST,
          durationInSeconds: 5400,
          sleepLevelsMap: {
            rem: [{ startTimeInSeconds: night + 3600, endTimeInSeconds: night + 5400 }],
            light: [{ startTimeInSeconds: night, endTimeInSeconds: night + 1200 }],
            deep: [{ startTimeInSeconds: night + 1200, endTimeInSeconds: night + 3600 }],
          },
        },
      ],
      skinTemp: [
        {
          calendarDate: '2026-11-30',
          startTimeInSeconds: night,
          startTimeOffsetInSeconds: JST,
          durationInSeconds: 5400,
          avgDeviationCelsius: -0.4,
        },
      ],
    });
    expect(rs.filter((r) => r.metric === 'sleep').map((r) => [r.stage, r.value])).toEqual([
      ['light', 20],
      ['deep', 40],
      ['rem', 30],
    ]);
    expect(rs.at(-1)).toEqual({
      metric: 'skin_temperature_deviation',
      start: '2026-11-29T22:00:00.000+09:00',
      end: '2026-11-29T23:30:00.000+09:00',
      value: -0.4,
      unit: 'Cel',
    });
  });

  it('rejects a bad epoch alone with its zod path and keeps the others', () => {
    const { readings, rejected } = normaliseGarminEpoch(
      message({
        epochs: [
          epoch(),
          epoch({ startTimeInSeconds: T + 900, steps: -3 }),
          epoch({ startTimeInSeconds: T + 1800, activeTimeInSeconds: 901 }),
        ],
      }),
    );
    expect(readings.map((r) => r.start)).toEqual(['2026-11-30T10:00:00.000+09:00']);
    expect(rejected.map((r) => r.detail)).toEqual([
      expect.stringMatching(/^payload\.epochs\.1\.steps: /),
      expect.stringMatching(/^payload\.epochs\.2\.activeTimeInSeconds: .*exceeds/),
    ]);
    expect(rejected[0]!.raw).toMatchObject({ steps: -3 });
  });

  it('rejects a payload without any summary list as a whole', () => {
    const { readings, rejected } = normaliseGarminEpoch(message({ activities: [] }));
    expect(readings).toEqual([]);
    expect(rejected).toEqual([
      { index: 0, raw: { activities: [] }, detail: expect.stringMatching(/^payload: no data/) },
    ]);
    expect(normaliseGarminEpoch(message({ epochs: 'many' })).rejected[0]!.detail).toMatch(/^payload\.epochs: /);
  });
});
