import { describe, expect, it } from 'vitest';
import {
  METRICS,
  METRIC_NAMES,
  ReadingInputSchema,
  ReadingsMessageSchema,
  describeZodError,
  implausibility,
  messageSize,
  MESSAGE_SCHEMA_ID,
} from '../../core/src/index.js';

const hr = { metric: 'heart_rate', start: '2026-11-30T10:00:00+09:00', value: 72, unit: '/min' };
const steps = {
  metric: 'step_count',
  start: '2026-11-30T10:00:00+09:00',
  end: '2026-11-30T10:01:00+09:00',
  value: 80,
  unit: '{steps}',
};

describe('the canonical reading schema', () => {
  it('accepts a heart-rate sample and a one-minute step interval', () => {
    expect(ReadingInputSchema.safeParse(hr).success).toBe(true);
    expect(ReadingInputSchema.safeParse(steps).success).toBe(true);
  });

  it('rejects a unit other than the catalogue unit, naming the path', () => {
    const r = ReadingInputSchema.safeParse({ ...hr, unit: 'bpm' });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual(['unit']);
  });

  it('requires an end after the start for intervals and forbids it for samples', () => {
    expect(ReadingInputSchema.safeParse({ ...steps, end: undefined }).success).toBe(false);
    expect(ReadingInputSchema.safeParse({ ...steps, end: steps.start }).success).toBe(false);
    expect(ReadingInputSchema.safeParse({ ...hr, end: '2026-11-30T10:01:00+09:00' }).success).toBe(false);
  });

  it('requires an explicit UTC offset on instants', () => {
    expect(ReadingInputSchema.safeParse({ ...hr, start: '2026-11-30T10:00:00' }).success).toBe(false);
    expect(ReadingInputSchema.safeParse({ ...hr, start: '2026-11-30T01:00:00Z' }).success).toBe(true);
  });

  it('requires a stage for sleep and only for sleep', () => {
    const sleep = {
      metric: 'sleep',
      start: '2026-11-30T01:00:00+09:00',
      end: '2026-11-30T01:30:00+09:00',
      value: 30,
      unit: 'min',
    };
    expect(ReadingInputSchema.safeParse(sleep).success).toBe(false);
    expect(ReadingInputSchema.safeParse({ ...sleep, stage: 'deep' }).success).toBe(true);
    expect(ReadingInputSchema.safeParse({ ...hr, stage: 'deep' }).success).toBe(false);
  });

  it('rejects unknown fields and non-finite values', () => {
    expect(ReadingInputSchema.safeParse({ ...hr, person: 'name' }).success).toBe(false);
    expect(ReadingInputSchema.safeParse({ ...hr, value: Number.NaN }).success).toBe(false);
  });
});

describe('plausibility against the metric catalogue', () => {
  it('flags values outside the hard range and accepts the range limits', () => {
    expect(implausibility({ ...hr, value: 24 } as never)).toMatch(/heart_rate 24/);
    expect(implausibility({ ...hr, value: 251 } as never)).toMatch(/outside 25..250/);
    expect(implausibility({ ...hr, value: 25 } as never)).toBeNull();
    expect(implausibility({ ...hr, value: 250 } as never)).toBeNull();
  });

  it('limits steps to 250 per minute of interval', () => {
    expect(implausibility({ ...steps, value: 250 } as never)).toBeNull();
    expect(implausibility({ ...steps, value: 251 } as never)).toMatch(/250\/min/);
  });

  it('carries LOINC codes and UCUM units for each starting metric', () => {
    expect(METRIC_NAMES).toEqual([
      'heart_rate',
      'step_count',
      'oxygen_saturation',
      'body_temperature',
      'sleep',
      'skin_temperature_deviation',
      'battery_level',
      'device_status',
    ]);
    expect(METRICS.heart_rate).toMatchObject({ loinc: '8867-4', unit: '/min' });
    expect(METRICS.step_count).toMatchObject({ loinc: '55423-8', unit: '{steps}', kind: 'interval' });
    expect(METRICS.oxygen_saturation).toMatchObject({ loinc: '59408-5', unit: '%', range: { min: 50, max: 100 } });
    expect(METRICS.body_temperature).toMatchObject({ loinc: '8310-5', unit: 'Cel', range: { min: 33, max: 43 } });
  });
});

describe('the metrics added for watches', () => {
  const at = '2026-11-30T10:00:00+09:00';
  it('takes battery level as a percentage sample from 0 to 100', () => {
    const battery = { metric: 'battery_level', start: at, value: 42, unit: '%' };
    expect(ReadingInputSchema.safeParse(battery).success).toBe(true);
    expect(implausibility({ ...battery, value: 101 } as never)).toMatch(/outside 0..100/);
  });

  it('takes a night of skin temperature deviation as a span in Cel within ±5', () => {
    const skin = {
      metric: 'skin_temperature_deviation',
      start: '2026-11-29T22:00:00+09:00',
      end: at,
      value: -0.3,
      unit: 'Cel',
    };
    expect(ReadingInputSchema.safeParse(skin).success).toBe(true);
    expect(ReadingInputSchema.safeParse({ ...skin, end: undefined }).success).toBe(false);
    expect(implausibility({ ...skin, value: 6 } as never)).toMatch(/outside -5..5/);
  });

  it('requires a status for device_status events and only for them', () => {
    const event = { metric: 'device_status', start: at, value: 1, unit: '{event}', status: 'charging_started' };
    expect(ReadingInputSchema.safeParse(event).success).toBe(true);
    const r = ReadingInputSchema.safeParse({ ...event, status: undefined });
    expect(r.error!.issues[0]!.path).toEqual(['status']);
    expect(ReadingInputSchema.safeParse({ ...event, status: 'exploded' }).success).toBe(false);
    expect(ReadingInputSchema.safeParse({ ...hr, status: 'on_wrist' }).success).toBe(false);
    expect(implausibility({ ...event, value: 2 } as never)).toMatch(/device_status 2/);
  });
});

describe('vendor-format envelopes', () => {
  const vendor = {
    schema: MESSAGE_SCHEMA_ID,
    deviceId: 'mmr-w-0001',
    sentAt: '2026-11-30T10:00:00+09:00',
    source: { vendor: 'mimamori-sim', format: 'garmin-epoch' },
    payload: { epochs: [{}, {}], dailies: [{ timeOffsetHeartRateSamples: { '0': 60, '15': 61, '30': 62 } }] },
  };
  it('carry a payload instead of readings, with an optional IANA time zone', () => {
    expect(ReadingsMessageSchema.safeParse(vendor).success).toBe(true);
    expect(ReadingsMessageSchema.safeParse({ ...vendor, timeZone: 'Europe/Berlin' }).success).toBe(true);
    expect(ReadingsMessageSchema.safeParse({ ...vendor, payload: [{ 'activities-steps': [] }] }).success).toBe(true);
  });

  it('name the path of what is wrong within the variant source.format selects', () => {
    const describe = (v: unknown) => {
      const r = ReadingsMessageSchema.safeParse(v);
      return r.success ? 'ok' : describeZodError(r.error);
    };
    expect(describe({ ...vendor, payload: undefined, readings: [hr] })).toMatch(/payload.*readings|readings.*payload/s);
    expect(describe({ ...vendor, timeZone: 'Mars/Olympus' })).toMatch(/^timeZone: /);
    expect(describe({ ...vendor, payload: 'text' })).toMatch(/^payload: /);
    expect(describe({ ...vendor, source: { vendor: 'x', format: 'canonical' } })).toMatch(/readings/);
    expect(describe({ ...vendor, source: { vendor: 'x', format: 'xml' } })).toMatch(/source\.format/);
  });

  it('count readings exactly for canonical messages and by estimate for vendor payloads', () => {
    expect(messageSize(ReadingsMessageSchema.parse(vendor))).toBe(2 + 3);
    const fitbit = {
      ...vendor,
      source: { vendor: 'x', format: 'fitbit-intraday' },
      payload: [
        { 'activities-steps-intraday': { dataset: [1, 2, 3] } },
        { 'activities-heart-intraday': { dataset: [1] } },
      ],
    };
    expect(messageSize(ReadingsMessageSchema.parse(fitbit))).toBe(4);
    expect(messageSize(ReadingsMessageSchema.parse({ ...vendor, payload: { nothing: true } }))).toBe(1);
  });
});

describe('the message envelope', () => {
  const msg = {
    schema: MESSAGE_SCHEMA_ID,
    deviceId: 'mmr-w-0001',
    sentAt: '2026-11-30T10:00:00+09:00',
    source: { vendor: 'mimamori-sim', format: 'canonical' },
    readings: [hr],
  };
  it('accepts a well-formed message and leaves reading validation to workers', () => {
    expect(ReadingsMessageSchema.safeParse({ ...msg, readings: [{ anything: true }] }).success).toBe(true);
  });
  it('rejects an empty batch, a topic-unsafe device id and an unknown format', () => {
    expect(ReadingsMessageSchema.safeParse({ ...msg, readings: [] }).success).toBe(false);
    expect(ReadingsMessageSchema.safeParse({ ...msg, deviceId: 'a/b' }).success).toBe(false);
    expect(ReadingsMessageSchema.safeParse({ ...msg, source: { vendor: 'x', format: 'csv' } }).success).toBe(false);
  });
});
