import { TZDate } from '@date-fns/tz';
import { z } from 'zod';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

function isCalendarDate(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** A local calendar date `YYYY-MM-DD` (no offset: vendor formats state local dates). */
export const LocalDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a local date YYYY-MM-DD')
  .refine((s) => isCalendarDate(+s.slice(0, 4), +s.slice(5, 7), +s.slice(8, 10)), 'no such date');

/** A local clock time `HH:MM:SS` (Fitbit intraday datasets). */
export const LocalTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/, 'a local time HH:MM:SS');

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.(\d{1,3}))?)?$/;

/** A local date-time without offset, `YYYY-MM-DDTHH:MM[:SS[.sss]]` (Fitbit sleep, SpO2, devices). */
export const LocalDateTimeSchema = z
  .string()
  .regex(LOCAL_DATE_TIME, 'a local date-time YYYY-MM-DDTHH:MM[:SS[.sss]] without offset')
  .refine((s) => isCalendarDate(+s.slice(0, 4), +s.slice(5, 7), +s.slice(8, 10)), 'no such date');

// Intl.DateTimeFormat takes ~50 us to build: remember the zones that passed (IANA has ~600 names,
// so this stays small; failures are not kept, so junk input cannot grow it)
const knownZones = new Set<string>();

/** True when the runtime knows the IANA time zone. */
export function isValidTimeZone(timeZone: string): boolean {
  if (knownZones.has(timeZone)) return true;
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    return false;
  }
  if (knownZones.size < 2_000) knownZones.add(timeZone);
  return true;
}

/** An IANA time zone name such as Asia/Tokyo. */
export const TimeZoneSchema = z.string().min(1).max(64).refine(isValidTimeZone, 'an IANA time zone such as Asia/Tokyo');

/** UTC offset of a time zone at an instant, in ms (Asia/Tokyo: +32,400,000). */
export function zoneOffsetAt(ms: number, timeZone: string): number {
  return -new TZDate(ms, timeZone).getTimezoneOffset() * MINUTE_MS;
}

const HOUR_MS = 3_600_000;
const two = (n: number) => (n < 10 ? `0${n}` : `${n}`);
const suffixes = new Map<number, string>();
let cachedHour = Number.NaN;
let cachedPrefix = '';

function offsetSuffix(offsetMs: number): string {
  let suffix = suffixes.get(offsetMs);
  if (suffix === undefined) {
    const abs = Math.abs(offsetMs) / MINUTE_MS;
    suffix = `${offsetMs < 0 ? '-' : '+'}${two(Math.floor(abs / 60))}:${two(abs % 60)}`;
    suffixes.set(offsetMs, suffix);
  }
  return suffix;
}

/**
 * ISO 8601 of an instant at a fixed UTC offset with milliseconds, e.g.
 * `2026-11-30T10:00:00.000+09:00` (the form core's toZonedIso gives). Hot in the simulator and
 * the adapters (millions of calls), so the date and hour part is reused within an hour.
 */
export function isoAtOffset(ms: number, offsetMs: number): string {
  const local = ms + offsetMs;
  const hour = Math.floor(local / HOUR_MS);
  if (hour !== cachedHour) {
    cachedHour = hour;
    cachedPrefix = new Date(hour * HOUR_MS).toISOString().slice(0, 14);
  }
  const rest = local - hour * HOUR_MS;
  const milli = rest % 1000;
  const millis = milli < 10 ? `00${milli}` : milli < 100 ? `0${milli}` : `${milli}`;
  return `${cachedPrefix}${two(Math.floor(rest / MINUTE_MS))}:${two(Math.floor((rest % MINUTE_MS) / 1000))}.${millis}${offsetSuffix(offsetMs)}`;
}

/** Resolved local time: the instant and the zone's offset there. */
export interface ResolvedLocalTime {
  ms: number;
  offsetMs: number;
}

/**
 * Resolves local dates and times of one zone to instants. A date without an offset change is
 * resolved with one offset (cached); on a DST transition day each time is resolved alone (a
 * repeated hour takes the earlier instant, a skipped one moves forward, as TZDate does).
 */
export function createLocalTimeResolver(timeZone: string) {
  const fixed = new Map<string, number | null>();
  const offsetOfDay = (date: string): number | null => {
    let o = fixed.get(date);
    if (o === undefined) {
      const [y, m, d] = [+date.slice(0, 4), +date.slice(5, 7), +date.slice(8, 10)];
      const t0 = new TZDate(y, m - 1, d, 0, 0, 0, timeZone).getTime();
      const t1 = new TZDate(y, m - 1, d + 1, 0, 0, 0, timeZone).getTime();
      o = t1 - t0 === DAY_MS ? Date.UTC(y, m - 1, d) - t0 : null;
      if (fixed.size > 400) fixed.clear();
      fixed.set(date, o);
    }
    return o;
  };
  /** `date` YYYY-MM-DD, `time` HH:MM[:SS[.sss]]. */
  return (date: string, time: string): ResolvedLocalTime => {
    const [y, m, d] = [+date.slice(0, 4), +date.slice(5, 7), +date.slice(8, 10)];
    const [h, mi, s = 0] = time.split(':').map(Number) as [number, number, number?];
    const naive = Date.UTC(y, m - 1, d, h, mi, 0) + Math.round(s * 1000);
    const offset = offsetOfDay(date);
    if (offset !== null) return { ms: naive - offset, offsetMs: offset };
    const ms = new TZDate(y, m - 1, d, h, mi, Math.floor(s), timeZone).getTime() + Math.round((s % 1) * 1000);
    return { ms, offsetMs: zoneOffsetAt(ms, timeZone) };
  };
}

/** Splits `YYYY-MM-DDTHH:MM[:SS[.sss]]` into date and time parts. */
export function splitLocalDateTime(text: string): { date: string; time: string } {
  return { date: text.slice(0, 10), time: text.slice(11) };
}
