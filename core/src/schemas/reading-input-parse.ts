import type { z } from 'zod';
import { instantMs } from './instant.js';
import { DEVICE_STATUSES, METRICS, SLEEP_STAGES, isSpanMetric, type MetricName } from './metric-catalogue.js';
import { InstantSchema, ReadingInputSchema, type ReadingInput } from './reading.schema.js';

const KEYS = new Set<string>(Object.keys(ReadingInputSchema.shape));
/** The very pattern InstantSchema tests (zod checks an ISO datetime with this regex alone). */
const INSTANT = InstantSchema._zod.def.pattern!;
const STAGES = new Set<unknown>(SLEEP_STAGES);
const STATUSES = new Set<unknown>(DEVICE_STATUSES);
const MAX_SPAN_MS = 24 * 60 * 60 * 1000;

/**
 * True only for a reading that ReadingInputSchema accepts (the same rules, written out): a
 * well-formed reading then skips zod's copy and checks. Anything else, valid or not, is left to
 * zod, so zod alone decides what is rejected and writes every error.
 */
function certainlyValid(raw: unknown): raw is ReadingInput {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return false;
  for (const k in raw) if (!KEYS.has(k)) return false;
  const r = raw as Record<string, unknown>;
  const metric = r.metric;
  if (typeof metric !== 'string' || !Object.hasOwn(METRICS, metric)) return false;
  const def = METRICS[metric as MetricName];
  const value = r.value;
  if (typeof value !== 'number' || !Number.isFinite(value)) return false;
  if (typeof r.unit !== 'string' || r.unit !== def.unit || r.unit.length > 16) return false;
  const start = r.start;
  if (typeof start !== 'string' || !INSTANT.test(start)) return false;
  const end = r.end;
  if (isSpanMetric(def.name)) {
    if (typeof end !== 'string' || !INSTANT.test(end)) return false;
    const span = instantMs(end) - instantMs(start);
    if (!(span > 0 && span <= MAX_SPAN_MS)) return false;
  } else if (end !== undefined) return false;
  const stage = r.stage;
  if (metric === 'sleep' ? !STAGES.has(stage) : stage !== undefined) return false;
  const status = r.status;
  if (metric === 'device_status' ? !STATUSES.has(status) : status !== undefined) return false;
  const quality = r.quality;
  if (quality !== undefined) {
    if (!Array.isArray(quality) || quality.length > 8) return false;
    for (const q of quality) if (typeof q !== 'string' || q.length > 32) return false;
  }
  return true;
}

/**
 * `ReadingInputSchema.safeParse(raw)` with a fast path: a reading that certainly passes is
 * returned as it is (not copied; do not mutate it). The workers validate every reading alone,
 * and zod's parse of each was a large part of their CPU per reading (docs/performance.md).
 */
export function safeParseReadingInput(raw: unknown): z.ZodSafeParseResult<ReadingInput> {
  if (certainlyValid(raw)) return { success: true, data: raw };
  return ReadingInputSchema.safeParse(raw);
}
