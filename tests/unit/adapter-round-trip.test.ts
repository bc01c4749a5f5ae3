import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import {
  CanonicalMessageSchema,
  ReadingInputSchema,
  ReadingsMessageSchema,
  WIRE_FORMATS,
  deviceTopic,
  type ReadingInput,
  type WireFormat,
} from '../../core/src/index.js';
import { expectedAfterRoundTrip } from '../../device-sim/src/formats/coverage.js';
import { createDeviceEncoder } from '../../device-sim/src/formats/index.js';
import { FIXTURE_DIR, VENDOR_FIXTURE, renderFixture } from '../../device-sim/src/fixtures.js';
import { generateInterval } from '../../device-sim/src/generate.js';
import { createProfile } from '../../device-sim/src/profile.js';
import { normaliseMessage } from '../../workers/src/normalise/index.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY0 = Date.parse('2026-11-30T00:00:00+09:00');
const tokyo = { timeZone: 'Asia/Tokyo' };

const key = (r: ReadingInput) =>
  [r.metric, r.start, r.end ?? '', r.stage ?? '', r.status ?? '', r.value, r.unit].join('|');
const keys = (rs: ReadingInput[]) => rs.map(key).sort();
/** What the workers make of wire messages (envelope parsed as ingest does, then the adapter). */
function adapt(wire: unknown[]): ReadingInput[] {
  return wire.flatMap((w) => {
    const { readings, rejected } = normaliseMessage(ReadingsMessageSchema.parse(w), tokyo);
    expect(rejected).toEqual([]);
    return readings.map(({ deviceId: _d, source: _s, ...r }) => ReadingInputSchema.parse(r));
  });
}
const sum = (rs: ReadingInput[], metric: string) =>
  rs.filter((r) => r.metric === metric).reduce((n, r) => n + r.value, 0);

// generating weeks of data: slow on a busy machine
describe('a simulated day through each vendor format and back', { timeout: 60_000 }, () => {
  it.each(['fitbit-intraday', 'garmin-epoch'] as const)(
    '%s gives the canonical readings of the same day, by its documented limits',
    (format) => {
      for (const id of ['mmr-w-0002', 'mmr-w-0003', 'mmr-w-0005', 'mmr-w-0008']) {
        const profile = createProfile(1, id);
        const encoder = createDeviceEncoder(format, id);
        const wire: unknown[] = [];
        const expected: ReadingInput[] = [];
        const canonical: ReadingInput[] = [];
        for (let t = DAY0; t < DAY0 + 36 * HOUR; t += HOUR) {
          const rs = generateInterval(profile, t, t + HOUR);
          canonical.push(...rs);
          expected.push(...expectedAfterRoundTrip(format, rs));
          wire.push(...encoder.encode(rs, t + HOUR).map((m) => JSON.parse(JSON.stringify(m))));
        }
        const back = adapt(wire);
        expect(keys(back)).toEqual(keys(expected));
        // independent of the coverage rules: the day's steps, heart rate and sleep are all there
        expect(sum(back, 'step_count')).toBe(sum(canonical, 'step_count'));
        expect(keys(back.filter((r) => r.metric === 'heart_rate'))).toEqual(
          keys(canonical.filter((r) => r.metric === 'heart_rate')),
        );
        expect(sum(back, 'sleep')).toBe(sum(canonical, 'sleep'));
      }
    },
  );

  it('sums Garmin steps per 15-minute epoch even when the watch sends every minute (epochs wait until complete)', () => {
    const profile = createProfile(1, 'mmr-w-0003');
    const encoder = createDeviceEncoder('garmin-epoch', 'mmr-w-0003');
    const wire: unknown[] = [];
    const canonical: ReadingInput[] = [];
    const from = DAY0 + 9 * HOUR + 7 * MIN;
    for (let t = from; t < from + 2 * HOUR; t += MIN) {
      const rs = generateInterval(profile, t, t + MIN);
      canonical.push(...rs);
      wire.push(...encoder.encode(rs, t + MIN).map((m) => JSON.parse(JSON.stringify(m))));
    }
    wire.push(...encoder.flush(from + 2 * HOUR).map((m) => JSON.parse(JSON.stringify(m))));
    const epochs = adapt(wire).filter((r) => r.metric === 'step_count');
    const minutes = canonical.filter((r) => r.metric === 'step_count');
    // whole epochs (10:00.. complete) plus a partial first and last one from the edges of the span
    const whole = epochs.filter(
      (r) => Date.parse(r.start) >= DAY0 + 9 * HOUR + 15 * MIN && Date.parse(r.end!) <= from + 2 * HOUR,
    );
    expect(whole).toHaveLength(7);
    for (const e of whole) {
      const inside = minutes.filter(
        (m) => Date.parse(m.start) >= Date.parse(e.start) && Date.parse(m.start) < Date.parse(e.end!),
      );
      expect(inside).toHaveLength(15);
      expect(e.value).toBe(inside.reduce((n, m) => n + m.value, 0));
    }
    expect(sum(epochs, 'step_count')).toBe(sum(minutes, 'step_count'));
    expect(new Set(epochs.map((e) => e.start)).size).toBe(epochs.length);
  });
});

// generating weeks of data: slow on a busy machine
describe(
  'the committed vendor fixtures (tests/fixtures/vendor, from the simulator --dry-run)',
  { timeout: 60_000 },
  () => {
    const fixture = async (format: WireFormat) => readFile(new URL(`${format}.jsonl`, FIXTURE_DIR), 'utf8');
    const lines = (text: string) =>
      text
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { topic: string; payload: unknown });

    it.each(WIRE_FORMATS)(
      '%s is what the simulator makes today: regenerate with `npm run fixtures:vendor` when this fails',
      async (format) => {
        expect(await fixture(format)).toBe(await renderFixture(format));
      },
    );

    it.each(WIRE_FORMATS)('%s holds valid envelopes on the device topic', async (format) => {
      for (const { topic, payload } of lines(await fixture(format))) {
        expect(topic).toBe(deviceTopic(VENDOR_FIXTURE.topicRoot, VENDOR_FIXTURE.deviceId));
        expect(ReadingsMessageSchema.parse(payload).source.format).toBe(format);
      }
    });

    it.each(['fitbit-intraday', 'garmin-epoch'] as const)(
      '%s normalises to the canonical fixture, by the format limits',
      async (format) => {
        const canonical = lines(await fixture('canonical')).map(
          (l) => CanonicalMessageSchema.parse(l.payload).readings as ReadingInput[],
        );
        const expected = canonical.flatMap((rs) => expectedAfterRoundTrip(format, rs));
        const back = adapt(lines(await fixture(format)).map((l) => l.payload));
        expect(keys(back)).toEqual(keys(expected));
        expect(new Set(back.map((r) => r.metric))).toContain('sleep');
      },
    );
  },
);
