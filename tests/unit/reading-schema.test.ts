import { describe, expect, it } from 'vitest';
import {
  METRICS,
  METRIC_NAMES,
  ReadingInputSchema,
  ReadingsMessageSchema,
  implausibility,
  MESSAGE_SCHEMA_ID,
} from '../../core/src/index.js';

const hr = { metric: 'heart_rate', start: '2026-11-30T10:00:00+09:00', value: 72, unit: '/min' };
const steps = { metric: 'step_count', start: '2026-11-30T10:00:00+09:00', end: '2026-11-30T10:01:00+09:00', value: 80, unit: '{steps}' };

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
    const sleep = { metric: 'sleep', start: '2026-11-30T01:00:00+09:00', end: '2026-11-30T01:30:00+09:00', value: 30, unit: 'min' };
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
    expect(METRIC_NAMES).toEqual(['heart_rate', 'step_count', 'oxygen_saturation', 'body_temperature', 'sleep']);
    expect(METRICS.heart_rate).toMatchObject({ loinc: '8867-4', unit: '/min' });
    expect(METRICS.step_count).toMatchObject({ loinc: '55423-8', unit: '{steps}', kind: 'interval' });
    expect(METRICS.oxygen_saturation).toMatchObject({ loinc: '59408-5', unit: '%', range: { min: 50, max: 100 } });
    expect(METRICS.body_temperature).toMatchObject({ loinc: '8310-5', unit: 'Cel', range: { min: 33, max: 43 } });
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
