import { describe, expect, it } from 'vitest';
import type { ReadingInput } from '../../core/src/index.js';
import { CARE_LEVELS, CARE_LEVEL_TRAITS } from '../../device-sim/src/care-levels.js';
import { weatherFactor, weekdayOf } from '../../device-sim/src/day-factors.js';
import { generateInterval } from '../../device-sim/src/generate.js';
import { createProfile } from '../../device-sim/src/profile.js';
import { sleepEpisode } from '../../device-sim/src/sleep.js';
import { wearDayOf } from '../../device-sim/src/wear.js';

const DAY = 86_400_000;
const DAY0 = Date.parse('2026-10-05T00:00:00+09:00'); // a Monday

/** Per local day of one person: steps, worn minutes, readings. */
function days(id: string, n: number, opts: Parameters<typeof createProfile>[3] = {}, seed = 1) {
  const profile = createProfile(seed, id, 'Asia/Tokyo', opts);
  return {
    profile,
    days: Array.from({ length: n }, (_, d) => {
      const readings = generateInterval(profile, DAY0 + d * DAY, DAY0 + (d + 1) * DAY);
      const steps = readings.filter((r) => r.metric === 'step_count');
      return { readings, steps: steps.reduce((a, r) => a + r.value, 0), wornMinutes: steps.length };
    }),
  };
}
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

// generating weeks of data: slow on a busy machine
describe('simulated people by care level (要支援1 .. 要介護5)', { timeout: 60_000 }, () => {
  it.each(CARE_LEVELS)('%s walks about the typical steps of the level on days the watch is worn', (careLevel) => {
    const [low, high] = CARE_LEVEL_TRAITS[careLevel].dailySteps;
    const means: number[] = [];
    for (let i = 0; i < 4; i++) {
      const { profile, days: ds } = days(`lvl-${careLevel}-${i}`, 14, { careLevel });
      expect(profile.dailySteps).toBeGreaterThanOrEqual(low);
      expect(profile.dailySteps).toBeLessThanOrEqual(high);
      means.push(mean(ds.filter((d) => d.wornMinutes >= 600).map((d) => d.steps)));
    }
    // what the watch records: a little less than walked (mornings before the watch goes on)
    expect(mean(means)).toBeGreaterThanOrEqual(low * 0.65);
    expect(mean(means)).toBeLessThanOrEqual(high * 1.1 + 30);
  });

  it('wears the watch 10-16 h a day when it comes off at night, and round the clock but charging otherwise', () => {
    const offAtNight: number[] = [];
    const allNight: number[] = [];
    for (let i = 0; i < 24; i++) {
      const { profile, days: ds } = days(`wear-${i}`, 10);
      // days the battery did not run flat (a forgotten charge cuts a day short)
      const normal = ds.filter(
        (d) => d.wornMinutes > 0 && !d.readings.some((r) => r.status === 'powered_off' || r.status === 'powered_on'),
      );
      (profile.nightWear ? allNight : offAtNight).push(...normal.map((d) => d.wornMinutes / 60).filter((h) => h > 8));
    }
    expect(offAtNight.length).toBeGreaterThan(30);
    expect(allNight.length).toBeGreaterThan(20);
    expect(Math.min(...offAtNight)).toBeGreaterThanOrEqual(9.5);
    expect(Math.max(...offAtNight)).toBeLessThanOrEqual(16.5);
    expect(mean(offAtNight)).toBeGreaterThan(11);
    expect(mean(allNight)).toBeGreaterThan(20);
    expect(Math.max(...allNight)).toBeLessThanOrEqual(24);
  });

  it('records 6-9 h of sleep a night in stages of typical shares, only for people wearing the watch at night', () => {
    let nights = 0;
    for (let i = 0; i < 20; i++) {
      const profile = createProfile(1, `sleep-${i}`);
      for (let w = wearDayOf(profile, DAY0 + 12 * 3_600_000); nights < 200 && w < wearDayOf(profile, DAY0) + 12; w++) {
        const night = sleepEpisode(profile, w);
        if (!profile.nightWear) expect(night).toBeNull();
        if (!night) continue;
        nights++;
        const minutes = (stage: string) =>
          night.stages.filter((s) => s.stage === stage).reduce((a, s) => a + (s.end - s.start) / 60_000, 0);
        const total = (night.end - night.start) / 60_000;
        const asleep = total - minutes('awake');
        expect(asleep / 60).toBeGreaterThanOrEqual(5.3);
        expect(asleep / 60).toBeLessThanOrEqual(9.6);
        expect(minutes('light') / total).toBeGreaterThan(0.42);
        expect(minutes('light') / total).toBeLessThan(0.68);
        expect(minutes('deep') / total).toBeGreaterThanOrEqual(0.1);
        expect(minutes('deep') / total).toBeLessThanOrEqual(0.2);
        expect(minutes('rem') / total).toBeGreaterThanOrEqual(0.18);
        expect(minutes('rem') / total).toBeLessThanOrEqual(0.26);
        expect(minutes('awake') / total).toBeGreaterThanOrEqual(0.03);
        expect(minutes('awake') / total).toBeLessThanOrEqual(0.13);
        expect(night.stages.every((s, k) => k === 0 || s.start === night.stages[k - 1]!.end)).toBe(true);
      }
    }
    expect(nights).toBeGreaterThan(40);
  });

  it('has resting heart rates of 55-80 and a lower heart rate asleep than awake', () => {
    const asleep: number[] = [];
    const awake: number[] = [];
    for (let i = 0; i < 10; i++) {
      const { profile, days: ds } = days(`hr-${i}`, 2);
      expect(profile.restingHeartRate).toBeGreaterThanOrEqual(55);
      expect(profile.restingHeartRate).toBeLessThanOrEqual(80);
      for (const r of ds.flatMap((d) => d.readings).filter((x) => x.metric === 'heart_rate')) {
        const hour = Number(r.start.slice(11, 13));
        if (hour >= 1 && hour < 4) asleep.push(r.value);
        if (hour >= 10 && hour < 12) awake.push(r.value);
      }
    }
    expect(asleep.length).toBeGreaterThan(100);
    expect(mean(awake) - mean(asleep)).toBeGreaterThan(6);
  });

  it('walks less at weekends and on rainy days, the same weather for everyone in the city', () => {
    const byWeekday = new Map<string, number[]>();
    const byWeather = { wet: [] as number[], dry: [] as number[] };
    for (let i = 0; i < 12; i++) {
      const { days: ds } = days(`week-${i}`, 28, { careLevel: 'support_2' });
      ds.forEach((d, k) => {
        if (d.wornMinutes < 600) return;
        const localDay = Math.floor((DAY0 + 9 * 3_600_000) / DAY) + k;
        const weekend = [0, 6].includes(weekdayOf(localDay)) ? 'weekend' : 'weekday';
        byWeekday.set(weekend, [...(byWeekday.get(weekend) ?? []), d.steps]);
        (weatherFactor(1, localDay) < 0.9 ? byWeather.wet : byWeather.dry).push(d.steps);
      });
    }
    expect(mean(byWeekday.get('weekend')!)).toBeLessThan(mean(byWeekday.get('weekday')!) * 0.95);
    expect(byWeather.wet.length).toBeGreaterThan(20);
    expect(mean(byWeather.wet)).toBeLessThan(mean(byWeather.dry) * 0.92);
    expect(weatherFactor(1, 20_400)).toBe(weatherFactor(1, 20_400));
    expect(weatherFactor(2, 20_400)).not.toBe(weatherFactor(1, 20_400));
  });
});

// generating weeks of data: slow on a busy machine
describe('the watch as a device', { timeout: 60_000 }, () => {
  const all = (n: number) =>
    Array.from({ length: n }, (_, i) => days(`dev-${i}`, 14)).map((x) => x.days.flatMap((d) => d.readings));
  const people = all(12);

  it('reports a battery level of 0-100 % that drains while worn and fills on the charger', () => {
    for (const rs of people) {
      const levels = rs.filter((r) => r.metric === 'battery_level').map((r) => r.value);
      expect(Math.min(...levels)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...levels)).toBe(100);
      const ups = levels.filter((v, i) => i > 0 && v > levels[i - 1]!).length;
      const downs = levels.filter((v, i) => i > 0 && v < levels[i - 1]!).length;
      expect(downs).toBeGreaterThan(ups);
    }
  });

  it('sends status events that pair up: off and on the wrist, charging started and stopped', () => {
    const statuses = (rs: ReadingInput[]) => rs.filter((r) => r.metric === 'device_status').map((r) => r.status!);
    for (const rs of people) {
      const s = statuses(rs);
      const count = (x: string) => s.filter((v) => v === x).length;
      expect(count('charging_started')).toBeGreaterThanOrEqual(8);
      expect(Math.abs(count('charging_started') - count('charging_stopped'))).toBeLessThanOrEqual(1);
      expect(Math.abs(count('off_wrist') - count('on_wrist'))).toBeLessThanOrEqual(1);
      expect(count('powered_off')).toBeLessThanOrEqual(count('battery_low'));
    }
    // somebody forgets to charge within two weeks: the watch goes flat and sends nothing until charged
    const flat = people.find((rs) => statuses(rs).includes('powered_off'));
    expect(flat).toBeDefined();
    const off = flat!.find((r) => r.status === 'powered_off')!;
    const on = flat!.find((r) => r.status === 'powered_on' && r.start > off.start)!;
    expect(flat!.filter((r) => r.start > off.start && r.start < on.start)).toEqual([]);
  });
});
