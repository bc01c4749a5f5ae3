import type { ReadingInput, WireFormat } from '../../../core/src/index.js';
import { fixedOffsetIso } from '../generate.js';
import { groupBy, localParts, offsetSecondsOf } from './local-parts.js';
import { GARMIN_EPOCH_MS } from './garmin-epoch.js';

const drop = (metrics: ReadingInput['metric'][]) => (r: ReadingInput) => !metrics.includes(r.metric);

/** Garmin: minute steps summed per 15-minute epoch. */
function epochSums(steps: ReadingInput[]): ReadingInput[] {
  return [...groupBy(steps, (s) => String(Math.floor(Date.parse(s.start) / GARMIN_EPOCH_MS)))].map(([i, minutes]) => {
    const iso = fixedOffsetIso(offsetSecondsOf(minutes[0]!.start) * 1000);
    const start = Number(i) * GARMIN_EPOCH_MS;
    const value = minutes.reduce((n, m) => n + m.value, 0);
    return { metric: 'step_count', start: iso(start), end: iso(start + GARMIN_EPOCH_MS), value, unit: '{steps}' };
  });
}

/**
 * The canonical readings a format's adapter gives back for the readings of one message, by the
 * format's documented limits (docs/formats.md): Fitbit drops status events and keeps the last
 * battery level of each local date; Garmin drops body temperature, battery and status events,
 * sums steps per 15-minute epoch and knows no 'asleep_unspecified' (light). Order: as the adapter's.
 */
export function expectedAfterRoundTrip(format: WireFormat, readings: ReadingInput[]): ReadingInput[] {
  if (format === 'canonical') return readings;
  if (format === 'fitbit-intraday') {
    const kept = readings.filter(drop(['device_status']));
    const lastBattery = new Set(
      [
        ...groupBy(
          kept.filter((r) => r.metric === 'battery_level'),
          (r) => localParts(r.start).date,
        ).values(),
      ].map((rs) => rs.at(-1)),
    );
    return kept.filter((r) => r.metric !== 'battery_level' || lastBattery.has(r));
  }
  const kept = readings.filter(drop(['body_temperature', 'battery_level', 'device_status']));
  const sleep = kept
    .filter((r) => r.metric === 'sleep')
    .map((r) => (r.stage === 'asleep_unspecified' ? { ...r, stage: 'light' as const } : r));
  return [
    ...epochSums(kept.filter((r) => r.metric === 'step_count')),
    ...kept.filter((r) => r.metric !== 'step_count' && r.metric !== 'sleep'),
    ...sleep,
  ];
}
