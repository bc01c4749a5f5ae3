import {
  GARMIN_ITEM_ARRAYS,
  GARMIN_SLEEP_LEVELS,
  GarminEpochPayloadSchema,
  isoAtOffset,
  type GarminEpoch,
  type GarminEpochPayload,
  type VendorMessage,
} from '../../../core/src/index.js';
import { parseWithItemRejects } from './item-parse.js';
import { createReadingCollector, type AdapterContext, type AdapterResult, type ReadingCollector } from './types.js';

const S = 1000;

/** Garmin instants: UTC epoch seconds, written with the record's own local offset. */
const iso = (seconds: number, offsetSeconds: number) => isoAtOffset(seconds * S, offsetSeconds * S);

/**
 * Records with one start are one epoch: steps add up over activity types, and within a type the
 * later record replaces the earlier one (a re-sent epoch). Across messages the point identity
 * (same start) makes the later epoch replace the earlier one in InfluxDB.
 */
function epochs(list: GarminEpoch[], out: ReadingCollector): void {
  const byStart = new Map<number, Map<string, GarminEpoch>>();
  for (const e of list) {
    const types =
      byStart.get(e.startTimeInSeconds) ?? byStart.set(e.startTimeInSeconds, new Map()).get(e.startTimeInSeconds)!;
    types.set(e.activityType, e);
  }
  for (const [start, types] of [...byStart].sort((a, b) => a[0] - b[0])) {
    const records = [...types.values()];
    const last = records.at(-1)!;
    const duration = Math.max(...records.map((r) => r.durationInSeconds));
    out.add({
      metric: 'step_count',
      start: iso(start, last.startTimeOffsetInSeconds),
      end: iso(start + duration, last.startTimeOffsetInSeconds),
      value: records.reduce((n, r) => n + r.steps, 0),
      unit: '{steps}',
    });
  }
}

type OffsetMapRecord = { startTimeInSeconds: number; startTimeOffsetInSeconds: number };

/** `{ "<seconds after start>": value }` -> samples, in time order. */
function offsetSamples(
  record: OffsetMapRecord,
  map: Record<string, number> | undefined,
  add: (startIso: string, value: number) => void,
): void {
  const entries = Object.entries(map ?? {})
    .map(([k, v]) => [Number(k), v] as const)
    .sort((a, b) => a[0] - b[0]);
  for (const [offset, value] of entries)
    add(iso(record.startTimeInSeconds + offset, record.startTimeOffsetInSeconds), value);
}

function summaries(p: GarminEpochPayload, out: ReadingCollector): void {
  for (const d of p.dailies ?? []) {
    offsetSamples(d, d.timeOffsetHeartRateSamples, (start, value) =>
      out.add({ metric: 'heart_rate', start, value, unit: '/min' }),
    );
  }
  for (const d of p.pulseox ?? []) {
    offsetSamples(d, d.timeOffsetSpo2Values, (start, value) =>
      out.add({ metric: 'oxygen_saturation', start, value, unit: '%' }),
    );
  }
  for (const s of p.sleeps ?? []) {
    const levels = GARMIN_SLEEP_LEVELS.flatMap((stage) =>
      (s.sleepLevelsMap[stage] ?? []).map((l) => ({ stage, ...l })),
    );
    for (const l of levels.sort((a, b) => a.startTimeInSeconds - b.startTimeInSeconds)) {
      out.add({
        metric: 'sleep',
        start: iso(l.startTimeInSeconds, s.startTimeOffsetInSeconds),
        end: iso(l.endTimeInSeconds, s.startTimeOffsetInSeconds),
        value: (l.endTimeInSeconds - l.startTimeInSeconds) / 60,
        unit: 'min',
        stage: l.stage,
      });
    }
  }
  for (const t of p.skinTemp ?? []) {
    out.add({
      metric: 'skin_temperature_deviation',
      start: iso(t.startTimeInSeconds, t.startTimeOffsetInSeconds),
      end: iso(t.startTimeInSeconds + t.durationInSeconds, t.startTimeOffsetInSeconds),
      value: t.avgDeviationCelsius,
      unit: 'Cel',
    });
  }
}

/**
 * Garmin-style push -> canonical readings. Epochs become step intervals of their duration
 * (activeTimeInSeconds and distance are not stored); heart-rate and SpO2 maps become samples at
 * start + offset seconds; sleep levels become stage intervals in minutes; skinTemp spans its
 * night. Instants are written with the record's startTimeOffsetInSeconds; `ctx` is not needed.
 */
export function normaliseGarminEpoch(message: VendorMessage, _ctx?: AdapterContext): AdapterResult {
  const out = createReadingCollector(message);
  const { data, rejected } = parseWithItemRejects(GarminEpochPayloadSchema, message.payload, GARMIN_ITEM_ARRAYS, [
    'payload',
  ]);
  for (const r of rejected) out.reject(r.raw, r.detail);
  if (data) {
    epochs(data.epochs ?? [], out);
    summaries(data, out);
  }
  return out.result();
}
