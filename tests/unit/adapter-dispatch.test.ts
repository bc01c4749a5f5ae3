import { describe, expect, it } from 'vitest';
import {
  CanonicalMessageSchema,
  MESSAGE_SCHEMA_ID,
  ReadingsMessageSchema,
  type DeviceEnrolments,
  type ReadingsMessage,
} from '../../core/src/index.js';
import { adapterTimeZone, deadLetterPayload, normaliseMessage } from '../../workers/src/normalise/index.js';

const envelope = { schema: MESSAGE_SCHEMA_ID, deviceId: 'd-1', sentAt: '2026-11-30T12:00:00+09:00' };
const hr = (value: number) => ({ metric: 'heart_rate', start: '2026-11-30T10:00:00+09:00', value, unit: '/min' });
const canonical = ReadingsMessageSchema.parse({
  ...envelope,
  source: { vendor: 'v', format: 'canonical' },
  readings: [{ ...hr(1), unit: 'bpm' }, hr(70), { metric: 'nope' }, hr(72)],
});
const fitbit = ReadingsMessageSchema.parse({
  ...envelope,
  source: { vendor: 'v', format: 'fitbit-intraday' },
  payload: {
    'activities-heart': [{ dateTime: '2026-11-30', value: {} }],
    'activities-heart-intraday': {
      dataset: [{ time: '10:00:00', value: 70 }],
      datasetInterval: 1,
      datasetType: 'second',
    },
  },
});
const device = (zones: Array<[number, string]>): DeviceEnrolments => ({
  deviceId: 'd-1',
  spans: zones.map(([validFrom, timeZone]) => ({ personId: 'p', pseudonym: 'x', validFrom, validTo: null, timeZone })),
});

describe('dispatching a message to the adapter of its format', () => {
  it('keeps each valid canonical reading next to its own raw element, whatever was rejected before it', () => {
    const { readings, raws, rejected } = normaliseMessage(canonical, { timeZone: 'Asia/Tokyo' });
    expect(readings.map((r) => r.value)).toEqual([70, 72]);
    expect(raws).toEqual([hr(70), hr(72)]);
    expect(rejected.map((r) => r.index)).toEqual([0, 2]);
  });

  it('reads vendor payloads with the adapter of source.format and the zone of the context', () => {
    const tokyo = normaliseMessage(fitbit, { timeZone: 'Asia/Tokyo' });
    const utc = normaliseMessage(fitbit, { timeZone: 'UTC' });
    expect(tokyo.readings[0]).toMatchObject({
      metric: 'heart_rate',
      start: '2026-11-30T10:00:00.000+09:00',
      source: { format: 'fitbit-intraday' },
    });
    expect(utc.readings[0]!.start).toBe('2026-11-30T10:00:00.000+00:00');
    // a vendor reading's raw is its canonical form, so a dead letter replays without the adapter
    expect(tokyo.raws).toEqual([
      { metric: 'heart_rate', start: '2026-11-30T10:00:00.000+09:00', value: 70, unit: '/min' },
    ]);
  });

  it("takes the envelope's time zone first, then the most recently enrolled wearer's, then Japan", () => {
    const hinted = { ...fitbit, timeZone: 'Europe/Paris' } as ReadingsMessage;
    const worn = device([
      [1, 'America/Chicago'],
      [2, 'Pacific/Auckland'],
    ]);
    expect(adapterTimeZone(hinted, worn)).toBe('Europe/Paris');
    expect(adapterTimeZone(fitbit, worn)).toBe('Pacific/Auckland');
    expect(adapterTimeZone(fitbit, null)).toBe('Asia/Tokyo');
    expect(adapterTimeZone(fitbit, device([]))).toBe('Asia/Tokyo');
  });

  it('dead-letters replayable payloads: the canonical subset, a whole vendor message, or vendor readings as canonical', () => {
    expect(deadLetterPayload(canonical, 'implausible', [hr(300)])).toEqual({ ...canonical, readings: [hr(300)] });
    expect(deadLetterPayload(fitbit, 'schema', [{ bad: true }])).toBe(fitbit);
    const asCanonical = deadLetterPayload(
      fitbit,
      'not_enrolled',
      normaliseMessage(fitbit, { timeZone: 'Asia/Tokyo' }).raws,
    );
    expect(CanonicalMessageSchema.parse(asCanonical)).toMatchObject({
      source: { vendor: 'v', format: 'canonical' },
      readings: [{ value: 70 }],
    });
  });
});
