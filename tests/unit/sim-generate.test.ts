import { describe, expect, it } from 'vitest';
import { toZonedIso, type ReadingInput } from '../../core/src/index.js';
import { defaultDeviceIds } from '../../device-sim/src/device-ids.js';
import { fixedOffsetIso, generateInterval } from '../../device-sim/src/generate.js';
import { createProfile, type WatchProfile } from '../../device-sim/src/profile.js';
import { deviceStateAt } from '../../device-sim/src/wear.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY0 = Date.parse('2026-11-30T00:00:00+09:00');

/** Readings of one watch over [from, to) in intervals of stepMs. */
function span(profile: WatchProfile, from: number, to: number, stepMs: number): ReadingInput[][] {
  const out: ReadingInput[][] = [];
  for (let t = from; t < to; t += stepMs) out.push(generateInterval(profile, t, Math.min(t + stepMs, to)));
  return out;
}

const stepsOf = (rs: ReadingInput[]) => rs.filter((r) => r.metric === 'step_count');
const sumSteps = (rs: ReadingInput[]) => stepsOf(rs).reduce((a, r) => a + r.value, 0);
const key = (r: ReadingInput) => `${r.metric}|${r.start}|${r.stage ?? r.status ?? ''}`;

// generating weeks of data: slow on a busy machine
describe('generateInterval', { timeout: 60_000 }, () => {
  it('gives identical readings of every metric for the same seed and device', () => {
    const a = span(createProfile(7, 'mmr-w-0003'), DAY0, DAY0 + 24 * HOUR, HOUR);
    const b = span(createProfile(7, 'mmr-w-0003'), DAY0, DAY0 + 24 * HOUR, HOUR);
    expect(b).toEqual(a);
    expect(new Set(a.flat().map((r) => r.metric)).size).toBeGreaterThanOrEqual(6);
  });

  it('gives different readings for different seeds and for different devices', () => {
    const base = span(createProfile(1, 'mmr-w-0003'), DAY0 + 8 * HOUR, DAY0 + 12 * HOUR, MIN).flat();
    const otherSeed = span(createProfile(2, 'mmr-w-0003'), DAY0 + 8 * HOUR, DAY0 + 12 * HOUR, MIN).flat();
    const otherDevice = span(createProfile(1, 'mmr-w-0004'), DAY0 + 8 * HOUR, DAY0 + 12 * HOUR, MIN).flat();
    const values = (rs: ReadingInput[]) => rs.map((r) => r.value);
    expect(values(otherSeed)).not.toEqual(values(base));
    expect(values(otherDevice)).not.toEqual(values(base));
  });

  it('does not change the data when the interval length changes', () => {
    const p = createProfile(1, 'mmr-w-0010');
    const sorted = (rs: ReadingInput[]) => [...rs].sort((a, b) => key(a).localeCompare(key(b)));
    const byMinute = span(p, DAY0, DAY0 + 30 * HOUR, MIN).flat();
    const byHour = span(p, DAY0, DAY0 + 30 * HOUR, HOUR).flat();
    const byOdd = span(p, DAY0, DAY0 + 30 * HOUR, 7 * MIN + 30_000).flat();
    expect(sorted(byHour)).toEqual(sorted(byMinute));
    expect(sorted(byOdd)).toEqual(sorted(byMinute));
  });

  it('takes far fewer steps at 03:00 JST than at 10:00 JST across the cohort', () => {
    let night = 0;
    let morning = 0;
    for (const id of defaultDeviceIds(30)) {
      const p = createProfile(1, id);
      for (let d = 0; d < 3; d++) {
        const day = DAY0 + d * 24 * HOUR;
        night += sumSteps(generateInterval(p, day + 2.5 * HOUR, day + 3.5 * HOUR));
        morning += sumSteps(generateInterval(p, day + 9.5 * HOUR, day + 10.5 * HOUR));
      }
    }
    expect(morning).toBeGreaterThan(3_000);
    expect(night * 20).toBeLessThan(morning);
  });

  it('records steps and heart rate only while the watch is worn and has power (missing is not zero)', () => {
    for (const id of defaultDeviceIds(6)) {
      const p = createProfile(1, id);
      const day = span(p, DAY0, DAY0 + 24 * HOUR, HOUR).flat();
      const steps = stepsOf(day);
      expect(steps.every((r) => deviceStateAt(p, Date.parse(r.start)).recording)).toBe(true);
      const recordingMinutes = Array.from(
        { length: 1440 },
        (_, m) => deviceStateAt(p, DAY0 + m * MIN).recording,
      ).filter(Boolean);
      expect(steps).toHaveLength(recordingMinutes.length);
      expect(steps.every((r) => Number.isInteger(r.value) && r.value >= 0 && r.value <= 250)).toBe(true);
      // one heart-rate sample at the end of every recorded minute
      expect(day.filter((r) => r.metric === 'heart_rate').map((r) => Date.parse(r.start))).toEqual(
        steps.map((r) => Date.parse(r.end!)),
      );
    }
  });

  it('covers time with contiguous minute intervals, without gaps or overlaps, whatever the interval boundaries', () => {
    const p = createProfile(3, 'mmr-w-0001');
    const start = DAY0 + 10 * HOUR + 30_000; // not on a minute boundary
    const lengths = [15_000, 60_000, 90_000, 5 * MIN, 45_000, 7 * MIN];
    const steps: ReadingInput[] = [];
    let t = start;
    for (let i = 0; i < 40; i++) {
      const end = t + lengths[i % lengths.length]!;
      const rs = generateInterval(p, t, end);
      for (const r of [...stepsOf(rs), ...rs.filter((x) => x.metric === 'heart_rate')]) {
        const at = Date.parse(r.end ?? r.start);
        expect(at).toBeGreaterThan(t);
        expect(at).toBeLessThanOrEqual(end);
      }
      steps.push(...stepsOf(rs));
      t = end;
    }
    expect(steps.length).toBeGreaterThan(100);
    for (let i = 1; i < steps.length; i++) {
      expect(steps[i]!.start).toBe(steps[i - 1]!.end);
      expect(Date.parse(steps[i]!.end!) - Date.parse(steps[i]!.start)).toBe(MIN);
    }
  });

  it('samples oxygen saturation, body temperature and battery on 15-minute boundaries', () => {
    const p = createProfile(1, 'mmr-w-0002');
    const rs = span(p, DAY0 + 9 * HOUR, DAY0 + 11 * HOUR, MIN).flat();
    const at = (metric: string) => rs.filter((r) => r.metric === metric).map((r) => r.start.slice(11, 16));
    const expected = ['09:15', '09:30', '09:45', '10:00', '10:15', '10:30', '10:45', '11:00'];
    expect(deviceStateAt(p, DAY0 + 9 * HOUR).recording).toBe(true);
    expect(at('oxygen_saturation')).toEqual(expected);
    expect(at('body_temperature')).toEqual(expected);
    expect(at('battery_level')).toEqual(expected);
  });

  it('raises the heart rate when the person walks', () => {
    const walking: number[] = [];
    const resting: number[] = [];
    for (const id of defaultDeviceIds(10)) {
      const p = createProfile(1, id);
      for (const rs of span(p, DAY0 + 8 * HOUR, DAY0 + 18 * HOUR, MIN)) {
        const hr = rs.find((r) => r.metric === 'heart_rate')?.value;
        if (hr === undefined) continue;
        const steps = sumSteps(rs);
        if (steps >= 50) walking.push(hr);
        if (steps === 0) resting.push(hr);
      }
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(walking.length).toBeGreaterThan(20);
    expect(mean(walking) - mean(resting)).toBeGreaterThan(8);
  });

  it('writes instants with the +09:00 offset exactly as core toZonedIso does', () => {
    const format = fixedOffsetIso(9 * HOUR);
    for (const ms of [DAY0, DAY0 + 123_456_789, Date.parse('2027-01-01T00:00:00Z') - 1]) {
      expect(format(ms)).toBe(toZonedIso(ms));
    }
    const first = stepsOf(
      generateInterval(createProfile(1, 'mmr-w-0002'), DAY0 + 10 * HOUR, DAY0 + 10 * HOUR + MIN),
    )[0];
    expect(first!.start).toBe('2026-11-30T10:00:00.000+09:00');
  });

  it('refuses an empty interval', () => {
    expect(() => generateInterval(createProfile(1, 'mmr-w-0001'), DAY0, DAY0)).toThrow(RangeError);
  });
});
