import { describe, expect, it } from 'vitest';
import { toZonedIso, type ReadingInput } from '../../core/src/index.js';
import { defaultDeviceIds } from '../../device-sim/src/device-ids.js';
import { fixedOffsetIso, generateInterval } from '../../device-sim/src/generate.js';
import { createProfile, type WatchProfile } from '../../device-sim/src/profile.js';

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

describe('generateInterval', () => {
  it('gives identical readings for the same seed and device', () => {
    const a = span(createProfile(7, 'mmr-w-0003'), DAY0 + 8 * HOUR, DAY0 + 12 * HOUR, MIN);
    const b = span(createProfile(7, 'mmr-w-0003'), DAY0 + 8 * HOUR, DAY0 + 12 * HOUR, MIN);
    expect(b).toEqual(a);
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
    const byMinute = span(p, DAY0 + 9 * HOUR, DAY0 + 11 * HOUR, MIN).flat();
    const byFive = span(p, DAY0 + 9 * HOUR, DAY0 + 11 * HOUR, 5 * MIN).flat();
    expect(stepsOf(byFive)).toEqual(stepsOf(byMinute));
    expect(byFive.filter((r) => r.metric === 'body_temperature')).toEqual(
      byMinute.filter((r) => r.metric === 'body_temperature'),
    );
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

  it('keeps daily step totals in the range of older people in care, with whole steps per minute', () => {
    const weeklyMeans: number[] = [];
    for (const id of defaultDeviceIds(30)) {
      const p = createProfile(1, id);
      const week = generateInterval(p, DAY0, DAY0 + 7 * 24 * HOUR - MIN);
      const bad = stepsOf(week).filter((r) => !(Number.isInteger(r.value) && r.value >= 0 && r.value <= 250));
      expect(bad).toEqual([]);
      weeklyMeans.push(sumSteps(week) / 7);
    }
    expect(Math.min(...weeklyMeans)).toBeGreaterThan(150);
    expect(Math.max(...weeklyMeans)).toBeLessThan(8_000);
    // the cohort is mixed: some walk little, some a lot
    expect(Math.max(...weeklyMeans)).toBeGreaterThan(3 * Math.min(...weeklyMeans));
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
      expect(rs.filter((r) => r.metric === 'heart_rate').map((r) => Date.parse(r.start))).toEqual([end]);
      for (const r of stepsOf(rs)) {
        expect(Date.parse(r.end!)).toBeGreaterThan(t);
        expect(Date.parse(r.end!)).toBeLessThanOrEqual(end);
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

  it('samples oxygen saturation and body temperature on every 15-minute boundary', () => {
    const rs = span(createProfile(1, 'mmr-w-0002'), DAY0 + 6 * HOUR, DAY0 + 8 * HOUR, MIN).flat();
    const at = (metric: string) => rs.filter((r) => r.metric === metric).map((r) => r.start.slice(11, 16));
    const expected = ['06:15', '06:30', '06:45', '07:00', '07:15', '07:30', '07:45', '08:00'];
    expect(at('oxygen_saturation')).toEqual(expected);
    expect(at('body_temperature')).toEqual(expected);
  });

  it('raises the heart rate when the person walks', () => {
    const walking: number[] = [];
    const resting: number[] = [];
    for (const id of defaultDeviceIds(10)) {
      const p = createProfile(1, id);
      for (const rs of span(p, DAY0 + 8 * HOUR, DAY0 + 18 * HOUR, MIN)) {
        const steps = sumSteps(rs);
        const hr = rs.find((r) => r.metric === 'heart_rate')!.value;
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
    const [first] = generateInterval(createProfile(1, 'mmr-w-0001'), DAY0, DAY0 + MIN);
    expect(first!.start).toBe('2026-11-30T00:00:00.000+09:00');
  });

  it('refuses an empty interval', () => {
    expect(() => generateInterval(createProfile(1, 'mmr-w-0001'), DAY0, DAY0)).toThrow(RangeError);
  });
});
