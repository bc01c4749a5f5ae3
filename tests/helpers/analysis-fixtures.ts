import type { InfluxClient } from '../../core/src/index.js';
import { dailyPoint, localDayBounds } from '../../workers/src/rollups/daily-rollup.processor.js';
import type { DailySummary } from '../../workers/src/rollups/daily-summary.js';

export interface DayFixture {
  date: string;
  steps: number | null;
  valid: boolean;
  wearMinutes?: number;
  restingHeartRate?: number | null;
  sleepMinutes?: Record<string, number>;
}

/** Writes daily summaries as the rollup worker would (same point builder, Japan-local midnight). */
export async function writeDaily(influx: InfluxClient, pseudonym: string, days: DayFixture[]): Promise<void> {
  const points = days.map((d) => {
    const summary: DailySummary = {
      steps: d.steps,
      wearMinutes: d.wearMinutes ?? (d.valid ? 720 : 300),
      valid: d.valid,
      coverage: (d.wearMinutes ?? (d.valid ? 720 : 300)) / 1440,
      activeMinutes: d.steps === null ? null : Math.round(d.steps / 100),
      restingHeartRate: d.restingHeartRate ?? null,
      sleepMinutes: d.sleepMinutes ?? {},
      oxygenSaturation: null,
      bodyTemperature: null,
    };
    return dailyPoint(pseudonym, d.date, localDayBounds(d.date, 'Asia/Tokyo').dayStart, summary);
  });
  await influx.writePoints(points);
}

/** `count` consecutive days from `from` with the same steps and validity. */
export function run(from: string, count: number, steps: number, valid = true): DayFixture[] {
  const start = Date.parse(`${from}T00:00:00Z`);
  return Array.from({ length: count }, (_, i) => ({
    date: new Date(start + i * 86_400_000).toISOString().slice(0, 10),
    steps,
    valid,
  }));
}
