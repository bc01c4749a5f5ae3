import { TZDate } from '@date-fns/tz';
import { InvalidArgumentError } from 'commander';
import { DeviceIdSchema, JAPAN_TZ, localDate, parseDurationMs } from '../../core/src/index.js';

export const integer = (min: number, max: number) => (text: string) => {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`an integer from ${min} to ${max}`);
  return n;
};

export const duration = (min: number, max: number) => (text: string) => {
  let ms: number;
  try {
    ms = parseDurationMs(text);
  } catch {
    throw new InvalidArgumentError('a duration such as 15s, 60s, 5m, 2h or 1d');
  }
  if (ms < min || ms > max) throw new InvalidArgumentError(`between ${min / 1000} s and ${max / 1000} s`);
  return ms;
};

export const positive = (text: string) => {
  const n = Number(text);
  if (!(n > 0) || !Number.isFinite(n)) throw new InvalidArgumentError('a positive number');
  return n;
};

/** A number in [min, max]. */
export const between = (min: number, max: number) => (text: string) => {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n < min || n > max)
    throw new InvalidArgumentError(`a number from ${min} to ${max}`);
  return n;
};

/** A fault rate: a probability from 0 to 1. */
export const rate = between(0, 1);

export const deviceList = (text: string) => {
  const ids = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = ids.filter((id) => !DeviceIdSchema.safeParse(id).success);
  if (ids.length === 0 || bad.length)
    throw new InvalidArgumentError(`bad device ids: ${bad.join(', ') || '(none given)'}`);
  return [...new Set(ids)];
};

/** One of the given words. */
export const oneOf =
  <T extends string>(words: readonly T[]) =>
  (text: string): T => {
    if (!(words as readonly string[]).includes(text)) throw new InvalidArgumentError(`one of ${words.join(', ')}`);
    return text as T;
  };

/**
 * An instant: ISO 8601 with an offset (2026-11-30T09:00+09:00, ...Z), or a local date or
 * date-time without one, read in Asia/Tokyo (2026-11-30 is local midnight).
 */
export function parseStart(text: string): number {
  const local = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(text.trim());
  if (local) {
    const n = local.slice(1).map((v) => Number(v ?? 0));
    const ms = new TZDate(n[0]!, n[1]! - 1, n[2]!, n[3]!, n[4]!, n[5]!, JAPAN_TZ).getTime();
    // TZDate rolls 2026-02-30 over into March: refuse dates that do not exist
    if (localDate(ms) !== text.trim().slice(0, 10) || n[3]! > 23 || n[4]! > 59 || n[5]! > 59) {
      throw new InvalidArgumentError(`no such date or time: ${text}`);
    }
    return ms;
  }
  const ms = /(Z|[+-]\d{2}:?\d{2})$/i.test(text) ? Date.parse(text) : NaN;
  if (Number.isNaN(ms))
    throw new InvalidArgumentError('an ISO date-time such as 2026-11-30T09:00+09:00, or 2026-11-30');
  return ms;
}
