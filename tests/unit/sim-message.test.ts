import { describe, expect, it } from 'vitest';
import {
  CanonicalMessageSchema,
  METRICS,
  MESSAGE_SCHEMA_ID,
  ReadingInputSchema,
  ReadingsMessageSchema,
  implausibility,
  type ReadingInput,
} from '../../core/src/index.js';
import { defaultDeviceIds } from '../../device-sim/src/device-ids.js';
import { generateInterval } from '../../device-sim/src/generate.js';
import { SIM_SOURCE, buildReadingsMessage, encodeMessage } from '../../device-sim/src/message.js';
import { createProfile } from '../../device-sim/src/profile.js';

const MIN = 60_000;
const DAY0 = Date.parse('2026-11-30T00:00:00+09:00');

// generating weeks of data: slow on a busy machine
describe('simulated messages', { timeout: 60_000 }, () => {
  it('pass ReadingsMessageSchema, and every reading passes ReadingInputSchema within the METRICS hard ranges', () => {
    let messages = 0;
    const seen = new Set<string>();
    const problems: string[] = [];
    let readings = 0;
    for (const id of defaultDeviceIds(30)) {
      const profile = createProfile(1, id);
      // two whole days at 15-minute intervals: every hour of the rhythm, every metric
      for (let t = DAY0; t < DAY0 + 48 * 60 * MIN; t += 15 * MIN) {
        const wire = JSON.parse(
          encodeMessage(buildReadingsMessage(id, generateInterval(profile, t, t + 15 * MIN), t + 15 * MIN)).toString(),
        );
        const readingsOf = generateInterval(profile, t, t + 15 * MIN);
        if (readingsOf.length === 0) continue;
        messages++;
        const message = CanonicalMessageSchema.parse(ReadingsMessageSchema.parse(wire));
        if (message.deviceId !== id) problems.push(`${id}: deviceId ${message.deviceId}`);
        for (const raw of message.readings) {
          const r = ReadingInputSchema.parse(raw);
          const { range } = METRICS[r.metric];
          if (r.value < range.min || r.value > range.max) problems.push(`${id} ${r.metric} ${r.value} at ${r.start}`);
          const why = implausibility(r);
          if (why) problems.push(`${id}: ${why}`);
          seen.add(r.metric);
          readings++;
        }
      }
    }
    expect(problems).toEqual([]);
    // two days of 30 watches bring every metric of the catalogue
    expect([...seen].sort()).toEqual([...Object.keys(METRICS)].sort());
    expect(messages).toBeGreaterThan(30 * 192 * 0.6);
    expect(readings).toBeGreaterThan(messages * 10);
  });

  it('keep vitals in the ranges expected of older people at rest and in daily life', () => {
    const values = new Map<string, number[]>();
    for (const id of defaultDeviceIds(30)) {
      const profile = createProfile(1, id);
      for (let t = DAY0; t < DAY0 + 24 * 60 * MIN; t += 5 * MIN) {
        for (const r of generateInterval(profile, t, t + 5 * MIN)) {
          if (!values.has(r.metric)) values.set(r.metric, []);
          values.get(r.metric)!.push(r.value);
        }
      }
    }
    const range = (m: string) => [Math.min(...values.get(m)!), Math.max(...values.get(m)!)];
    const [hrMin, hrMax] = range('heart_rate');
    expect(hrMin).toBeGreaterThanOrEqual(40);
    expect(hrMax).toBeLessThanOrEqual(170);
    const [spo2Min, spo2Max] = range('oxygen_saturation');
    expect(spo2Min).toBeGreaterThanOrEqual(93);
    expect(spo2Max).toBeLessThanOrEqual(99);
    const [tMin, tMax] = range('body_temperature');
    expect(tMin).toBeGreaterThanOrEqual(35.8);
    expect(tMax).toBeLessThanOrEqual(37.2);
  });

  it('carry the simulator source, the message schema id and a +09:00 sentAt', () => {
    const readings: ReadingInput[] = [
      { metric: 'heart_rate', start: '2026-11-30T10:00:00.000+09:00', value: 70, unit: '/min' },
    ];
    const message = buildReadingsMessage('mmr-w-0001', readings, Date.parse('2026-11-30T01:00:00Z'));
    expect(message).toEqual({
      schema: MESSAGE_SCHEMA_ID,
      deviceId: 'mmr-w-0001',
      sentAt: '2026-11-30T10:00:00.000+09:00',
      source: { vendor: 'mimamori-sim', format: 'canonical' },
      readings,
    });
    expect(message.source).toBe(SIM_SOURCE);
  });
});
