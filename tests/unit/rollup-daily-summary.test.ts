import { describe, expect, it } from 'vitest';
import { localDayBounds } from '../../workers/src/rollups/daily-rollup.processor.js';
import { summariseDay, type DayInput } from '../../workers/src/rollups/daily-summary.js';
import { TouchedDays } from '../../workers/src/rollups/schedule-rollups.js';

const { dayStart, dayEnd } = localDayBounds('2026-11-30', 'Asia/Tokyo');
const MIN = 60_000;
const empty = (): DayInput => ({ dayStart, dayEnd, steps: [], heartRate: [], sleep: [], oxygenSaturation: [], bodyTemperature: [] });

describe('Japan-local days', () => {
  it('run from local midnight to local midnight', () => {
    expect(new Date(dayStart).toISOString()).toBe('2026-11-29T15:00:00.000Z');
    expect(dayEnd - dayStart).toBe(86_400_000);
    const eom = localDayBounds('2026-11-30', 'Asia/Tokyo');
    expect(new Date(localDayBounds('2026-12-01', 'Asia/Tokyo').dayStart).getTime()).toBe(eom.dayEnd);
  });

  it('are touched on both sides by an interval that crosses midnight', () => {
    const t = new TouchedDays();
    t.add('p1', 'Asia/Tokyo', dayEnd - 5 * MIN, dayEnd + 10 * MIN);
    expect(t.list().map((d) => d.date).sort()).toEqual(['2026-11-30', '2026-12-01']);
  });
});

describe('the daily summary', () => {
  it('splits a 15-minute epoch across local midnight in proportion', () => {
    const input = empty();
    input.steps.push({ start: dayEnd - 5 * MIN, durationMs: 15 * MIN, value: 300, device: 'w' });
    input.steps.push({ start: dayStart - 10 * MIN, durationMs: 15 * MIN, value: 150, device: 'w' });
    expect(summariseDay(input)!.steps).toBe(100 + 50);
  });

  it('counts steps from the one device with the most, so a phone and a watch are not added', () => {
    const input = empty();
    input.steps.push({ start: dayStart + 600 * MIN, durationMs: MIN, value: 80, device: 'watch' });
    input.steps.push({ start: dayStart + 601 * MIN, durationMs: MIN, value: 70, device: 'watch' });
    input.steps.push({ start: dayStart + 600 * MIN, durationMs: MIN, value: 100, device: 'phone' });
    expect(summariseDay(input)!.steps).toBe(150);
  });

  it('makes a day valid only with 600 minutes of wear and 100 steps', () => {
    const input = empty();
    for (let m = 0; m < 600; m++) input.heartRate.push({ time: dayStart + m * MIN + 1000, value: 70 });
    input.steps.push({ start: dayStart + 100 * MIN, durationMs: MIN, value: 100, device: 'w' });
    const s = summariseDay(input)!;
    expect(s).toMatchObject({ wearMinutes: 600, steps: 100, valid: true });
    expect(s.coverage).toBeCloseTo(600 / 1440, 5);
    input.heartRate.pop();
    expect(summariseDay(input)!.valid).toBe(false);
  });

  it('takes resting heart rate from the lowest still minutes', () => {
    const input = empty();
    for (let m = 0; m < 120; m++) input.heartRate.push({ time: dayStart + m * MIN, value: m < 30 ? 55 : 80 });
    // a walking minute with a low heart rate does not count as rest
    input.heartRate.push({ time: dayStart + 200 * MIN, value: 40 });
    input.steps.push({ start: dayStart + 200 * MIN, durationMs: MIN, value: 90, device: 'w' });
    expect(summariseDay(input)!.restingHeartRate).toBe(55);
  });

  it('counts active minutes at the configured cadence and sleep by stage of nights that end today', () => {
    const input = empty();
    input.steps.push({ start: dayStart + 500 * MIN, durationMs: MIN, value: 60, device: 'w' });
    input.steps.push({ start: dayStart + 501 * MIN, durationMs: MIN, value: 59, device: 'w' });
    input.sleep.push({ start: dayStart - 60 * MIN, durationMs: 90 * MIN, value: 90, stage: 'light' });
    input.sleep.push({ start: dayStart + 30 * MIN, durationMs: 30 * MIN, value: 30, stage: 'deep' });
    input.sleep.push({ start: dayEnd - 30 * MIN, durationMs: 60 * MIN, value: 60, stage: 'light' }); // ends tomorrow
    const s = summariseDay(input)!;
    expect(s.activeMinutes).toBe(1);
    expect(s.sleepMinutes).toEqual({ light: 90, deep: 30 });
  });

  it('reports SpO2 and temperature as min, mean and max, and nothing for a day without data', () => {
    const input = empty();
    input.oxygenSaturation.push(95, 97, 99);
    input.bodyTemperature.push(36.2, 36.8);
    const s = summariseDay(input)!;
    expect(s.oxygenSaturation).toEqual({ min: 95, mean: 97, max: 99 });
    expect(s.bodyTemperature).toEqual({ min: 36.2, mean: 36.5, max: 36.8 });
    expect(s.steps).toBeNull();
    expect(summariseDay(empty())).toBeNull();
  });
});
