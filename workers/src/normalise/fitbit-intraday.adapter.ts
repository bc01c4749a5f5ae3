import {
  FITBIT_ITEM_ARRAYS,
  FitbitDaySchema,
  METRICS,
  createLocalTimeResolver,
  isoAtOffset,
  splitLocalDateTime,
  type FitbitDay,
  type FitbitSleep,
  type SleepStage,
  type VendorMessage,
} from '../../../core/src/index.js';
import { parseWithItemRejects } from './item-parse.js';
import { createReadingCollector, type AdapterContext, type AdapterResult, type ReadingCollector } from './types.js';

const MINUTE = 60_000;

/** Fitbit sleep levels -> canonical stages ('restless' of classic logs counts as awake). */
const STAGE: Record<FitbitSleep['levels']['data'][number]['level'], SleepStage> = {
  wake: 'awake',
  awake: 'awake',
  restless: 'awake',
  light: 'light',
  deep: 'deep',
  rem: 'rem',
  asleep: 'asleep_unspecified',
};

const round2 = (n: number) => Math.round(n * 100) / 100;

type Resolve = ReturnType<typeof createLocalTimeResolver>;

function at(resolve: Resolve, date: string, time: string) {
  const { ms, offsetMs } = resolve(date, time);
  return { ms, iso: isoAtOffset(ms, offsetMs), later: (byMs: number) => isoAtOffset(ms + byMs, offsetMs) };
}

function atLocal(resolve: Resolve, localDateTime: string) {
  const { date, time } = splitLocalDateTime(localDateTime);
  return at(resolve, date, time);
}

function intraday(day: FitbitDay, resolve: Resolve, out: ReadingCollector): void {
  const steps = day['activities-steps-intraday'];
  const stepsDate = day['activities-steps']?.[0]?.dateTime;
  if (steps && stepsDate) {
    for (const e of steps.dataset) {
      const start = at(resolve, stepsDate, e.time);
      const end = start.later(steps.datasetInterval * MINUTE);
      out.add({ metric: 'step_count', start: start.iso, end, value: e.value, unit: METRICS.step_count.unit });
    }
  }
  const heart = day['activities-heart-intraday'];
  const heartDate = day['activities-heart']?.[0]?.dateTime;
  if (heart && heartDate) {
    for (const e of heart.dataset) {
      out.add({ metric: 'heart_rate', start: at(resolve, heartDate, e.time).iso, value: e.value, unit: '/min' });
    }
  }
}

function vitals(day: FitbitDay, resolve: Resolve, out: ReadingCollector): void {
  const fahrenheit = day.temperatureUnit === 'en_US';
  for (const m of day.spo2?.minutes ?? []) {
    out.add({ metric: 'oxygen_saturation', start: atLocal(resolve, m.minute).iso, value: m.value, unit: '%' });
  }
  for (const t of day.tempCore ?? []) {
    const celsius = fahrenheit ? round2(((t.value - 32) * 5) / 9) : t.value;
    out.add({ metric: 'body_temperature', start: atLocal(resolve, t.dateTime).iso, value: celsius, unit: 'Cel' });
  }
  for (const d of day.devices ?? []) {
    out.add({ metric: 'battery_level', start: atLocal(resolve, d.lastSyncTime).iso, value: d.batteryLevel, unit: '%' });
  }
}

function sleep(day: FitbitDay, resolve: Resolve, out: ReadingCollector): void {
  for (const s of day.sleep ?? []) {
    for (const level of s.levels.data) {
      const start = atLocal(resolve, level.dateTime);
      out.add({
        metric: 'sleep',
        start: start.iso,
        end: start.later(level.seconds * 1000),
        value: level.seconds / 60,
        unit: 'min',
        stage: STAGE[level.level],
      });
    }
  }
  const fahrenheit = day.temperatureUnit === 'en_US';
  (day.tempSkin ?? []).forEach((t, i) => {
    // the nightly value belongs to the main sleep that ended on its date
    const night = day.sleep?.find((s) => s.isMainSleep && s.dateOfSleep === t.dateTime);
    if (!night) return out.reject(t, `payload.tempSkin.${i}: no main sleep dated ${t.dateTime} in the document`);
    const relative = t.value.nightlyRelative;
    out.add({
      metric: 'skin_temperature_deviation',
      start: atLocal(resolve, night.startTime).iso,
      end: atLocal(resolve, night.endTime).iso,
      value: fahrenheit ? round2((relative * 5) / 9) : relative,
      unit: 'Cel',
    });
  });
}

/**
 * Fitbit-style intraday document(s) -> canonical readings. Local times carry no offset: they are
 * read in `ctx.timeZone` (the envelope's hint or the wearer's zone). Steps entries become
 * intervals of `datasetInterval` minutes; heart-rate entries samples; sleep levels stage
 * intervals (seconds -> minutes); `tempSkin` spans its main sleep; °F becomes °C.
 */
export function normaliseFitbitIntraday(message: VendorMessage, ctx: AdapterContext): AdapterResult {
  const out = createReadingCollector(message);
  const resolve = createLocalTimeResolver(ctx.timeZone);
  const many = Array.isArray(message.payload);
  const days: unknown[] = many ? (message.payload as unknown[]) : [message.payload];
  days.forEach((raw, i) => {
    const base = many ? ['payload', i] : ['payload'];
    const { data, rejected } = parseWithItemRejects(FitbitDaySchema, raw, FITBIT_ITEM_ARRAYS, base);
    for (const r of rejected) out.reject(r.raw, r.detail);
    if (!data) return;
    intraday(data, resolve, out);
    vitals(data, resolve, out);
    sleep(data, resolve, out);
  });
  return out.result();
}
