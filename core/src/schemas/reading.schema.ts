import { z } from 'zod';
import { instantMs } from './instant.js';
import { DEVICE_STATUSES, METRIC_NAMES, METRICS, SLEEP_STAGES, isSpanMetric } from './metric-catalogue.js';

/** Device ids are topic-safe: no '/', '+', '#', so one id is exactly one topic level. */
export const DEVICE_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
export const VENDOR_PATTERN = /^[a-z0-9][a-z0-9_.-]{0,31}$/;
export const DeviceIdSchema = z
  .string()
  .regex(DEVICE_ID_PATTERN, 'device id: 1-64 of A-Z a-z 0-9 _ . -, starting alphanumeric');

/** ISO 8601 instant that carries its UTC offset (Z or ±hh:mm), as IEEE 1752.1 asks. */
export const InstantSchema = z.iso.datetime({ offset: true, precision: undefined });

export const MetricNameSchema = z.enum(METRIC_NAMES);
export const SleepStageSchema = z.enum(SLEEP_STAGES);
export const DeviceStatusSchema = z.enum(DEVICE_STATUSES);

const MAX_SPAN_MS = 24 * 60 * 60 * 1000;

/**
 * One reading as a gateway sends it in the canonical wire format (the device and source are
 * stated once in the message envelope).
 */
const readingFields = {
  metric: MetricNameSchema,
  start: InstantSchema,
  end: InstantSchema.optional(),
  value: z.number().finite(),
  unit: z.string().min(1).max(16),
  stage: SleepStageSchema.optional(),
  /** What happened, for `device_status` events only. */
  status: DeviceStatusSchema.optional(),
  quality: z.array(z.string().max(32)).max(8).optional(),
};

type ReadingFields = z.infer<z.ZodObject<typeof readingFields>>;

function checkReadingShape(r: ReadingFields, ctx: z.RefinementCtx): void {
  const def = METRICS[r.metric];
  if (r.unit !== def.unit) {
    ctx.addIssue({ code: 'custom', path: ['unit'], message: `${r.metric} is in '${def.unit}', not '${r.unit}'` });
  }
  if (isSpanMetric(r.metric)) {
    if (r.end === undefined) {
      ctx.addIssue({ code: 'custom', path: ['end'], message: `${r.metric} is an interval and needs an end` });
    } else {
      const span = instantMs(r.end) - instantMs(r.start);
      if (!(span > 0 && span <= MAX_SPAN_MS)) {
        ctx.addIssue({ code: 'custom', path: ['end'], message: 'end must be after start and at most 24 h later' });
      }
    }
  } else if (r.end !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['end'], message: `${r.metric} is a sample and has no end` });
  }
  if ((r.metric === 'sleep') !== (r.stage !== undefined)) {
    ctx.addIssue({ code: 'custom', path: ['stage'], message: 'stage is required for sleep and only for sleep' });
  }
  if ((r.metric === 'device_status') !== (r.status !== undefined)) {
    ctx.addIssue({
      code: 'custom',
      path: ['status'],
      message: 'status is required for device_status and only for device_status',
    });
  }
}

export const ReadingInputSchema = z.object(readingFields).strict().superRefine(checkReadingShape);
export type ReadingInput = z.infer<typeof ReadingInputSchema>;

/**
 * Wire formats a gateway may send; each has an adapter in workers (docs/formats.md). Canonical
 * messages carry `readings`; vendor formats carry the vendor's document as `payload`.
 */
export const WIRE_FORMATS = ['canonical', 'fitbit-intraday', 'garmin-epoch'] as const;
export const WireFormatSchema = z.enum(WIRE_FORMATS);
export type WireFormat = z.infer<typeof WireFormatSchema>;

/** The wire formats whose messages carry a vendor `payload` instead of canonical readings. */
export const VENDOR_FORMATS = ['fitbit-intraday', 'garmin-epoch'] as const;
export const VendorFormatSchema = z.enum(VENDOR_FORMATS);
export type VendorFormat = z.infer<typeof VendorFormatSchema>;

/** True for a format whose messages carry a vendor payload. */
export function isVendorFormat(format: unknown): format is VendorFormat {
  return (VENDOR_FORMATS as readonly unknown[]).includes(format);
}

export const SourceSchema = z
  .object({
    /** Who made the data: a vendor or the simulator ('mimamori-sim'); becomes an InfluxDB tag. */
    vendor: z.string().regex(VENDOR_PATTERN, 'vendor: 1-32 of a-z 0-9 _ . -'),
    format: WireFormatSchema,
  })
  .strict();
export type Source = z.infer<typeof SourceSchema>;

const vendorName = SourceSchema.shape.vendor;
/** Source of a canonical message. */
export const CanonicalSourceSchema = z.object({ vendor: vendorName, format: z.literal('canonical') }).strict();
/** Source of a vendor-format message. */
export const VendorSourceSchema = z.object({ vendor: vendorName, format: VendorFormatSchema }).strict();

/** The canonical reading every vendor format is normalised into (DESIGN.md §5). */
export const ReadingSchema = z
  .object({ ...readingFields, deviceId: DeviceIdSchema, source: SourceSchema })
  .strict()
  .superRefine(checkReadingShape);
export type Reading = z.infer<typeof ReadingSchema>;

/** Instant of a reading in epoch milliseconds. */
export function readingStartMs(r: ReadingInput): number {
  return instantMs(r.start);
}

/** Returns why a structurally valid reading is implausible, or null when it is plausible. */
export function implausibility(r: ReadingInput): string | null {
  const def = METRICS[r.metric];
  if (r.value < def.range.min || r.value > def.range.max) {
    return `${r.metric} ${r.value} ${def.unit} outside ${def.range.min}..${def.range.max}`;
  }
  if (def.maxPerMinute !== undefined && r.end !== undefined) {
    const minutes = (instantMs(r.end) - instantMs(r.start)) / 60_000;
    if (r.value > def.maxPerMinute * Math.max(minutes, 1 / 60)) {
      return `${r.metric} ${r.value} over ${minutes.toFixed(2)} min exceeds ${def.maxPerMinute}/min`;
    }
  }
  if (r.metric === 'sleep' && r.end !== undefined) {
    const minutes = (instantMs(r.end) - instantMs(r.start)) / 60_000;
    if (r.value > minutes + 1e-9) return `sleep ${r.value} min longer than its episode (${minutes} min)`;
  }
  return null;
}
