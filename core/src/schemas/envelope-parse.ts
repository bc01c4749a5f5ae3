import type { z } from 'zod';
import {
  MAX_READINGS_PER_MESSAGE,
  MESSAGE_SCHEMA_ID,
  ReadingsMessageSchema,
  type CanonicalMessage,
  type ReadingsMessage,
} from './message.schema.js';
import { DEVICE_ID_PATTERN, InstantSchema, VENDOR_PATTERN } from './reading.schema.js';

/** The very pattern InstantSchema tests (zod checks an ISO datetime with this regex alone). */
const INSTANT = InstantSchema._zod.def.pattern!;
const ENVELOPE_KEYS = new Set(['schema', 'deviceId', 'sentAt', 'source', 'readings']);
const SOURCE_KEYS = new Set(['vendor', 'format']);

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** No key outside `keys` (zod's strict objects reject them, its plain objects strip them). */
export function onlyKeys(v: Record<string, unknown>, keys: Set<string>): boolean {
  for (const k in v) if (!keys.has(k)) return false;
  return true;
}

/**
 * True only for a canonical envelope that CanonicalMessageSchema accepts unchanged (the same rules,
 * written out). Anything else, valid or not, is left to zod, which alone rejects and words why.
 */
export function certainlyValidCanonicalMessage(v: unknown): v is CanonicalMessage {
  if (!isRecord(v) || !onlyKeys(v, ENVELOPE_KEYS)) return false;
  if (v.schema !== MESSAGE_SCHEMA_ID) return false;
  const { deviceId, sentAt, source, readings } = v;
  if (typeof deviceId !== 'string' || !DEVICE_ID_PATTERN.test(deviceId)) return false;
  if (typeof sentAt !== 'string' || !INSTANT.test(sentAt)) return false;
  if (!isRecord(source) || !onlyKeys(source, SOURCE_KEYS) || source.format !== 'canonical') return false;
  if (typeof source.vendor !== 'string' || !VENDOR_PATTERN.test(source.vendor)) return false;
  return Array.isArray(readings) && readings.length >= 1 && readings.length <= MAX_READINGS_PER_MESSAGE;
}

/**
 * `ReadingsMessageSchema.safeParse(value)` with a fast path for canonical envelopes, which are
 * returned as they are (not copied; do not mutate). Ingest checks every message and the workers
 * every job with it: zod's copy of each envelope was much of their garbage (docs/performance.md).
 */
export function safeParseReadingsMessage(value: unknown): z.ZodSafeParseResult<ReadingsMessage> {
  if (certainlyValidCanonicalMessage(value)) return { success: true, data: value };
  return ReadingsMessageSchema.safeParse(value);
}
