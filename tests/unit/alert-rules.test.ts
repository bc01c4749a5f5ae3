import { describe, expect, it } from 'vitest';
import { DEFAULT_ALERT_SETTINGS } from '../../core/src/index.js';
import { evaluateAlertRules, type DayFacts, type PersonFacts } from '../../workers/src/alerts/alert-rules.js';

const NOW = Date.UTC(2026, 10, 30, 3);
const DAY = 86_400_000;
const kinds = (f: PersonFacts, s = DEFAULT_ALERT_SETTINGS) => evaluateAlertRules(f, s, NOW).map((c) => c.kind).sort();

/** n days ending yesterday, oldest first. */
function days(n: number, make: (i: number) => Partial<DayFacts>): DayFacts[] {
  return Array.from({ length: n }, (_, i) => ({
    dayStart: NOW - (n - i) * DAY,
    steps: 3000,
    valid: true,
    restingHeartRate: 62,
    ...make(i),
  }));
}

const quiet = (): PersonFacts => ({
  lastDataMs: NOW - 10 * 60_000,
  batteryPercent: 80,
  days: days(35, () => ({})),
  spo2BelowByLimit: { 90: 0 },
  maxTemperature24h: 36.5,
});

describe('alert rules', () => {
  it('raise nothing for a person whose data is steady', () => {
    expect(kinds(quiet())).toEqual([]);
  });

  it('raise no-data after the configured hours, and for a watch that never sent anything', () => {
    expect(kinds({ ...quiet(), lastDataMs: NOW - 8 * 3_600_000 - 1 })).toEqual(['no_data']);
    expect(kinds({ ...quiet(), lastDataMs: NOW - 8 * 3_600_000 })).toEqual([]);
    expect(kinds({ ...quiet(), lastDataMs: null })).toEqual(['no_data']);
    expect(kinds({ ...quiet(), lastDataMs: NOW - 3 * 3_600_000 }, { ...DEFAULT_ALERT_SETTINGS, noDataHours: 2 })).toEqual([
      'no_data',
    ]);
  });

  it('raise battery-low below the limit', () => {
    expect(kinds({ ...quiet(), batteryPercent: 14 })).toEqual(['battery_low']);
    expect(kinds({ ...quiet(), batteryPercent: 15 })).toEqual([]);
  });

  it('compare the last 7 valid days with the own 28-day baseline for a steps decline', () => {
    const declining = { ...quiet(), days: days(35, (i) => ({ steps: i >= 28 ? 1400 : 3000 })) };
    const c = evaluateAlertRules(declining, DEFAULT_ALERT_SETTINGS, NOW).find((x) => x.kind === 'steps_decline');
    expect(c?.detail).toMatchObject({ recentMean: 1400, baselineMean: 3000, percentOfBaseline: 46.7, recentDays: 7 });
    expect(kinds({ ...quiet(), days: days(35, (i) => ({ steps: i >= 28 ? 1600 : 3000 })) })).toEqual([]);
  });

  it('skip invalid days and need enough valid ones on both sides', () => {
    // the low days are invalid (watch barely worn): not a decline
    expect(kinds({ ...quiet(), days: days(35, (i) => (i >= 28 ? { steps: 100, valid: false } : {})) })).toEqual([]);
    const sparse = days(35, (i) => ({ steps: i >= 28 ? 500 : 3000, valid: i >= 32 || i < 3 }));
    expect(kinds({ ...quiet(), days: sparse })).toEqual([]);
  });

  it('raise a resting heart-rate rise of 10 or more over the baseline', () => {
    expect(kinds({ ...quiet(), days: days(35, (i) => ({ restingHeartRate: i >= 28 ? 72 : 62 })) })).toEqual([
      'resting_hr_rise',
    ]);
    expect(kinds({ ...quiet(), days: days(35, (i) => ({ restingHeartRate: i >= 28 ? 71.9 : 62 })) })).toEqual([]);
  });

  it('raise low SpO2 when repeated, and fever at 37.5 °C', () => {
    expect(kinds({ ...quiet(), spo2BelowByLimit: { 90: 3 } })).toEqual(['low_spo2']);
    expect(kinds({ ...quiet(), spo2BelowByLimit: { 90: 2 } })).toEqual([]);
    expect(kinds({ ...quiet(), maxTemperature24h: 37.5 })).toEqual(['fever']);
    expect(kinds({ ...quiet(), maxTemperature24h: 37.4 })).toEqual([]);
  });
});
