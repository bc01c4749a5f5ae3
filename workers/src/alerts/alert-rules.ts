import type { AlertKind, AlertSettings } from '../../../core/src/index.js';

export interface DayFacts {
  dayStart: number;
  steps: number | null;
  valid: boolean;
  restingHeartRate: number | null;
}

/** What the rules need to know about one person at evaluation time. */
export interface PersonFacts {
  lastDataMs: number | null;
  batteryPercent: number | null;
  /** Daily summaries of about the last five weeks. */
  days: DayFacts[];
  /** SpO2 samples of the last 24 h below each limit in use (key: the limit in %). */
  spo2BelowByLimit: Record<number, number>;
  maxTemperature24h: number | null;
}

export interface RaisedCondition {
  kind: AlertKind;
  detail: Record<string, unknown>;
}

const DAY = 86_400_000;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * The person's last (up to) 7 valid days against the valid days of the 28 days before them: the
 * person's own baseline, so people with different care levels are judged against themselves.
 */
export function recentVersusBaseline(days: DayFacts[], pick: (d: DayFacts) => number | null, minDays: number) {
  const valid = days
    .filter((d) => d.valid && pick(d) !== null)
    .sort((a, b) => b.dayStart - a.dayStart);
  const recent = valid.slice(0, 7);
  if (recent.length < minDays) return null;
  const oldest = recent[recent.length - 1]!.dayStart;
  const baseline = valid.filter((d) => d.dayStart < oldest && d.dayStart >= oldest - 28 * DAY);
  if (baseline.length < minDays) return null;
  return {
    recent: mean(recent.map((d) => pick(d)!)),
    baseline: mean(baseline.map((d) => pick(d)!)),
    recentDays: recent.length,
    baselineDays: baseline.length,
  };
}

/** Evaluates every rule for one person; each condition that holds becomes (or stays) an alert. */
export function evaluateAlertRules(f: PersonFacts, s: AlertSettings, nowMs: number): RaisedCondition[] {
  const out: RaisedCondition[] = [];
  const silentMs = f.lastDataMs === null ? null : nowMs - f.lastDataMs;
  if (silentMs === null || silentMs > s.noDataHours * 3_600_000) {
    out.push({
      kind: 'no_data',
      detail: {
        lastDataAt: f.lastDataMs === null ? null : new Date(f.lastDataMs).toISOString(),
        hours: s.noDataHours,
      },
    });
  }
  if (f.batteryPercent !== null && f.batteryPercent < s.batteryLowPercent) {
    out.push({ kind: 'battery_low', detail: { percent: f.batteryPercent, limit: s.batteryLowPercent } });
  }
  const steps = recentVersusBaseline(f.days, (d) => d.steps, s.declineMinValidDays);
  if (steps && steps.baseline > 0 && steps.recent < (steps.baseline * s.declinePercent) / 100) {
    out.push({
      kind: 'steps_decline',
      detail: {
        recentMean: Math.round(steps.recent),
        baselineMean: Math.round(steps.baseline),
        percentOfBaseline: round1((steps.recent / steps.baseline) * 100),
        limitPercent: s.declinePercent,
        recentDays: steps.recentDays,
        baselineDays: steps.baselineDays,
      },
    });
  }
  const rhr = recentVersusBaseline(f.days, (d) => d.restingHeartRate, s.declineMinValidDays);
  if (rhr && rhr.recent - rhr.baseline >= s.restingHrRise) {
    out.push({
      kind: 'resting_hr_rise',
      detail: { recentMean: round1(rhr.recent), baselineMean: round1(rhr.baseline), rise: round1(rhr.recent - rhr.baseline) },
    });
  }
  const lowSpo2 = f.spo2BelowByLimit[s.lowSpo2Percent] ?? 0;
  if (lowSpo2 >= s.lowSpo2Count) {
    out.push({ kind: 'low_spo2', detail: { samplesBelow: lowSpo2, limitPercent: s.lowSpo2Percent } });
  }
  if (f.maxTemperature24h !== null && f.maxTemperature24h >= s.feverCelsius) {
    out.push({ kind: 'fever', detail: { maxCelsius: f.maxTemperature24h, limitCelsius: s.feverCelsius } });
  }
  return out;
}
